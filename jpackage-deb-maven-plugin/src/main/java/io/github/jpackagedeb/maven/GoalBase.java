package io.github.jpackagedeb.maven;

import io.github.jpackagedeb.core.packaging.SigningInput;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugins.annotations.Component;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;
import org.apache.maven.settings.Settings;
import org.apache.maven.settings.crypto.SettingsDecrypter;

/** What every goal of the plugin shares: the project, the skip switch and the signing key with settings.xml. */
public abstract class GoalBase extends AbstractMojo {

    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    MavenProject project;

    /** Skips the goal (the deb and publish goals; the stage goal has jpackage-deb.stage.skip). */
    @Parameter(property = "jpackage-deb.skip", defaultValue = "false")
    boolean skip;

    /**
     * Signs the package with an embedded origin signature (debsigs' {@code _gpgorigin}, checked by debsig-verify), and
     * its .changes/.buildinfo; the publish goal signs the repository's InRelease and Release.gpg with it:
     * {@code <signing><keyring>key.asc</keyring></signing>}, passphrase from the environment variable
     * JPACKAGE_DEB_PASSPHRASE (or {@code <serverId>} of settings.xml). Off unless configured.
     */
    @Parameter
    SigningConfig signing;

    @Parameter(defaultValue = "${settings}", readonly = true)
    Settings settings;

    @Component
    SettingsDecrypter settingsDecrypter;

    /** True (after one info line naming the property) when the goal is skipped. */
    boolean skipped(String what) {
        if (skip) {
            getLog().info("Skipping " + what + " (jpackage-deb.skip)");
        }
        return skip;
    }

    /** The signing key of {@code <signing>}, or null. */
    SigningInput signingInput() {
        return SigningConfig.input(signing, settings, settingsDecrypter, System.getenv());
    }
}
