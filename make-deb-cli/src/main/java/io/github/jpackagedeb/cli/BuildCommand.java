package io.github.jpackagedeb.cli;

import io.github.jpackagedeb.core.DebException;
import io.github.jpackagedeb.core.Setting;
import io.github.jpackagedeb.core.archive.Compression;
import io.github.jpackagedeb.core.app.AppClosure;
import io.github.jpackagedeb.core.app.AppSpec;
import io.github.jpackagedeb.core.app.Jar;
import io.github.jpackagedeb.core.packaging.BuildRequest;
import io.github.jpackagedeb.core.packaging.JarDirectory;
import io.github.jpackagedeb.core.packaging.ProjectMetadata;
import io.github.jpackagedeb.core.packaging.Packager;
import io.github.jpackagedeb.core.packaging.RuntimeChoice;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Supplier;

/**
 * {@code make-deb build}: a .deb without Maven, from jars (a directory of them, or {@code --jar} and {@code --lib}),
 * a main class and the same {@code debian/} directory the plugin reads, for Gradle, sbt or Ant users. The same
 * inputs give the same bytes as {@code mvn package} with the plugin: both map their input into core's
 * {@code BuildRequest} and build through {@code Packager.build}.
 */
@Command(name = "build", mixinStandardHelpOptions = true, versionProvider = MakeDeb.Version.class,
        description = {"Builds a .deb from jars, without Maven.",
                "The package's fields come from debian/ (control, changelog, copyright, scripts...) as `make-deb init` "
                        + "writes it, and from the options; an option that contradicts debian/control is an error.",
                "Class path order: --jar, then --lib in the order given; from a DIR, the application jar (the one with a "
                        + "Main-Class, or --jar) and the others sorted by name."},
        footer = {"", "Exit codes: 0 built, 1 failure (bad jar, bad debian/ file, cannot write), 2 usage (bad option)."})
final class BuildCommand extends CommandBase implements Callable<Integer> {

    @Parameters(arity = "0..1", paramLabel = "DIR", description = "A directory of jars: the application jar and its runtime dependencies.")
    Path jarDir;

    @Option(names = "--jar", paramLabel = "FILE", description = "The application jar.")
    Path jar;

    @Option(names = "--lib", paramLabel = "FILE", description = "A runtime dependency jar; repeat in class-path order.")
    List<Path> libs = new ArrayList<>();

    @Option(names = "--main-class", paramLabel = "CLASS", description = "The class with the main method (default: Main-Class of the jar's manifest).")
    String mainClass;

    @Option(names = "--jvm-option", paramLabel = "OPTION", description = "A JVM option the launcher passes before "
            + "JAVA_OPTS (shown as JVM_OPTIONS in /etc/default/<pkg>); repeat for several.")
    List<String> jvmOptions = new ArrayList<>();

    @Option(names = "--argument", paramLabel = "ARG", description = "A program argument the launcher passes before the "
            + "caller's (shown as APP_ARGUMENTS in /etc/default/<pkg>); repeat for several.")
    List<String> arguments = new ArrayList<>();

    @Option(names = "--debian-dir", paramLabel = "DIR", description = "The debian/ directory to read (default: ./debian).")
    Path debianDir = Path.of("debian");

    @Option(names = {"-o", "--output-dir"}, paramLabel = "DIR", description = "Where the .deb goes (default: the current directory).")
    Path outputDir = Path.of(".");

    @Option(names = "--timestamp", paramLabel = "TIME", description = "Stamped on every file, ISO-8601 or seconds since 1970 "
            + "(default: SOURCE_DATE_EPOCH, else the date of debian/changelog's newest entry, else now).")
    String timestamp;

    @Option(names = "--compression", paramLabel = "KIND", description = "data.tar compression: xz (default), zstd, gzip or none.")
    String compression = Compression.DEFAULT_NAME;

    @Option(names = "--java-release", paramLabel = "N", description = "The Java release the application needs (default: 17).")
    int javaRelease = ProjectMetadata.DEFAULT_JAVA_RELEASE;

    @Mixin
    BuildFieldOptions fields = new BuildFieldOptions();

    @Mixin
    BuildRuntimeOptions runtime = new BuildRuntimeOptions();

    @Mixin
    BuildServiceOptions service = new BuildServiceOptions();

    @Mixin
    BuildSigningOptions signing = new BuildSigningOptions();

