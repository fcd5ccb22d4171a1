package io.github.jpackagedeb.maven;

import io.github.jpackagedeb.core.DebException;
import io.github.jpackagedeb.core.archive.Compression;
import io.github.jpackagedeb.core.app.AppClosure;
import io.github.jpackagedeb.core.packaging.BuildRequest;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Component;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.toolchain.ToolchainManager;

import java.io.File;
import java.util.List;

/**
 * The parameters and the build request shared by the goals that make a package (deb) or lay it out as a tree
 * (stage): they map the pom and this configuration into core's {@code BuildRequest}, and nothing more.
 */
public abstract class PackageGoal extends GoalBase {


    /**
     * Skips modules with packaging {@code pom} (a reactor's parent or aggregator), with one info line, so that the
     * plugin can be declared in a parent's {@code <build><plugins>} and every jar module of the reactor makes its own
     * .deb. Set to false to make a pom module fail instead (it has no jar to package).
     */
    @Parameter(property = "jpackage-deb.skipPom", defaultValue = "true")
    boolean skipPom = true;

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
    @Parameter(property = "jpackage-deb.longDescription")
    String longDescription;

    /** The Debian section (Policy 2.4). Default: debian/control's, else misc. */
    @Parameter(property = "jpackage-deb.section")
    String section;

    /** The Debian priority (Policy 2.5). Default: debian/control's, else optional. */
    @Parameter(property = "jpackage-deb.priority")
    String priority;

    /** The Homepage field: the upstream project's web site. Default: the project url. */
    @Parameter(property = "jpackage-deb.homepage")
    String homepage;

    /** Pre-Depends entries (Policy 7.2), e.g. {@code <preDepend>dpkg (>= 1.21)</preDepend>}; none by default. */
    @Parameter
    List<String> preDepends;
    /**
     * Extra Depends entries. Added for you: the shared libraries of the bundled runtime, or with
     * {@code <runtime>none</runtime>} a Java runtime package.
     */
    @Parameter
    List<String> depends;
    /**
     * Recommends entries (Policy 7.2). Added for you: the libraries only the bundled runtime's desktop
     * modules (java.desktop) load, e.g. libx11-6.
     */
    @Parameter
    List<String> recommends;
    /** Suggests entries (Policy 7.2); none by default. */
    @Parameter
    List<String> suggests;
    /** Enhances entries (Policy 7.2); none by default. */
    @Parameter
    List<String> enhances;
    /** Breaks entries (Policy 7.3); none by default. */
    @Parameter
    List<String> breaks;
    /** Conflicts entries (Policy 7.4); none by default. */
    @Parameter
    List<String> conflicts;
    /** Replaces entries (Policy 7.6); none by default. */
    @Parameter
    List<String> replaces;
    /** Provides entries (Policy 7.5), virtual packages this one provides; none by default. */
    @Parameter
    List<String> provides;

    /**
     * Dependencies left out of the package: {@code groupId:artifactId} patterns ({@code *} matches any characters),
     * e.g. {@code <exclude>com.example:*-dev</exclude>}. Their own dependencies go too, unless something else still
     * needs them. A pattern that matches nothing is a warning. For a Spring Boot application, what
     * spring-boot-maven-plugin leaves out of its jar is left out as well (spring-boot-devtools,
     * spring-boot-docker-compose, its {@code <excludes>} and {@code <excludeGroupIds>}).
     */
    @Parameter
    List<String> excludes;

    @Component
    org.eclipse.aether.RepositorySystem repositorySystem;

    /**
     * The class with the main method. Default: Main-Class of the jar's manifest; for a jar repackaged by Spring Boot,
     * its Start-Class (or spring-boot-maven-plugin's mainClass).
     */
    @Parameter(property = "jpackage-deb.mainClass")
    String mainClass;

    /**
     * JVM options the launcher passes before JAVA_OPTS, to the command and to the service (jpackage's
     * {@code --java-options}), one per entry, e.g. {@code -Xmx512m}. Shown as JVM_OPTIONS in /etc/default/&lt;pkg&gt;,
     * where a host changes them without a rebuild.
     */
    @Parameter
    List<String> jvmOptions;

    /**
     * Program arguments the launcher passes before the caller's, to the command and to the service (jpackage's
     * {@code --arguments}), one per entry. Shown as APP_ARGUMENTS in /etc/default/&lt;pkg&gt;, where a host changes them
     * without a rebuild.
     */
    @Parameter
    List<String> arguments;

