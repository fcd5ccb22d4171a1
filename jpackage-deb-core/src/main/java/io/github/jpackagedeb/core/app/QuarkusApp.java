package io.github.jpackagedeb.core.app;

import io.github.jpackagedeb.core.DebException;
import io.github.jpackagedeb.core.DebLog;
import io.github.jpackagedeb.core.Setting;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A Quarkus application as Quarkus built it. A Quarkus application does not run from a flat class path (there it
 * starts in dev mode or cannot find its launcher): quarkus-maven-plugin's {@code build} goal (in {@code package})
 * writes, beside the project's jar, {@code quarkus-artifact.properties} naming what it built:
 * <ul>
 * <li>{@code type=jar} (the default, the "fast-jar") or {@code mutable-jar}: the tree {@code quarkus-app/}:
 * {@code quarkus-run.jar} (whose manifest names the class path {@code lib/boot/*}, the main class
 * {@code io.quarkus.bootstrap.runner.QuarkusEntryPoint} and {@code Add-Opens}), {@code lib/boot}, {@code lib/main},
 * {@code app/} and {@code quarkus/} (the build's index {@code quarkus-application.dat} and generated classes). The
 * package ships the tree as it is under {@code lib/}, and the launcher runs {@code java -jar lib/quarkus-run.jar}, the
 * one way Quarkus supports starting it;</li>
 * <li>{@code type=uber-jar}: one runner jar that holds everything; it ships alone;</li>
 * <li>{@code type=native}: an executable, not a JVM application: an error.</li>
 * </ul>
 * A tree given directly (its {@code quarkus-run.jar} as the application jar) is packaged the same way.
 */
final class QuarkusApp {

    static final String RUN_JAR = "quarkus-run.jar";
    static final String PROPERTIES = "quarkus-artifact.properties";
    /** The build's index of the tree, which QuarkusEntryPoint reads beside quarkus-run.jar. */
    static final String APPLICATION_DAT = "quarkus/quarkus-application.dat";
    static final String DEPENDENCIES = "quarkus-app-dependencies.txt";
    /**
     * The JDK modules Quarkus needs beyond what jdeps finds: jdk.zipfs, the {@code jar:} file system provider its class
     * loading opens by URI scheme (without it: "Unable to find provider supporting jar scheme" at start).
     */
    static final List<String> MODULES = List.of("jdk.zipfs");
    /** A path segment that is safe in a launcher, a maintainer script and an archive. */
    private static final Pattern SAFE_SEGMENT = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._+-]*");
    private static final String FIX = "declare quarkus-maven-plugin (with its build goal) before jpackage-deb-maven-plugin"
            + " in <build><plugins>: both run in the package phase, in the order they are declared.";

    private QuarkusApp() {
    }

    /**
     * The application to package for a Quarkus build, or empty when {@code app} is not a Quarkus application whose
     * quarkus-core is a separate jar (a Quarkus uber-jar holds quarkus-core itself and is packaged as any jar).
     *
     * @param quarkusCore the dependency that is quarkus-core, or null
     * @param excludes    the configured excludes (they cannot apply to a tree Quarkus has laid out: a warning)
     */
    static Optional<AppSpec> resolve(AppSpec app, Jar quarkusCore, List<String> excludes, DebLog log) {
        Jar main = app.mainJar();
        Path tree;
        if (main.fileName().equals(RUN_JAR) && Files.isRegularFile(main.file().resolveSibling(APPLICATION_DAT))) {
            tree = main.file().getParent();
        } else if (quarkusCore == null) {
            return Optional.empty();
        } else {
            Optional<AppSpec> uber = fromBuild(app, quarkusCore, log);
            if (uber.isPresent()) {
                return uber;
            }
            tree = main.file().resolveSibling(built(app, quarkusCore).getProperty("path")).getParent();
        }
        return Optional.of(tree(app, tree, excludes, log));
    }

    /** The uber-jar the build wrote, or empty when it wrote a tree. */
    private static Optional<AppSpec> fromBuild(AppSpec app, Jar quarkusCore, DebLog log) {
        Jar main = app.mainJar();
        Properties p = built(app, quarkusCore);
        String type = p.getProperty("type", "");
        Path path = main.file().resolveSibling(p.getProperty("path", ""));
        switch (type) {
            case "jar", "fast-jar", "mutable-jar" -> {
                if (!path.getFileName().toString().equals(RUN_JAR) || !Files.isRegularFile(path)) {
                    throw new DebException(Setting.JAR, path.toString(), "Quarkus's " + PROPERTIES + " names a "
                            + type + " build at " + path + ", which is not a " + RUN_JAR + " that exists.",
                            "run mvn clean package, so that Quarkus writes its build output again.");
                }
                return Optional.empty();
            }
            case "uber-jar" -> {
                if (!Files.isRegularFile(path)) {
                    throw new DebException(Setting.JAR, path.toString(), "Quarkus's " + PROPERTIES
                            + " names the uber-jar " + path + ", which does not exist.",
                            "run mvn clean package, so that Quarkus writes its build output again.");
                }
                log.info("Quarkus: " + main.fileName() + " is packaged as the uber-jar Quarkus built, "
                        + path.getFileName() + ", alone (it holds every dependency).");
                return Optional.of(app.toBuilder().mainJar(new Jar(path, main.origin())).clearDependencies()
                        .requiredModules(MODULES).build());
            }
            default -> throw new DebException(Setting.JAR, type, "Quarkus built a " + type + " artifact ("
                    + path.getFileName() + "), not a JVM application this tool packages.",
                    "build the JVM fast-jar (the default, quarkus.package.jar.type=fast-jar) or an uber-jar"
                            + " (-Dquarkus.package.jar.type=uber-jar).");
        }
    }

    /** quarkus-artifact.properties beside the application jar, checked to be from this build. */
    private static Properties built(AppSpec app, Jar quarkusCore) {
        Jar main = app.mainJar();
        Path props = main.file().resolveSibling(PROPERTIES);
        if (!Files.isRegularFile(props)) {
            throw new DebException(Setting.JAR, quarkusCore.origin(), main.fileName() + " is a Quarkus application ("
                    + quarkusCore.fileName() + " is quarkus-core), and Quarkus has not built it yet: " + props
                    + " is missing. A Quarkus application starts through Quarkus's own build output (the fast-jar tree"
                    + " quarkus-app/ or an uber-jar), not from a flat class path.", FIX);
        }
        try {
            if (Files.getLastModifiedTime(props).compareTo(Files.getLastModifiedTime(main.file())) < 0) {
                throw new DebException(Setting.JAR, props.toString(), "Quarkus's build output is older than "
                        + main.fileName() + ": it is from an earlier build, and this plugin ran before Quarkus's.",
                        FIX);
            }
            Properties p = new Properties();
            try (Reader r = Files.newBufferedReader(props, StandardCharsets.UTF_8)) {
                p.load(r);
            }
            return p;
        } catch (IOException e) {
            throw new DebException(Setting.JAR, props.toString(), "cannot read " + props + ": " + e.getMessage(),
                    "run mvn clean package.", e);
        }
    }

    /** The tree as it is: quarkus-run.jar, every other jar in class-path order of the tree, the other files. */
    private static AppSpec tree(AppSpec app, Path tree, List<String> excludes, DebLog log) {
        Jar main = app.mainJar();
        Path run = tree.resolve(RUN_JAR);
        String entry = mainClass(run, main);
        if (app.mainClass() != null && !app.mainClass().equals(entry)) {
            throw new DebException(Setting.MAIN_CLASS, app.mainClass(), "a Quarkus application starts through "
                    + RUN_JAR + " (Main-Class " + entry + "), which runs the application's main: a main class"
                    + " configured here would bypass Quarkus.",
                    "remove the main class setting; choose the application's main in Quarkus (@QuarkusMain or"
                            + " quarkus.package.main-class).");
        }
        if (!Files.isRegularFile(tree.resolve(APPLICATION_DAT))) {
            throw new DebException(Setting.JAR, tree.toString(), tree + " has no " + APPLICATION_DAT
                    + ", so it is not a complete Quarkus fast-jar tree.", "run mvn clean package.");
        }
        if (!excludes.isEmpty()) {
            log.warn("The excludes " + excludes + " do not apply to a Quarkus application: Quarkus chose the jars"
                    + " of " + tree.getFileName() + "/ at build time. To leave a jar out, remove its dependency or"
                    + " use quarkus.class-loading.removed-resources.");
        }
        Map<String, String> coordinates = coordinates(tree.resolve(DEPENDENCIES));
        List<Jar> jars = new ArrayList<>();
        List<AppSpec.Resource> resources = new ArrayList<>();
        List<Path> files;
        try (Stream<Path> s = Files.walk(tree)) {
            files = s.filter(f -> !Files.isDirectory(f, LinkOption.NOFOLLOW_LINKS)).sorted().toList();
        } catch (IOException e) {
            throw new DebException(Setting.JAR, tree.toString(), "cannot read " + tree + ": " + e.getMessage(),
                    "run mvn clean package.", e);
        }
        for (Path f : files) {
            String rel = tree.relativize(f).toString().replace('\\', '/');
            for (String segment : rel.split("/")) {
                if (!SAFE_SEGMENT.matcher(segment).matches()) {
                    throw new DebException(Setting.JAR, f.toString(), "the file " + rel + " of the Quarkus tree "
                            + tree + " has a name that is unsafe in a package path (only letters, digits and . _ + -,"
                            + " not first . or -).", "rename or remove it, and build again.");
                }
            }
            if (!Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS)) {
                throw new DebException(Setting.JAR, f.toString(), "the Quarkus tree " + tree + " holds " + rel
                        + ", which is not a regular file (a symbolic link or a special file).",
                        "run mvn clean package, so that Quarkus writes the tree again.");
            }
            if (rel.equals(RUN_JAR) || !rel.endsWith(".jar")) {
                if (!rel.equals(RUN_JAR)) {
                    resources.add(new AppSpec.Resource(f, rel));
                }
                continue;
            }
            String origin = rel.startsWith("app/") ? main.origin()
                    : coordinates.getOrDefault(f.getFileName().toString(), tree.getFileName() + "/" + rel);
            jars.add(new Jar(f, origin, rel));
        }
        log.info("Quarkus: the package ships the fast-jar tree " + tree + " as Quarkus built it (" + (jars.size() + 1)
                + " jars, " + resources.size() + " other files) under lib/; the launcher runs java -jar "
                + RUN_JAR + ".");
        return app.toBuilder().mainJar(new Jar(run, main.origin() + " (Quarkus's " + RUN_JAR + ")", RUN_JAR))
                .clearDependencies().dependencies(jars).resources(resources).runsAsJar(true).mainClass(null).requiredModules(MODULES).build();
    }

    private static String mainClass(Path run, Jar main) {
        try (JarFile jf = new JarFile(run.toFile())) {
            Manifest mf = jf.getManifest();
            String m = mf == null ? null : mf.getMainAttributes().getValue("Main-Class");
            if (m == null || m.isBlank()) {
                throw new DebException(Setting.JAR, run.toString(), run + " has no Main-Class.",
                        "run mvn clean package, so that Quarkus writes it again.");
            }
            return m.strip();
        } catch (IOException e) {
            throw new DebException(Setting.JAR, run.toString(), "cannot read " + run + ": " + e.getMessage(),
                    "run mvn clean package, so that Quarkus writes it again.", e);
        }
    }

    /**
     * Jar file names of the tree to Maven coordinates, from quarkus-app-dependencies.txt
     * ({@code groupId:artifactId:classifier:type:version}; Quarkus names the jar
     * {@code groupId.artifactId-version[-classifier].jar}); empty when the file is missing.
     */
    static Map<String, String> coordinates(Path dependencies) {
        Map<String, String> out = new HashMap<>();
        if (!Files.isRegularFile(dependencies)) {
            return out;
        }
        try {
            for (String line : Files.readAllLines(dependencies, StandardCharsets.UTF_8)) {
                String[] p = line.strip().split(":");
                if (p.length == 5) {
                    String file = p[0] + "." + p[1] + "-" + p[4] + (p[2].isEmpty() ? "" : "-" + p[2]) + ".jar";
                    out.put(file, p[0] + ":" + p[1] + ":" + p[4]);
                }
            }
        } catch (IOException e) {
            return out; // only the messages and the copyright file lose the coordinates
        }
        return out;
    }
}
