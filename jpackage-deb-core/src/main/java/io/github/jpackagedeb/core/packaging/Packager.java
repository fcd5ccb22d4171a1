package io.github.jpackagedeb.core.packaging;

import io.github.jpackagedeb.core.runtime.AppCdsSpec;
import io.github.jpackagedeb.core.app.AppClosure;
import io.github.jpackagedeb.core.DebException;
import io.github.jpackagedeb.core.DebLog;
import io.github.jpackagedeb.core.Setting;
import io.github.jpackagedeb.core.archive.WriteResult;
import io.github.jpackagedeb.core.app.AppSpec;
import io.github.jpackagedeb.core.assembly.BuildTimestamp;
import io.github.jpackagedeb.core.assembly.DebBuilder;
import io.github.jpackagedeb.core.debiandir.DebianDir;
import io.github.jpackagedeb.core.debiandir.DebianDocs;
import io.github.jpackagedeb.core.assembly.Lifecycle;
import io.github.jpackagedeb.core.assembly.PackageDocs;
import io.github.jpackagedeb.core.debfile.DebFile;
import io.github.jpackagedeb.core.debiandir.DebianChangelog;
import io.github.jpackagedeb.core.debiandir.DebianDirectory;
import io.github.jpackagedeb.core.debiandir.SpecDraft;
import io.github.jpackagedeb.core.repo.UploadFiles;
import io.github.jpackagedeb.core.runtime.RuntimeBuilder;
import io.github.jpackagedeb.core.runtime.RuntimeCache;
import io.github.jpackagedeb.core.runtime.RuntimeImage;
import io.github.jpackagedeb.core.service.ProfilingSpec;
import io.github.jpackagedeb.core.sign.DebSigner;
import io.github.jpackagedeb.core.sign.OpenPgpSigner;
import io.github.jpackagedeb.core.control.PackageSpec;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The one entry point of a package build, for every front end: {@link #build(BuildRequest)} resolves the timestamp,
 * reads debian/, completes the package's fields (the front end's draft, then debian/control and debian/changelog
 * field by field), links the runtime, writes the .deb, signs it and writes its .changes and .buildinfo.
 * {@link #plan(BuildRequest)} stops before writing, for a front end that lays the package out as a tree.
 */
public final class Packager {

    private Packager() {
    }

    /** What a build wrote. */
    public record Result(DebBuilder.Result built, Instant timestamp, boolean signed) {
        /** The .deb. */
        public Path deb() {
            return built.deb();
        }

        /** The package's fields as written. */
        public PackageSpec spec() {
            return built.spec();
        }

        /** The archive as written, before any signature was embedded. */
        public WriteResult archive() {
            return built.archive();
        }
    }

    /** The build, planned: the resolved timestamp and the builder, with nothing written yet. */
    public record Plan(DebBuilder builder, Instant timestamp) {
    }

    /** Builds, signs and describes the package the request asks for. */
    public static Result build(BuildRequest request) {
        DebLog log = request.log();
        DebianDirectory debian = DebianDirectory.read(request.debianDirectory());
        Instant timestamp = timestamp(request, debian);
        // the key is loaded and unlocked now, so that a wrong passphrase fails before anything is built
        OpenPgpSigner signer = request.signing() == null ? null
                : new OpenPgpSigner(request.signing().load(), timestamp);
        DebBuilder.Result built = builder(request, debian, timestamp, true).build();
        if (signer != null || request.changes()) {
            // the package was just written: no need to decompress its data.tar again for the changelog
            DebFile written = DebFile.readWritten(built.deb(), built.changelogGz());
            DebFile file = signer != null ? new DebSigner(signer, log).sign(written) : written;
            if (request.changes()) {
                new UploadFiles(timestamp, UploadFiles.hostArchitecture(),
                        Map.of("SOURCE_DATE_EPOCH", Long.toString(timestamp.getEpochSecond())), signer, log)
                        .write(file);
            }
        }
        return new Result(built, timestamp, signer != null);
    }

    /** Plans the build (timestamp, fields, runtime) without writing the package. */
    public static Plan plan(BuildRequest request) {
        DebianDirectory debian = DebianDirectory.read(request.debianDirectory());
        Instant timestamp = timestamp(request, debian);
        return new Plan(builder(request, debian, timestamp, false), timestamp);
    }

    /**
     * The build timestamp: the explicit one, else SOURCE_DATE_EPOCH, else (when the request says so)
     * debian/changelog's newest date as dpkg-buildpackage takes it, else now, with a warning naming the fix.
     */
    static Instant timestamp(BuildRequest request, DebianDirectory debian) {
        String sourceDateEpoch = request.environment().get("SOURCE_DATE_EPOCH");
        boolean explicit = request.timestamp() != null && !request.timestamp().isBlank();
        if (!explicit && request.changelogDateFallback() && debian.changelog().isPresent()) {
            return BuildTimestamp.resolve(null, sourceDateEpoch, debian.changelog().get().newest().date());
        }
        return BuildTimestamp.resolve(request.timestamp(), sourceDateEpoch, request.now(), request.log(),
                request.reproducibleFix());
    }

    /**
     * Whether the build has a timestamp of its own (explicit, SOURCE_DATE_EPOCH, or debian/changelog's date when the
     * request takes it): then every entry carries it; else the build's time is now and files keep their mtimes.
     */
    static boolean pinned(BuildRequest request, DebianDirectory debian) {
        String sourceDateEpoch = request.environment().get("SOURCE_DATE_EPOCH");
        return request.timestamp() != null && request.timestamp().strip().length() > 1
                || sourceDateEpoch != null && !sourceDateEpoch.isBlank()
                || request.changelogDateFallback() && debian.changelog().isPresent();
    }

    /**
     * The package's fields: the front end's draft and version, overridden field by field by debian/, then the long
     * description derived from project metadata where nothing gave one.
     *
     * @param jarCount the number of jars on the class path (for the derived long description)
     */
    public static PackageSpec spec(BuildRequest request, DebianDirectory debian, Instant timestamp, int jarCount) {
        return draft(request, debian, timestamp, jarCount).toSpec();
    }

    private static SpecDraft draft(BuildRequest request, DebianDirectory debian, Instant timestamp, int jarCount) {
        SpecDraft d = request.draft();
        VersionInput v = request.version();
        if (v != null) {
            d = v.debianVersion() != null ? d.configured(Setting.VERSION, v.debianVersion(), v.label())
                    : d.derived(Setting.VERSION, v.mapped(timestamp), v.label()).snapshot(v.snapshot());
        }
        d = debian.apply(d, request.log(), request.changelogGivesVersion());
        if (request.longDescription() != null) {
            String name = d.get(Setting.PACKAGE_NAME).map(SpecDraft.Value::value).orElse(null);
            if (name != null) {
                d = d.derived(Setting.LONG_DESCRIPTION, request.longDescription().derive(name, jarCount),
                        request.longDescriptionLabel());
            }
        }
        return d;
    }

    /** Valid values that stand in for a bad or missing one, so that {@link #check} finds the next problem. */
    private static final Map<Setting, String> STAND_INS = new EnumMap<>(Map.of(Setting.PACKAGE_NAME, "stand-in",
            Setting.VERSION, "1-1", Setting.MAINTAINER, "Stand In <stand-in@example.org>",
            Setting.DESCRIPTION, "Temporary value", Setting.LONG_DESCRIPTION, "Temporary value.",
            Setting.SECTION, "misc", Setting.PRIORITY, "optional", Setting.HOMEPAGE, "https://example.org/",
            Setting.ARCHITECTURE, "all"));

    /**
     * Every problem of the request that shows without building: debian/, the timestamp, each of the package's fields
     * (missing or bad), and an {@code Architecture: any} without a runtime; empty when it can be built. For a front
     * end that lists all problems of one run together.
     */
    public static List<DebException> check(BuildRequest request) {
        List<DebException> problems = new ArrayList<>();
        DebianDirectory debian;
        try {
            debian = DebianDirectory.read(request.debianDirectory());
        } catch (DebException e) {
            return List.of(e);
        }
        Instant timestamp = request.now();
        try {
            timestamp = timestamp(request, debian);
        } catch (DebException e) {
            problems.add(e);
        }
        SpecDraft d;
        try {
            d = draft(request, debian, timestamp, request.app() == null ? 1 : request.app().app().classPath().size());
        } catch (DebException e) {
            problems.add(e);
            return problems;
        }
        java.util.Set<Setting> standIns = java.util.EnumSet.noneOf(Setting.class);
        while (true) {
            try {
                PackageSpec spec = d.toSpec();
                try {
                    architecture(request, debian, spec);
                } catch (DebException e) {
                    problems.add(e);
                }
                break;
            } catch (DebException e) {
                problems.add(e);
                Setting field = e.getCause() instanceof DebException cause ? cause.setting() : e.setting();
                if (!STAND_INS.containsKey(field) || !standIns.add(field)) {
                    break;
                }
                d = d.standIn(field, STAND_INS.get(field));
            }
        }
        return problems;
    }

    /** {@code Architecture: any} in debian/control is the bundled runtime's: without one it is an error. */
    private static void architecture(BuildRequest request, DebianDirectory debian, PackageSpec spec) {
        if (request.runtime().bundled()) {
            return;
        }
        SpecDraft.Value arch = debian.control().map(c -> c.values(spec.name()).get(Setting.ARCHITECTURE)).orElse(null);
        if (arch != null && arch.value().strip().equals("any")) {
            throw new DebException(Setting.ARCHITECTURE, "any", arch.origin().label() + " says Architecture: any (the"
                    + " architecture of the bundled Java runtime), but this build bundles no runtime (runtime none),"
                    + " so the package would be Architecture: all.",
                    "bundle a runtime (runtime jlink), or write Architecture: all in debian/control for a jar-only"
                            + " package.");
        }
    }

    /**
     * The app CDS settings for this application: a Spring Boot application trains with
     * {@link AppClosure#SPRING_BOOT_TRAINING} unless training arguments or Java options are configured.
     */
    public static AppCdsSpec appCds(AppClosure.Result app, AppCdsSpec c) {
        if (c != null && app.springBoot() && c.trainingArgs().isEmpty() && c.trainingJvmArgs().isEmpty()) {
            return c.withTrainingJvmArgs(List.of(AppClosure.SPRING_BOOT_TRAINING));
        }
        return c;
    }

    /** {@link AppCds#trainAhead}, with the main class the build will use (none yet when it cannot tell: no run). */
    private static void trainAhead(AppCdsSpec spec, AppSpec app, Path cache, DebLog log) {
        String mainClass;
        try {
            mainClass = io.github.jpackagedeb.core.app.ClassPathCheck.mainClass(app.mainClass(), app.mainJar(),
                    app.classPath());
        } catch (RuntimeException e) {
            return; // the build reports it
        }
        io.github.jpackagedeb.core.runtime.AppCds.trainAhead(spec, app, mainClass, cache, log);
    }

    /** The modules a bundled runtime needs beyond what jdeps finds: the application's, and jdk.jfr to profile. */
    private static List<String> requiredModules(AppSpec app, boolean profiling) {
        List<String> out = new ArrayList<>(app.requiredModules());
        if (profiling) {
            out.add(ProfilingSpec.MODULE);
        }
        return out;
    }

    /** @param writes whether this build writes the .deb (not a {@link #plan}): then xz work may start ahead */
    private static DebBuilder builder(BuildRequest request, DebianDirectory debian, Instant timestamp, boolean writes) {
        Objects.requireNonNull(request.app(), "app");
        Objects.requireNonNull(request.outputDirectory(), "outputDirectory");
        DebLog log = request.log();
        AppSpec app = request.app().app();
        PackageSpec spec = spec(request, debian, timestamp, app.classPath().size());
        architecture(request, debian, spec);
        DebianDocs debianDocs = debian.docs(spec.name());
        if (request.missingLicenseWarning() != null && debianDocs.copyright() == null
                && (request.docs() == null ? request.licenses() : request.docs().licenses()).isEmpty()) {
            log.warn(request.missingLicenseWarning());
        }
        DebianDir debianDir = debian.forPackage(spec.name());
        boolean profiling = Lifecycle.profiling(request.service(), debianDir).enabled();
        Path cache = request.cacheDirectory() != null ? request.cacheDirectory()
                : RuntimeCache.defaultDirectory(request.environment(), request.userHome());
        if (writes && request.runtime().bundled()
                && request.compression() == io.github.jpackagedeb.core.archive.Compression.XZ) {
            // java.base's native code (libjvm.so…) is known before jdeps and jlink: its xz blocks are compressed on the
            // other core while they run (nothing when they are cached already)
            RuntimeBuilder.nativeCode(request.runtime().spec()).ifPresent(n -> io.github.jpackagedeb.core.archive
                    .XzAhead.start(cache.resolve("xz-blocks-v1"), n.identity(), n.source(), log));
        }
        AppCdsSpec appCds = appCds(request.app(), request.appCds());
        if (appCds != null && request.runtime().bundled()) {
            // the training run of the runtime the last build had, while jdeps works out this build's
            trainAhead(appCds, app, cache.resolve("appcds-v1"), log);
        }
        RuntimeImage runtime = request.runtime().bundled()
                ? RuntimeBuilder.build(request.runtime().spec().withRequiredModules(requiredModules(app, profiling)),
                        app.classPath(), app.javaRelease(), log)
                : null;
        String upstream = request.upstreamVersion() != null ? request.upstreamVersion()
                : debian.changelog().map(DebianChangelog::newest).map(e -> e.version().upstream())
                .orElse(spec.version().upstream());
        return DebBuilder.builder()
                .spec(spec)
                .service(request.service())
                .extraFiles(request.extraFiles())
                .debianDir(debianDir)
                .debianDocs(debianDocs)
                .app(app)
                .appCds(appCds)
                .runtime(runtime)
                .docs(request.docs() != null ? request.docs()
                        : new PackageDocs(spec.name(), spec.homepage(), List.of(), request.licenses(), List.of(), null))
                .upstreamVersion(upstream)
                .outputDirectory(request.outputDirectory())
                .blockCache(cache.resolve("xz-blocks-v1"))
                .appCdsCache(cache.resolve("appcds-v1"))
                .compression(request.compression())
                .timestamp(timestamp)
                .sourceMtimes(!pinned(request, debian))
                .log(log)
                .build();
    }
}