    /** The Java feature release the application needs (Depends on that runtime). */
    @Parameter(property = "jpackage-deb.javaRelease", defaultValue = "${maven.compiler.release}")
    String javaRelease;

    /** Compression of data.tar: xz (default), zstd, gzip or none. */
    @Parameter(property = "jpackage-deb.compression", defaultValue = Compression.DEFAULT_NAME)
    String compression;

    /** Where the .deb (and its .changes and .buildinfo) are written. */
    @Parameter(property = "jpackage-deb.outputDirectory", defaultValue = "${project.build.directory}")
    File outputDirectory;

    /** Stamped on every file of the package, for reproducible builds. Else SOURCE_DATE_EPOCH, else now. */
    @Parameter(property = "jpackage-deb.outputTimestamp", defaultValue = "${project.build.outputTimestamp}")
    String outputTimestamp;

    /** The distribution of the generated changelog entry (Policy 5.6.14); a debian/changelog is shipped as it is. */
    @Parameter(property = "jpackage-deb.distribution", defaultValue = "unstable")
    String distribution;

    /**
     * The Java runtime: {@code jlink} (default) bundles a runtime trimmed by jdeps to the modules the application needs,
     * under /usr/lib/&lt;pkg&gt;/runtime, so the package runs without any Java installed (Architecture: the JDK's);
     * {@code none} makes a jar-only package (Architecture: all) that depends on the system's Java runtime.
     */
    @Parameter(property = "jpackage-deb.runtime", defaultValue = "jlink")
    String runtime;

    /**
     * The JDK to link the runtime from. Default: the JDK of the maven-toolchains-plugin's jdk toolchain, else the JDK
     * running Maven. A JDK for another CPU (its jmods/, e.g. unpacked with dpkg-deb -x) makes a package for that CPU.
     */
    @Parameter(property = "jpackage-deb.jdkHome")
    File jdkHome;

    /** Modules added to those jdeps finds, e.g. jdk.crypto.ec or jdk.localedata (for what jdeps cannot see). */
    @Parameter
    List<String> addModules;

    /** The runtime's modules, listed explicitly: jdeps is not run. */
    @Parameter
    List<String> modules;

    /** Extra jlink options, e.g. --include-locales=en,de. */
    @Parameter
    List<String> jlinkOptions;

    /** jlink's --compress (zip-6 on Java 21+, 2 on 17). Default none: the .deb compresses the runtime better. */
    @Parameter(property = "jpackage-deb.jlinkCompression")
    String jlinkCompression;

    /**
     * A desktop application (windows, sound, text drawn with fonts). Off by default: the bundled runtime is then
     * headless, without java.desktop's display, sound and font libraries (libawt_xawt, libjawt, libsplashscreen,
     * libjsound, libfontmanager), so that no X11, ALSA or FreeType package lands in Depends or Recommends; headless
     * AWT without text (BufferedImage, ImageIO) still works. The build log says what was left out.
     */
    @Parameter(property = "jpackage-deb.desktop", defaultValue = "false")
    boolean desktop;

    /** Dump a CDS archive into the runtime, so the application starts faster. */
    @Parameter(property = "jpackage-deb.cds", defaultValue = "true")
    boolean cds;

    /**
     * Where jdeps results (the JDK modules of each jar, by content hash) and runtimes are cached between builds.
     * Default: $XDG_CACHE_HOME/jpackage-deb, else ~/.cache/jpackage-deb; when it is not writable,
     * target/jpackage-deb-cache (with a warning). Its
     * {@code xz-blocks-v1/} keeps compressed blocks of data.tar.xz (at most 2 GiB), so that a rebuild does not
     * compress the same runtime and jars again; {@code appcds-v1/} keeps the class lists of AppCDS training runs by
     * runtime, jar contents and arguments, so that a rebuild of unchanged code runs no training.
     */
    @Parameter(property = "jpackage-deb.cacheDirectory")
    File cacheDirectory;

    @Parameter(defaultValue = "${session}", readonly = true, required = true)
    MavenSession session;

    @Component
    ToolchainManager toolchainManager;

    /**
     * Packages the application as a systemd service: unit, system user, state and log directories and the
     * maintainer scripts that manage them (docs/services.md). Off unless configured.
     */
    @Parameter
    ServiceConfig service;

