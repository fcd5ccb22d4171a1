package io.github.jpackagedeb.core.packaging;

import io.github.jpackagedeb.core.DebLog;
import io.github.jpackagedeb.core.archive.Compression;
import io.github.jpackagedeb.core.app.AppClosure;
import io.github.jpackagedeb.core.assembly.ExtraFile;
import io.github.jpackagedeb.core.assembly.License;
import io.github.jpackagedeb.core.assembly.PackageDocs;
import io.github.jpackagedeb.core.debiandir.SpecDraft;
import io.github.jpackagedeb.core.runtime.AppCdsSpec;
import io.github.jpackagedeb.core.service.ServiceSpec;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything one package build needs, as typed values: what a front end (the Maven plugin, make-deb) read from its
 * user, before core resolves anything. {@link Packager} turns it into a .deb: it resolves the timestamp, reads
 * debian/, completes the package's fields, links the runtime, writes the archive, signs it and writes the upload
 * files. A front end only maps its input into this request and words core's errors for its users.
 */
public final class BuildRequest {

    /**
     * The extended description derived from project metadata once the package name is known (after debian/control
     * had its say), e.g. the pom's description and what the package installs.
     */
    @FunctionalInterface
    public interface LongDescription {
        /**
         * @param packageName the package's name
         * @param jarCount    the number of jars on the class path, the application's own included
         */
        String derive(String packageName, int jarCount);
    }

    private final SpecDraft draft;
    private final VersionInput version;
    private final boolean changelogGivesVersion;
    private final LongDescription longDescription;
    private final String longDescriptionLabel;
    private final String upstreamVersion;
    private final AppClosure.Result app;
    private final PackageDocs docs;
    private final List<License> licenses;
    private final String missingLicenseWarning;
    private final RuntimeChoice runtime;
    private final ServiceSpec service;
    private final AppCdsSpec appCds;
    private final List<ExtraFile> extraFiles;
    private final Path debianDirectory;
    private final String timestamp;
    private final boolean changelogDateFallback;
    private final String reproducibleFix;
    private final SigningInput signing;
    private final boolean changes;
    private final Path outputDirectory;
    private final Path cacheDirectory;
    private final Compression compression;
    private final Map<String, String> environment;
    private final String userHome;
    private final Instant now;
    private final DebLog log;

