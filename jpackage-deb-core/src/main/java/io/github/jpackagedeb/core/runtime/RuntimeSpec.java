package io.github.jpackagedeb.core.runtime;

import io.github.jpackagedeb.core.DebException;
import io.github.jpackagedeb.core.Setting;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * How to make the Java runtime bundled in a package: which JDK to link from, which modules (found by jdeps over the
 * application's jars unless listed explicitly, plus extras), jlink options, and where the cache lives. Immutable; made
 * by {@link Builder}, which checks every value.
 */
public final class RuntimeSpec {

    /** A module name (JLS 7.7): dot-separated Java identifiers. */
    private static final Pattern MODULE_NAME = Pattern.compile(
            "\\p{javaJavaIdentifierStart}\\p{javaJavaIdentifierPart}*(\\.\\p{javaJavaIdentifierStart}\\p{javaJavaIdentifierPart}*)*");
    /** Options jpackage-deb sets itself; a user value would silently change the layout or the module set. */
    private static final Set<String> RESERVED = Set.of("--output", "--module-path", "-p", "--add-modules",
            "--launcher", "--limit-modules");

    private final Path jdkHome;
    private final Path toolJdkHome;
    private final List<String> modules;
    private final List<String> addModules;
    private final List<String> jlinkOptions;
    private final String compression;
    private final boolean cds;
    private final boolean desktop;
    private final boolean stripNative;
    private final Path cacheDirectory;
    private final Path fallbackCacheDirectory;

    private RuntimeSpec(Builder b) {
        this.jdkHome = b.jdkHome;
        this.toolJdkHome = b.toolJdkHome;
        this.modules = List.copyOf(b.modules);
        this.addModules = List.copyOf(b.addModules);
        this.jlinkOptions = List.copyOf(b.jlinkOptions);
        this.compression = b.compression;
        this.cds = b.cds;
        this.desktop = b.desktop;
        this.stripNative = b.stripNative;
        this.cacheDirectory = b.cacheDirectory;
        this.fallbackCacheDirectory = b.fallbackCacheDirectory;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * This spec with {@code required} modules added to {@link #addModules()}, e.g. jdk.jfr when the service profiles.
     */
    public RuntimeSpec withRequiredModules(List<String> required) {
        if (required == null || required.isEmpty()) {
            return this;
        }
        List<String> all = new ArrayList<>(addModules);
        all.addAll(required);
        return builder().jdkHome(jdkHome).toolJdkHome(toolJdkHome).modules(modules).addModules(all)
                .jlinkOptions(jlinkOptions).compression(compression).cds(cds).desktop(desktop).stripNative(stripNative)
                .cacheDirectory(cacheDirectory).fallbackCacheDirectory(fallbackCacheDirectory).build();
    }

    /** The JDK to link from; null: the one running this build. */
    public Path jdkHome() {
        return jdkHome;
    }

    /** The JDK whose jdeps and jlink run when the target JDK cannot run here (another CPU); null: the running one. */
    public Path toolJdkHome() {
        return toolJdkHome;
    }

    /** The modules, listed explicitly (jdeps is not run); empty: found by jdeps. */
    public List<String> modules() {
        return modules;
    }

    /** Modules added to what jdeps finds (or to the explicit list): e.g. jdk.crypto.ec, jdk.localedata. */
    public List<String> addModules() {
        return addModules;
    }

    /** Extra jlink options, passed as given after jpackage-deb's own. */
    public List<String> jlinkOptions() {
        return jlinkOptions;
    }

    /** jlink's {@code --compress} value ({@code zip-6} on 21+, {@code 2} on 17), or null for none (the default). */
    public String compression() {
        return compression;
    }

    /** Whether to dump a CDS archive into the runtime for a faster start (default true). */
    public boolean cds() {
        return cds;
    }

    /**
     * Whether the application is a desktop application: false (the default) makes a headless runtime, without the
     * native libraries only a display, sound or font rendering uses ({@link SharedLibraries#DISPLAY_LIBRARIES}).
     */
    public boolean desktop() {
        return desktop;
    }

    /** Whether to strip the native files with {@code strip --strip-unneeded} (default true). */
    public boolean stripNative() {
        return stripNative;
    }

    /** The cache directory; null: {@link RuntimeCache#defaultDirectory}. */
    public Path cacheDirectory() {
        return cacheDirectory;
    }

    /** The build-local cache used when {@link #cacheDirectory()} is not writable; null: none. */
    public Path fallbackCacheDirectory() {
        return fallbackCacheDirectory;
    }

    /** Collects values; {@link #build()} checks them. */
    public static final class Builder {
        private Path jdkHome;
        private Path toolJdkHome;
        private final List<String> modules = new ArrayList<>();
        private final List<String> addModules = new ArrayList<>();
        private final List<String> jlinkOptions = new ArrayList<>();
        private String compression;
        private boolean cds = true;
        private boolean desktop;
        private boolean stripNative = true;
        private Path cacheDirectory;
        private Path fallbackCacheDirectory;

        private Builder() {
        }

        public Builder jdkHome(Path value) {
            this.jdkHome = value;
            return this;
        }

        public Builder toolJdkHome(Path value) {
            this.toolJdkHome = value;
            return this;
        }

        public Builder modules(List<String> values) {
            this.modules.clear();
            if (values != null) {
                values.forEach(v -> addTo(this.modules, v));
            }
            return this;
        }

        public Builder addModules(List<String> values) {
            this.addModules.clear();
            if (values != null) {
                values.forEach(v -> addTo(this.addModules, v));
            }
            return this;
        }

        /** Each value may hold several comma-separated names, as {@code --add-modules} takes them. */
        private static void addTo(List<String> list, String value) {
            if (value == null) {
                return;
            }
            for (String s : value.split(",")) {
                if (!s.isBlank()) {
                    list.add(s.strip());
                }
            }
        }

        public Builder jlinkOptions(List<String> values) {
            this.jlinkOptions.clear();
            if (values != null) {
                values.stream().filter(Objects::nonNull).map(String::strip).filter(s -> !s.isEmpty())
                        .forEach(this.jlinkOptions::add);
            }
            return this;
        }

        public Builder compression(String value) {
            this.compression = value == null || value.isBlank() ? null : value.strip();
            return this;
        }

        public Builder cds(boolean value) {
            this.cds = value;
            return this;
        }

        /** A desktop application keeps the display, sound and font libraries of java.desktop (default false). */
        public Builder desktop(boolean value) {
            this.desktop = value;
            return this;
        }

        public Builder stripNative(boolean value) {
            this.stripNative = value;
            return this;
        }

        public Builder cacheDirectory(Path value) {
            this.cacheDirectory = value;
            return this;
        }

        public Builder fallbackCacheDirectory(Path value) {
            this.fallbackCacheDirectory = value;
            return this;
        }

        public RuntimeSpec build() {
            for (String m : modules) {
                checkName(Setting.MODULES, m);
            }
            for (String m : addModules) {
                checkName(Setting.ADD_MODULES, m);
            }
            for (String o : jlinkOptions) {
                String name = o.contains("=") ? o.substring(0, o.indexOf('=')) : o;
                if (RESERVED.contains(name)) {
                    throw new DebException(Setting.JLINK_OPTIONS, o, "jpackage-deb sets " + name + " itself.",
                            name.equals("--add-modules") || name.equals("--limit-modules")
                                    ? "list modules with addModules (added to what jdeps finds) or modules (instead of jdeps)."
                                    : "remove it from the jlink options.");
                }
                if (o.startsWith("--compress")) {
                    throw new DebException(Setting.JLINK_OPTIONS, o, "the compression has an option of its own.",
                            "set the jlink compression instead (e.g. zip-6 on Java 21+, 2 on Java 17).");
                }
            }
            if (compression != null && !compression.matches("[0-9]|zip-[0-9]")) {
                throw new DebException(Setting.JLINK_COMPRESSION, compression, "not a jlink compression level.",
                        "use zip-0 … zip-9 (Java 21+) or 0, 1, 2 (Java 17); leave it unset to let the .deb compress the runtime.");
            }
            return new RuntimeSpec(this);
        }

        private static void checkName(Setting field, String m) {
            if (!MODULE_NAME.matcher(m).matches()) {
                throw new DebException(field, m, "not a module name.",
                        "give module names such as java.sql or jdk.crypto.ec, separated by commas.");
            }
        }
    }
}