    /**
     * Application class-data sharing, for a package with a bundled runtime: a training run at build time
     * ({@code <trainingArgs>}, e.g. {@code --version}) records the classes the application loads; postinst dumps them
     * into /var/cache/&lt;pkg&gt;/app.jsa and the launcher maps it, so the application starts faster. Off unless
     * configured.
     */
    @Parameter
    AppCdsConfig appCds;

    /** More files, directories and symlinks (types file, config, config|noreplace, dir, symlink). */
    @Parameter
    List<ExtraFileConfig> extraFiles;

    /**
     * Allows {@code <extraFiles>} modes with setuid, setgid or sticky bits or write permission for others (e.g.
     * {@code 4755}, {@code 1777}); refused unless this is true (Debian Policy 10.9). postinst sets such a mode.
     */
    @Parameter(property = "jpackage-deb.allowSpecialModes", defaultValue = "false")
    boolean allowSpecialModes;

    /**
     * The author's overrides, by debhelper's names (make-deb init writes them): control (its fields override those
     * derived from the pom, field by field; one that contradicts this configuration is an error naming both),
     * changelog (its newest entry gives the version's epoch and revision, and is shipped), copyright,
     * preinst, postinst, prerm, postrm (kept, with the generated code at their #DEBHELPER# line),
     * &lt;pkg&gt;.service (replaces the generated unit), &lt;pkg&gt;.default, &lt;pkg&gt;.lintian-overrides (added to the
     * generated ones), &lt;pkg&gt;.conffiles (more conffiles).
     */
    @Parameter(property = "jpackage-deb.debianDirectory", defaultValue = "${project.basedir}/debian")
    File debianDirectory;

    /** Writes {@code <pkg>_<version>_<arch>.changes} and {@code .buildinfo} beside the .deb. */
    @Parameter(property = "jpackage-deb.changes", defaultValue = "true")
    boolean changes;

    /** Core's error worded for the pom, with a note when a value it lacks was inherited from a foreign parent. */
    MojoFailureException failure(DebException e, PomAdapter pom) {
        getLog().debug(e);
        String note = pom.inheritedNote(e.setting());
        return new MojoFailureException(PomWording.describe(e) + (note.isEmpty() ? "" : "\n  Note: " + note + "."));
    }

    /** True (after one info line) when this is a pom-packaging module and {@code skipPom} is on. */
    boolean skipsPom() {
        if (skipPom && "pom".equals(project.getPackaging())) {
            getLog().info("Skipping " + project.getArtifactId() + ": packaging pom has no jar to package"
                    + " (jpackage-deb.skipPom)");
            return true;
        }
        return false;
    }

    /**
     * Whether debian/changelog's newest entry is the package's version exactly (the stage goal: dpkg-gencontrol takes
     * it from there), rather than the pom's version with the entry's epoch and revision.
     */
    boolean changelogGivesVersion() {
        return false;
    }


    /**
     * The build as configured, shared by the deb and stage goals: the pom and this configuration mapped into core's
     * request (core reads the project's debian/ directory, whose files override pom-derived values,
     * docs/architecture.md#precedence).
     */
    BuildRequest request(PomAdapter pom) {
        MavenLog log = new MavenLog(getLog());
        AppClosure.Result closure = Closure.resolve(project, pom.app(), excludes, repositorySystem, session, log);
        BuildRequest.Builder b = pom.fill(BuildRequest.builder())
                .app(closure)
                .appCds(AppCdsConfig.spec(appCds))
                .runtime(RuntimeConfig.choice(this, toolchainManager == null || session == null ? null
                        : toolchainManager.getToolchainFromBuildContext("jdk", session), log))
                .debianDirectory(debianDirectory == null ? null : debianDirectory.toPath())
                .timestamp(outputTimestamp)
                .reproducibleFix(PomAdapter.REPRODUCIBLE_FIX)
                .signing(signingInput())
                .changes(changes)
                .outputDirectory(outputDirectory.toPath())
                .cacheDirectory(cacheDirectory == null ? null : cacheDirectory.toPath())
                .compression(Compression.parse(compression))
                .environment(System.getenv())
                .log(log);
        if (!pom.ignoredInherited().isEmpty()) {
            String note = PomOrigin.note(pom.ignoredInherited());
            getLog().warn(Character.toUpperCase(note.charAt(0)) + note.substring(1) + ".");
        }
        return b.build();
    }
}