    @Override
    public Integer call() {
        MakeDeb.Context ctx = context();
        Ui ui = ui();
        if (jarDir == null && jar == null) {
            ui.error("give the jars: a directory of them (make-deb build DIR), or --jar FILE [--lib FILE]...");
            return MakeDeb.USAGE;
        }
        List<DebException> problems = new ArrayList<>();
        BuildRequest request = request(ui, ctx, problems);
        if (problems.isEmpty()) {
            problems.addAll(Packager.check(request));
        }
        if (!problems.isEmpty()) {
            if (problems.size() > 1) {
                ui.error("cannot build the package: " + problems.size() + " problems.");
            }
            problems.forEach(e -> ui.error(e, Wording::name));
            return problems.stream().allMatch(e -> isOption(e.setting())) ? MakeDeb.USAGE : MakeDeb.FAILURE;
        }
        try {
            Packager.Result r = Packager.build(request);
            ui.result(r.deb().toString());
            ui.detail("sha256 " + r.archive().sha256() + ", " + r.archive().size() + " bytes");
            return MakeDeb.OK;
        } catch (DebException e) {
            ui.error(e, Wording::name);
            return isOption(e.setting()) ? MakeDeb.USAGE : MakeDeb.FAILURE;
        }
    }

    private static boolean isOption(Setting setting) {
        return List.of(Setting.COMPRESSION, Setting.OUTPUT_TIMESTAMP, Setting.JAVA_RELEASE, Setting.RUNTIME,
                Setting.JLINK_COMPRESSION, Setting.MODULES, Setting.ADD_MODULES,
                Setting.JLINK_OPTIONS).contains(setting)
                || setting.key().startsWith("service.");
    }

    /** A value mapped from the options, or null with its problem added to {@code problems}. */
    private static <T> T attempt(List<DebException> problems, Supplier<T> mapping) {
        try {
            return mapping.get();
        } catch (DebException e) {
            problems.add(e);
            return null;
        }
    }

    /** The options mapped into core's request; every option that cannot be mapped adds its problem. */
    private BuildRequest request(Ui ui, MakeDeb.Context ctx, List<DebException> problems) {
        if (!Files.isDirectory(debianDir)) {
            ui.info("No " + debianDir + " directory: the package's fields come from the options alone.");
        }
        BuildRequest.Builder b = BuildRequest.builder();
        // a Spring Boot fat jar, devtools, starters, jars inside a shaded jar: the same rules as the Maven plugin
        AppClosure.Result app = attempt(problems, () -> AppClosure.resolve(app(), null, List.of(),
                Path.of(System.getProperty("java.io.tmpdir"), "make-deb-app-" + ProcessHandle.current().pid()),
                ui.log()));
        if (app != null) {
            b.app(app);
        }
        Compression c = attempt(problems, () -> Compression.parse(compression));
        if (c != null) {
            b.compression(c);
        }
        RuntimeChoice rt = attempt(problems, runtime::choice);
        if (rt != null) {
            b.runtime(rt);
        }
        attempt(problems, () -> b.service(service.spec()));
        attempt(problems, () -> b.appCds(runtime.appCds()));
        signing.fill(b, ctx.env(), problems);
        return fields.fill(b, ctx.env())
                .debianDirectory(debianDir)
                .timestamp(timestamp)
                .changelogDateFallback(true) // dpkg-buildpackage's rule: the changelog's date
                .reproducibleFix("pass --timestamp 2026-01-01T00:00:00Z, export SOURCE_DATE_EPOCH=$(git log -1 "
                        + "--format=%ct), or keep a debian/changelog (its newest entry's date is used).")
                .outputDirectory(outputDir)
                .cacheDirectory(runtime.cacheDir)
                .environment(ctx.env())
                .log(ui.log())
                .build();
    }


    private AppSpec app() {
        JarDirectory jars = JarDirectory.resolve(jarDir, jar, libs);
        AppSpec.Builder b = AppSpec.builder()
                .mainJar(new Jar(jars.mainJar(), jars.mainJar().getFileName().toString()))
                .mainClass(mainClass).javaRelease(javaRelease).jvmOptions(jvmOptions).arguments(arguments);
        jars.libs().forEach(l -> b.dependency(new Jar(l, l.getFileName().toString())));
        return b.build();
    }
}
