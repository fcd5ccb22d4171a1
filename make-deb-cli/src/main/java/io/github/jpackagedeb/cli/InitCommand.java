package io.github.jpackagedeb.cli;

import io.github.jpackagedeb.core.DebException;
import io.github.jpackagedeb.core.packaging.ProjectMetadata;
import io.github.jpackagedeb.core.Setting;
import io.github.jpackagedeb.core.assembly.BuildTimestamp;
import io.github.jpackagedeb.core.assembly.License;
import io.github.jpackagedeb.core.scaffold.Scaffold;
import io.github.jpackagedeb.core.scaffold.ScaffoldSpec;
import io.github.jpackagedeb.core.control.PackageName;
import io.github.jpackagedeb.core.control.Relation;
import io.github.jpackagedeb.core.version.DebianVersion;
import io.github.jpackagedeb.core.version.MavenVersionMapper;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/**
 * {@code make-deb init}: writes {@code debian/} for the Maven project in a directory, from its pom (and its parents),
 * the options and, for what is still missing, the user's answers. The logic of what to write is core's
 * ({@code core.scaffold}); this class reads the pom, asks and words.
 */
@Command(name = "init", mixinStandardHelpOptions = true, versionProvider = MakeDeb.Version.class,
        description = {"Writes debian/ for the Maven project in the current directory (or --dir), from its pom.xml.",
                "Values the pom lacks are asked for on a terminal; without one (or with --non-interactive) make-deb "
                        + "lists every missing value with the option that sets it, and exits with 2.",
                "The result builds with `mvn package` (the jpackage-deb plugin reads debian/) and with "
                        + "`dpkg-buildpackage -us -uc -b`.",
                "Without a pom.xml (a Gradle, sbt or Ant project) every value comes from the options or answers, and "
                        + "debian/ is written for `make-deb build` (no debian/rules)."},
        footer = {"", "Exit codes: 0 written, 1 failure (broken pom, debian/ exists, cannot write), "
                + "2 usage (bad option, missing values)."})
final class InitCommand extends CommandBase implements Callable<Integer> {

    /** Whether the plugin bundles a jlink runtime when its configuration says nothing (its {@code <runtime>} default is jlink). */
    static final boolean RUNTIME_BY_DEFAULT = true;

    @Option(names = {"-C", "--dir"}, paramLabel = "DIR", description = "The project directory (default: the current one).")
    Path dir = Path.of(".");

    @Option(names = "--package", paramLabel = "NAME", description = "The Debian package name (default: from the artifactId).")
    String packageName;

    @Option(names = "--upstream-version", paramLabel = "VERSION", description = "The project version (default: the pom's).")
    String upstreamVersion;

    @Option(names = "--maintainer", paramLabel = "'NAME <EMAIL>'",
            description = "The maintainer (default: the pom's first developer, else DEBFULLNAME and DEBEMAIL).")
    String maintainer;

    @Option(names = "--description", paramLabel = "TEXT",
            description = "One line saying what the application does (default: the pom's first sentence).")
    String description;

    @Option(names = "--homepage", paramLabel = "URL", description = "The project's web page (default: the pom's url).")
    String homepage;

    @Option(names = "--license", paramLabel = "NAME", description = "A license (SPDX name such as Apache-2.0 or MIT); "
            + "repeat for several (default: the pom's licenses).")
    List<String> licenses = new ArrayList<>();

    @Option(names = "--section", paramLabel = "SECTION", description = "The Debian section (default: misc).")
    String section;

    @Option(names = "--message", paramLabel = "TEXT",
            description = "The first changelog entry (default: the subject of git's last commit, else a standard one).")
    String message;

    @Option(names = "--service", description = "The application is a systemd service: write <package>.service.")
    Boolean service;

    @Option(names = "--profiling", description = "The service records continuous JDK Flight Recorder profiles: "
            + "<package>.default sets PROFILING=on and documents the limits (implies --service).")
    boolean profiling;

    @Option(names = "--runtime", negatable = true,
            description = "The package bundles a jlink runtime (Architecture: any) (default: as the pom's plugin configuration says).")
    Boolean runtime;

    @Option(names = "--java-release", paramLabel = "N", description = "The Java release the application needs (default: "
            + "the pom's maven.compiler.release, else 17).")
    Integer javaRelease;

