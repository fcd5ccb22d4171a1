package io.github.jpackagedeb.core.sign;

import io.github.jpackagedeb.core.testing.Integration;

import io.github.jpackagedeb.core.DebException;
import io.github.jpackagedeb.core.DebLog;
import io.github.jpackagedeb.core.debfile.DebFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * debsigs-style origin signatures made in Java, checked with the real {@code debsig-verify} (policy and keyring in a
 * temporary directory, via its {@code --policies-dir}/{@code --keyrings-dir}) and the real {@code dpkg-deb}.
 */
@Integration
class DebSignerTest {

    @TempDir
    static Path tmp;
    static TestKeys ed;
    static TestKeys rsa;

    @BeforeAll
    static void keys() {
        Run.require("gpg", "debsig-verify", "dpkg-deb");
        ed = TestKeys.generate(tmp, "ed", "ed25519", "correct horse", true);
        rsa = TestKeys.generate(tmp, "rsa", "rsa3072", "", false);
    }

    /** debsig-verify with a policy that trusts exactly {@code keys}, laid out as debsig-verify(1) describes. */
    static Run.Result debsigVerify(Path deb, TestKeys keys) throws IOException {
        Path root = Files.createTempDirectory(tmp, "debsig-");
        Path pol = Files.createDirectories(root.resolve("policies").resolve(keys.keyId()));
        Path ring = Files.createDirectories(root.resolve("keyrings").resolve(keys.keyId()));
        Files.copy(keys.publicKey(), ring.resolve("debsig.gpg"));
        Files.writeString(pol.resolve("test.pol"), String.join("\n",
                "<?xml version=\"1.0\"?>",
                "<!DOCTYPE Policy SYSTEM \"https://www.debian.org/debsig/1.0/policy.dtd\">",
                "<Policy xmlns=\"https://www.debian.org/debsig/1.0/\">",
                "  <Origin Name=\"test\" id=\"" + keys.keyId() + "\" Description=\"jpackage-deb test key\"/>",
                "  <Selection><Required Type=\"origin\" File=\"debsig.gpg\" id=\"" + keys.keyId() + "\"/></Selection>",
                "  <Verification MinOptional=\"0\"><Required Type=\"origin\" File=\"debsig.gpg\" id=\""
                        + keys.keyId() + "\"/></Verification>",
                "</Policy>", ""));
        return Run.exec("debsig-verify", "--policies-dir", root.resolve("policies").toString(),
                "--keyrings-dir", root.resolve("keyrings").toString(), deb.toString());
    }

    private static Path freshDeb(String name) throws IOException {
        Path dir = Files.createTempDirectory(tmp, name + "-");
        return TestDebs.write(dir, name, "1.0-1", "all", "");
    }

    @Test
    void ed25519SignatureVerifiesWithDebsigVerifyAndIsReproducible() throws IOException {
        Path deb = freshDeb("hello");
        Run.Result unsigned = debsigVerify(deb, ed);
        assertEquals(10, unsigned.exit(), "no origin signature: " + unsigned.describe());

        DebFile signed = new DebSigner(new OpenPgpSigner(ed.load(), TestDebs.TIME), DebLog.SILENT).sign(deb);
        assertEquals(List.of("debian-binary", "control.tar.xz", "data.tar.xz", "_gpgorigin"),
                signed.members().stream().map(DebFile.Member::name).toList());
        Run.Result ok = debsigVerify(deb, ed);
        assertEquals(0, ok.exit(), ok.describe());
        assertTrue(ok.all().contains("Verified package from 'jpackage-deb test key'"), ok.describe());
        Run.ok("dpkg-deb", "--info", deb.toString());
        Run.ok("dpkg-deb", "--fsys-tarfile", deb.toString());

        // the same package signed again with the same key and time: the same bytes (Ed25519 is deterministic)
        Path again = freshDeb("hello");
        new DebSigner(new OpenPgpSigner(ed.load(), TestDebs.TIME), DebLog.SILENT).sign(again);
        assertArrayEquals(Files.readAllBytes(deb), Files.readAllBytes(again));

        // gpg itself agrees: the member is a detached signature over debian-binary + control.tar + data.tar
        Path dir = deb.getParent();
        Run.ok(dir, Map.of(), "ar", "x", deb.toString());
        Run.ok(dir, Map.of(), "sh", "-c", "cat debian-binary control.tar.xz data.tar.xz > signed-content");
        Run.Result gpg = Run.exec(dir, ed.env(), "gpg", "--batch", "--no-autostart", "--verify", "_gpgorigin", "signed-content");
        assertEquals(0, gpg.exit(), gpg.describe());
    }

    @Test
    void rsaKeyFromABinaryKeyringWithoutPassphrase() throws IOException {
        Path deb = freshDeb("rsa-app");
        SigningKey key = SigningKey.load(rsa.secret(), rsa.fingerprint(), Passphrase.none());
        assertEquals(rsa.keyId(), key.keyId());
        new DebSigner(new OpenPgpSigner(key, TestDebs.TIME), DebLog.SILENT).sign(deb);
        Run.Result r = debsigVerify(deb, rsa);
        assertEquals(0, r.exit(), r.describe());
        byte[] first = Files.readAllBytes(deb);
        // signing a signed package replaces its signature: same bytes again (RSA PKCS#1 v1.5 is deterministic)
        new DebSigner(new OpenPgpSigner(key, TestDebs.TIME), DebLog.SILENT).sign(deb);
        assertArrayEquals(first, Files.readAllBytes(deb));
    }

