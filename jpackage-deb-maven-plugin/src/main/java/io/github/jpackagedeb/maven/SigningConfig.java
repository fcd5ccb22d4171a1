package io.github.jpackagedeb.maven;

import io.github.jpackagedeb.core.DebException;
import io.github.jpackagedeb.core.Setting;
import io.github.jpackagedeb.core.packaging.SigningInput;
import io.github.jpackagedeb.core.sign.OpenPgpSigner;
import io.github.jpackagedeb.core.sign.Passphrase;
import org.apache.maven.settings.Server;
import org.apache.maven.settings.Settings;
import org.apache.maven.settings.building.SettingsProblem;
import org.apache.maven.settings.crypto.DefaultSettingsDecryptionRequest;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.apache.maven.settings.crypto.SettingsDecryptionResult;

import java.io.File;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

/**
 * The {@code <signing>} block shared by the {@code deb} and {@code publish} goals. The key comes from a keyring file
 * and the passphrase from an environment variable, or both from a {@code settings.xml} server entry
 * ({@code <privateKey>} and {@code <passphrase>}, which Maven can keep encrypted). The passphrase is never logged.
 *
 * <pre>{@code
 * <signing>
 *   <keyring>${user.home}/.keys/apt-signing.asc</keyring>   <!-- gpg --export-secret-keys --armor KEYID -->
 *   <keyId>0x1234ABCD5678EF90</keyId>                        <!-- optional -->
 *   <passphraseEnvironmentVariable>APT_KEY_PASSPHRASE</passphraseEnvironmentVariable>
 * </signing>
 * <!-- or: <signing><serverId>apt-signing</serverId></signing> with, in ~/.m2/settings.xml,
 *      <server><id>apt-signing</id><privateKey>/path/key.asc</privateKey><passphrase>{...}</passphrase></server> -->
 * }</pre>
 */
public class SigningConfig {

    /** The default variable that holds the passphrase. */
    public static final String DEFAULT_PASSPHRASE_VARIABLE = "JPACKAGE_DEB_PASSPHRASE";

    /** The secret key file (armored or binary), as gpg --export-secret-keys writes it. */
    File keyring;
    /** Key id or fingerprint; default: the signing key of the file. */
    String keyId;
    /** The environment variable holding the passphrase; default JPACKAGE_DEB_PASSPHRASE. */
    String passphraseEnvironmentVariable;
    /** A settings.xml server whose privateKey / passphrase to use instead. */
    String serverId;
    /** Set to true to switch signing off (e.g. from a profile for local builds). */
    boolean skip;

    /** True when this block asks for signatures. */
    boolean enabled() {
        return !skip && (keyring != null || serverId != null);
    }

    /**
     * The key file, key id and passphrase this block names: its {@code <keyring>} and the passphrase variable, or
     * the {@code <privateKey>} and {@code <passphrase>} of its settings.xml server. Core loads and unlocks the key.
     */
    SigningInput input(Settings settings, SettingsDecrypter decrypter, Map<String, String> env) {
        if (serverId != null && !serverId.isBlank()) {
            Server server = settings == null ? null : settings.getServer(serverId);
            if (server == null) {
                throw new DebException(Setting.SIGNING_SERVER_ID, serverId,
                        "no <server> with this id is in settings.xml.",
                        "add <server><id>" + serverId + "</id><privateKey>/path/key.asc</privateKey><passphrase>…"
                                + "</passphrase></server> to ~/.m2/settings.xml.");
            }
            if (decrypter != null) {
                SettingsDecryptionResult r = decrypter.decrypt(new DefaultSettingsDecryptionRequest(server));
                for (SettingsProblem p : r.getProblems()) {
                    if (p.getSeverity() != SettingsProblem.Severity.WARNING) {
                        throw new DebException(Setting.SIGNING_SERVER_ID, serverId,
                                "its passphrase cannot be decrypted: "
                                + p.getMessage(), "check ~/.m2/settings-security.xml (mvn --encrypt-password).");
                    }
                }
                server = r.getServer();
            }
            if (server.getPrivateKey() == null || server.getPrivateKey().isBlank()) {
                throw new DebException(Setting.SIGNING_SERVER_ID, serverId, "the server has no <privateKey>.",
                        "set <privateKey> to the secret key file (gpg --export-secret-keys --armor KEYID > key.asc).");
            }
            Passphrase pass = server.getPassphrase() == null ? Passphrase.none()
                    : Passphrase.of(server.getPassphrase().toCharArray(), "the <passphrase> of settings.xml server '"
                    + serverId + "'");
            return new SigningInput(Path.of(server.getPrivateKey()), keyId, pass);
        }
        String variable = passphraseEnvironmentVariable == null || passphraseEnvironmentVariable.isBlank()
                ? DEFAULT_PASSPHRASE_VARIABLE : passphraseEnvironmentVariable;
        return new SigningInput(keyring.toPath(), keyId, Passphrase.fromEnvironment(variable, env));
    }

    /** What {@code signing} names, or null when it is absent or switched off. */
    static SigningInput input(SigningConfig signing, Settings settings, SettingsDecrypter decrypter, Map<String, String> env) {
        return signing != null && signing.enabled() ? signing.input(settings, decrypter, env) : null;
    }

    /** The signer for {@code signing}, with the key loaded and unlocked now, or null (the publish goal). */
    static OpenPgpSigner signer(SigningConfig signing, Instant timestamp, Settings settings, SettingsDecrypter decrypter,
                                Map<String, String> env) {
        SigningInput input = input(signing, settings, decrypter, env);
        return input == null ? null : new OpenPgpSigner(input.load(), timestamp);
    }
}
