package io.github.jpackagedeb.cli;

import io.github.jpackagedeb.core.DebException;
import io.github.jpackagedeb.core.archive.Compression;
import io.github.jpackagedeb.core.build.AppClosure;
import io.github.jpackagedeb.core.build.AppSpec;
import io.github.jpackagedeb.core.build.Jar;
import io.github.jpackagedeb.core.build.License;
import io.github.jpackagedeb.core.debiandir.SpecDraft;
import io.github.jpackagedeb.core.packaging.BuildRequest;
import io.github.jpackagedeb.core.packaging.Packager;
import io.github.jpackagedeb.core.packaging.RuntimeChoice;
import io.github.jpackagedeb.core.packaging.SigningInput;
import io.github.jpackagedeb.core.packaging.VersionInput;
import io.github.jpackagedeb.core.runtime.AppCdsSpec;
import io.github.jpackagedeb.core.sign.Passphrase;
import io.github.jpackagedeb.core.spec.Relation;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import java.util.jar.JarFile;
import java.util.stream.Stream;

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
final class BuildCommand implements Callable<Integer> {

    @ParentCommand
    MakeDeb parent;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    Verbosity verbosity = new Verbosity();

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
    int javaRelease = 17;

    @Option(names = "--package", paramLabel = "NAME", description = "The package name (default: debian/control's).")
    String packageName;

    @Option(names = "--upstream-version", paramLabel = "VERSION",
            description = "The application's version, mapped as Maven versions are (default: debian/changelog's).")
    String upstreamVersion;

    @Option(names = "--deb-version", paramLabel = "VERSION", description = "The whole Debian version.")
    String debVersion;

    @Option(names = "--maintainer", paramLabel = "'NAME <EMAIL>'", description = "The maintainer (default: debian/control's).")
    String maintainer;

    @Option(names = "--description", paramLabel = "TEXT", description = "The one-line description (default: debian/control's).")
    String description;

    @Option(names = "--homepage", paramLabel = "URL")
    String homepage;

    @Option(names = "--section", paramLabel = "SECTION")
    String section;

    @Option(names = "--depends", paramLabel = "RELATION", description = "A Depends entry; repeat for several.")
    List<String> depends = new ArrayList<>();

    @Option(names = "--license", paramLabel = "NAME", description = "A license, for the generated copyright file (when debian/copyright is missing).")
    List<String> licenses = new ArrayList<>();

    @Mixin
    BuildRuntimeOptions runtime = new BuildRuntimeOptions();

    @Mixin
    BuildServiceOptions service = new BuildServiceOptions();

    @Option(names = "--app-cds-args", paramLabel = "ARGS", description = "Application class-data sharing: the "
            + "arguments of the build-time training run (the application must exit 0 with them), separated by spaces; "
            + "'' for none.")
    String appCdsArgs;

    @Option(names = "--sign-key", paramLabel = "FILE", description = "Sign the package and its .changes with this secret "
            + "key (gpg --export-secret-keys --armor KEYID); passphrase from JPACKAGE_DEB_PASSPHRASE.")
    Path signKey;

    @Option(names = "--no-changes", description = "Do not write <pkg>_<version>_<arch>.changes and .buildinfo.")
    boolean noChanges;

