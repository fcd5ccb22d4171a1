package io.github.jpackagedeb.core.packaging;

import io.github.jpackagedeb.core.sign.Passphrase;
import io.github.jpackagedeb.core.sign.SigningKey;

import java.nio.file.Path;
import java.util.Objects;

/**
 * The key that signs the package (embedded origin signature) and its .changes/.buildinfo: a secret key file, the key
 * in it (null: its signing key) and its passphrase. Where they come from (an option, an environment variable, a
 * settings.xml server) is the front end's business.
 */
public record SigningInput(Path keyring, String keyId, Passphrase passphrase) {

    public SigningInput {
        Objects.requireNonNull(keyring, "keyring");
        passphrase = passphrase == null ? Passphrase.none() : passphrase;
    }

    /** Loads and unlocks the key. */
    public SigningKey load() {
        return SigningKey.load(keyring, keyId, passphrase);
    }
}
