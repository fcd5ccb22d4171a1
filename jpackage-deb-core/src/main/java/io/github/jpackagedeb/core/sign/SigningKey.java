package io.github.jpackagedeb.core.sign;

import io.github.jpackagedeb.core.DebException;
import io.github.jpackagedeb.core.Setting;
import org.bouncycastle.bcpg.sig.KeyFlags;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPPrivateKey;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPPublicKeyRing;
import org.bouncycastle.openpgp.PGPSecretKey;
import org.bouncycastle.openpgp.PGPSecretKeyRing;
import org.bouncycastle.openpgp.PGPSecretKeyRingCollection;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPUtil;
import org.bouncycastle.openpgp.operator.PBESecretKeyDecryptor;
import org.bouncycastle.openpgp.operator.bc.BcKeyFingerprintCalculator;
import org.bouncycastle.openpgp.operator.bc.BcPBESecretKeyDecryptorBuilder;
import org.bouncycastle.openpgp.operator.bc.BcPGPDigestCalculatorProvider;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * An unlocked OpenPGP signing key, loaded from a secret keyring file: what {@code gpg --export-secret-keys} writes,
 * ASCII-armored or binary. Which key signs:
 * <ul>
 *   <li>with a key id (16 hex digits, optionally {@code 0x}-prefixed), a fingerprint (40 hex digits, blanks
 *       allowed) or an 8-digit short id: that key, or when it is a primary key that may not sign, its newest signing
 *       subkey (as {@code gpg --default-key} does);</li>
 *   <li>without: the newest key of the file that may sign (key flags of its self-signature) and is neither revoked
 *       nor expired.</li>
 * </ul>
 * The passphrase only unlocks the key in memory; it is wiped after use and never appears in a message.
 */
public final class SigningKey {

    private static final Setting FIELD_KEYRING = Setting.SIGNING_KEY;
    private static final Setting FIELD_KEY_ID = Setting.KEY_ID;
    private static final Setting FIELD_PASSPHRASE = Setting.PASSPHRASE;

    private final PGPPublicKey publicKey;
    private final PGPPrivateKey privateKey;
    private final PGPPublicKeyRing publicRing;
    private final String userId;

    private SigningKey(PGPPublicKey publicKey, PGPPrivateKey privateKey, PGPPublicKeyRing publicRing, String userId) {
        this.publicKey = publicKey;
        this.privateKey = privateKey;
        this.publicRing = publicRing;
        this.userId = userId;
    }

    /**
     * Loads and unlocks a signing key.
     *
     * @param keyring    the secret keyring file (armored or binary)
     * @param keyId      key id, fingerprint or short id; null or blank for "the one signing key in the file"
     * @param passphrase the passphrase (or {@link Passphrase#none()} for an unprotected key)
     * @throws DebException naming {@code signingKey}, {@code keyId} or {@code passphrase} when the file is missing or
     *                      not a secret keyring, the key is absent, cannot sign, is expired or revoked, or the
     *                      passphrase is missing or wrong
     */
    public static SigningKey load(Path keyring, String keyId, Passphrase passphrase) {
        if (keyring == null) {
            throw new DebException(FIELD_KEYRING, null, "no signing key file was given.",
                    "export the key with gpg --export-secret-keys --armor KEYID > key.asc and name that file.");
        }
        PGPSecretKeyRingCollection rings = readRings(keyring);
        List<PGPSecretKey> candidates = new ArrayList<>();
        String wanted = keyId == null || keyId.isBlank() ? null : normalise(keyId);
        for (Iterator<PGPSecretKeyRing> it = rings.getKeyRings(); it.hasNext(); ) {
            PGPSecretKeyRing ring = it.next();
            PGPPublicKey primary = ring.getPublicKey();
            List<PGPSecretKey> keys = new ArrayList<>();
            ring.getSecretKeys().forEachRemaining(keys::add);
            if (wanted != null) {
                for (PGPSecretKey k : keys) {
                    if (matches(k.getPublicKey(), wanted)) {
                        if (canSign(k, primary)) {
                            candidates.add(k);
                        } else if (k.isMasterKey()) {
                            keys.stream().filter(s -> !s.isMasterKey() && canSign(s, primary)).forEach(candidates::add);
                        }
                    }
                }
            } else {
                keys.stream().filter(k -> canSign(k, primary)).forEach(candidates::add);
            }
        }
        if (candidates.isEmpty()) {
            List<String> available = describeAll(rings);
            if (wanted != null) {
                throw new DebException(FIELD_KEY_ID, keyId, "no usable signing key with this id or fingerprint is in "
                        + keyring + " (keys there: " + String.join("; ", available) + ").",
                        "name one of the keys listed (gpg --list-secret-keys --keyid-format long), or export the right key.");
            }
            throw new DebException(FIELD_KEYRING, keyring.toString(), "holds no key that may sign and is not expired or "
                    + "revoked (keys there: " + String.join("; ", available) + ").",
                    "export a signing key: gpg --export-secret-keys --armor KEYID > key.asc.");
        }
        // newest first: a rotated signing subkey wins over its predecessor
        candidates.sort((a, b) -> b.getPublicKey().getCreationTime().compareTo(a.getPublicKey().getCreationTime()));
        PGPSecretKey chosen = candidates.get(0);
        PGPSecretKeyRing ring = ringOf(rings, chosen);
        PGPPrivateKey priv = unlock(chosen, keyring, passphrase);
        PGPPublicKeyRing publicRing = publicRing(ring);
        String uid = null;
        Iterator<String> uids = ring.getPublicKey().getUserIDs();
        if (uids.hasNext()) {
            uid = uids.next();
        }
        return new SigningKey(chosen.getPublicKey(), priv, publicRing, uid);
    }