    @Override
    public Integer call() {
        MakeDeb.Context ctx = parent.context;
        Ui ui = new Ui(spec.commandLine().getOut(), spec.commandLine().getErr(),
                new BufferedReader(new InputStreamReader(ctx.in(), StandardCharsets.UTF_8)), verbosity.quiet,
                verbosity.verbose, ctx.terminal() && !ctx.env().containsKey("NO_COLOR"));
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
            return problems.stream().allMatch(e -> isOption(e.field())) ? MakeDeb.USAGE : MakeDeb.FAILURE;
        }
        try {
            Packager.Result r = Packager.build(request);
            ui.result(r.deb().toString());
            ui.detail("sha256 " + r.archive().sha256() + ", " + r.archive().size() + " bytes");
            return MakeDeb.OK;
        } catch (DebException e) {
            ui.error(e, Wording::name);
            return isOption(e.field()) ? MakeDeb.USAGE : MakeDeb.FAILURE;
        }
    }

    private static boolean isOption(String field) {
        return List.of("compression", "outputTimestamp", "javaRelease", "runtime", "jlinkCompression", "modules",
                "addModules", "jlinkOptions").contains(field) || field.startsWith("service.");
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
        attempt(problems, () -> b.appCds(appCdsArgs == null ? null : AppCdsSpec.builder()
                .trainingArgs(appCdsArgs.isBlank() ? List.of() : List.of(appCdsArgs.strip().split("\\s+"))).build()));
        if (signKey != null) {
            if (!Files.isRegularFile(signKey)) {
                problems.add(new DebException("signingKey", signKey.toString(), "no such file.",
                        "give the secret key file (gpg --export-secret-keys --armor KEYID > key.asc)."));
            }
            b.signing(new SigningInput(signKey, null, Passphrase.fromEnvironment(PASSPHRASE, ctx.env())));
        }
        SpecDraft d = SpecDraft.empty()
                .configured("packageName", packageName, "--package")
                .configured("maintainer", maintainer, "--maintainer")
                .derived("maintainer", maintainerFromEnvironment(ctx.env()), "DEBFULLNAME/DEBEMAIL")
                .configured("description", description, "--description")
                .configured("homepage", homepage, "--homepage")
                .configured("section", section, "--section")
                .configured(Relation.DEPENDS, depends, "--depends");
        if (debVersion != null) {
            b.version(VersionInput.debian(debVersion, "--deb-version"));
        } else if (upstreamVersion != null) {
            b.version(VersionInput.upstream(upstreamVersion, null, null, "--upstream-version " + upstreamVersion));
        }
        List<License> ls = new ArrayList<>();
        licenses.forEach(l -> ls.add(new License(l, null)));
        return b.draft(d)
                .upstreamVersion(upstreamVersion)
                .licenses(ls)
                .debianDirectory(debianDir)
                .timestamp(timestamp)
                .changelogDateFallback(true) // dpkg-buildpackage's rule: the changelog's date
                .reproducibleFix("pass --timestamp 2026-01-01T00:00:00Z, export SOURCE_DATE_EPOCH=$(git log -1 "
                        + "--format=%ct), or keep a debian/changelog (its newest entry's date is used).")
                .changes(!noChanges)
                .outputDirectory(outputDir)
                .cacheDirectory(runtime.cacheDir)
                .environment(ctx.env())
                .log(ui.log())
                .build();
    }

    static final String PASSPHRASE = "JPACKAGE_DEB_PASSPHRASE";

    /** DEBFULLNAME and DEBEMAIL, as dch and debmake take them; null unless both are set. */
    static String maintainerFromEnvironment(Map<String, String> env) {
        String name = env.get("DEBFULLNAME");
        String email = env.get("DEBEMAIL");
        return name == null || email == null || name.isBlank() || email.isBlank() ? null
                : name.strip() + " <" + email.strip() + ">";
    }

    private AppSpec app() {
        List<Path> rest = new ArrayList<>(libs);
        Path main = jar;
        if (jarDir != null) {
            List<Path> jars;
            try (Stream<Path> s = Files.list(jarDir)) {
                jars = s.filter(p -> p.getFileName().toString().endsWith(".jar") && Files.isRegularFile(p)).sorted().toList();
            } catch (IOException e) {
                throw new DebException("jar", jarDir.toString(), "cannot list the directory: " + e.getMessage(),
                        "give a directory of jars.", e);
            }
            if (main == null) {
                List<Path> withMain = jars.stream().filter(BuildCommand::hasMainClass).toList();
                if (withMain.size() == 1) {
                    main = withMain.get(0);
                } else if (jars.size() == 1) {
                    main = jars.get(0);
                } else {
                    throw new DebException("jar", jarDir.toString(), withMain.isEmpty()
                            ? "none of its " + jars.size() + " jars has a Main-Class, so the application jar is not known."
                            : "several jars have a Main-Class: " + withMain.stream().map(p -> p.getFileName().toString()).toList() + ".",
                            "name the application jar with --jar.");
                }
            }
            Path chosen = main.toAbsolutePath().normalize();
            for (Path j : jars) {
                if (!j.toAbsolutePath().normalize().equals(chosen) && !rest.contains(j)) {
                    rest.add(j);
                }
            }
        }
        AppSpec.Builder b = AppSpec.builder().mainJar(new Jar(main, main.getFileName().toString()))
                .mainClass(mainClass).javaRelease(javaRelease).jvmOptions(jvmOptions).arguments(arguments);
        for (Path l : rest) {
            b.dependency(new Jar(l, l.getFileName().toString()));
        }
        return b.build();
    }

    private static boolean hasMainClass(Path jar) {
        try (JarFile j = new JarFile(jar.toFile())) {
            return j.getManifest() != null && j.getManifest().getMainAttributes().getValue("Main-Class") != null;
        } catch (IOException e) {
            return false; // the class path check reports a broken jar with its name
        }
    }
}
