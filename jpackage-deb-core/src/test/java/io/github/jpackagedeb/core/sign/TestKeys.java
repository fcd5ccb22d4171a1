package io.github.jpackagedeb.core.sign;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

/**
 * Test-only OpenPGP keys, made by the real {@code gpg} in a private GNUPGHOME under a temporary directory (never
 * committed): {@code gpg --batch --passphrase P --quick-gen-key UID ALGO sign never}, then the secret key exported
 * as the user would ({@code --export-secret-keys}, armored or binary) and the public certificate
 * ({@code --export}).
 *
 * @param home        the GNUPGHOME
 * @param secret      the exported secret key file
 * @param publicKey   the exported public certificate (binary), usable as an apt signed-by keyring
 * @param fingerprint the primary key's fingerprint
 * @param keyId       its long key id
 * @param passphrase  the passphrase ("" for none)
 */
public record TestKeys(Path home, Path secret, Path publicKey, String fingerprint, String keyId, String passphrase) {

    /** A fresh key in {@code dir/name/}: algo {@code ed25519} or {@code rsa3072}; armored export unless binary. */
    public static TestKeys generate(Path dir, String name, String algo, String passphrase, boolean armored) {
        Run.require("gpg");
        try {
            Path home = Files.createDirectories(dir.resolve(name).resolve("gnupg"));
            Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("rwx------"));
            Map<String, String> env = Map.of("GNUPGHOME", home.toString());
            String uid = "jpackage-deb test key " + name + " <" + name + "@test.invalid>";
            Run.ok(null, env, "gpg", "--batch", "--pinentry-mode", "loopback", "--passphrase", passphrase,
                    "--quick-gen-key", uid, algo, "sign", "never");
            String colons = Run.ok(null, env, "gpg", "--batch", "--with-colons", "--list-secret-keys").out();
            String fpr = colons.lines().filter(l -> l.startsWith("fpr:")).findFirst().orElseThrow().split(":")[9];
            Path secret = dir.resolve(name).resolve(armored ? "TEST-ONLY-secret-key.asc" : "TEST-ONLY-secret-key.gpg");
            Run.Result exp = Run.ok(null, env, "gpg", "--batch", "--pinentry-mode", "loopback", "--passphrase",
                    passphrase, "--export-secret-keys", "--output", secret.toString(),
                    armored ? "--armor" : "--no-armor", fpr);
            Path pub = dir.resolve(name).resolve("public-keyring.gpg");
            Run.ok(null, env, "gpg", "--batch", "--export", "--output", pub.toString(), fpr);
            // gpg started an agent for this home; it would outlive the test
            Run.ok(null, env, "gpgconf", "--homedir", home.toString(), "--kill", "gpg-agent");
            if (!Files.isRegularFile(secret) || Files.size(secret) == 0) {
                throw new IllegalStateException("gpg exported nothing: " + exp.describe());
            }
            return new TestKeys(home, secret, pub, fpr, fpr.substring(24), passphrase);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The passphrase as the environment would give it. */
    public Passphrase asPassphrase() {
        return Passphrase.fromEnvironment("TEST_PASSPHRASE", Map.of("TEST_PASSPHRASE", passphrase));
    }

    /** Loads the key through our own code. */
    public SigningKey load() {
        return SigningKey.load(secret, null, asPassphrase());
    }

    /** GNUPGHOME for gpg commands on this key. */
    public Map<String, String> env() {
        return Map.of("GNUPGHOME", home.toString());
    }
}
