package io.github.jpackagedeb.core.assembly;

import io.github.jpackagedeb.core.app.AppSpec;
import io.github.jpackagedeb.core.app.ClassPathCheck;
import io.github.jpackagedeb.core.app.Jar;
import io.github.jpackagedeb.core.app.MainMethod;
import io.github.jpackagedeb.core.debiandir.DebianDir;
import io.github.jpackagedeb.core.debiandir.DebianDocs;
import io.github.jpackagedeb.core.DebException;
import io.github.jpackagedeb.core.DebLog;
import io.github.jpackagedeb.core.Setting;
import io.github.jpackagedeb.core.archive.Compression;
import io.github.jpackagedeb.core.archive.Content;
import io.github.jpackagedeb.core.archive.DebArchiveWriter;
import io.github.jpackagedeb.core.archive.DebEntry;
import io.github.jpackagedeb.core.archive.EntryType;
import io.github.jpackagedeb.core.archive.Gzip;
import io.github.jpackagedeb.core.archive.InstalledSize;
import io.github.jpackagedeb.core.archive.WriteResult;
import io.github.jpackagedeb.core.control.ControlFile;
import io.github.jpackagedeb.core.runtime.RuntimeImage;
import io.github.jpackagedeb.core.service.ProfilingSpec;
import io.github.jpackagedeb.core.service.ServiceSpec;
import io.github.jpackagedeb.core.control.PackageSpec;
import io.github.jpackagedeb.core.control.Relation;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Builds one .deb from a {@link PackageSpec} and an {@link AppSpec}: checks the class path, plans the package's entries
 * (docs/architecture.md#package-layout; their text comes from {@link Launcher}, {@link LintianOverrides},
 * {@link DocFiles}, {@link Lifecycle} and {@link ControlFile}), and writes the archive to a temporary file that is
 * renamed to {@code <outputDirectory>/<pkg>_<version>_<arch>.deb} only when complete.
 */
public final class DebBuilder {

    private final PackageSpec spec;
    private final AppSpec app;
    private final PackageDocs docs;
    private final String upstreamVersion;
    private final Path outputDirectory;
    private final Compression compression;
    private final Instant timestamp;
    private final DebLog log;
    private final ServiceSpec service;
    private final List<ExtraFile> extraFiles;
    private final DebianDir debianDir;
    private final DebianDocs debianDocs;
    private final RuntimeImage runtime;
    private final Path blockCache;
    private final Path appCdsCache;
    private final boolean sourceMtimes;
    private final io.github.jpackagedeb.core.runtime.AppCdsSpec appCds;
    /** The class list of the training run, made once (null until then, empty when there is none). */
    private java.util.Optional<byte[]> appCdsList;