    @Option(names = "--force", description = "Rewrite the files make-deb writes in an existing debian/ (others are kept; "
            + "a replaced file that differs is copied to FILE.~N~ first, and debian/changelog keeps its entries).")
    boolean force;

    @Option(names = "--dry-run", description = "Print what would be written, write nothing.")
    boolean dryRun;

    @Option(names = "--non-interactive", description = "Never ask: fail listing the missing values.")
    boolean nonInteractive;

    @Option(names = "--interactive", description = "Ask for missing values on standard input even without a terminal.")
    boolean interactive;

    /** A required value: where it comes from, or why it is not usable. */
    private record Candidate(String value, String source, String problem) {
    }

    /** The plugin's relationship parameters. */
    private static final Map<String, Relation> RELATIONS = Map.of("preDepends", Relation.PRE_DEPENDS,
            "depends", Relation.DEPENDS, "recommends", Relation.RECOMMENDS, "suggests", Relation.SUGGESTS,
            "enhances", Relation.ENHANCES, "breaks", Relation.BREAKS, "conflicts", Relation.CONFLICTS,
            "replaces", Relation.REPLACES, "provides", Relation.PROVIDES);

    private static final Map<Setting, String> FLAGS = new EnumMap<>(Map.of(
            Setting.PACKAGE_NAME, "--package NAME",
            Setting.VERSION, "--upstream-version VERSION",
            Setting.DESCRIPTION, "--description TEXT",
            Setting.MAINTAINER, "--maintainer 'Full Name <email@example.org>'",
            Setting.LICENSE, "--license NAME"));
    private static final Map<Setting, String> WHAT = new EnumMap<>(Map.of(
            Setting.PACKAGE_NAME, "the Debian package name (pom: <artifactId>)",
            Setting.VERSION, "the project version (pom: <version>)",
            Setting.DESCRIPTION, "one line saying what the application does (pom: <description>)",
            Setting.MAINTAINER, "the package maintainer (pom: <developers>, or DEBFULLNAME and DEBEMAIL)",
            Setting.LICENSE, "the application's license, e.g. Apache-2.0, MIT, GPL-3.0 (pom: <licenses>)"));
    private static final Map<Setting, String> PROMPTS = new EnumMap<>(Map.of(
            Setting.PACKAGE_NAME, "Debian package name",
            Setting.VERSION, "Project version (e.g. 1.0.0)",
            Setting.DESCRIPTION, "One-line description (what the application does)",
            Setting.MAINTAINER, "Maintainer (Full Name <email@example.org>)",
            Setting.LICENSE, "License (SPDX name, e.g. Apache-2.0, MIT, GPL-3.0)"));

    @Override
    public Integer call() {
        MakeDeb.Context ctx = context();
        Ui ui = ui();
        if (interactive && nonInteractive) {
            ui.error("--interactive and --non-interactive exclude each other.");
            return MakeDeb.USAGE;
        }
        try {
            return init(ui, ctx);
        } catch (DebException e) {
            ui.error(e, Wording::name);
            return MakeDeb.FAILURE;
        }
    }

