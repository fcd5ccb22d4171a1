package io.github.jpackagedeb.core.app;

import io.github.jpackagedeb.core.DebException;
import io.github.jpackagedeb.core.Setting;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The application to package: its jar, its runtime dependency closure in class-path order, and how to start it.
 * Immutable; made by {@link Builder}.
 */
public final class AppSpec {

    private final Jar mainJar;
    private final List<Jar> dependencies;
    private final String mainClass;
    private final int javaRelease;
    private final List<String> jvmOptions;
    private final List<String> arguments;

    private AppSpec(Builder b) {
        this.jvmOptions = List.copyOf(b.jvmOptions);
        this.arguments = List.copyOf(b.arguments);
        this.mainJar = b.mainJar;
        this.dependencies = List.copyOf(b.dependencies);
        this.mainClass = b.mainClass;
        this.javaRelease = b.javaRelease;
    }

    public static Builder builder() {
        return new Builder();
    }

    public Jar mainJar() {
        return mainJar;
    }

    public List<Jar> dependencies() {
        return dependencies;
    }

    /** The application jar first, then its dependencies: the class path. */
    public List<Jar> classPath() {
        List<Jar> all = new ArrayList<>(dependencies.size() + 1);
        all.add(mainJar);
        all.addAll(dependencies);
        return all;
    }

    /** The main class, or null to take it from the application jar's manifest. */
    public String mainClass() {
        return mainClass;
    }

    /** The lowest Java feature release the application needs (17, 21, …). */
    public int javaRelease() {
        return javaRelease;
    }

    /** JVM options the launcher passes before JAVA_OPTS (jpackage's --java-options); a host may override them. */
    public List<String> jvmOptions() {
        return jvmOptions;
    }

    /** Program arguments the launcher passes before the caller's (jpackage's --arguments); a host may override them. */
    public List<String> arguments() {
        return arguments;
    }

    public static final class Builder {
        private final List<String> jvmOptions = new ArrayList<>();
        private final List<String> arguments = new ArrayList<>();
        private Jar mainJar;
        private final List<Jar> dependencies = new ArrayList<>();
        private String mainClass;
        private int javaRelease = 17;

        private Builder() {
        }

        public Builder mainJar(Jar value) {
            this.mainJar = value;
            return this;
        }

        public Builder dependency(Jar value) {
            this.dependencies.add(Objects.requireNonNull(value, "dependency"));
            return this;
        }

        public Builder dependencies(List<Jar> values) {
            values.forEach(this::dependency);
            return this;
        }

        public Builder mainClass(String value) {
            this.mainClass = value == null || value.isBlank() ? null : value.trim();
            return this;
        }

        /** Default JVM options, one option per entry (null: none). */
        public Builder jvmOptions(List<String> values) {
            add(jvmOptions, values, Setting.JVM_OPTIONS);
            return this;
        }

        /** Default program arguments, one argument per entry (null: none); spaces inside an entry are kept. */
        public Builder arguments(List<String> values) {
            add(arguments, values, Setting.ARGUMENTS);
            return this;
        }

        private static void add(List<String> to, List<String> values, Setting field) {
            if (values == null) {
                return;
            }
            for (String v : values) {
                if (v == null || v.isEmpty()) {
                    continue;
                }
                if (v.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
                    throw new DebException(field, v, "holds a line break or another control character, which a "
                            + "shell variable in /etc/default cannot carry.", "give one option or argument per entry, "
                            + "on one line.");
                }
                to.add(v);
            }
        }

        public Builder javaRelease(int value) {
            this.javaRelease = value;
            return this;
        }

        public AppSpec build() {
            if (mainJar == null) {
                throw new DebException(Setting.JAR, null, "there is no application jar to package.",
                        "build the jar first (mvn package runs the jar plugin before this one), or name it explicitly.");
            }
            if (javaRelease < 8 || javaRelease > 99) {
                throw new DebException(Setting.JAVA_RELEASE, Integer.toString(javaRelease),
                        "not a Java feature release.",
                        "use the release the application is compiled for, e.g. 17 or 21.");
            }
            return new AppSpec(this);
        }
    }
}
