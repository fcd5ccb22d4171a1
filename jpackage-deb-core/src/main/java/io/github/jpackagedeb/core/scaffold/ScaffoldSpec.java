package io.github.jpackagedeb.core.scaffold;

import io.github.jpackagedeb.core.DebException;
import io.github.jpackagedeb.core.Setting;
import io.github.jpackagedeb.core.assembly.License;
import io.github.jpackagedeb.core.control.PackageName;
import io.github.jpackagedeb.core.control.PackageSpec;
import io.github.jpackagedeb.core.version.DebianVersion;
import io.github.jpackagedeb.core.version.MavenVersionMapper;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * What {@code make-deb init} knows about a project when it writes {@code debian/}: the package's fields, its
 * licenses and copyright holders, the first changelog entry, and how the package is built (jar-only or with a
 * bundled runtime, service or not, the Maven goal that stages it). Immutable; made by {@link Builder}, which can
 * say what is still missing ({@link Builder#missing()}) before {@link Builder#build()} validates everything.
 */
public final class ScaffoldSpec {

    /** The values without which no {@code debian/} can be written, by core field name, in asking order. */
    public static final List<Setting> REQUIRED = List.of(Setting.PACKAGE_NAME, Setting.VERSION, Setting.DESCRIPTION,
            Setting.MAINTAINER, Setting.LICENSE);

    /** License short names (DEP-5 / SPDX) accepted without a URL to the text. */
    public static final Set<String> KNOWN_LICENSES = Set.of("Apache-2.0", "Expat", "GPL-2.0", "GPL-3.0", "LGPL-2.1",
            "LGPL-3.0", "MPL-2.0", "EPL-1.0", "EPL-2.0", "BSD-2-clause", "BSD-3-clause", "CC0-1.0", "proprietary");

    private final PackageSpec spec;
    private final String upstreamVersion;
    private final String upstreamName;
    private final String sourceUrl;
    private final List<License> licenses;
    private final List<String> copyrightHolders;
    private final String changelogMessage;
    private final String distribution;
    private final Instant timestamp;
    private final boolean service;
    private final boolean profiling;
    private final boolean bundlesRuntime;
    private final int javaRelease;
    private final String stageGoal;
    private final boolean mavenWrapper;
    private final boolean maven;

    private ScaffoldSpec(Builder b, PackageSpec spec) {
        this.spec = spec;
        this.upstreamVersion = b.upstreamVersion;
        this.upstreamName = b.upstreamName != null ? b.upstreamName : spec.name();
        this.sourceUrl = b.sourceUrl != null ? b.sourceUrl : spec.homepage();
        this.licenses = List.copyOf(b.licenses);
        this.copyrightHolders = List.copyOf(b.copyrightHolders);
        this.changelogMessage = b.changelogMessage != null && !b.changelogMessage.isBlank() ? b.changelogMessage.strip()
                : "Initial packaging of " + upstreamName + " " + b.upstreamVersion + " with make-deb.";
        this.distribution = b.distribution;
        this.timestamp = b.timestamp;
        this.service = b.service;
        this.profiling = b.profiling;
        this.bundlesRuntime = b.bundlesRuntime;
        this.javaRelease = b.javaRelease;
        this.stageGoal = b.stageGoal;
        this.mavenWrapper = b.mavenWrapper;
        this.maven = b.maven;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The package's fields, validated (architecture {@code all}, or {@code any} with a bundled runtime). */
    public PackageSpec spec() {
        return spec;
    }

    /** The project's own version, e.g. {@code 1.0.0-SNAPSHOT}. */
    public String upstreamVersion() {
        return upstreamVersion;
    }

    public String upstreamName() {
        return upstreamName;
    }

    /** Where the source lives, or null. */
    public String sourceUrl() {
        return sourceUrl;
    }

    public List<License> licenses() {
        return licenses;
    }

    /** Who holds the copyright; empty for the maintainer. */
    public List<String> copyrightHolders() {
        return copyrightHolders;
    }

    /** The first changelog entry's text. */
    public String changelogMessage() {
        return changelogMessage;
    }

    public String distribution() {
        return distribution;
    }

    /** The changelog date and the copyright year. */
    public Instant timestamp() {
        return timestamp;
    }

    /** Whether the application is a systemd service ({@code <pkg>.service} is written). */
    public boolean service() {
        return service || profiling;
    }

    /**
     * Whether the service profiles continuously with JDK Flight Recorder: {@code <pkg>.default} then sets
     * {@code PROFILING=on}, which the build reads back (see {@code ProfilingSpec#effective}).
     */
    public boolean profiling() {
        return profiling;
    }

    /** Whether the package bundles a jlink runtime (then {@code Architecture: any}). */
    public boolean bundlesRuntime() {
        return bundlesRuntime;
    }

    public int javaRelease() {
        return javaRelease;
    }

    /** The Maven goal that stages the package tree, e.g. {@code jpackage-deb:stage}. */
    public String stageGoal() {
        return stageGoal;
    }

    /**
     * Whether the project has a Maven wrapper ({@code mvnw}). Build-Depends names maven either way: debian/rules runs
     * Debian's mvn, since the wrapper downloads Maven (MVN=./mvnw overrides it).
     */
    public boolean mavenWrapper() {
        return mavenWrapper;
    }

    /**
     * Whether the project builds with Maven (it has a pom.xml): then debian/rules runs its build for dpkg-buildpackage.
     * Without one, debian/ holds what {@code make-deb build} reads (control, changelog, copyright, scripts), and no
     * debian/rules, whose build would be the project's own (Gradle, sbt...).
     */
    public boolean maven() {
        return maven;
    }

    /**
     * Checks one value as {@link Builder#build()} would, for a front end that asks for values one at a time.
     *
     * @param field   one of {@link Setting#PACKAGE_NAME}, {@link Setting#VERSION} (the project version),
     *                {@link Setting#MAINTAINER}, {@link Setting#DESCRIPTION}, {@link Setting#HOMEPAGE},
     *                {@link Setting#SECTION}, {@link Setting#LICENSE}
     * @return the value as it will be used (trimmed)
     * @throws DebException naming the problem and the fix
     */
    public static String check(Setting field, String value) {
        return check(field, value, null);
    }

    /**
     * {@link #check(Setting, String)} for package {@code packageName} (a synopsis may not start with it), or for any
     * package when null.
     */
    public static String check(Setting field, String value, String packageName) {
        String v = value == null ? null : value.strip();
        switch (field) {
            case PACKAGE_NAME:
                return PackageName.validate(v);
            case VERSION:
                if (v == null || v.isEmpty()) {
                    throw new DebException(Setting.VERSION, v, "the version is empty.",
                            "give the project's version, e.g. 1.0.0.");
                }
                MavenVersionMapper.defaults().map(v, Instant.EPOCH);
                return v;
            case LICENSE:
                checkLicense(new License(v == null ? "" : v, null));
                return v;
            case MAINTAINER:
            case DESCRIPTION:
            case HOMEPAGE:
            case SECTION:
                PackageSpec.Builder b = PackageSpec.builder().name(packageName != null ? packageName : "make-deb-check").version(DebianVersion.parse("1-1"))
                        .maintainer("Make Deb <make-deb@example.org>").synopsis("value check");
                switch (field) {
                    case MAINTAINER -> b.maintainer(v);
                    case DESCRIPTION -> b.synopsis(v);
                    case HOMEPAGE -> b.homepage(v);
                    default -> b.section(v);
                }
                b.build();
                return v;
            default:
                throw new IllegalArgumentException("no check for " + field);
        }
    }

    /**
     * A license is usable when its DEP-5 short name is known, or when it links to its text.
     *
     * @throws DebException (field {@code license}) otherwise, listing the known names
     */
    public static License checkLicense(License l) {
        if (l.name().isBlank()) {
            throw new DebException(Setting.LICENSE, l.name(), "the license name is empty.",
                    "give an SPDX name such as Apache-2.0, MIT or GPL-3.0.");
        }
        if (!isKnown(l) && (l.url() == null || !l.url().matches("https?://\\S+"))) {
            throw new DebException(Setting.LICENSE, l.name(),
                    "not a license name make-deb knows, and no URL to its text.",
                    "use one of " + String.join(", ", new java.util.TreeSet<>(KNOWN_LICENSES))
                            + " (MIT is Expat), or give the license a <url> in the pom.");
        }
        return l;
    }

    /** Whether the license's short name is one of {@link #KNOWN_LICENSES}. */
    public static boolean isKnown(License l) {
        return KNOWN_LICENSES.contains(shortName(l));
    }

    /** {@link License#shortName()}, with {@code proprietary} for closed-source projects. */
    static String shortName(License l) {
        String n = l.name().strip().toLowerCase(Locale.ROOT);
        if (n.equals("proprietary") || n.equals("closed") || n.equals("all rights reserved")) {
            return "proprietary";
        }
        return l.shortName();
    }

    /** Collects values; {@link #missing()} says what is still needed. */
    public static final class Builder {
        private String packageName;
        private String upstreamVersion;
        private DebianVersion debianVersion;
        private String maintainer;
        private String synopsis;
        private String longDescription;
        private String homepage;
        private String section = "misc";
        private String priority = "optional";
        private final java.util.Map<io.github.jpackagedeb.core.control.Relation, List<String>> relations =
                new java.util.EnumMap<>(io.github.jpackagedeb.core.control.Relation.class);
        private String upstreamName;
        private String sourceUrl;
        private final List<License> licenses = new ArrayList<>();
        private final List<String> copyrightHolders = new ArrayList<>();
        private String changelogMessage;
        private String distribution = "unstable";
        private Instant timestamp;
        private boolean service;
        private boolean profiling;
        private boolean bundlesRuntime;
        private int javaRelease = 17;
        private String stageGoal = "jpackage-deb:stage";
        private boolean mavenWrapper;
        private boolean maven = true;

        private Builder() {
        }

        public Builder packageName(String v) {
            this.packageName = blank(v);
            return this;
        }

        /** The project's version (a Maven version), mapped to the Debian one by {@link MavenVersionMapper}. */
        public Builder upstreamVersion(String v) {
            this.upstreamVersion = blank(v);
            return this;
        }

        /** The Debian version, when it is not the default mapping of the upstream version. */
        public Builder debianVersion(DebianVersion v) {
            this.debianVersion = v;
            return this;
        }

        public Builder maintainer(String v) {
            this.maintainer = blank(v);
            return this;
        }

        /** The one-line description (Policy 3.4.1). */
        public Builder synopsis(String v) {
            this.synopsis = blank(v);
            return this;
        }

        public Builder longDescription(String v) {
            this.longDescription = blank(v);
            return this;
        }

        public Builder homepage(String v) {
            this.homepage = blank(v);
            return this;
        }

        public Builder section(String v) {
            if (blank(v) != null) {
                this.section = v.strip();
            }
            return this;
        }

        public Builder priority(String v) {
            if (blank(v) != null) {
                this.priority = v.strip();
            }
            return this;
        }

        /**
         * Entries of a relationship field (the plugin's configured {@code <depends>} …), written to
         * {@code debian/control} so that it agrees with the pom; Depends keeps the generated entries too.
         */
        public Builder relation(io.github.jpackagedeb.core.control.Relation r, String entry) {
            if (blank(entry) != null) {
                relations.computeIfAbsent(r, k -> new ArrayList<>()).add(entry.strip());
            }
            return this;
        }

        public Builder upstreamName(String v) {
            this.upstreamName = blank(v);
            return this;
        }

        public Builder sourceUrl(String v) {
            this.sourceUrl = blank(v);
            return this;
        }

        public Builder license(License v) {
            this.licenses.add(Objects.requireNonNull(v, "license"));
            return this;
        }

        public Builder copyrightHolder(String v) {
            if (blank(v) != null && !copyrightHolders.contains(v.strip())) {
                this.copyrightHolders.add(v.strip());
            }
            return this;
        }

        public Builder changelogMessage(String v) {
            this.changelogMessage = blank(v);
            return this;
        }

        public Builder distribution(String v) {
            if (blank(v) != null) {
                this.distribution = v.strip();
            }
            return this;
        }

        public Builder timestamp(Instant v) {
            this.timestamp = v;
            return this;
        }

        public Builder service(boolean v) {
            this.service = v;
            return this;
        }

        /** Continuous profiling (implies a service). */
        public Builder profiling(boolean v) {
            this.profiling = v;
            return this;
        }

        public Builder bundlesRuntime(boolean v) {
            this.bundlesRuntime = v;
            return this;
        }

        public Builder javaRelease(int v) {
            this.javaRelease = v;
            return this;
        }

        public Builder stageGoal(String v) {
            this.stageGoal = Objects.requireNonNull(v, "stageGoal");
            return this;
        }

        public Builder mavenWrapper(boolean v) {
            this.mavenWrapper = v;
            return this;
        }

        public Builder maven(boolean v) {
            this.maven = v;
            return this;
        }

        /** What is missing, from {@link #REQUIRED}, in asking order. */
        public List<Setting> missing() {
            List<Setting> out = new ArrayList<>();
            for (Setting f : REQUIRED) {
                boolean absent = switch (f) {
                    case PACKAGE_NAME -> packageName == null;
                    case VERSION -> upstreamVersion == null;
                    case DESCRIPTION -> synopsis == null;
                    case MAINTAINER -> maintainer == null;
                    default -> licenses.isEmpty();
                };
                if (absent) {
                    out.add(f);
                }
            }
            return out;
        }

        /**
         * Validates every value.
         *
         * @throws DebException for the first missing or bad value
         */
        public ScaffoldSpec build() {
            List<Setting> missing = missing();
            if (!missing.isEmpty()) {
                String names = missing.stream().map(Setting::key).collect(java.util.stream.Collectors.joining(", "));
                throw new DebException(missing.get(0), null, "no value for " + names + ".", "give the missing values.");
            }
            Objects.requireNonNull(timestamp, "timestamp");
            licenses.forEach(ScaffoldSpec::checkLicense);
            if (javaRelease < 8 || javaRelease > 99) {
                throw new DebException(Setting.JAVA_RELEASE, Integer.toString(javaRelease),
                        "not a Java feature release.",
                        "use the release the application is compiled for, e.g. 17 or 21.");
            }
            DebianVersion v = debianVersion != null ? debianVersion : scaffoldVersion(upstreamVersion, timestamp);
            PackageSpec.Builder sb = PackageSpec.builder().name(packageName).version(v).maintainer(maintainer)
                    .synopsis(synopsis).longDescription(longDescription).homepage(homepage).section(section)
                    .priority(priority).architecture(bundlesRuntime ? "any" : "all");
            relations.forEach(sb::relations);
            PackageSpec spec = sb.build();
            return new ScaffoldSpec(this, spec);
        }

        /**
         * The version of the first changelog entry: the default mapping, but a snapshot without the time stamp
         * ({@code 1.0-SNAPSHOT} → {@code 1.0~snapshot-1}): the time stamp is each build's, and a frozen one would
         * describe one build forever. dpkg orders {@code 1.0~snapshot-1} before every time-stamped snapshot build
         * of 1.0, and both before {@code 1.0-1} (Policy 5.6.12), and the build matches the entry by its upstream
         * version without the time stamp.
         */
        public static DebianVersion scaffoldVersion(String upstreamVersion, Instant timestamp) {
            DebianVersion mapped = MavenVersionMapper.defaults().map(upstreamVersion, timestamp);
            if (!MavenVersionMapper.isSnapshot(upstreamVersion)) {
                return mapped;
            }
            return DebianVersion.of(mapped.epoch(), mapped.upstream().replaceAll("(~snapshot)\\.[0-9]+$", "$1"),
                    mapped.revision());
        }

        private static String blank(String v) {
            return v == null || v.isBlank() ? null : v;
        }
    }

    @Override
    public String toString() {
        return "ScaffoldSpec[" + spec + "]";
    }
}