    private int init(Ui ui, MakeDeb.Context ctx) {
        Path project = dir.toAbsolutePath().normalize();
        Path local = Path.of(System.getProperty("user.home"), ".m2", "repository");
        Path pomFile = project.resolve("pom.xml");
        boolean maven = Files.exists(pomFile);
        PomReader.Project pom = maven ? PomReader.read(pomFile, ctx.env(), local) : PomReader.Project.none(pomFile);
        if (!maven) {
            ui.info("No pom.xml in " + project + ": the values come from the options (or your answers), and debian/ is"
                    + " written for make-deb build (no debian/rules: the build is your project's own).");
        }
        if ("pom".equals(pom.packaging())) {
            throw new DebException(Setting.POM, pom.pom().toString(),
                    "the project has <packaging>pom</packaging>: it builds "
                    + "no jar to package.", "run make-deb in the module that builds the application's jar.");
        }
        if (pom.unresolved() != null) {
            ui.warn("the parent " + pom.unresolved() + " is neither at its <relativePath> nor in " + local
                    + "; what it would give is asked for.");
        }
        pom.parents().forEach(p -> ui.detail("parent: " + p));
        // options first: a bad option is a usage error
        Map<Setting, String> flagged = new LinkedHashMap<>();
        flagged.put(Setting.PACKAGE_NAME, packageName);
        flagged.put(Setting.VERSION, upstreamVersion);
        flagged.put(Setting.DESCRIPTION, description);
        flagged.put(Setting.MAINTAINER, maintainer);
        flagged.put(Setting.HOMEPAGE, homepage);
        flagged.put(Setting.SECTION, section);
        Candidate name = packageName(pom);
        for (Map.Entry<Setting, String> f : flagged.entrySet()) {
            if (f.getValue() != null) {
                try {
                    ScaffoldSpec.check(f.getKey(), f.getValue(), name.value());
                } catch (DebException e) {
                    ui.error(e, Wording::name);
                    return MakeDeb.USAGE;
                }
            }
        }
        for (String l : licenses) {
            try {
                ScaffoldSpec.check(Setting.LICENSE, l);
            } catch (DebException e) {
                ui.error(e, Wording::name);
                return MakeDeb.USAGE;
            }
        }

        Map<Setting, Candidate> values = new LinkedHashMap<>();
        values.put(Setting.PACKAGE_NAME, name);
        values.put(Setting.VERSION, candidate(Setting.VERSION, upstreamVersion, "--upstream-version",
                pom.version(), "the pom's <version>", null));
        values.put(Setting.DESCRIPTION, candidate(Setting.DESCRIPTION, description, "--description",
                pom.config("synopsis").orElse(pom.metadata().synopsis()), "the pom's <description>", name.value()));
        values.put(Setting.MAINTAINER, candidate(Setting.MAINTAINER, maintainer, "--maintainer",
                pom.config("maintainer").orElse(pom.metadata().maintainer(ctx.env())), "the pom's <developers>", null));
        values.put(Setting.LICENSE, licenseCandidate(pom));

        List<Setting> missing = new ArrayList<>();
        values.forEach((k, v) -> {
            if (v.value() == null) {
                missing.add(k);
            }
        });
        boolean ask = !nonInteractive && (interactive || ctx.terminal());
        if (!missing.isEmpty() && ask) {
            for (Setting field : missing) {
                Candidate c = values.get(field);
                if (c.problem() != null) {
                    ui.info(c.problem());
                }
                String answer = askFor(ui, field, values.get(Setting.PACKAGE_NAME).value());
                if (answer == null) {
                    break;
                }
                values.put(field, new Candidate(answer, "your answer", null));
            }
            missing.removeIf(f -> values.get(f).value() != null);
        }
        if (!missing.isEmpty()) {
            StringBuilder sb = new StringBuilder("cannot write debian/ without these values; give them as options"
                    + (ask ? "" : ", or run make-deb in a terminal to be asked") + ":");
            for (Setting f : missing) {
                sb.append("\n  ").append(String.format("%-48s", FLAGS.get(f))).append(' ').append(WHAT.get(f));
                if (values.get(f).problem() != null) {
                    sb.append("\n  ").append(" ".repeat(49)).append("(").append(values.get(f).problem()).append(')');
                }
            }
            ui.error(sb.toString());
            return MakeDeb.USAGE;
        }

        ScaffoldSpec s = scaffold(pom, values, ctx, project, ui);
        List<Scaffold.File> files = Scaffold.render(s);
        String what = s.spec().name() + " " + s.spec().version() + " (Architecture: " + s.spec().architecture() + ")";
        if (dryRun) {
            for (Scaffold.File f : files) {
                ui.result("=== " + f.path() + (f.executable() ? " (executable)" : ""));
                ui.result(f.content().stripTrailing());
            }
            ui.info("Dry run: would write " + files.size() + " files to " + project.resolve("debian") + " for " + what + ".");
            return MakeDeb.OK;
        }
        Scaffold.Written done = Scaffold.writeKeepingEdits(project, files, force);
        ui.info("Wrote debian/ for " + what + ":");
        done.written().forEach(w -> ui.result("  " + w
                + (done.merged().contains(w) ? " (its earlier entries kept below the new one)" : "")));
        done.backups().forEach((file, backup) -> ui.warn("replaced " + file + "; what it held is in " + backup
                + " (compare with diff -u " + backup + " " + file + ")"));
        values.forEach((k, v) -> ui.detail(k + ": " + v.value() + " (from " + v.source() + ")"));
        if (!maven) {
            ui.info("Next: make-deb build DIR (a directory of the application's jars: it reads debian/); then make-deb"
                    + " check FILE.deb");
            return MakeDeb.OK;
        }
        if (!pom.declaresPlugin()) {
            ui.warn("the pom does not use jpackage-deb-maven-plugin; add it to <build><plugins> for `mvn package` to "
                    + "build the .deb (dpkg-buildpackage works as is).");
        }
        ui.info("Next: mvn package (the plugin reads debian/), or dpkg-buildpackage -us -uc -b; then make-deb check FILE.deb");
        return MakeDeb.OK;
    }