    private static PGPSecretKeyRingCollection readRings(Path keyring) {
        if (!Files.isRegularFile(keyring)) {
            throw new DebException(FIELD_KEYRING, keyring.toString(),
                    Files.exists(keyring) ? "is not a regular file." : "does not exist.",
                    "export the key with gpg --export-secret-keys --armor KEYID > key.asc and name that file.");
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(keyring);
        } catch (IOException e) {
            throw new DebException(FIELD_KEYRING, keyring.toString(), "cannot be read: " + e.getMessage(),
                    "check the file's permissions.", e);
        }
        try (InputStream in = PGPUtil.getDecoderStream(new java.io.ByteArrayInputStream(bytes))) {
            PGPSecretKeyRingCollection c = new PGPSecretKeyRingCollection(in, new BcKeyFingerprintCalculator());
            if (c.size() == 0) {
                throw new PGPException("no secret key rings");
            }
            return c;
        } catch (IOException | PGPException | RuntimeException e) {
            String hint = looksPublic(bytes) ? " It looks like a public key (gpg --export); a secret key is needed to sign."
                    : "";
            throw new DebException(FIELD_KEYRING, keyring.toString(), "is not an OpenPGP secret keyring." + hint,
                    "export the secret key: gpg --export-secret-keys --armor KEYID > key.asc.", e);
        }
    }

    private static boolean looksPublic(byte[] bytes) {
        String head = new String(bytes, 0, Math.min(bytes.length, 64), java.nio.charset.StandardCharsets.US_ASCII);
        return head.contains("PUBLIC KEY") || bytes.length > 0 && ((bytes[0] & 0xff) == 0x99 || (bytes[0] & 0xff) == 0xc6);
    }

    private static PGPPrivateKey unlock(PGPSecretKey key, Path keyring, Passphrase passphrase) {
        boolean protectedKey = key.getS2KUsage() != 0;
        char[] chars = passphrase.chars();
        try {
            if (protectedKey && chars == null) {
                String fix = passphrase.variable() != null
                        ? "export " + passphrase.variable() + " with the key's passphrase before the build."
                        : "give the key's passphrase.";
                throw new DebException(FIELD_PASSPHRASE, passphrase.variable(), "the key " + keyId(key.getPublicKey())
                        + " in " + keyring + " is protected by a passphrase, and " + passphrase.source() + " is not set.",
                        fix);
            }
            PBESecretKeyDecryptor decryptor = new BcPBESecretKeyDecryptorBuilder(new BcPGPDigestCalculatorProvider())
                    .build(chars == null ? new char[0] : chars);
            PGPPrivateKey priv = key.extractPrivateKey(decryptor);
            if (priv == null) {
                throw new PGPException("the secret key has no private part (a gpg stub: the key lives on a card)");
            }
            return priv;
        } catch (PGPException | RuntimeException e) {
            if (e instanceof DebException de) {
                throw de;
            }
            if (protectedKey) {
                throw new DebException(FIELD_PASSPHRASE, passphrase.variable(), "the passphrase from "
                        + passphrase.source() + " does not unlock the key " + keyId(key.getPublicKey()) + " in "
                        + keyring + ".", "set the key's passphrase (check it with gpg --pinentry-mode loopback --passwd).", e);
            }
            throw new DebException(FIELD_KEYRING, keyring.toString(), "the key " + keyId(key.getPublicKey())
                    + " cannot be used: " + e.getMessage(), "export the secret key again with gpg --export-secret-keys.", e);
        } finally {
            Passphrase.wipe(chars);
        }
    }

    private static boolean canSign(PGPSecretKey k, PGPPublicKey primary) {
        PGPPublicKey pub = k.getPublicKey();
        if (!k.isSigningKey() || k.isPrivateKeyEmpty() || pub.hasRevocation() || primary.hasRevocation()) {
            return false;
        }
        if (expired(pub) || expired(primary)) {
            return false;
        }
        Optional<Integer> flags = keyFlags(pub, k.isMasterKey());
        return flags.map(f -> (f & KeyFlags.SIGN_DATA) != 0).orElse(true);
    }

    private static boolean expired(PGPPublicKey pub) {
        long valid = pub.getValidSeconds();
        return valid > 0 && pub.getCreationTime().toInstant().plusSeconds(valid).isBefore(Instant.now());
    }

