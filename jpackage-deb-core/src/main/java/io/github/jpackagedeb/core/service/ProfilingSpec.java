package io.github.jpackagedeb.core.service;

import io.github.jpackagedeb.core.DebException;
import io.github.jpackagedeb.core.Setting;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Continuous profiling of a packaged service with JDK Flight Recorder (docs/services.md, "Profiling in
 * production"). When it is built in, the bundled runtime gets the {@code jdk.jfr} module, {@code /etc/default/<pkg>}
 * documents the switch {@code PROFILING=on|off} and the limits, and the launcher, when it runs as the service user
 * with {@code PROFILING=on}, starts the JVM with a disk recording whose repository is
 * {@code /var/lib/<pkg>/profiles}, dumped there on exit, after deleting all but the newest {@link #keep()}
 * recordings of earlier runs. Disk use is at most about {@code (keep + 1) x (maxSize + one JFR chunk)}.
 *
 * <p>Immutable; made by {@link Builder}, which checks every value. Unset values take the defaults
 * {@link #DEFAULT_MAX_SIZE}, {@link #DEFAULT_MAX_AGE}, {@link #DEFAULT_SETTINGS}, {@link #DEFAULT_KEEP}.
 */
public final class ProfilingSpec {

    /** The module JFR lives in: added to the bundled runtime when profiling is built in. */
    public static final String MODULE = "jdk.jfr";
    public static final String DEFAULT_MAX_SIZE = "100M";
    public static final String DEFAULT_MAX_AGE = "24h";
    /**
     * The package's own settings: the bundled runtime's default.jfc without the socket and file I/O events
     * ({@link LeanJfc}), installed as {@code /usr/lib/<pkg>/profiling.jfc}. A jar-only package (no bundled runtime to
     * derive it from) uses JFR's {@code default} instead.
     */
    public static final String LEAN = "lean";
    public static final String DEFAULT_SETTINGS = LEAN;
    public static final int DEFAULT_KEEP = 4;
    /** Not built in. */
    public static final ProfilingSpec OFF = new ProfilingSpec(false, false, DEFAULT_MAX_SIZE, DEFAULT_MAX_AGE,
            DEFAULT_SETTINGS, DEFAULT_KEEP);

    /** JFR's sizes: bytes, or a number with k, m or g (either case). */
    private static final Pattern SIZE = Pattern.compile("([1-9][0-9]{0,12})([kKmMgG]?)");
    /** JFR's ages: a number with s, m, h or d. */
    private static final Pattern AGE = Pattern.compile("[1-9][0-9]{0,8}[smhd]");
    /** A .jfc file: an absolute path the launcher can put into JAVA_OPTS (no blanks, no shell characters). */
    private static final Pattern JFC = Pattern.compile("/[A-Za-z0-9._/+-]+\\.jfc");
    private static final long MIN_SIZE = 1024 * 1024;
    /** The variables of /etc/default/&lt;pkg&gt; this feature reads. */
    private static final Pattern ASSIGNMENT = Pattern.compile(
            "^\\s*(?:export\\s+)?(PROFILING(?:_MAXSIZE|_MAXAGE|_SETTINGS|_KEEP)?)=(\"[^\"]*\"|'[^']*'|\\S*)\\s*(?:#.*)?$",
            Pattern.MULTILINE);

    private final boolean enabled;
    private final boolean onByDefault;
    private final String maxSize;
    private final String maxAge;
    private final String settings;
    private final int keep;

    private ProfilingSpec(boolean enabled, boolean onByDefault, String maxSize, String maxAge, String settings,
                          int keep) {
        this.enabled = enabled;
        this.onByDefault = onByDefault;
        this.maxSize = maxSize;
        this.maxAge = maxAge;
        this.settings = settings;
        this.keep = keep;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Whether profiling is built into the package (jdk.jfr in the runtime, the launcher's code, the switch). */
    public boolean enabled() {
        return enabled;
    }

    /** {@code PROFILING}'s value when {@code /etc/default/<pkg>} does not set it: on unless configured off. */
    public boolean onByDefault() {
        return onByDefault;
    }

    /** {@code on} or {@code off}: the host default. */
    public String switchValue() {
        return onByDefault ? "on" : "off";
    }

    /** JFR's {@code maxsize} of the live recording, e.g. {@code 100M}. */
    public String maxSize() {
        return maxSize;
    }

    /** JFR's {@code maxage} of the live recording, e.g. {@code 24h}. */
    public String maxAge() {
        return maxAge;
    }

    /** {@code lean}, {@code default}, {@code profile} or the absolute path of a {@code .jfc} file. */
    public String settings() {
        return settings;
    }

    /** The settings are the package's own {@link #LEAN} ones. */
    public boolean settingsIsLean() {
        return LEAN.equals(settings);
    }

    /**
     * What the launcher passes to JFR as {@code settings=} (and /etc/default shows) in package {@code pkg}:
     * {@link LeanJfc#path(String)} for {@code lean}, else the settings as they are.
     */
    public String jfrSettings(String pkg) {
        return settingsIsLean() ? LeanJfc.path(pkg) : settings;
    }

    /** How many recordings of earlier runs (exit dumps, repositories of killed processes) are kept at a start. */
    public int keep() {
        return keep;
    }

    /** Where recordings go: {@code /var/lib/<pkg>/profiles}, owned by the service user, mode 0750. */
    public static String directory(String pkg) {
        return SystemdUnit.stateDir(pkg) + "/profiles";
    }

    /** {@code maxSize} in bytes. */
    public long maxSizeBytes() {
        return bytes(maxSize);
    }

    /**
     * The most disk the profiles directory takes, in bytes: {@code keep} earlier recordings and the live one, each at
     * most {@code maxSize} plus one chunk (JFR rotates chunks at 12 MB, and may exceed {@code maxsize} by the chunk
     * it is writing).
     */
    public long capBytes() {
        return (keep + 1L) * (maxSizeBytes() + 12L * 1024 * 1024);
    }

    /** The settings is a .jfc file of the package (not one of the JDK's named ones). */
    public boolean settingsIsFile() {
        return settings.startsWith("/");
    }

    /** A builder holding these values. */
    public Builder toBuilder() {
        return new Builder().enabled(enabled).onByDefault(onByDefault).maxSize(maxSize).maxAge(maxAge)
                .settings(settings).keep(keep);
    }

    static long bytes(String size) {
        Matcher m = SIZE.matcher(size);
        if (!m.matches()) {
            throw new IllegalArgumentException(size);
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2).toLowerCase(java.util.Locale.ROOT)) {
            case "k" -> n * 1024;
            case "m" -> n * 1024 * 1024;
            case "g" -> n * 1024 * 1024 * 1024;
            default -> n;
        };
    }

    /**
     * The profiling of a package whose build configured {@code configured} (null: nothing configured) and whose
     * {@code /etc/default/<pkg>} file from {@code debian/} is {@code defaultFile} (null: none). The file is the
     * Debian-native place of the setting ({@code make-deb init} writes it there): a line {@code PROFILING=on} or
     * {@code PROFILING=off} builds profiling in, with that value as the host default; {@code PROFILING_MAXSIZE},
     * {@code PROFILING_MAXAGE}, {@code PROFILING_SETTINGS}, {@code PROFILING_KEEP} override the configured values
     * (docs/architecture.md#precedence: debian/ wins field by field). Commented lines are documentation only.
     *
     * @param source the file's name for messages, e.g. {@code debian/hello.default}
     * @throws DebException when a value in the file is not valid, when the file sets limits without profiling being
     *                      built in, or when the configuration switched profiling off explicitly and the file on
     */
    public static ProfilingSpec effective(ProfilingSpec configured, String defaultFile, String source) {
        ProfilingSpec base = configured != null ? configured : OFF;
        if (defaultFile == null) {
            return base;
        }
        Map<String, String> set = assignments(defaultFile);
        if (set.isEmpty()) {
            return base;
        }
        String sw = set.get("PROFILING");
        if (sw == null && !base.enabled) {
            String first = set.keySet().iterator().next();
            throw new DebException(Setting.SERVICE_PROFILING, first + "=" + set.get(first), source + " sets " + first
                    + ", but profiling is not built into the package.",
                    "add the line PROFILING=on to " + source + " (or configure <profiling> in the service), or "
                            + "remove the line.");
        }
        if (sw != null && configured != null && !configured.enabled) {
            throw new DebException(Setting.SERVICE_PROFILING, "PROFILING=" + sw, source + " sets PROFILING=" + sw
                    + ", which builds profiling in, but the build configuration switched profiling off "
                    + "(<profiling><enabled>false</enabled>).",
                    "remove one of the two: PROFILING=off in " + source + " builds it in but leaves it off on hosts.");
        }
        Builder b = base.toBuilder().enabled(true);
        try {
            if (sw != null) {
                b.onByDefault(parseSwitch(sw));
            }
            b.maxSize(set.get("PROFILING_MAXSIZE")).maxAge(set.get("PROFILING_MAXAGE"))
                    .settings(set.get("PROFILING_SETTINGS"));
            if (set.containsKey("PROFILING_KEEP")) {
                b.keep(set.get("PROFILING_KEEP"));
            }
            return b.build();
        } catch (DebException e) {
            throw e.restate(e.setting(), e.value(), "in " + source + ": " + e.problem());
        }
    }

    /** The PROFILING* assignments of an /etc/default file (shell syntax, quotes removed), in file order. */
    static Map<String, String> assignments(String text) {
        Map<String, String> m = new LinkedHashMap<>();
        Matcher a = ASSIGNMENT.matcher(text.replace("\r", ""));
        while (a.find()) {
            String v = a.group(2);
            if (v.length() >= 2 && (v.startsWith("\"") || v.startsWith("'"))) {
                v = v.substring(1, v.length() - 1);
            }
            m.put(a.group(1), v.strip());
        }
        return m;
    }

    private static boolean parseSwitch(String v) {
        switch (v) {
            case "on":
                return true;
            case "off":
                return false;
            default:
                throw new DebException(Setting.SERVICE_PROFILING_ENABLED, "PROFILING=" + v, "PROFILING is on or off.",
                        "write PROFILING=on or PROFILING=off.");
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ProfilingSpec p && enabled == p.enabled && onByDefault == p.onByDefault
                && maxSize.equals(p.maxSize) && maxAge.equals(p.maxAge) && settings.equals(p.settings) && keep == p.keep;
    }

    @Override
    public int hashCode() {
        return Objects.hash(enabled, onByDefault, maxSize, maxAge, settings, keep);
    }

    @Override
    public String toString() {
        return enabled ? "ProfilingSpec[PROFILING=" + switchValue() + ", maxsize " + maxSize + ", maxage " + maxAge
                + ", settings " + settings + ", keep " + keep + "]" : "ProfilingSpec[off]";
    }

    /** Collects and checks the values; every one is optional. */
    public static final class Builder {
        private boolean enabled = true;
        private boolean onByDefault = true;
        private String maxSize;
        private String maxAge;
        private String settings;
        private String keep;

        private Builder() {
        }

        /** Builds profiling in (default true). */
        public Builder enabled(boolean value) {
            this.enabled = value;
            return this;
        }

        /** {@code PROFILING=on} on hosts unless the administrator sets it off (default true). */
        public Builder onByDefault(boolean value) {
            this.onByDefault = value;
            return this;
        }

        /** JFR's maxsize, e.g. {@code 256M}; default 100M. */
        public Builder maxSize(String value) {
            if (value != null && !value.isBlank()) {
                this.maxSize = value.strip();
            }
            return this;
        }

        /** JFR's maxage, e.g. {@code 24h}. */
        public Builder maxAge(String value) {
            if (value != null && !value.isBlank()) {
                this.maxAge = value.strip();
            }
            return this;
        }

        /** {@code lean} (default), {@code default}, {@code profile} or the absolute path of a .jfc file the package ships. */
        public Builder settings(String value) {
            if (value != null && !value.isBlank()) {
                this.settings = value.strip();
            }
            return this;
        }

        public Builder keep(int value) {
            this.keep = Integer.toString(value);
            return this;
        }

        /** The number of earlier recordings kept, as text (from a pom or a file). */
        public Builder keep(String value) {
            if (value != null && !value.isBlank()) {
                this.keep = value.strip();
            }
            return this;
        }

        public ProfilingSpec build() {
            String size = maxSize != null ? maxSize : DEFAULT_MAX_SIZE;
            if (!SIZE.matcher(size).matches()) {
                throw new DebException(Setting.SERVICE_PROFILING_MAX_SIZE, size, "not a size JFR accepts.",
                        "give a number of bytes with an optional unit k, m or g, e.g. 256M.");
            }
            if (bytes(size) < MIN_SIZE) {
                throw new DebException(Setting.SERVICE_PROFILING_MAX_SIZE, size,
                        "below 1M: JFR needs at least one chunk "
                        + "of recording data to keep anything useful.", "give at least 1M, e.g. 100M.");
            }
            String age = maxAge != null ? maxAge : DEFAULT_MAX_AGE;
            if (!AGE.matcher(age).matches()) {
                throw new DebException(Setting.SERVICE_PROFILING_MAX_AGE, age, "not an age this tool accepts (a "
                        + "positive number with the unit s, m, h or d; 0, unlimited, would leave the age unbounded).",
                        "give e.g. 24h, 90m or 7d.");
            }
            String s = settings != null ? settings : DEFAULT_SETTINGS;
            if (!s.equals(LEAN) && !s.equals("default") && !s.equals("profile") && !JFC.matcher(s).matches()) {
                throw new DebException(Setting.SERVICE_PROFILING_SETTINGS, s, "not a JFR settings name: 'lean' (this "
                        + "tool's: JFR's default without socket and file I/O events), JDK Flight Recorder's 'default' "
                        + "and 'profile' (more detail), or the absolute path of a .jfc file that the package installs "
                        + "(letters, digits and ._/+- only).",
                        "use lean, default, profile or e.g. /usr/share/my-app/profiling.jfc.");
            }
            int k = DEFAULT_KEEP;
            if (keep != null) {
                if (!keep.matches("[0-9]{1,3}")) {
                    throw new DebException(Setting.SERVICE_PROFILING_KEEP, keep, "not a number of recordings.",
                            "give a number from 0 to 999, e.g. " + DEFAULT_KEEP + ".");
                }
                k = Integer.parseInt(keep);
            }
            return new ProfilingSpec(enabled, enabled && onByDefault, size, age, s, k);
        }
    }
}
