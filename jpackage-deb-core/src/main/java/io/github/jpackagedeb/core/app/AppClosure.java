package io.github.jpackagedeb.core.app;

import io.github.jpackagedeb.core.DebException;
import io.github.jpackagedeb.core.DebLog;
import io.github.jpackagedeb.core.Setting;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Decides what of a build's output goes on the package's class path, so that no class ships twice and nothing a
 * production build leaves out goes in. Rules, all by content, so they hold for any project:
 * <ol>
 * <li><b>Spring Boot fat jar</b> (spring-boot-maven-plugin's repackage: manifest {@code Spring-Boot-Version} or
 * {@code Start-Class}, entries under {@code BOOT-INF/}): the package ships the thin layout, the application's own jar
 * (the repackager keeps it as {@code <jar>.original}; else the fat jar's {@code BOOT-INF/classes/} are made into a jar)
 * and the dependency closure, with {@code Start-Class} as main class; never the fat jar and the closure together.</li>
 * <li><b>Spring Boot on the class path</b> (a jar holds {@code org/springframework/boot/SpringApplication.class}):
 * what Spring Boot leaves out of its production jar is left out (spring-boot-devtools, which would switch on
 * development settings in production, spring-boot-docker-compose, and jars whose manifest says
 * {@code Spring-Boot-Jar-Type: dependencies-starter} or {@code annotation-processor}, which hold no code the
 * application runs); with no main class configured and none in the
 * manifest, the one class of the application jar annotated {@code @SpringBootApplication} is the main class (the jar
 * is the thin one when this plugin runs before repackage).</li>
 * <li><b>Excludes</b>: {@code groupId:artifactId} patterns ({@code *} matches any characters) remove the matching
 * dependencies and those of their dependencies that nothing else needs (given a {@link Graph}); a pattern that
 * matches nothing is a warning naming it.</li>
 * <li><b>Jars inside the application jar</b> (maven-shade-plugin, assembly's jar-with-dependencies, any "uber" jar):
 * a dependency whose {@code META-INF/maven/<groupId>/<artifactId>/pom.properties} is in the application jar, or all of
 * whose classes are, is already there: it is not shipped a second time, so a shaded jar ships alone.</li>
 * <li><b>Quarkus</b> (quarkus-core a separate jar on the class path, or Quarkus's {@code quarkus-run.jar} as the
 * application jar): the package ships what Quarkus built, the fast-jar tree {@code quarkus-app/} as it is, or its
 * uber-jar alone ({@link QuarkusApp}); never the flat class path, on which Quarkus starts in dev mode. A Quarkus
 * uber-jar given as the application jar ships alone like any uber jar.</li>
 * </ol>
 */
public final class AppClosure {

    /** What spring-boot-maven-plugin leaves out of a repackaged jar by default (excludeDevtools, excludeDockerCompose). */
    public static final List<String> SPRING_BOOT_PRODUCTION_EXCLUDES = List.of(
            "org.springframework.boot:spring-boot-devtools", "org.springframework.boot:spring-boot-docker-compose");

    /** The system property with which Spring Boot (3.2+) starts the application context and exits: its CDS training. */
    public static final String SPRING_BOOT_TRAINING = "-Dspring.context.exit=onRefresh";

    private static final String SPRING_APPLICATION = "org/springframework/boot/SpringApplication.class";
    /** quarkus-core's entry point: on a dependency jar, the application is a Quarkus fast-jar or dev build. */
    static final String QUARKUS = "io/quarkus/runtime/Quarkus.class";
    private static final Pattern PATTERN = Pattern.compile("[A-Za-z0-9_.*-]+:[A-Za-z0-9_.*-]+");
    private static final Pattern COORDINATES = Pattern.compile("([^:\\s]+):([^:\\s]+):[^:\\s]+(:[^:\\s]+)?");
    private static final byte[] SPRING_BOOT_APPLICATION =
            "Lorg/springframework/boot/autoconfigure/SpringBootApplication;".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] MAIN_DESCRIPTOR = "([Ljava/lang/String;)V".getBytes(StandardCharsets.US_ASCII);

    /**
     * Who needs whom among the project's dependencies, by {@code groupId:artifactId}: {@code roots} are the project's
     * own dependencies, {@code needs} maps each to those it depends on (every version and path Maven saw, not only
     * the one it chose).
     */
    public record Graph(Set<String> roots, Map<String, Set<String>> needs) {
        public Graph {
            roots = Set.copyOf(roots);
            needs = Map.copyOf(needs);
        }
    }

    /**
     * The result: the application to package, whether it is a Spring Boot application (its app CDS training then
     * defaults to {@link #SPRING_BOOT_TRAINING}, see {@code Packager}) and the jars left out, with the reason, for the build log.
     */
    public record Result(AppSpec app, boolean springBoot, Map<String, String> leftOut) {
    }

    private AppClosure() {
    }

    /** The {@code groupId:artifactId} of a jar whose origin is Maven coordinates, or empty. */
    static Optional<String> groupArtifact(Jar jar) {
        var m = COORDINATES.matcher(jar.origin());
        return m.matches() ? Optional.of(m.group(1) + ":" + m.group(2)) : Optional.empty();
    }

    /**
     * Checks {@code groupId:artifactId} patterns.
     *
     * @throws DebException naming the first pattern that is not of that form
     */
    public static List<String> checkExcludes(Collection<String> patterns, String source) {
        List<String> out = new ArrayList<>();
        if (patterns != null) {
            for (String p : patterns) {
                String s = p == null ? "" : p.strip();
                if (!PATTERN.matcher(s).matches()) {
                    throw new DebException(Setting.EXCLUDES, p, "not a groupId:artifactId pattern (" + source + ").",
                            "write groupId:artifactId, with * for any characters, e.g. org.springframework.boot:"
                                    + "spring-boot-devtools or com.example:*.");
                }
                out.add(s);
            }
        }
        return out;
    }

    static boolean matches(String pattern, String groupArtifact) {
        return Pattern.compile(toRegex(pattern)).matcher(groupArtifact).matches();
    }

    private static String toRegex(String pattern) {
        String[] parts = pattern.split("\\*", -1);
        StringBuilder re = new StringBuilder();
        for (int i = 0; i < parts.length; i++) {
            if (i > 0) {
                re.append(".*");
            }
            re.append(Pattern.quote(parts[i]));
        }
        return re.toString();
    }

    /**
     * Applies the rules to a build's application.
     *
     * @param app      the project's jar, its resolved runtime closure and the configured main class
     * @param graph    who needs whom, asked for only when something is excluded (null, or a null graph: an excluded
     *                 jar's own dependencies stay)
     * @param excludes checked {@code groupId:artifactId} patterns ({@link #checkExcludes})
     * @param workDir  where a thin application jar is written when it has to be made
     */
    public static Result resolve(AppSpec app, java.util.function.Supplier<Graph> graph, List<String> excludes,
                                 Path workDir, DebLog log) {
        // a Quarkus uber-jar holds quarkus-core itself: it is packaged as any uber jar (its dependencies are inside)
        Jar quarkusCore = holds(app.mainJar(), QUARKUS) ? null
                : app.dependencies().stream().filter(d -> holds(d, QUARKUS)).findFirst().orElse(null);
        Optional<AppSpec> quarkus = QuarkusApp.resolve(app, quarkusCore, excludes, log);
        if (quarkus.isPresent()) {
            return new Result(quarkus.get(), false, Map.of());
        }
        Map<String, String> leftOut = new LinkedHashMap<>();
        Jar main = app.mainJar();
        String mainClass = app.mainClass();
        boolean springBoot = false;
        Optional<Manifest> fat = springBootFatJar(main);
        if (fat.isPresent()) {
            springBoot = true;
            if (app.dependencies().isEmpty()) {
                throw new DebException(Setting.JAR, main.origin(),
                        main.fileName() + " is a Spring Boot fat jar given alone:"
                        + " its own classes and its BOOT-INF/lib jars would have to run through Spring Boot's loader,"
                        + " and the package ships the thin layout (the application jar and its dependency jars).",
                        "unpack it with 'java -Djarmode=tools -jar " + main.fileName() + " extract' (Spring Boot 3.3+"
                                + "; it writes the application jar and lib/) and package that directory, or give the"
                                + " original jar (<jar>.original) with its dependency jars.");
            }
            if (mainClass == null) {
                mainClass = fat.get().getMainAttributes().getValue("Start-Class");
            }
            main = thinJar(main, workDir);
            log.info("Spring Boot: " + app.mainJar().fileName() + " is a repackaged (fat) jar; the package ships the"
                    + " thin layout: " + (main.file().getFileName().toString().equals(app.mainJar().fileName())
                    ? "the original jar" : "its BOOT-INF/classes") + " and " + app.dependencies().size()
                    + " dependency jars, main class " + mainClass + ".");
        } else if (app.dependencies().stream().anyMatch(j -> holds(j, SPRING_APPLICATION))) {
            springBoot = true;
        }
        if (springBoot && mainClass == null && manifestMainClass(main) == null) {
            mainClass = springBootApplicationClass(main);
        }
        List<String> defaults = springBoot ? SPRING_BOOT_PRODUCTION_EXCLUDES : List.of();
        List<Jar> deps = exclude(app.dependencies(), graph, excludes, defaults, leftOut, log);
        if (springBoot) {
            List<Jar> withCode = new ArrayList<>();
            for (Jar d : deps) {
                String type = manifestValue(d, "Spring-Boot-Jar-Type");
                if ("dependencies-starter".equals(type) || "annotation-processor".equals(type)) {
                    leftOut.put(d.origin(), "Spring-Boot-Jar-Type " + type + " (Spring Boot leaves it out too)");
                    log.info("Left out " + d.origin() + ": a Spring Boot " + type + " jar, needed at build time only.");
                } else {
                    withCode.add(d);
                }
            }
            deps = withCode;
        }
        Set<String> inside = entries(main);
        List<Jar> kept = new ArrayList<>();
        for (Jar d : deps) {
            if (isInside(d, inside)) {
                leftOut.put(d.origin(), "already inside " + main.fileName());
            } else {
                kept.add(d);
            }
        }
        if (kept.size() < deps.size()) {
            log.info(main.fileName() + " already holds " + (deps.size() - kept.size()) + " of its " + deps.size()
                    + " dependencies (a shaded or uber jar): they are not shipped a second time.");
        }
        // the launcher settings (JVM options, arguments) and the Java release stay as given
        AppSpec out = app.toBuilder().mainJar(main).clearDependencies().dependencies(kept).mainClass(mainClass).build();
        return new Result(out, springBoot, leftOut);
    }

    /** The fat jar's manifest, when the jar is one repackaged by Spring Boot. */
    static Optional<Manifest> springBootFatJar(Jar jar) {
        try (JarFile jf = new JarFile(jar.file().toFile())) {
            Manifest mf = jf.getManifest();
            Attributes a = mf == null ? null : mf.getMainAttributes();
            boolean marked = a != null && (a.getValue("Spring-Boot-Version") != null || a.getValue("Start-Class") != null);
            if (marked && jf.getEntry("BOOT-INF/") != null || marked && jf.stream().anyMatch(
                    e -> e.getName().startsWith("BOOT-INF/"))) {
                return Optional.of(mf);
            }
            return Optional.empty();
        } catch (IOException e) {
            throw new DebException(Setting.JAR, jar.origin(), "cannot read " + jar.file() + ": " + e.getMessage(),
                    "rebuild the jar.", e);
        }
    }

    /**
     * The application's own jar for a fat jar: {@code <jar>.original} beside it (what the repackager keeps) copied
     * under the fat jar's name, else a jar made of {@code BOOT-INF/classes/}.
     */
    private static Jar thinJar(Jar fat, Path workDir) {
        Path original = fat.file().resolveSibling(fat.fileName() + ".original");
        try {
            Files.createDirectories(workDir);
            Path out = workDir.resolve(fat.fileName());
            if (Files.isRegularFile(original)) {
                Files.copy(original, out, StandardCopyOption.REPLACE_EXISTING);
            } else {
                classesJar(fat.file(), out);
            }
            return new Jar(out, fat.origin());
        } catch (IOException e) {
            throw new DebException(Setting.JAR, fat.origin(), "cannot write the thin application jar into " + workDir
                    + ": " + e.getMessage(), "check that the directory is writable.", e);
        }
    }

    /**
     * Writes the fat jar's {@code BOOT-INF/classes/} as a jar: entries sorted by name, their times kept (the fat jar's
     * come from the build's timestamp), a manifest with the fat jar's Start-Class as Main-Class.
     */
    static void classesJar(Path fat, Path out) throws IOException {
        String prefix = "BOOT-INF/classes/";
        try (JarFile in = new JarFile(fat.toFile())) {
            Attributes fa = in.getManifest().getMainAttributes();
            Manifest mf = new Manifest();
            Attributes a = mf.getMainAttributes();
            a.put(Attributes.Name.MANIFEST_VERSION, "1.0");
            for (String k : List.of("Start-Class", "Implementation-Title", "Implementation-Version",
                    "Implementation-Vendor", "Automatic-Module-Name")) {
                String v = fa.getValue(k);
                if (v != null) {
                    a.putValue(k.equals("Start-Class") ? "Main-Class" : k, v);
                }
            }
            List<java.util.jar.JarEntry> entries = in.stream().filter(e -> e.getName().startsWith(prefix)
                    && e.getName().length() > prefix.length()).sorted(java.util.Comparator.comparing(ZipEntry::getName))
                    .toList();
            java.nio.file.attribute.FileTime time = in.getEntry("META-INF/MANIFEST.MF") != null
                    ? in.getEntry("META-INF/MANIFEST.MF").getLastModifiedTime() : null;
            Path tmp = out.resolveSibling(out.getFileName() + ".tmp");
            try (java.util.jar.JarOutputStream jos = new java.util.jar.JarOutputStream(Files.newOutputStream(tmp))) {
                ZipEntry m = new ZipEntry(JarFile.MANIFEST_NAME);
                if (time != null) {
                    m.setLastModifiedTime(time);
                }
                jos.putNextEntry(m);
                mf.write(jos);
                jos.closeEntry();
                for (java.util.jar.JarEntry e : entries) {
                    String name = e.getName().substring(prefix.length());
                    if (name.equals(JarFile.MANIFEST_NAME) || name.equals("META-INF/")) {
                        continue;
                    }
                    ZipEntry o = new ZipEntry(name);
                    o.setLastModifiedTime(e.getLastModifiedTime());
                    jos.putNextEntry(o);
                    if (!e.isDirectory()) {
                        try (InputStream is = in.getInputStream(e)) {
                            is.transferTo(jos);
                        }
                    }
                    jos.closeEntry();
                }
            }
            Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static String manifestMainClass(Jar jar) {
        return manifestValue(jar, Attributes.Name.MAIN_CLASS.toString());
    }

    private static String manifestValue(Jar jar, String name) {
        try (JarFile jf = new JarFile(jar.file().toFile())) {
            Manifest mf = jf.getManifest();
            return mf == null ? null : mf.getMainAttributes().getValue(name);
        } catch (IOException e) {
            throw new DebException(Setting.JAR, jar.origin(), "cannot read " + jar.file() + ".", "rebuild the jar.", e);
        }
    }

    /**
     * The class of the application jar annotated {@code @SpringBootApplication} with a {@code main(String[])} (what
     * spring-boot-maven-plugin writes as Start-Class), or null when there is none; several is an error.
     */
    static String springBootApplicationClass(Jar jar) {
        List<String> found = new ArrayList<>();
        try (ZipFile z = new ZipFile(jar.file().toFile())) {
            for (ZipEntry e : java.util.Collections.list(z.entries())) {
                String n = e.getName();
                if (!n.endsWith(".class") || n.startsWith("META-INF/") || n.contains("$")) {
                    continue;
                }
                try (InputStream in = z.getInputStream(e)) {
                    byte[] b = in.readAllBytes();
                    if (indexOf(b, SPRING_BOOT_APPLICATION) >= 0 && indexOf(b, MAIN_DESCRIPTOR) >= 0) {
                        found.add(n.substring(0, n.length() - ".class".length()).replace('/', '.'));
                    }
                }
            }
        } catch (IOException e) {
            throw new DebException(Setting.JAR, jar.origin(), "cannot read " + jar.file() + ".", "rebuild the jar.", e);
        }
        if (found.size() > 1) {
            found.sort(null);
            throw new DebException(Setting.MAIN_CLASS, null, "the Spring Boot application " + jar.fileName() + " has "
                    + found.size() + " classes annotated @SpringBootApplication with a main method: " + found + ".",
                    "set the main class (the plugin's mainClass, or spring-boot-maven-plugin's).");
        }
        return found.isEmpty() ? null : found.get(0);
    }

    private static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static List<Jar> exclude(List<Jar> deps, java.util.function.Supplier<Graph> graphSource,
                                     List<String> excludes, List<String> defaults,
                                     Map<String, String> leftOut, DebLog log) {
        List<String> all = new ArrayList<>(excludes);
        all.addAll(defaults);
        if (all.isEmpty()) {
            return deps;
        }
        Map<String, String> matchedBy = new LinkedHashMap<>();
        Set<String> used = new HashSet<>();
        for (Jar d : deps) {
            Optional<String> ga = groupArtifact(d);
            if (ga.isEmpty()) {
                continue;
            }
            for (String p : all) {
                if (matches(p, ga.get())) {
                    matchedBy.putIfAbsent(ga.get(), p);
                    used.add(p);
                }
            }
        }
        for (String p : excludes) {
            if (!used.contains(p)) {
                log.warn("The exclude '" + p + "' matches none of the " + deps.size() + " runtime dependencies; check"
                        + " its groupId:artifactId (or remove it).");
            }
        }
        if (matchedBy.isEmpty()) {
            return deps;
        }
        Set<String> reachable = null;
        Graph graph = graphSource == null ? null : graphSource.get();
        if (graph != null) {
            reachable = new HashSet<>();
            Deque<String> todo = new ArrayDeque<>(graph.roots());
            while (!todo.isEmpty()) {
                String ga = todo.pop();
                if (matchedBy.containsKey(ga) || !reachable.add(ga)) {
                    continue;
                }
                todo.addAll(graph.needs().getOrDefault(ga, Set.of()));
            }
        }
        List<Jar> kept = new ArrayList<>();
        for (Jar d : deps) {
            Optional<String> ga = groupArtifact(d);
            if (ga.isPresent() && matchedBy.containsKey(ga.get())) {
                leftOut.put(d.origin(), "excluded by " + matchedBy.get(ga.get())
                        + (defaults.contains(matchedBy.get(ga.get())) && !excludes.contains(matchedBy.get(ga.get()))
                        ? " (Spring Boot leaves it out of production)" : ""));
            } else if (reachable != null && ga.isPresent() && graph.needs().containsKey(ga.get())
                    && !reachable.contains(ga.get())) {
                leftOut.put(d.origin(), "needed only by excluded dependencies");
            } else {
                kept.add(d);
            }
        }
        leftOut.forEach((jar, why) -> log.info("Left out " + jar + ": " + why + "."));
        return kept;
    }

    private static boolean holds(Jar jar, String entry) {
        try (ZipFile z = new ZipFile(jar.file().toFile())) {
            return z.getEntry(entry) != null;
        } catch (IOException e) {
            return false; // not a readable jar: ClassPathCheck says so, with the fix
        }
    }

    private static Set<String> entries(Jar jar) {
        Set<String> names = new HashSet<>();
        try (ZipFile z = new ZipFile(jar.file().toFile())) {
            z.stream().forEach(e -> names.add(e.getName()));
        } catch (IOException e) {
            throw new DebException(Setting.JAR, jar.origin(), "cannot read " + jar.file() + ": " + e.getMessage(),
                    "rebuild the jar.", e);
        }
        return names;
    }

    /** Whether the dependency's pom.properties, or every one of its classes, is in the application jar. */
    private static boolean isInside(Jar dep, Set<String> appEntries) {
        Optional<String> ga = groupArtifact(dep);
        if (ga.isPresent()) {
            String[] p = ga.get().split(":");
            if (appEntries.contains("META-INF/maven/" + p[0] + "/" + p[1] + "/pom.properties")) {
                return true;
            }
        }
        Set<String> classes = new LinkedHashSet<>();
        try (ZipFile z = new ZipFile(dep.file().toFile())) {
            z.stream().map(ZipEntry::getName)
                    .filter(n -> n.endsWith(".class") && !n.endsWith("module-info.class") && !n.startsWith("META-INF/"))
                    .forEach(classes::add);
        } catch (IOException e) {
            return false; // ClassPathCheck reports it
        }
        return !classes.isEmpty() && appEntries.containsAll(classes);
    }
}
