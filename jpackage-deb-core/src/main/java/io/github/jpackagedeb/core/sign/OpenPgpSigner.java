package io.github.jpackagedeb.core.sign;

import io.github.jpackagedeb.core.DebException;
import io.github.jpackagedeb.core.Setting;
import org.bouncycastle.bcpg.ArmoredOutputStream;
import org.bouncycastle.bcpg.BCPGOutputStream;
import org.bouncycastle.bcpg.HashAlgorithmTags;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPSignatureGenerator;
import org.bouncycastle.openpgp.PGPSignatureSubpacketGenerator;
import org.bouncycastle.openpgp.operator.bc.BcPGPContentSignerBuilder;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.Objects;

/**
 * Makes OpenPGP signatures (RFC 4880) with a {@link SigningKey}, the way Debian's tools expect them: SHA-512,
 * version 4 signatures carrying the signature time, the issuer key id and the issuer fingerprint.
 *
 * <p><b>Reproducible:</b> the signature time is a parameter (the build timestamp), never the clock, raised to the
 * signing key's creation time when it is older (a signature older than its key is invalid: gpg reports "key created
 * in the future"). Ed25519 (EdDSA, RFC 8032) and RSA PKCS#1 v1.5 signatures are deterministic, so the same key, time
 * and data give the same bytes. DSA and ECDSA signatures are randomised: valid, but different on each run.
 *
 * <p>Three shapes: {@link #detached} binary (debsigs' {@code _gpgorigin}), {@link #detachedArmored} ({@code
 * Release.gpg}, like {@code gpg -abs}) and {@link #clearSign} ({@code InRelease}, a signed {@code .changes}, like
 * {@code gpg --clearsign}).
 */
public final class OpenPgpSigner {

    private static final int HASH = HashAlgorithmTags.SHA512;

    private final SigningKey key;
    private final Instant time;

    /**
     * @param key  the unlocked key
     * @param time the signature time; raised to the key's creation time if older
     */
    public OpenPgpSigner(SigningKey key, Instant time) {
        this.key = Objects.requireNonNull(key, "key");
        Instant t = Instant.ofEpochSecond(Objects.requireNonNull(time, "time").getEpochSecond());
        this.time = t.isBefore(key.created()) ? key.created() : t;
    }

    /** The key that signs. */
    public SigningKey key() {
        return key;
    }

    /** The time written into each signature (seconds precision). */
    public Instant signatureTime() {
        return time;
    }

    /** A binary detached signature over the bytes that {@code content} writes. */
    public byte[] detached(Content content) {
        PGPSignature sig = sign(PGPSignature.BINARY_DOCUMENT, content);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (BCPGOutputStream bcpg = new BCPGOutputStream(out)) {
            sig.encode(bcpg);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out.toByteArray();
    }

    /** A binary detached signature of {@code data}. */
    public byte[] detached(byte[] data) {
        return detached(out -> out.write(data));
    }

    /** An ASCII-armored detached signature of {@code data} (what {@code gpg --armor --detach-sign} writes). */
    public byte[] detachedArmored(byte[] data) {
        return armor(detached(data));
    }

    /**
     * A cleartext-signed document (RFC 4880 section 7): the text, dash-escaped, then the armored signature over its
     * canonical form (lines ending CR LF, trailing blanks removed, without the line ending before the signature).
     *
     * @param text UTF-8 text; a missing final newline is added
     */
    public byte[] clearSign(String text) {
        String t = text.endsWith("\n") ? text : text + "\n";
        String[] lines = t.substring(0, t.length() - 1).split("\n", -1);
        StringBuilder canonical = new StringBuilder();
        StringBuilder shown = new StringBuilder();
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (line.endsWith("\r")) {
                line = line.substring(0, line.length() - 1);
            }
            String stripped = line.replaceAll("[ \\t]+$", "");
            if (i > 0) {
                canonical.append("\r\n");
            }
            canonical.append(stripped);
            shown.append(line.startsWith("-") ? "- " + line : line).append('\n');
        }
        byte[] signed = canonical.toString().getBytes(StandardCharsets.UTF_8);
        PGPSignature sig = sign(PGPSignature.CANONICAL_TEXT_DOCUMENT, out -> out.write(signed));
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        try (BCPGOutputStream bcpg = new BCPGOutputStream(raw)) {
            sig.encode(bcpg);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        String result = "-----BEGIN PGP SIGNED MESSAGE-----\nHash: SHA512\n\n" + shown
                + new String(armor(raw.toByteArray()), StandardCharsets.US_ASCII);
        return result.getBytes(StandardCharsets.UTF_8);
    }

    private PGPSignature sign(int type, Content content) {
        try {
            PGPSignatureGenerator gen = new PGPSignatureGenerator(
                    new BcPGPContentSignerBuilder(key.publicKey().getAlgorithm(), HASH), key.publicKey());
            gen.init(type, key.privateKey());
            PGPSignatureSubpacketGenerator hashed = new PGPSignatureSubpacketGenerator();
            hashed.setSignatureCreationTime(false, Date.from(time));
            hashed.setIssuerFingerprint(false, key.publicKey());
            hashed.setIssuerKeyID(false, key.publicKey().getKeyID());
            gen.setHashedSubpackets(hashed.generate());
            try (OutputStream out = new SignatureStream(gen)) {
                content.writeTo(out);
            }
            return gen.generate();
        } catch (PGPException e) {
            throw new DebException(Setting.SIGNING_KEY, key.keyId(), "signing failed: " + e.getMessage(),
                    "check that the key is a valid OpenPGP signing key (RSA or Ed25519 work everywhere).", e);
        } catch (IOException e) {
            throw new DebException(Setting.SIGNING_KEY, key.keyId(), "cannot read the data to sign: " + e.getMessage(),
                    "check that the file is readable.", e);
        }
    }

    /** ASCII armor without the Version header, lines of 64 characters, CRC24 checksum line. */
    static byte[] armor(byte[] binary) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ArmoredOutputStream armored = ArmoredOutputStream.builder().clearHeaders().build(out)) {
            armored.write(binary);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out.toByteArray();
    }

    /** Writes the data to sign. */
    @FunctionalInterface
    public interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    private static final class SignatureStream extends OutputStream {
        private final PGPSignatureGenerator gen;

        SignatureStream(PGPSignatureGenerator gen) {
            this.gen = gen;
        }

        @Override
        public void write(int b) {
            gen.update((byte) b);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            gen.update(b, off, len);
        }
    }
}