    /** The key flags of the newest self-signature (user id certification or subkey binding), if any has them. */
    private static Optional<Integer> keyFlags(PGPPublicKey pub, boolean primary) {
        Integer best = null;
        long bestTime = Long.MIN_VALUE;
        for (Iterator<PGPSignature> it = pub.getSignatures(); it.hasNext(); ) {
            PGPSignature sig = it.next();
            int type = sig.getSignatureType();
            boolean self = primary ? type == PGPSignature.POSITIVE_CERTIFICATION || type == PGPSignature.CASUAL_CERTIFICATION
                    || type == PGPSignature.NO_CERTIFICATION || type == PGPSignature.DEFAULT_CERTIFICATION
                    || type == PGPSignature.DIRECT_KEY : type == PGPSignature.SUBKEY_BINDING;
            if (!self || sig.getHashedSubPackets() == null) {
                continue;
            }
            int flags = sig.getHashedSubPackets().getKeyFlags();
            if (flags != 0 && sig.getCreationTime().getTime() >= bestTime) {
                best = flags;
                bestTime = sig.getCreationTime().getTime();
            }
        }
        return Optional.ofNullable(best);
    }

    private static boolean matches(PGPPublicKey pub, String wanted) {
        String fpr = HexFormat.of().withUpperCase().formatHex(pub.getFingerprint());
        return fpr.equals(wanted) || fpr.endsWith(wanted) && (wanted.length() == 16 || wanted.length() == 8);
    }

    private static String normalise(String keyId) {
        String s = keyId.replace(" ", "").toUpperCase(Locale.ROOT);
        if (s.startsWith("0X")) {
            s = s.substring(2);
        }
        if (!s.matches("[0-9A-F]{8}|[0-9A-F]{16}|[0-9A-F]{40}|[0-9A-F]{64}")) {
            throw new DebException(FIELD_KEY_ID, keyId, "is not a key id (8 or 16 hex digits) or a fingerprint (40 hex digits).",
                    "copy the id from gpg --list-secret-keys --keyid-format long.");
        }
        return s;
    }

    private static PGPSecretKeyRing ringOf(PGPSecretKeyRingCollection rings, PGPSecretKey key) {
        for (Iterator<PGPSecretKeyRing> it = rings.getKeyRings(); it.hasNext(); ) {
            PGPSecretKeyRing r = it.next();
            if (r.getSecretKey(key.getKeyID()) != null) {
                return r;
            }
        }
        throw new IllegalStateException("key not in its collection");
    }

    private static PGPPublicKeyRing publicRing(PGPSecretKeyRing ring) {
        List<PGPPublicKey> keys = new ArrayList<>();
        ring.getPublicKeys().forEachRemaining(keys::add);
        return new PGPPublicKeyRing(keys);
    }

    private static List<String> describeAll(PGPSecretKeyRingCollection rings) {
        List<String> out = new ArrayList<>();
        for (Iterator<PGPSecretKeyRing> it = rings.getKeyRings(); it.hasNext(); ) {
            PGPSecretKeyRing r = it.next();
            PGPPublicKey primary = r.getPublicKey();
            for (Iterator<PGPSecretKey> ks = r.getSecretKeys(); ks.hasNext(); ) {
                PGPSecretKey k = ks.next();
                out.add(keyId(k.getPublicKey()) + (k.isMasterKey() ? "" : " (subkey)")
                        + (canSign(k, primary) ? " can sign" : " cannot sign"));
            }
        }
        return out;
    }

    static String keyId(PGPPublicKey pub) {
        return String.format("%016X", pub.getKeyID());
    }

    // ------------------------------------------------------------------ accessors

    /** The long key id of the key that signs (16 upper-case hex digits). */
    public String keyId() {
        return keyId(publicKey);
    }

    /** The fingerprint of the key that signs (upper-case hex). */
    public String fingerprint() {
        return HexFormat.of().withUpperCase().formatHex(publicKey.getFingerprint());
    }

    /** The fingerprint of the certificate's primary key: what debsig-verify names its policy directory after. */
    public String primaryFingerprint() {
        return HexFormat.of().withUpperCase().formatHex(publicRing.getPublicKey().getFingerprint());
    }

    /** The first user id of the certificate, or null. */
    public String userId() {
        return userId;
    }

    /** When the signing key was created; no signature of it may be older. */
    public Instant created() {
        return publicKey.getCreationTime().toInstant();
    }

    /** The whole public certificate (primary key, user ids, subkeys), binary: a keyring for apt's signed-by. */
    public byte[] publicKeyring() {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            publicRing.encode(out, true);
            return out.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    PGPPublicKey publicKey() {
        return publicKey;
    }

    PGPPrivateKey privateKey() {
        return privateKey;
    }

    @Override
    public String toString() {
        return "SigningKey[" + keyId() + (userId != null ? " " + userId : "") + "]";
    }
}
