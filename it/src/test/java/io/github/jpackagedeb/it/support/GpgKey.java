package io.github.jpackagedeb.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * A test-only OpenPGP key made by the real {@code gpg} in a private GNUPGHOME (never committed):
 * {@code gpg --batch --passphrase P --quick-gen-key UID ed25519 sign never}, then exported as a user would: the secret
 * key armored ({@code --export-secret-keys --armor}) and the public certificate binary ({@code --export}), which is
 * what apt's {@code signed-by=} and debsig-verify's keyring take. The gpg-agent that gpg starts for the private
 * GNUPGHOME is stopped again ({@code gpgconf --kill gpg-agent}) so that no daemon outlives the test.
 *
 * @param home        the GNUPGHOME
 * @param secretKey   the exported secret key ({@code TEST-ONLY-secret-key.asc})
 * @param publicKey   the public certificate ({@code public-keyring.gpg})
 * @param fingerprint the primary key's fingerprint
 * @param passphrase  its passphrase
 */
public record GpgKey(Path home, Path secretKey, Path publicKey, String fingerprint, String passphrase) {

    /** Makes a key under {@code dir/name/}. */
    public static GpgKey generate(Path dir, String name, String passphrase) {
        Env.requireTool("gpg");
        try {
            Path base = Files.createDirectories(dir.resolve(name));
            Path home = Files.createDirectories(base.resolve("gnupg"));
            Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("rwx------"));
            run(home, "gpg", "--batch", "--pinentry-mode", "loopback", "--passphrase", passphrase, "--quick-gen-key",
                    "jpackage-deb IT key " + name + " <" + name + "@test.invalid>", "ed25519", "sign", "never");
            String colons = run(home, "gpg", "--batch", "--with-colons", "--list-secret-keys").stdout();
            String fpr = colons.lines().filter(l -> l.startsWith("fpr:")).findFirst().orElseThrow().split(":")[9];
            Path secret = base.resolve("TEST-ONLY-secret-key.asc");
            run(home, "gpg", "--batch", "--pinentry-mode", "loopback", "--passphrase", passphrase,
                    "--export-secret-keys", "--armor", "--output", secret.toString(), fpr);
            Path pub = base.resolve("public-keyring.gpg");
            run(home, "gpg", "--batch", "--export", "--output", pub.toString(), fpr);
            // gpg started an agent for this home; it would outlive the test
            run(home, "gpgconf", "--homedir", home.toString(), "--kill", "gpg-agent");
            return new GpgKey(home, secret, pub, fpr, passphrase);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Proc.Result run(Path home, String... cmd) {
        return Proc.of(cmd).env("GNUPGHOME", home.toString()).run();
    }

    /** The long key id (last 16 hex digits of the fingerprint). */
    public String keyId() {
        return fingerprint.substring(fingerprint.length() - 16);
    }
}
