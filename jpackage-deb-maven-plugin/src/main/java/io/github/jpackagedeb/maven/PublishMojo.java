package io.github.jpackagedeb.maven;

import io.github.jpackagedeb.core.DebException;
import io.github.jpackagedeb.core.Setting;
import io.github.jpackagedeb.core.assembly.BuildTimestamp;
import io.github.jpackagedeb.core.repo.AptRepository;
import io.github.jpackagedeb.core.sign.OpenPgpSigner;
import org.apache.maven.artifact.Artifact;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Adds the project's .deb to an apt repository directory (see docs/apt-repository.md): pool/, dists/&lt;suite&gt;,
 * signed InRelease and Release.gpg, every earlier version kept for rollbacks. Bound to {@code deploy} by default;
 * run it by hand with {@code mvn package jpackage-deb:publish -Djpackage-deb.repository=/srv/apt}.
 */
@Mojo(name = "publish", defaultPhase = LifecyclePhase.DEPLOY, threadSafe = false)
public class PublishMojo extends GoalBase {

    /** The repository directory (created if missing). */
    @Parameter(property = "jpackage-deb.repository", required = true)
    File repository;

    /** The package to add. Default: the .deb the {@code deb} goal attached, else the one .deb in the build directory. */
    @Parameter(property = "jpackage-deb.deb")
    File deb;

    /** The suite (dists/&lt;suite&gt;/) the package goes to, the name clients put in their sources.list. */
    @Parameter(property = "jpackage-deb.suite", defaultValue = "stable")
    String suite;

    /** The component (area) of the suite the package goes to. */
    @Parameter(property = "jpackage-deb.component", defaultValue = "main")
    String component;

    /** Default: kept from the repository, else the suite. */
    @Parameter(property = "jpackage-deb.codename")
    String codename;

    /** The Origin field clients can pin on; default: kept, else jpackage-deb. */
    @Parameter(property = "jpackage-deb.origin")
    String origin;

    /** Default: kept, else the origin. */
    @Parameter(property = "jpackage-deb.label")
    String label;

    /** Architectures to serve besides those the repository has; Architecture: all packages are listed in each. */
    @Parameter
    List<String> architectures;

    /** Replace a package with the same name, version and architecture but different bytes (normally refused). */
    @Parameter(property = "jpackage-deb.force", defaultValue = "false")
    boolean force;

    /** Write an unsigned repository (clients need [trusted=yes]); otherwise {@code <signing>} is required. */
    @Parameter(property = "jpackage-deb.unsigned", defaultValue = "false")
    boolean unsigned;

    @Parameter(defaultValue = "${project.build.directory}", readonly = true)
    File buildDirectory;

    @Override
    public void execute() throws MojoFailureException {
        if (skipped("publishing")) {
            return;
        }
        try {
            Path pkg = packageFile();
            Map<String, String> env = System.getenv();
            // the Release date: SOURCE_DATE_EPOCH (refused when it is not a number, as the deb goal does), else now
            Instant date = BuildTimestamp.resolve(null, env.get("SOURCE_DATE_EPOCH"), Instant.now());
            OpenPgpSigner signer = SigningConfig.signer(signing, date, settings, settingsDecrypter, env);
            AptRepository.Builder b = AptRepository.at(repository.toPath()).suite(suite).component(component)
                    .codename(codename).origin(origin).label(label).date(date).log(new MavenLog(getLog()))
                    .architectures(architectures == null ? List.of() : architectures);
            if (signer != null) {
                b.signer(signer);
            } else {
                b.unsigned(unsigned);
            }
            AptRepository.Result r = b.build().add(List.of(pkg), force);
            if (!r.changed()) {
                getLog().info(pkg.getFileName() + " is already in " + repository + " (" + suite + "/" + component + ")");
            }
        } catch (DebException e) {
            getLog().debug(e);
            throw new MojoFailureException(PomWording.describe("Cannot publish the Debian package: ", e));
        }
    }

    private Path packageFile() {
        if (deb != null) {
            return deb.toPath();
        }
        for (Artifact a : project.getAttachedArtifacts()) {
            if ("deb".equals(a.getType()) && a.getFile() != null) {
                return a.getFile().toPath();
            }
        }
        List<Path> found = new ArrayList<>();
        if (buildDirectory != null && buildDirectory.isDirectory()) {
            try (Stream<Path> s = Files.list(buildDirectory.toPath())) {
                s.filter(p -> p.getFileName().toString().endsWith(".deb")).sorted().forEach(found::add);
            } catch (IOException e) {
                throw new DebException(Setting.DEB, buildDirectory.toString(), "cannot be listed: " + e,
                        "check permissions.", e);
            }
        }
        if (found.size() != 1) {
            throw new DebException(Setting.DEB, null, found.isEmpty() ? "no .deb was built in " + buildDirectory + "."
                    : "there are " + found.size() + " .deb files in " + buildDirectory + ": " + found + ".",
                    "run the deb goal first (mvn package jpackage-deb:publish), or name the file with -Djpackage-deb.deb=FILE.");
        }
        return found.get(0);
    }
}
