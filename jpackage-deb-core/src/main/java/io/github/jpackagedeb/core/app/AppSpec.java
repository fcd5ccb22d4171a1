package io.github.jpackagedeb.core.app;

import io.github.jpackagedeb.core.DebException;
import io.github.jpackagedeb.core.Setting;

import java.nio.file.Path;
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
    private final List<Resource> resources;
    private final boolean runsAsJar;
    private final List<String> requiredModules;

    /**
     * A file of an application tree that is not a jar (Quarkus's {@code quarkus/quarkus-application.dat}).
     *
     * @param file the file on disk
     * @param path where it goes, relative to the package's {@code lib/}
     */
    public record Resource(Path file, String path) {
        public Resource {
            Objects.requireNonNull(file, "file");
            Objects.requireNonNull(path, "path");
        }
    }

    private AppSpec(Builder b) {
        this.resources = List.copyOf(b.resources);
        this.runsAsJar = b.runsAsJar;
        this.requiredModules = List.copyOf(b.requiredModules);
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

    /** A builder holding this application's values, to change some of them. */
    public Builder toBuilder() {
        Builder b = new Builder().mainJar(mainJar).dependencies(dependencies).mainClass(mainClass)
                .jvmOptions(jvmOptions).arguments(arguments).javaRelease(javaRelease).runsAsJar(runsAsJar)
                .resources(resources).requiredModules(requiredModules);
        return b;
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

    /**
     * Whether the launcher runs {@code java -jar <application jar>}: the jar's manifest names the class path, the main
     * class and what only {@code -jar} honours ({@code Add-Opens}, {@code Launcher-Agent-Class}); true for an
     * application tree such as Quarkus's, false (the default) for {@code java -cp <class path> <main class>}.
     */
    public boolean runsAsJar() {
        return runsAsJar;
    }

    /**
     * JDK modules the application needs that jdeps cannot see in its class files, such as a service provider it
     * reaches by name ({@code jdk.zipfs}, the {@code jar:} file system Quarkus's class loader opens); a bundled runtime
     * links them too. None by default.
     */
    public List<String> requiredModules() {
        return requiredModules;
    }

    /** The files of an application tree that are not jars, installed beside the jars (none by default). */
    public List<Resource> resources() {
        return resources;
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
        private final List<Resource> resources = new ArrayList<>();
        private boolean runsAsJar;
        private final List<String> requiredModules = new ArrayList<>();
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

        /** Forgets the dependencies given so far. */
        public Builder clearDependencies() {
            this.dependencies.clear();
            return this;
        }

        public Builder dependencies(List<Jar> values) {
            values.forEach(this::dependency);
            return this;
        }

        /** See {@link AppSpec#runsAsJar()}. */
        public Builder runsAsJar(boolean value) {
            this.runsAsJar = value;
            return this;
        }

        /** See {@link AppSpec#requiredModules()}. */
        public Builder requiredModules(List<String> values) {
            values.stream().filter(m -> !requiredModules.contains(m)).forEach(requiredModules::add);
            return this;
        }

        /** See {@link AppSpec#resources()}. */
        public Builder resources(List<Resource> values) {
            values.forEach(r -> resources.add(Objects.requireNonNull(r, "resource")));
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
