package io.github.jpackagedeb.maven;

import io.github.jpackagedeb.core.DebException;
import io.github.jpackagedeb.core.archive.Compression;
import io.github.jpackagedeb.core.build.AppSpec;
import io.github.jpackagedeb.core.build.BuildTimestamp;
import io.github.jpackagedeb.core.build.DebBuilder;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Component;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;
import org.apache.maven.project.MavenProject;
import org.apache.maven.project.MavenProjectHelper;

import java.io.File;
import java.time.Instant;
import java.util.List;

/**
 * Builds {@code target/<pkg>_<version>_<arch>.deb} from the project's jar and its runtime dependencies, and attaches
 * it to the project (type {@code deb}) so that {@code install} and {@code deploy} carry it.
 */
@Mojo(name = "deb", defaultPhase = LifecyclePhase.PACKAGE, requiresDependencyResolution = ResolutionScope.RUNTIME,
        threadSafe = true)
public class DebMojo extends AbstractMojo {

    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    MavenProject project;

    @Component
    MavenProjectHelper projectHelper;

    /** Skips the goal. */
    @Parameter(property = "jpackage-deb.skip", defaultValue = "false")
    boolean skip;

    /** The Debian package name (Policy 5.6.1). Default: derived from the artifactId. */
    @Parameter(property = "jpackage-deb.packageName")
    String packageName;

    /** The whole Debian version, overriding the one mapped from the project version. */
    @Parameter(property = "jpackage-deb.debianVersion")
    String debianVersion;

    /** The Debian revision appended to the mapped version. */
    @Parameter(property = "jpackage-deb.revision", defaultValue = "1")
    String revision;

    /** The Debian epoch of the mapped version; none by default. */
    @Parameter(property = "jpackage-deb.epoch")
    Integer epoch;

    /** {@code Full Name <email>}. Default: the first developer with a name and an email, else DEBFULLNAME/DEBEMAIL. */
    @Parameter(property = "jpackage-deb.maintainer")
    String maintainer;

    /** The one-line description. Default: the first sentence of the project description. */
    @Parameter(property = "jpackage-deb.synopsis")
    String synopsis;

    /** The extended description. Default: the project description and what the package installs. */
    @Parameter
    String longDescription;

    @Parameter(property = "jpackage-deb.section", defaultValue = "misc")
    String section;

    @Parameter(property = "jpackage-deb.priority", defaultValue = "optional")
    String priority;

    /** Default: the project url. */
    @Parameter
    String homepage;

    @Parameter
    List<String> preDepends;
    /** Extra Depends entries; the Java runtime dependency is added for you. */
    @Parameter
    List<String> depends;
    @Parameter
    List<String> recommends;
    @Parameter
    List<String> suggests;
    @Parameter
    List<String> enhances;
    @Parameter
    List<String> breaks;
    @Parameter
    List<String> conflicts;
    @Parameter
    List<String> replaces;
    @Parameter
    List<String> provides;

    /** The class with the main method. Default: Main-Class of the jar's manifest. */
    @Parameter(property = "jpackage-deb.mainClass")
    String mainClass;

    /** The Java feature release the application needs (Depends on that runtime). */
    @Parameter(property = "jpackage-deb.javaRelease", defaultValue = "${maven.compiler.release}")
    String javaRelease;

    /** Compression of data.tar: xz (default), zstd, gzip or none. */
    @Parameter(property = "jpackage-deb.compression", defaultValue = "xz")
    String compression;

    @Parameter(property = "jpackage-deb.outputDirectory", defaultValue = "${project.build.directory}")
    File outputDirectory;

    /** Stamped on every file of the package, for reproducible builds. Else SOURCE_DATE_EPOCH, else now. */
    @Parameter(defaultValue = "${project.build.outputTimestamp}")
    String outputTimestamp;

    /** The changelog distribution. */
    @Parameter(defaultValue = "unstable")
    String distribution;

    /** Attach the .deb to the project, so install and deploy carry it. */
    @Parameter(property = "jpackage-deb.attach", defaultValue = "true")
    boolean attach;

    @Override
    public void execute() throws MojoFailureException {
        if (skip) {
            getLog().info("Skipping the Debian package (jpackage-deb.skip)");
            return;
        }
        try {
            Instant timestamp = BuildTimestamp.resolve(outputTimestamp, System.getenv("SOURCE_DATE_EPOCH"), Instant.now());
            PomAdapter pom = new PomAdapter(project, this, System.getenv());
            AppSpec app = pom.app();
            DebBuilder.Result result = DebBuilder.builder()
                    .spec(pom.spec(timestamp, app.classPath().size()))
                    .app(app)
                    .docs(pom.docs())
                    .upstreamVersion(project.getVersion())
                    .outputDirectory(outputDirectory.toPath())
                    .compression(Compression.parse(compression))
                    .timestamp(timestamp)
                    .log(new MavenLog(getLog()))
                    .build()
                    .build();
            if (attach) {
                projectHelper.attachArtifact(project, "deb", result.deb().toFile());
            }
        } catch (DebException e) {
            getLog().debug(e);
            throw new MojoFailureException(PomWording.describe(e));
        }
    }
}
