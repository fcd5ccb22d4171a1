package io.github.jpackagedeb.cli;

import io.github.jpackagedeb.core.DebException;
import io.github.jpackagedeb.core.Setting;
import io.github.jpackagedeb.core.packaging.BuildRequest;
import io.github.jpackagedeb.core.packaging.SigningInput;
import io.github.jpackagedeb.core.sign.Passphrase;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** The signing options of {@code make-deb build}: the plugin's {@code <signing>} and {@code <changes>}, as flags. */
final class BuildSigningOptions {

    /** Where the passphrase of the signing key comes from, as in the plugin. */
    static final String PASSPHRASE = "JPACKAGE_DEB_PASSPHRASE";

    @Option(names = "--sign-key", paramLabel = "FILE", description = "Sign the package and its .changes with this secret "
            + "key (gpg --export-secret-keys --armor KEYID); passphrase from JPACKAGE_DEB_PASSPHRASE.")
    Path signKey;

    @Option(names = "--no-changes", description = "Do not write <pkg>_<version>_<arch>.changes and .buildinfo.")
    boolean noChanges;

    /** The signing key and the .changes switch mapped into the request; a missing key file is a problem. */
    void fill(BuildRequest.Builder b, Map<String, String> env, List<DebException> problems) {
        if (signKey != null) {
            if (!Files.isRegularFile(signKey)) {
                problems.add(new DebException(Setting.SIGNING_KEY, signKey.toString(), "no such file.",
                        "give the secret key file (gpg --export-secret-keys --armor KEYID > key.asc)."));
            }
            b.signing(new SigningInput(signKey, null, Passphrase.fromEnvironment(PASSPHRASE, env)));
        }
        b.changes(!noChanges);
    }
}
