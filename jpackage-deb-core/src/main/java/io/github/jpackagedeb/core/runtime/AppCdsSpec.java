package io.github.jpackagedeb.core.runtime;

import io.github.jpackagedeb.core.DebException;
import io.github.jpackagedeb.core.Setting;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Application class-data sharing (AppCDS) for a package that bundles a Java runtime: at build time a training run of
 * the application records the classes it loads; the package ships that class list, and its postinst dumps a static
 * CDS archive from it into {@code /var/cache/<pkg>/app.jsa}, which the launcher then maps (see {@link AppCds}).
 * Immutable; made by {@link Builder}.
 */
public final class AppCdsSpec {

    /** The default bound of the training run. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

    private final List<String> trainingArgs;
    private final List<String> trainingJvmArgs;
    private final Duration timeout;

    private AppCdsSpec(Builder b) {
        this.trainingArgs = List.copyOf(b.trainingArgs);
        this.trainingJvmArgs = List.copyOf(b.trainingJvmArgs);
        this.timeout = b.timeout;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * The arguments of the training run, after the main class (e.g. {@code --version}): with them the application
     * must exit 0 on its own, without input, in a temporary empty working directory.
     */
    public List<String> trainingArgs() {
        return trainingArgs;
    }

    /**
     * Java options of the training run, before the main class (e.g. {@code -Dspring.context.exit=onRefresh}, with
     * which a Spring Boot application starts its context and exits). Only for the training run: the installed
     * application never sees them.
     */
    public List<String> trainingJvmArgs() {
        return trainingJvmArgs;
    }

    /** The same settings with these training Java options. */
    public AppCdsSpec withTrainingJvmArgs(List<String> values) {
        return builder().trainingArgs(trainingArgs).trainingJvmArgs(values).timeout(timeout).build();
    }

    /** How long the training run may take before it is stopped and the build fails (default 60 s). */
    public Duration timeout() {
        return timeout;
    }

    public static final class Builder {
        private final List<String> trainingArgs = new ArrayList<>();
        private final List<String> trainingJvmArgs = new ArrayList<>();
        private Duration timeout = DEFAULT_TIMEOUT;

        private Builder() {
        }

        public Builder trainingArgs(List<String> values) {
            if (values != null) {
                for (String v : values) {
                    trainingArgs.add(Objects.requireNonNull(v, "trainingArgs element"));
                }
            }
            return this;
        }

        public Builder trainingJvmArgs(List<String> values) {
            if (values != null) {
                for (String v : values) {
                    trainingJvmArgs.add(Objects.requireNonNull(v, "trainingJvmArgs element"));
                }
            }
            return this;
        }

        public Builder trainingArg(String value) {
            trainingArgs.add(Objects.requireNonNull(value, "trainingArg"));
            return this;
        }

        /** Null keeps the default. */
        public Builder timeout(Duration value) {
            if (value != null) {
                this.timeout = value;
            }
            return this;
        }

        public AppCdsSpec build() {
            if (timeout.isNegative() || timeout.isZero() || timeout.compareTo(Duration.ofHours(1)) > 0) {
                throw new DebException(Setting.APP_CDS_TIMEOUT_SECONDS, Long.toString(timeout.toSeconds()),
                        "the training run's timeout must be between 1 second and 1 hour.",
                        "give a few seconds more than the training run takes (default "
                                + DEFAULT_TIMEOUT.toSeconds() + ").");
            }
            for (String a : trainingArgs) {
                if (a.indexOf('\0') >= 0 || a.indexOf('\n') >= 0) {
                    throw new DebException(Setting.APP_CDS_TRAINING_ARGS, a, "a training argument holds a NUL or"
                            + " newline character.", "pass plain arguments, e.g. --version.");
                }
            }
            for (String a : trainingJvmArgs) {
                if (!a.startsWith("-") || a.indexOf('\0') >= 0 || a.indexOf('\n') >= 0) {
                    throw new DebException(Setting.APP_CDS_TRAINING_JVM_ARGS, a,
                            "not a Java option (it must start with -"
                            + " and hold no NUL or newline).", "pass options such as -Dname=value.");
                }
            }
            return new AppCdsSpec(this);
        }
    }
}