    private DebBuilder(Builder b) {
        this.spec = b.spec;
        this.app = b.app;
        this.docs = b.docs;
        this.upstreamVersion = b.upstreamVersion;
        this.outputDirectory = b.outputDirectory;
        this.compression = b.compression;
        this.timestamp = b.timestamp;
        this.log = b.log;
        this.service = b.service;
        this.extraFiles = List.copyOf(b.extraFiles);
        this.debianDir = b.debianDir;
        this.debianDocs = b.debianDocs;
        this.runtime = b.runtime;
        this.blockCache = b.blockCache;
        this.appCdsCache = b.appCdsCache;
        this.sourceMtimes = b.sourceMtimes;
        this.appCds = b.appCds;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * The result of a build: the .deb, the spec as written (with the generated relations), and the package's
     * {@code changelog.Debian.gz} (null if none), so that .changes can be written without reading the package back.
     */
    public record Result(Path deb, PackageSpec spec, WriteResult archive, byte[] changelogGz) {
    }

    /**
     * The spec as it will be written: a jar-only package depends on a Java runtime of the right release; a package
     * with a bundled runtime is of the runtime's architecture and depends on the shared libraries the runtime needs.
     */
    public PackageSpec effectiveSpec() {
        PackageSpec.Builder b = spec.toBuilder();
        if (runtime != null) {
            withRuntime(b);
        } else if ("all".equals(spec.architecture())) {
            int r = app.javaRelease();
            String javaDep = "default-jre-headless (>= 2:1." + r + ") | java" + r + "-runtime-headless";
            boolean mentionsJava = spec.relation(Relation.DEPENDS).stream()
                    .anyMatch(d -> d.contains("jre") || d.contains("java") && d.contains("runtime"));
            if (!mentionsJava) {
                List<String> deps = new ArrayList<>();
                deps.add(javaDep);
                deps.addAll(spec.relation(Relation.DEPENDS));
                b.relations(Relation.DEPENDS, deps);
            }
        }
        if (isService() && spec.relation(Relation.DEPENDS).stream().noneMatch(d -> d.startsWith("adduser"))) {
            List<String> deps = new ArrayList<>(b.build().relation(Relation.DEPENDS));
            deps.add("adduser"); // postinst creates the system account with adduser --system
            b.relations(Relation.DEPENDS, deps);
        }
        return b.build();
    }

    /**
     * The relationships this build computes from the bundled runtime's ELF files, as deb-substvars(5) lines for
     * debhelper: {@code jpackage-deb:Depends=} and {@code jpackage-deb:Recommends=} (empty without a runtime). The
     * control file that make-deb init writes names these variables, so that dpkg-buildpackage declares the same
     * libraries in Depends and Recommends as {@code mvn package}; dpkg-shlibdeps would put the libraries only
     * java.desktop loads in Depends (see SharedLibraries).
     */
    public String substvars() {
        return SUBSTVAR_DEPENDS + "=" + (runtime == null ? "" : String.join(", ", runtime.depends())) + "\n"
                + SUBSTVAR_RECOMMENDS + "=" + (runtime == null ? "" : String.join(", ", runtime.recommends())) + "\n";
    }

    /** The substitution variables of {@link #substvars()}, without ${}. */
    public static final String SUBSTVAR_DEPENDS = "jpackage-deb:Depends";
    public static final String SUBSTVAR_RECOMMENDS = "jpackage-deb:Recommends";

    /** Architecture, Depends and Recommends from the bundled runtime (computed from its ELF files). */
    private void withRuntime(PackageSpec.Builder b) {
        String arch = spec.architecture();
        if (!"all".equals(arch) && !arch.equals(runtime.architecture())) {
            throw new DebException(Setting.ARCHITECTURE, arch, "the package bundles a " + runtime.architecture()
                    + " Java runtime (" + runtime.platform() + "), so it cannot be Architecture: " + arch + ".",
                    "leave the architecture unset (it follows the runtime), or link the runtime from a JDK for " + arch + ".");
        }
        b.architecture(runtime.architecture());
        List<String> deps = new ArrayList<>(runtime.depends());
        deps.addAll(spec.relation(Relation.DEPENDS));
        b.relations(Relation.DEPENDS, deps);
        List<String> recs = new ArrayList<>(runtime.recommends());
        recs.addAll(spec.relation(Relation.RECOMMENDS));
        b.relations(Relation.RECOMMENDS, recs);
    }

    private boolean isService() {
        return service != null || debianDir.unitFile().isPresent();
    }

    /** The service unit, system account, extra files, /etc/default file and maintainer scripts of the package. */
    public Lifecycle lifecycle(PackageSpec effective) {
        return Lifecycle.plan(effective.name(), effective.synopsis(), Layout.standard(effective.name()), service,
                extraFiles, debianDir, appCdsSnippets(effective), runtime != null, log);
    }

    /**
     * The maintainer-script code this build generates, alone, by script name ({@code postinst} …; empty when a
     * script has none): what debhelper's {@code dh_installdeb} inserts at {@code #DEBHELPER#} when the package is
     * finished by {@code dpkg-buildpackage} (the stage goal writes it to {@code debian/<pkg>.<script>.debhelper}).
     */
    public Map<String, String> generatedScriptCode(PackageSpec effective) {
        Map<io.github.jpackagedeb.core.scripts.ScriptName, io.github.jpackagedeb.core.scripts.UserScript> holes =
                new java.util.EnumMap<>(io.github.jpackagedeb.core.scripts.ScriptName.class);
        for (io.github.jpackagedeb.core.scripts.ScriptName s : io.github.jpackagedeb.core.scripts.ScriptName.values()) {
            holes.put(s, new io.github.jpackagedeb.core.scripts.UserScript("generated", "#!/bin/sh\n#DEBHELPER#\n"));
        }
        DebianDir probe = new DebianDir(holes, debianDir.unitFile(), debianDir.defaultFile());
        Lifecycle l = Lifecycle.plan(effective.name(), effective.synopsis(), Layout.standard(effective.name()), service,
                extraFiles, probe, appCdsSnippets(effective), runtime != null, log);
        Map<String, String> out = new LinkedHashMap<>();
        l.scripts().forEach((name, bytes) -> {
            String text = new String(bytes, StandardCharsets.UTF_8);
            out.put(name, text.substring(text.indexOf('\n') + 1).strip());
        });
        return out;
    }

    /** The data.tar entries of the package. */
    public List<DebEntry> entries(PackageSpec effective) {
        List<Jar> classPath = app.classPath();
        java.util.Set<Path> codeless = ClassPathCheck.checkJars(classPath);
        String mainClass = ClassPathCheck.mainClass(app.mainClass(), app.mainJar(), classPath);
        MainMethod.check(mainClass, classPath, targetRelease());
        Layout layout = Layout.standard(effective.name());
        List<DebEntry> entries = new ArrayList<>();
        for (Jar jar : classPath) {
            entries.add(DebEntry.file(Layout.rel(layout.libDir() + "/" + jar.path()), Content.of(jar.file())));
        }
        for (AppSpec.Resource r : app.resources()) {
            entries.add(DebEntry.file(Layout.rel(layout.libDir() + "/" + r.path()), Content.of(r.file())));
        }
        Lifecycle lifecycle = lifecycle(effective);
        ServiceSpec resolved = lifecycle.service();
        if (resolved != null && resolved.profiling().enabled() && runtime != null
                && !runtime.modules().contains(ProfilingSpec.MODULE)) {
            throw new DebException(Setting.SERVICE_PROFILING, "on",
                    "profiling is built in, but the bundled runtime has no "
                    + ProfilingSpec.MODULE + " module (its modules: " + String.join(",", runtime.modules()) + ").",
                    "add " + ProfilingSpec.MODULE + " to the runtime's modules (the Maven plugin and make-deb add it "
                            + "when they see the profiling setting).");
        }
        if (resolved != null && resolved.profiling().enabled() && resolved.profiling().settingsIsLean()) {
            entries.add(DebEntry.file(Layout.rel(io.github.jpackagedeb.core.service.LeanJfc.path(effective.name())),
                    Content.of(leanJfc().getBytes(StandardCharsets.UTF_8), "JFR settings (lean)")));
        }
        entries.add(DebEntry.executable(Layout.rel(layout.launcher()),
                Content.of(Launcher.render(effective, app, mainClass, classPath, resolved, appCdsList().isPresent())
                        .getBytes(StandardCharsets.UTF_8),
                        "launcher")));
        entries.add(DebEntry.symlink(Layout.rel(layout.command()), Layout.linkTarget(layout.command(), layout.launcher())));
        if (runtime != null) {
            entries.addAll(runtime.entries(Layout.rel(layout.runtimeDir())));
            entries.add(DebEntry.symlink(Layout.rel(layout.runtimeLink()),
                    Layout.linkTarget(layout.runtimeLink(), layout.runtimeDir())));
        }
        appCdsList().ifPresent(list -> entries.add(DebEntry.file(Layout.rel(layout.appCdsClassList()),
                Content.of(list, "class-data sharing class list"))));
        entries.add(DebEntry.conffile(Layout.rel(layout.defaultsFile()),
                Content.of((lifecycle.defaultsFile() + (debianDir.defaultFile().isPresent() ? ""
                        : LauncherSettings.defaults(app, effective.name()))).getBytes(StandardCharsets.UTF_8),
                        "/etc/default file")));
        entries.addAll(lifecycle.entries());
        int year = timestamp.atZone(ZoneOffset.UTC).getYear();
        entries.add(DebEntry.file(Layout.rel(layout.docDir() + "/copyright"),
                debianDocs.copyright() != null
                        ? Content.of(debianDocs.copyright().getBytes(StandardCharsets.UTF_8), "copyright from " + debianDocs.source())
                        : Content.of(DocFiles.copyright(effective, docs, app.dependencies(), year), "copyright")));
        entries.add(DebEntry.file(Layout.rel(layout.docDir() + "/changelog.Debian.gz"),
                debianDocs.changelog() != null
                        ? Content.of(Gzip.reproducible(DocFiles.changelogFor(debianDocs.changelog(), debianDocs.source()
                                + "/changelog", effective, docs, upstreamVersion, timestamp).getBytes(StandardCharsets.UTF_8)),
                        "changelog from " + debianDocs.source())
                        : Content.of(DocFiles.changelogGz(effective, docs, upstreamVersion, timestamp), "changelog")));
        // an extra file at the man page's path (a page of the application's own, e.g. make-deb's) replaces the
        // generated one
        if (entries.stream().noneMatch(e -> e.path().equals(Layout.rel(layout.manPage())))) {
            entries.add(DebEntry.file(Layout.rel(layout.manPage()),
                    Content.of(DocFiles.manPageGz(effective, upstreamVersion, layout.appHome(), timestamp), "man page")));
        }
        entries.add(DebEntry.file("usr/share/lintian/overrides/" + effective.name(),
                Content.of(debianDocs.mergeLintianOverrides(LintianOverrides.render(effective, layout, classPath, codeless,
                        runtime != null))
                        .getBytes(StandardCharsets.UTF_8), "lintian overrides")));
        // every file under /etc is a conffile (Debian Policy 10.7.2)
        entries.replaceAll(e -> e.type() == EntryType.FILE && !e.conffile() && e.path().startsWith("etc/")
                ? new DebEntry(e.path(), e.type(), e.mode(), e.content(), null, true) : e);
        markConffiles(entries);
        return entries;
    }

    /** The extra conffiles of debian/&lt;pkg&gt;.conffiles: each must be a regular file of the package. */
    private void markConffiles(List<DebEntry> entries) {
        for (String c : debianDocs.conffiles()) {
            String rel = Layout.rel(DebianDocs.checkConffile(c, debianDocs.source()));
            int at = -1;
            for (int i = 0; i < entries.size(); i++) {
                if (entries.get(i).path().equals(rel) && entries.get(i).type() == EntryType.FILE) {
                    at = i;
                }
            }
            if (at < 0) {
                throw new DebException(Setting.DEBIAN_DIR, c, "the conffile listed in " + debianDocs.source()
                        + " is not a regular file of the package.", "list only files the package installs.");
            }
            DebEntry e = entries.get(at);
            entries.set(at, new DebEntry(e.path(), e.type(), e.mode(), e.content(), null, true));
        }
    }

    /** Checks everything, then writes the .deb. Nothing is left under the final name if anything fails. */
    public Result build() {
        PackageSpec effective = effectiveSpec();
        List<DebEntry> entries = entries(effective);
        long installedSize = InstalledSize.kibibytes(entries);
        byte[] control = ControlFile.render(effective, installedSize);
        try {
            Files.createDirectories(outputDirectory);
        } catch (IOException e) {
            throw new DebException(Setting.OUTPUT_DIRECTORY, outputDirectory.toString(),
                    "cannot create the output directory: "
                    + e.getMessage(), "check that the path is writable.", e);
        }
        Path target = outputDirectory.resolve(effective.debFileName());
        io.github.jpackagedeb.core.check.PolicyCheck.longFileName(effective.debFileName(), effective.architecture())
                .ifPresent(f -> log.warn(f.tag() + ": " + f.detail() + ": " + f.why()));
        for (ExtraFile f : extraFiles) {
            if (f.hasSpecialMode()) {
                log.warn("postinst gives " + f.destination() + " the special mode " + String.format("%04o", f.mode())
                        + " (setuid, setgid, sticky or world-writable), as explicitly allowed ("
                        + Setting.ALLOW_SPECIAL_MODES.key() + ").");
            }
        }
        log.info("Building " + target.getFileName() + " (" + app.classPath().size() + " jars, "
                + (runtime != null ? "Java runtime " + runtime.modules().size() + " modules, " : "") + compression.dpkgName() + ")");
        DebArchiveWriter writer = DebArchiveWriter.builder()
                .dataCompression(compression)
                .timestamp(timestamp.getEpochSecond())
                .sourceMtimes(sourceMtimes)
                .blockCache(blockCache)
                .log(log)
                .build();
        Lifecycle lifecycle = lifecycle(effective);
        if (lifecycle.service() != null) {
            log.info("Service " + lifecycle.service().unitFileName() + " runs as " + lifecycle.service().user() + ":"
                    + lifecycle.service().group() + (debianDir.unitFile().isPresent()
                    ? " (unit from " + debianDir.unitFile().get().source() + ")" : ""));
        }
        Map<String, byte[]> scripts = new LinkedHashMap<>(lifecycle.scripts());
        WriteResult result;
        try {
            result = writer.write(target, control, scripts, entries);
        } catch (IOException e) {
            throw new DebException(Setting.OUTPUT_DIRECTORY, target.toString(), "cannot write the package: " + e,
                    "check free space and permissions of the output directory, and that no input file changed.", e);
        }
        log.info("Wrote " + target + " (" + result.size() + " bytes, sha256 " + result.sha256() + ")");
        return new Result(target, effective, result, changelogGz(entries, effective.name()));
    }

    /**
     * The Java feature release the package runs on: the bundled runtime's (its {@code release} file), else the
     * release the application is built for (a jar-only package depends on that release or later).
     */
    private int targetRelease() {
        if (runtime != null) {
            try {
                for (String line : Files.readAllLines(runtime.image().resolve("release"), StandardCharsets.UTF_8)) {
                    java.util.regex.Matcher m = java.util.regex.Pattern.compile("JAVA_VERSION=\"(?:1\\.)?([0-9]+).*")
                            .matcher(line);
                    if (m.matches()) {
                        return Integer.parseInt(m.group(1));
                    }
                }
            } catch (IOException | RuntimeException e) {
                log.debug("cannot read the bundled runtime's release file: " + e);
            }
        }
        return app.javaRelease();
    }

    /** The bytes of the package's changelog.Debian.gz entry, or null. */
    private static byte[] changelogGz(List<DebEntry> entries, String pkg) {
        String path = "usr/share/doc/" + pkg + "/changelog.Debian.gz";
        for (DebEntry e : entries) {
            if (e.type() == EntryType.FILE && e.path().equals(path)) {
                try (java.io.InputStream in = e.content().open()) {
                    return in.readAllBytes();
                } catch (IOException ex) {
                    return null;
                }
            }
        }
        return null;
    }

    /** The lean JFR settings, derived from the bundled runtime's lib/jfr/default.jfc. */
    private String leanJfc() {
        if (runtime == null) {
            throw new DebException(Setting.SERVICE_PROFILING_SETTINGS, ProfilingSpec.LEAN, "the lean JFR settings are "
                    + "derived from the bundled runtime's lib/jfr/default.jfc, and this package bundles no runtime.",
                    "use PROFILING_SETTINGS=default or profile, or bundle a runtime.");
        }
        Path jfc = runtime.image().resolve("lib/jfr/default.jfc");
        try {
            return io.github.jpackagedeb.core.service.LeanJfc.derive(Files.readString(jfc, StandardCharsets.UTF_8),
                    "the bundled runtime's lib/jfr/default.jfc");
        } catch (java.io.IOException e) {
            throw new DebException(Setting.SERVICE_PROFILING_SETTINGS, ProfilingSpec.LEAN, "cannot read " + jfc + ": "
                    + e.getMessage(), "link the runtime with the " + ProfilingSpec.MODULE + " module.", e);
        }
    }

    /**
     * The class list of application class-data sharing, from the training run (made on first use); empty when
     * appCds is off or the runtime cannot run on this machine.
     */
    private synchronized java.util.Optional<byte[]> appCdsList() {
        if (appCdsList == null) {
            appCdsList = appCds == null ? java.util.Optional.empty()
                    : io.github.jpackagedeb.core.runtime.AppCds.train(appCds, runtime, app,
                    ClassPathCheck.mainClass(app.mainClass(), app.mainJar(), app.classPath()), appCdsCache, log);
        }
        return appCdsList;
    }

    /** postinst dumps the class-data sharing archive, prerm and postrm remove it (none without app CDS). */
    private List<io.github.jpackagedeb.core.scripts.Snippet> appCdsSnippets(PackageSpec effective) {
        if (appCdsList().isEmpty()) {
            return List.of();
        }
        Layout layout = Layout.standard(effective.name());
        // the jars as the launcher puts them on the class path: the archive is valid only for that class path
        List<String> jars = (app.runsAsJar() ? List.of(app.mainJar()) : app.classPath()).stream().map(Jar::path)
                .toList();
        return io.github.jpackagedeb.core.scripts.Snippets.appCds(effective.name(), layout.runtimeDir() + "/bin/java",
                layout.appCdsClassList(), layout.appCdsArchive(), layout.cacheDir(), layout.appHome(), jars);
    }

    public static final class Builder {
        private PackageSpec spec;
        private AppSpec app;
        private PackageDocs docs;
        private String upstreamVersion;
        private Path outputDirectory;
        private Compression compression = Compression.DEFAULT;
        private Instant timestamp;
        private DebLog log = DebLog.SILENT;
        private ServiceSpec service;
        private final List<ExtraFile> extraFiles = new ArrayList<>();
        private DebianDir debianDir = DebianDir.NONE;
        private DebianDocs debianDocs = DebianDocs.NONE;
        private RuntimeImage runtime;
        private Path blockCache;
        private Path appCdsCache;
        private boolean sourceMtimes;
        private io.github.jpackagedeb.core.runtime.AppCdsSpec appCds;

        private Builder() {
        }

        /**
         * Where compressed blocks of data.tar.xz are kept between builds, so that a rebuild does not compress the
         * same runtime and jars again (see {@link DebArchiveWriter.Builder#blockCache}); null (default): none.
         */
        public Builder blockCache(Path directory) {
            this.blockCache = directory;
            return this;
        }

        /**
         * For a build whose timestamp is not pinned: files from disk keep their own modification times (see
         * {@link DebArchiveWriter.Builder#sourceMtimes}), so that a rebuild reuses the compressed blocks around the
         * unchanged ones. Off (the default): every entry carries the build timestamp.
         */
        public Builder sourceMtimes(boolean value) {
            this.sourceMtimes = value;
            return this;
        }

        /**
         * Where the class lists of AppCDS training runs are kept by what decides them (runtime, jars, arguments), so
         * that a rebuild of unchanged code runs no training; null (default): none.
         */
        public Builder appCdsCache(Path directory) {
            this.appCdsCache = directory;
            return this;
        }

        /**
         * Bundles this Java runtime (from {@code RuntimeBuilder}) under {@code /usr/lib/<pkg>/runtime}; the package
         * then has the runtime's architecture and Depends. Null (the default): a jar-only package.
         */
        /**
         * Application class-data sharing (needs a bundled runtime): a training run at build time, the class list in
         * the package, the archive dumped by postinst and used by the launcher. Null (the default): off.
         */
        public Builder appCds(io.github.jpackagedeb.core.runtime.AppCdsSpec value) {
            this.appCds = value;
            return this;
        }

        public Builder runtime(RuntimeImage value) {
            this.runtime = value;
            return this;
        }

        /** Packages the application as a systemd service (the service archetype); null for none. */
        public Builder service(ServiceSpec value) {
            this.service = value;
            return this;
        }

        /** More files, directories and links (nfpm-like types). */
        public Builder extraFiles(List<ExtraFile> values) {
            this.extraFiles.addAll(values);
            return this;
        }

        /** The author's debian/ overrides: maintainer scripts, unit file, /etc/default file. */
        /** The author's changelog, copyright, lintian overrides and extra conffiles from debian/. */
        public Builder debianDocs(DebianDocs value) {
            this.debianDocs = Objects.requireNonNull(value, "debianDocs");
            return this;
        }

        public Builder debianDir(DebianDir value) {
            this.debianDir = Objects.requireNonNull(value, "debianDir");
            return this;
        }

        public Builder spec(PackageSpec value) {
            this.spec = value;
            return this;
        }

        public Builder app(AppSpec value) {
            this.app = value;
            return this;
        }

        public Builder docs(PackageDocs value) {
            this.docs = value;
            return this;
        }

        /** The version as the project states it (the Maven version), for the changelog and man page. */
        public Builder upstreamVersion(String value) {
            this.upstreamVersion = value;
            return this;
        }

        public Builder outputDirectory(Path value) {
            this.outputDirectory = value;
            return this;
        }

        public Builder compression(Compression value) {
            this.compression = value;
            return this;
        }

        public Builder timestamp(Instant value) {
            this.timestamp = value;
            return this;
        }

        public Builder log(DebLog value) {
            this.log = value;
            return this;
        }

        public DebBuilder build() {
            Objects.requireNonNull(spec, "spec");
            Objects.requireNonNull(app, "app");
            Objects.requireNonNull(outputDirectory, "outputDirectory");
            Objects.requireNonNull(timestamp, "timestamp");
            Objects.requireNonNull(compression, "compression");
            if (docs == null) {
                docs = new PackageDocs(spec.name(), spec.homepage(), List.of(), List.of(), List.of(), null);
            }
            if (upstreamVersion == null) {
                upstreamVersion = spec.version().upstream();
            }
            if (appCds != null && runtime == null) {
                // the archive is dumped by, and only valid for, one exact JVM build: a JDK security update of the
                // system's Java would make it useless, so only a bundled runtime gets one. A jar-only variant of a
                // project that asks for it (-Djpackage-deb.runtime=none) is built without it, said once.
                log.warn("appCds is ignored: application class-data sharing needs the bundled Java runtime, and this"
                        + " package is jar-only (runtime none). To silence this, remove the appCds setting or bundle a"
                        + " runtime (runtime jlink).");
                appCds = null;
            }
            return new DebBuilder(this);
        }
    }
}
