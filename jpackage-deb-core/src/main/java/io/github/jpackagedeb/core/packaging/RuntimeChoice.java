package io.github.jpackagedeb.core.packaging;

import io.github.jpackagedeb.core.DebException;
import io.github.jpackagedeb.core.Setting;
import io.github.jpackagedeb.core.runtime.RuntimeSpec;

import java.util.Locale;
import java.util.Objects;

/**
 * Which Java runtime the package carries: a runtime linked by jlink (its {@link RuntimeSpec}), or none (a jar-only
 * package, Architecture: all, that depends on the system's Java). Both front ends default to jlink.
 */
public final class RuntimeChoice {

    /** The runtime modes a user can name. */
    public enum Mode {
        /** Bundle a runtime trimmed by jdeps to the modules the application needs. */
        JLINK,
        /** A jar-only package that depends on the system's Java runtime. */
        NONE;

        /**
         * The mode named by {@code value} ({@code jlink} or {@code none}, any case); null or blank is the default,
         * jlink.
         *
         * @throws DebException naming the setting {@code runtime} and the value
         */
        public static Mode parse(String value) {
            String mode = value == null || value.isBlank() ? "jlink" : value.trim().toLowerCase(Locale.ROOT);
            return switch (mode) {
                case "jlink" -> JLINK;
                case "none" -> NONE;
                default -> throw new DebException(Setting.RUNTIME, value, "not a runtime mode.",
                        "use jlink (bundle a runtime trimmed to the modules the application needs) or none (jar-only"
                                + " package that depends on the system's Java).");
            };
        }
    }

    private static final RuntimeChoice NONE = new RuntimeChoice(null);

    private final RuntimeSpec spec;

    private RuntimeChoice(RuntimeSpec spec) {
        this.spec = spec;
    }

    /** A jar-only package. */
    public static RuntimeChoice none() {
        return NONE;
    }

    /** A runtime linked as {@code spec} says. */
    public static RuntimeChoice jlink(RuntimeSpec spec) {
        return new RuntimeChoice(Objects.requireNonNull(spec, "spec"));
    }

    /** True when a runtime is bundled. */
    public boolean bundled() {
        return spec != null;
    }

    /** The runtime's settings; null for a jar-only package. */
    public RuntimeSpec spec() {
        return spec;
    }

    @Override
    public String toString() {
        return spec == null ? "runtime none" : "runtime jlink";
    }
}