    private BuildRequest(Builder b) {
        this.draft = b.draft;
        this.version = b.version;
        this.changelogGivesVersion = b.changelogGivesVersion;
        this.longDescription = b.longDescription;
        this.longDescriptionLabel = b.longDescriptionLabel;
        this.upstreamVersion = b.upstreamVersion;
        this.app = b.app;
        this.docs = b.docs;
        this.licenses = List.copyOf(b.licenses);
        this.missingLicenseWarning = b.missingLicenseWarning;
        this.runtime = b.runtime;
        this.service = b.service;
        this.appCds = b.appCds;
        this.extraFiles = List.copyOf(b.extraFiles);
        this.debianDirectory = b.debianDirectory;
        this.timestamp = b.timestamp;
        this.changelogDateFallback = b.changelogDateFallback;
        this.reproducibleFix = b.reproducibleFix;
        this.signing = b.signing;
        this.changes = b.changes;
        this.outputDirectory = b.outputDirectory;
        this.cacheDirectory = b.cacheDirectory;
        this.compression = b.compression;
        this.environment = Map.copyOf(b.environment);
        this.userHome = b.userHome;
        this.now = b.now;
        this.log = b.log;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The package's fields as the front end configured and derived them, before debian/ and the version. */
    public SpecDraft draft() {
        return draft;
    }

    /** The version the front end gives; null when debian/changelog gives it. */
    public VersionInput version() {
        return version;
    }

    /** Whether debian/changelog's newest entry is the package's version exactly (the stage goal). */
    public boolean changelogGivesVersion() {
        return changelogGivesVersion;
    }

    public LongDescription longDescription() {
        return longDescription;
    }

    public String longDescriptionLabel() {
        return longDescriptionLabel;
    }

    /** The upstream version for the changelog and copyright; null: debian/changelog's, else the package version's. */
    public String upstreamVersion() {
        return upstreamVersion;
    }

    /** The application: its jars (dependency closure resolved) and whether it is a Spring Boot application. */
    public AppClosure.Result app() {
        return app;
    }

    /** The copyright and changelog metadata; null: the package name, homepage and {@link #licenses()} only. */
    public PackageDocs docs() {
        return docs;
    }

    /** The licenses, for the generated copyright file when there are no {@link #docs()}. */
    public List<License> licenses() {
        return licenses;
    }

    /** Said when the docs state no license and debian/ has no copyright file; null: nothing is said. */
    public String missingLicenseWarning() {
        return missingLicenseWarning;
    }

    public RuntimeChoice runtime() {
        return runtime;
    }

    /** The service archetype's settings; null: not a service. */
    public ServiceSpec service() {
        return service;
    }

    /** Application class-data sharing; null: off. */
    public AppCdsSpec appCds() {
        return appCds;
    }

    public List<ExtraFile> extraFiles() {
        return extraFiles;
    }

    /** The author's debian/ directory (need not exist); null: none. */
    public Path debianDirectory() {
        return debianDirectory;
    }

    /** The explicit timestamp (ISO-8601 or seconds since 1970), or null. */
    public String timestamp() {
        return timestamp;
    }

    /** Whether, without an explicit timestamp and SOURCE_DATE_EPOCH, debian/changelog's newest date is used. */
    public boolean changelogDateFallback() {
        return changelogDateFallback;
    }

    /** How this front end's user makes the build reproducible, said when the build falls back to now. */
    public String reproducibleFix() {
        return reproducibleFix;
    }

    /** The signing key; null: unsigned. */
    public SigningInput signing() {
        return signing;
    }

    /** Whether .changes and .buildinfo are written beside the .deb. */
    public boolean changes() {
        return changes;
    }

    public Path outputDirectory() {
        return outputDirectory;
    }

    /** The cache of jdeps results, runtimes and xz blocks; null: the default ($XDG_CACHE_HOME/jpackage-deb). */
    public Path cacheDirectory() {
        return cacheDirectory;
    }

    public Compression compression() {
        return compression;
    }

    /** The environment: SOURCE_DATE_EPOCH, XDG_CACHE_HOME. */
    public Map<String, String> environment() {
        return environment;
    }

    public String userHome() {
        return userHome;
    }

    /** The time the build falls back to. */
    public Instant now() {
        return now;
    }

    public DebLog log() {
        return log;
    }

    public static final class Builder {
        private SpecDraft draft = SpecDraft.empty();
        private VersionInput version;
        private boolean changelogGivesVersion;
        private LongDescription longDescription;
        private String longDescriptionLabel;
        private String upstreamVersion;
        private AppClosure.Result app;
        private PackageDocs docs;
        private final List<License> licenses = new ArrayList<>();
        private String missingLicenseWarning;
        private RuntimeChoice runtime = RuntimeChoice.none();
        private ServiceSpec service;
        private AppCdsSpec appCds;
        private final List<ExtraFile> extraFiles = new ArrayList<>();
        private Path debianDirectory;
        private String timestamp;
        private boolean changelogDateFallback;
        private String reproducibleFix = "set the build timestamp, or export SOURCE_DATE_EPOCH=$(git log -1 --format=%ct).";
        private SigningInput signing;
        private boolean changes = true;
        private Path outputDirectory;
        private Path cacheDirectory;
        private Compression compression = Compression.DEFAULT;
        private Map<String, String> environment = Map.of();
        private String userHome = System.getProperty("user.home");
        private Instant now;
        private DebLog log = DebLog.SILENT;

        private Builder() {
        }

        public Builder draft(SpecDraft value) {
            this.draft = Objects.requireNonNull(value, "draft");
            return this;
        }

        public Builder version(VersionInput value) {
            this.version = value;
            return this;
        }

        public Builder changelogGivesVersion(boolean value) {
            this.changelogGivesVersion = value;
            return this;
        }

        public Builder longDescription(LongDescription value, String label) {
            this.longDescription = value;
            this.longDescriptionLabel = label;
            return this;
        }

        public Builder upstreamVersion(String value) {
            this.upstreamVersion = value;
            return this;
        }

        public Builder app(AppClosure.Result value) {
            this.app = value;
            return this;
        }

        public Builder docs(PackageDocs value) {
            this.docs = value;
            return this;
        }

        public Builder licenses(List<License> values) {
            this.licenses.clear();
            if (values != null) {
                this.licenses.addAll(values);
            }
            return this;
        }

        public Builder missingLicenseWarning(String value) {
            this.missingLicenseWarning = value;
            return this;
        }

        public Builder runtime(RuntimeChoice value) {
            this.runtime = Objects.requireNonNull(value, "runtime");
            return this;
        }

        public Builder service(ServiceSpec value) {
            this.service = value;
            return this;
        }

        public Builder appCds(AppCdsSpec value) {
            this.appCds = value;
            return this;
        }

        public Builder extraFiles(List<ExtraFile> values) {
            this.extraFiles.clear();
            if (values != null) {
                this.extraFiles.addAll(values);
            }
            return this;
        }

        public Builder debianDirectory(Path value) {
            this.debianDirectory = value;
            return this;
        }

        public Builder timestamp(String value) {
            this.timestamp = value;
            return this;
        }

        public Builder changelogDateFallback(boolean value) {
            this.changelogDateFallback = value;
            return this;
        }

        public Builder reproducibleFix(String value) {
            this.reproducibleFix = Objects.requireNonNull(value, "reproducibleFix");
            return this;
        }

        public Builder signing(SigningInput value) {
            this.signing = value;
            return this;
        }

        public Builder changes(boolean value) {
            this.changes = value;
            return this;
        }

        public Builder outputDirectory(Path value) {
            this.outputDirectory = value;
            return this;
        }

        public Builder cacheDirectory(Path value) {
            this.cacheDirectory = value;
            return this;
        }

        public Builder compression(Compression value) {
            this.compression = Objects.requireNonNull(value, "compression");
            return this;
        }

        public Builder environment(Map<String, String> value) {
            this.environment = Objects.requireNonNull(value, "environment");
            return this;
        }

        public Builder userHome(String value) {
            this.userHome = value;
            return this;
        }

        public Builder now(Instant value) {
            this.now = value;
            return this;
        }

        public Builder log(DebLog value) {
            this.log = Objects.requireNonNull(value, "log");
            return this;
        }

        /** The request; {@link Packager} checks that the application and the output directory are given. */
        public BuildRequest build() {
            if (now == null) {
                now = Instant.now();
            }
            return new BuildRequest(this);
        }
    }
}