    private String askFor(Ui ui, Setting field, String pkg) {
        while (true) {
            String line = ui.ask(PROMPTS.get(field) + ": ");
            if (line == null) {
                return null;
            }
            try {
                if (field == Setting.LICENSE) {
                    ScaffoldSpec.checkLicense(new License(line.strip(), null));
                    return line.strip();
                }
                return ScaffoldSpec.check(field, line, pkg);
            } catch (DebException e) {
                ui.info("  " + e.problem() + (e.fix() != null ? " " + Wording.fix(e) : "") + " Try again.");
            }
        }
    }

    private Candidate packageName(PomReader.Project pom) {
        if (packageName != null) {
            return new Candidate(packageName.strip(), "--package", null);
        }
        String configured = pom.config("packageName").orElse(null);
        if (configured != null) {
            return candidate(Setting.PACKAGE_NAME, null, null, configured, "the plugin's <packageName>", null);
        }
        try {
            return new Candidate(PackageName.fromArtifactId(pom.artifactId()).value(), "the pom's <artifactId>", null);
        } catch (DebException e) {
            return new Candidate(null, null, "no package name can be derived from the artifactId '" + pom.artifactId() + "'");
        }
    }

    private static Candidate candidate(Setting field, String flag, String flagName, String fromPom, String pomSource,
                                       String pkg) {
        if (flag != null) {
            return new Candidate(flag.strip(), flagName, null);
        }
        if (fromPom == null || fromPom.isBlank()) {
            return new Candidate(null, null, null);
        }
        if (fromPom.contains("${")) {
            return new Candidate(null, null, pomSource + " '" + fromPom + "' cannot be resolved");
        }
        try {
            return new Candidate(ScaffoldSpec.check(field, fromPom, pkg), pomSource, null);
        } catch (DebException e) {
            return new Candidate(null, null, pomSource + " is not usable: " + e.problem());
        }
    }

    private Candidate licenseCandidate(PomReader.Project pom) {
        if (!licenses.isEmpty()) {
            return new Candidate(String.join("\n", licenses), "--license", null);
        }
        if (pom.licenses().isEmpty()) {
            return new Candidate(null, null, null);
        }
        for (License l : pom.licenses()) {
            try {
                ScaffoldSpec.checkLicense(l);
            } catch (DebException e) {
                return new Candidate(null, null, "the pom's license '" + l.name() + "' is not usable: " + e.problem());
            }
        }
        return new Candidate("(pom)", "the pom's <licenses>", null);
    }

