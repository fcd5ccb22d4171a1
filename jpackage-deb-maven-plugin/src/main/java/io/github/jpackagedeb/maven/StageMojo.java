package io.github.jpackagedeb.maven;

import io.github.jpackagedeb.core.DebException;
import io.github.jpackagedeb.core.assembly.DebBuilder;
import io.github.jpackagedeb.core.debiandir.StageTree;
import io.github.jpackagedeb.core.packaging.Packager;
import io.github.jpackagedeb.core.packaging.SigningInput;
import io.github.jpackagedeb.core.control.PackageSpec;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;

import java.io.File;
import java.nio.file.Path;
import java.util.List;

/**
 * Lays the package out as a directory tree instead of writing a .deb: for {@code dpkg-buildpackage}, whose
 * debhelper makes the control file, md5sums and the archive from {@code debian/<pkg>/} (the {@code debian/rules}
 * that {@code make-deb init} writes runs this goal in {@code override_dh_auto_install}). The tree holds the files
 * the deb goal would put in data.tar, with their modes and symbolic links; the generated maintainer-script code goes
 * to {@code debian/<pkg>.<script>.debhelper}, which {@code dh_installdeb} inserts at {@code #DEBHELPER#}.
 *
 * <p>Not bound to a phase. Run after {@code package} (it takes the project's jar from {@code target/} when run on
 * its own): {@code mvn package jpackage-deb:stage}. Takes every parameter of the deb goal.
 */
@Mojo(name = "stage", requiresDependencyResolution = ResolutionScope.RUNTIME, threadSafe = true)
public class StageMojo extends PackageGoal {

    /** dpkg-buildpackage takes the version from debian/changelog: the staged files must say the same. */
    @Override
    boolean changelogGivesVersion() {
        return true;
    }

    /** The tree is not a package: nothing to sign. */
    @Override
    SigningInput signingInput() {
        return null;
    }


    /** Where the tree goes. Default: {@code <debianDirectory>/<package name>}, debhelper's package build directory. */
    @Parameter(property = "jpackage-deb.stageDirectory")
    File stageDirectory;

    /** Skips the stage goal (jpackage-deb.skip, which skips the deb goal, does not). */
    @Parameter(property = "jpackage-deb.stage.skip", defaultValue = "false")
    boolean skipStage;

    @Parameter(defaultValue = "${project.build.directory}", readonly = true)
    File buildDirectory;

    @Parameter(defaultValue = "${project.build.finalName}", readonly = true)
    String finalName;

    @Override
    public void execute() throws MojoFailureException {
        if (skipStage) {
            getLog().info("Skipping the package tree (jpackage-deb.stage.skip)");
            return;
        }
        if (skipsPom()) {
            return;
        }
        PomAdapter pom = new PomAdapter(project, this, System.getenv());
        try {
            if (project.getArtifact().getFile() == null) {
                File jar = new File(buildDirectory, finalName + ".jar");
                if (jar.isFile()) {
                    project.getArtifact().setFile(jar); // run on its own, after an earlier mvn package
                }
            }
            DebBuilder builder = Packager.plan(request(pom)).builder();
            PackageSpec effective = builder.effectiveSpec();
            Path debian = debianDirectory.toPath();
            Path root = stageDirectory != null ? stageDirectory.toPath() : debian.resolve(effective.name());
            Path abs = root.toAbsolutePath().normalize();
            boolean replaceable = abs.startsWith(debian.toAbsolutePath().normalize())
                    || abs.startsWith(buildDirectory.toPath().toAbsolutePath().normalize());
            int n = StageTree.write(root, builder.entries(effective), replaceable);
            List<Path> fragments = StageTree.writeDebhelperFragments(debian, effective.name(),
                    builder.generatedScriptCode(effective));
            StageTree.writeSubstvars(debian, effective.name(), builder.substvars());
            getLog().info("Staged " + effective + ": " + n + " entries in " + root
                    + (fragments.isEmpty() ? "" : ", maintainer-script code in " + fragments.size() + " debhelper file(s)"));
        } catch (DebException e) {
            throw failure(e, pom);
        }
    }
}