    @Test
    void tamperedOrForeignPackagesFailVerification() throws IOException {
        Path deb = freshDeb("tamper");
        new DebSigner(new OpenPgpSigner(ed.load(), TestDebs.TIME), DebLog.SILENT).sign(deb);
        DebFile f = DebFile.read(deb);
        byte[] bytes = Files.readAllBytes(deb);
        DebFile.Member data = f.member("data.tar.xz").orElseThrow();
        // change one byte inside data.tar.xz's compressed stream (after its header)
        bytes[(int) (data.offset() + data.size() / 2)] ^= 0x01;
        Files.write(deb, bytes);
        Run.Result r = debsigVerify(deb, ed);
        assertEquals(13, r.exit(), "a tampered package fails the verification phase: " + r.describe());

        Path other = freshDeb("foreign");
        new DebSigner(new OpenPgpSigner(rsa.load(), TestDebs.TIME), DebLog.SILENT).sign(other);
        Run.Result foreign = debsigVerify(other, ed);
        assertFalse(foreign.exit() == 0, "signed by a key the policy does not name: " + foreign.describe());
    }

    @Test
    void signatureTimeIsNeverOlderThanTheKey() {
        OpenPgpSigner s = new OpenPgpSigner(ed.load(), Instant.EPOCH);
        assertEquals(ed.load().created(), s.signatureTime());
    }

    @Test
    void badKeysAndPassphrasesAreClearErrorsAndLeaveThePackageAlone() throws IOException {
        Path deb = freshDeb("bad");
        byte[] before = Files.readAllBytes(deb);

        DebException missing = assertThrows(DebException.class,
                () -> SigningKey.load(tmp.resolve("nope.asc"), null, Passphrase.none()));
        assertEquals("signingKey", missing.field());
        assertTrue(missing.getMessage().contains("does not exist"), missing.getMessage());

        DebException pub = assertThrows(DebException.class,
                () -> SigningKey.load(ed.publicKey(), null, Passphrase.none()));
        assertEquals("signingKey", pub.field());
        assertTrue(pub.getMessage().contains("not an OpenPGP secret keyring"), pub.getMessage());

        DebException wrong = assertThrows(DebException.class, () -> SigningKey.load(ed.secret(), null,
                Passphrase.fromEnvironment("MY_PASS", Map.of("MY_PASS", "wrong horse battery"))));
        assertEquals("passphrase", wrong.field());
        assertEquals("MY_PASS", wrong.value());
        assertTrue(wrong.getMessage().contains("does not unlock"), wrong.getMessage());
        assertFalse(wrong.getMessage().contains("wrong horse"), "never shows the passphrase: " + wrong.getMessage());

        DebException unset = assertThrows(DebException.class, () -> SigningKey.load(ed.secret(), null,
                Passphrase.fromEnvironment("MY_PASS", Map.of())));
        assertEquals("passphrase", unset.field());
        assertTrue(unset.getMessage().contains("MY_PASS is not set"), unset.getMessage());

        DebException otherId = assertThrows(DebException.class,
                () -> SigningKey.load(ed.secret(), rsa.keyId(), ed.asPassphrase()));
        assertEquals("keyId", otherId.field());
        assertTrue(otherId.getMessage().contains(ed.keyId()), "lists the keys that are there: " + otherId.getMessage());

        DebException badId = assertThrows(DebException.class,
                () -> SigningKey.load(ed.secret(), "not-hex", ed.asPassphrase()));
        assertEquals("keyId", badId.field());

        Path corrupt = tmp.resolve("corrupt.deb");
        Files.write(corrupt, java.util.Arrays.copyOf(before, before.length - 100));
        byte[] corruptBefore = Files.readAllBytes(corrupt);
        DebException c = assertThrows(DebException.class,
                () -> new DebSigner(new OpenPgpSigner(ed.load(), TestDebs.TIME), DebLog.SILENT).sign(corrupt));
        assertEquals("deb", c.field());
        assertTrue(c.getMessage().contains("truncated"), c.getMessage());
        assertArrayEquals(corruptBefore, Files.readAllBytes(corrupt));
        assertArrayEquals(before, Files.readAllBytes(deb));
        try (var s = Files.list(corrupt.getParent())) {
            assertTrue(s.noneMatch(p -> p.getFileName().toString().endsWith(".tmp")), "no temporary file left");
        }
    }

    @Test
    void passphraseNeverShowsInToString() {
        Passphrase p = Passphrase.fromEnvironment("X", Map.of("X", "hunter2"));
        assertFalse(p.toString().contains("hunter2"));
        assertTrue(p.toString().contains("environment variable X"));
    }

    static void copy(Path from, Path to) throws IOException {
        Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING);
    }
}