    private ScaffoldSpec scaffold(PomReader.Project pom, Map<Setting, Candidate> values, MakeDeb.Context ctx,
            Path project,
                                  Ui ui) {
        String name = values.get(Setting.PACKAGE_NAME).value();
        Instant timestamp = BuildTimestamp.resolve(pom.property("project.build.outputTimestamp").orElse(null),
                ctx.env().get("SOURCE_DATE_EPOCH"), Instant.now());
        ScaffoldSpec.Builder b = ScaffoldSpec.builder()
                .packageName(name)
                .upstreamVersion(values.get(Setting.VERSION).value())
                .synopsis(values.get(Setting.DESCRIPTION).value())
                .maintainer(values.get(Setting.MAINTAINER).value())
                .longDescription(pom.config("longDescription").orElse(pom.metadata().longDescription(name, null)))
                .priority(pom.config("priority").orElse(null))
                .homepage(homepage != null ? homepage : pom.config("homepage").orElse(pom.metadata().homepage()))
                .section(section != null ? section : pom.config("section").orElse(null))
                .upstreamName(pom.name() != null && !pom.name().isBlank() && !pom.name().contains("${") ? pom.name()
                        : pom.artifactId() != null ? pom.artifactId() : name)
                .sourceUrl(ProjectMetadata.httpUrl(pom.scmUrl()) != null ? ProjectMetadata.httpUrl(pom.scmUrl()) : pom.metadata().homepage())
                .changelogMessage(message != null ? message : gitSubject(project, ui))
                .timestamp(timestamp)
                .service(service != null ? service : pom.pluginConfig().containsKey("service"))
                .profiling(profiling)
                .bundlesRuntime(runtime != null ? runtime : pom.config("runtime").map(r -> !r.equals("none"))
                        .orElse(RUNTIME_BY_DEFAULT))
                .javaRelease(javaRelease != null ? javaRelease : javaRelease(pom))
                .stageGoal(pom.declaresPlugin() ? "jpackage-deb:stage" : PomReader.PLUGIN + ":" + ownVersion() + ":stage")
                .mavenWrapper(Files.isRegularFile(project.resolve("mvnw")))
                .maven(Files.exists(pom.pom()));
        for (Map.Entry<String, Relation> r : RELATIONS.entrySet()) {
            pom.config(r.getKey()).ifPresent(list -> {
                for (String e : list.split(",")) {
                    b.relation(r.getValue(), e);
                }
            });
        }
        if (pom.config("debianVersion").isPresent()) {
            b.debianVersion(DebianVersion.parse(pom.config("debianVersion").get()));
        } else if (pom.config("revision").isPresent() || pom.config("epoch").isPresent()) {
            MavenVersionMapper m = MavenVersionMapper.defaults().withRevision(pom.config("revision").orElse("1"));
            String epoch = pom.config("epoch").orElse("0").strip();
            if (epoch.matches("[0-9]{1,4}")) {
                m = m.withEpoch(Integer.parseInt(epoch));
            }
            b.debianVersion(m.map(values.get(Setting.VERSION).value(), timestamp));
        }
        if (values.get(Setting.LICENSE).source().equals("the pom's <licenses>")) {
            pom.licenses().forEach(b::license);
        } else {
            for (String l : values.get(Setting.LICENSE).value().split("\n")) {
                b.license(new License(l, null));
            }
        }
        pom.metadata().copyrightHolders().forEach(b::copyrightHolder);
        try {
            return b.build();
        } catch (DebException e) {
            if (e.setting() == Setting.HOMEPAGE || e.setting() == Setting.SECTION) {
                throw new DebException(e.setting(), e.value(), "the pom's value is not usable: " + e.problem(),
                        "set " + Wording.name(e.setting()) + " explicitly.");
            }
            throw e;
        }
    }

    /** As the plugin takes it: its {@code <javaRelease>}, else maven.compiler.release (or .target), else 17. */
    private static int javaRelease(PomReader.Project pom) {
        for (Optional<String> v : List.of(pom.config("javaRelease"), pom.property("maven.compiler.release"),
                pom.property("maven.compiler.target"))) {
            if (v.isPresent()) {
                try {
                    return ProjectMetadata.javaRelease(v.get());
                } catch (DebException e) {
                    // not a release: the next setting, as the plugin's default expression would give
                }
            }
        }
        return ProjectMetadata.DEFAULT_JAVA_RELEASE;
    }

    /** The subject of the last commit when {@code dir} is in a git work tree, else null. */
    static String gitSubject(Path dir, Ui ui) {
        try {
            Process p = new ProcessBuilder("git", "-C", dir.toString(), "log", "-1", "--format=%s")
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return null;
            }
            return p.exitValue() == 0 && !out.isEmpty() ? out : null;
        } catch (IOException e) {
            ui.detail("git is not available: " + e.getMessage());
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private static String ownVersion() {
        String[] v = new MakeDeb.Version().getVersion();
        return v[0].substring(v[0].lastIndexOf(' ') + 1);
    }
}
