package io.github.jpackagedeb.core.runtime;

import io.github.jpackagedeb.core.app.Jar;
import io.github.jpackagedeb.core.testing.Integration;
import io.github.jpackagedeb.core.assembly.TestJars;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * jdeps cached per jar (issue 17): the modules equal those of one {@code jdeps --print-module-deps} run over all jars,
 * an unchanged build runs no jdeps, and a build with one changed jar runs jdeps over that jar only. jdeps runs in this
 * JVM (ToolProvider), a few seconds a run on a shared machine: those tests are
 * integration tests, like RuntimeBuilderTest; the reduction alone is a unit test.
 */
class JdepsTest {

    @TempDir
    Path tmp;

    /** The application jar of the fixtures plus modular jars from the test class path that require one another. */
    private static List<Jar> appWithModules() {
        List<Jar> jars = new ArrayList<>(List.of(Fixtures.app().get(0)));
        jars.add(new Jar(Fixtures.jarOf(Test.class), "org.junit.jupiter:junit-jupiter-api"));
        jars.add(new Jar(Fixtures.jarOf(org.opentest4j.AssertionFailedError.class), "org.opentest4j:opentest4j"));
        jars.add(new Jar(Fixtures.jarOf(org.junit.platform.commons.util.ReflectionUtils.class),
                "org.junit.platform:junit-platform-commons"));
        jars.add(new Jar(Fixtures.jarOf(org.apiguardian.api.API.class), "org.apiguardian:apiguardian-api"));
        return jars;
    }

    /**
     * What jdeps --print-module-deps over all jars at once prints (the way the modules were found before), a modular
     * jar whose requires no jar provides on the class path.
     */
    private static SortedSet<String> allAtOnce(List<Jar> jars) {
        List<Path> roots = new ArrayList<>(jars.stream().map(Jar::file).toList());
        List<String> classPath = new ArrayList<>();
        while (true) {
            List<String> args = new ArrayList<>(List.of("--print-module-deps", "--ignore-missing-deps",
                    "--multi-release", Integer.toString(Runtime.version().feature())));
            if (!classPath.isEmpty()) {
                args.add("--class-path");
                args.add(String.join(java.io.File.pathSeparator, classPath));
            }
            roots.forEach(j -> args.add(j.toString()));
            ToolRun run = ToolRun.inProcess("jdeps", args).orElseThrow();
            if (run.ok()) {
                String[] lines = run.output().strip().split("\\R");
                return new TreeSet<>(List.of(lines[lines.length - 1].strip().split(",")));
            }
            var m = java.util.regex.Pattern.compile("Module \\S+ not found, required by (\\S+)").matcher(run.output());
            assertTrue(m.find(), run.output());
            Path demoted = roots.stream().filter(p -> java.lang.module.ModuleFinder.of(p).findAll().stream()
                    .anyMatch(r -> r.descriptor().name().equals(m.group(1)))).findFirst().orElseThrow();
            roots.remove(demoted);
            classPath.add(demoted.toString());
        }
    }

    @Test
    @Integration
    void theModulesEqualThoseOfOneRunOverAllJars() {
        // Fixtures.app(): commons-compress without commons-codec is demoted to the class path (all jars at once);
        // appWithModules(): every modular jar resolves (per jar)
        for (List<Jar> jars : List.of(Fixtures.app(), appWithModules())) {
            Path cache = tmp.resolve("c" + jars.size());
            Fixtures.RecordingLog log = new Fixtures.RecordingLog();
            Jdeps.Result r = Jdeps.modules(jars, Jdk.current(), RuntimeCache.open(cache, null, log), log);
            assertEquals(allAtOnce(jars), r.modules(), log.toString());
            assertEquals(jars, r.analysed(), "cold: every jar is analysed");
            Fixtures.RecordingLog warm = new Fixtures.RecordingLog();
            Jdeps.Result again = Jdeps.modules(jars, Jdk.current(), RuntimeCache.open(cache, null, warm), warm);
            assertTrue(again.fromCache(), warm.toString());
            assertEquals(r.modules(), again.modules());
            assertEquals(0, warm.count("INFO jdeps:"), warm.toString());
        }
        assertEquals(Set.of("java.base", "java.sql"), allAtOnce(Fixtures.app()));
    }

    @Test
    @Integration
    void anUnchangedBuildRunsNoJdepsAndAChangedJarIsTheOnlyOneAnalysed() throws IOException {
        Path cache = tmp.resolve("cache");
        List<Jar> jars = appWithModules();
        Fixtures.RecordingLog cold = new Fixtures.RecordingLog();
        Jdeps.Result first = Jdeps.modules(jars, Jdk.current(), RuntimeCache.open(cache, null, cold), cold);
        assertFalse(first.fromCache());
        assertEquals("in-process", first.how());
        assertEquals(5, first.analysed().size());
        assertTrue(cold.has("INFO", "jdeps: finding the JDK modules that 5 jars use..."), cold.toString());
        assertTrue(cold.has("INFO", "in 5 jars (5 analysed in-process, 0 from the cache; now cached)"), cold.toString());

        Fixtures.RecordingLog warm = new Fixtures.RecordingLog();
        Jdeps.Result again = Jdeps.modules(jars, Jdk.current(), RuntimeCache.open(cache, null, warm), warm);
        assertTrue(again.fromCache());
        assertEquals(List.of(), again.analysed(), "unchanged: jdeps runs over no jar");
        assertEquals(0, warm.count("INFO jdeps:"), warm.toString());
        assertEquals(first.modules(), again.modules());

        // the application jar changes (one more class, using java.net.http); the libraries do not
        Path changed = TestJars.compiledMain(tmp.resolve("app2"), "demo.Main", """
                package demo;
                public class Main {
                    public static void main(String[] args) throws Exception {
                        java.util.logging.Logger.getLogger("demo").fine("start");
                        System.out.println(java.sql.Timestamp.valueOf("2026-01-01 00:00:00").getTime());
                        System.out.println(java.net.http.HttpClient.newHttpClient());
                    }
                }
                """);
        List<Jar> next = new ArrayList<>(jars);
        next.set(0, new Jar(changed, "demo:app:1.1"));
        Fixtures.RecordingLog change = new Fixtures.RecordingLog();
        Jdeps.Result third = Jdeps.modules(next, Jdk.current(), RuntimeCache.open(cache, null, change), change);
        assertEquals(List.of(next.get(0)), third.analysed(), "one changed jar: jdeps reads that jar only");
        assertTrue(change.has("INFO", "jdeps: finding the JDK modules that 1 jars use (4 more from the cache)..."),
                change.toString());
        assertTrue(change.has("INFO", "in 5 jars (1 analysed in-process, 4 from the cache; now cached)"),
                change.toString());
        assertTrue(third.modules().contains("java.net.http"), third.modules().toString());
        assertEquals(allAtOnce(next), third.modules(), "the same set as one run over all jars");

        // modular jars' entries lost (opentest4j's and apiguardian's, which need java.base only): jdeps reads every
        // modular jar again, as it resolves them among themselves
        int lost = 0;
        for (Path t : Files.list(cache.resolve(RuntimeCache.FORMAT).resolve("jdeps")).toList()) {
            if (Files.readString(t).startsWith("java.base\n")) {
                Files.delete(t);
                lost++;
            }
        }
        assertTrue(lost > 0, "no entry of a jar that needs java.base only");
        Fixtures.RecordingLog again2 = new Fixtures.RecordingLog();
        Jdeps.Result fourth = Jdeps.modules(next, Jdk.current(), RuntimeCache.open(cache, null, again2), again2);
        assertEquals(Set.copyOf(next.subList(1, next.size())), Set.copyOf(fourth.analysed()), again2.toString());
        assertFalse(again2.has("WARN", "cannot resolve"), again2.toString());
        assertEquals(third.modules(), fourth.modules());
    }

    @Test
    @Integration
    void aModularJarIsAnalysedAgainWhenTheModulesAroundItChange() throws IOException {
        // module a requires module b: without b's jar, a is read from the class path (as the launcher runs it)
        Path dir = tmp.resolve("mods");
        Path b = write(dir.resolve("b/module-info.java"), "module b { exports pb; requires java.sql; }");
        Path bc = write(dir.resolve("b/pb/B.java"), "package pb; public class B { java.sql.Date d; }");
        Path a = write(dir.resolve("a/module-info.java"), "module a { requires b; requires java.desktop; }");
        Path ac = write(dir.resolve("a/pa/A.java"), "package pa; public class A { pb.B b; java.awt.Color c; }");
        javac("-d", dir.resolve("b-out").toString(), bc.toString(), b.toString());
        javac("-p", dir.resolve("b-out").toString(), "-d", dir.resolve("a-out").toString(), a.toString(), ac.toString());
        Jar aJar = new Jar(jar(dir.resolve("a-1.0.jar"), dir.resolve("a-out")), "org.example:a:1.0");
        Jar bJar = new Jar(jar(dir.resolve("b-1.0.jar"), dir.resolve("b-out")), "org.example:b:1.0");
        Path cache = tmp.resolve("cache");

        Fixtures.RecordingLog log = new Fixtures.RecordingLog();
        List<Jar> without = List.of(Fixtures.app().get(0), aJar);
        Jdeps.Result r = Jdeps.modules(without, Jdk.current(), RuntimeCache.open(cache, null, log), log);
        assertTrue(log.has("WARN", "jdeps cannot resolve the module a of org.example:a:1.0: it requires the module b"),
                log.toString());
        assertEquals(allAtOnce(without), r.modules(), "as before: only what the other jars use of a demoted jar");

        // b arrives: a is now resolved as a module, so its cached answer (demoted) no longer holds
        Fixtures.RecordingLog with = new Fixtures.RecordingLog();
        List<Jar> all = List.of(Fixtures.app().get(0), aJar, bJar);
        Jdeps.Result r2 = Jdeps.modules(all, Jdk.current(), RuntimeCache.open(cache, null, with), with);
        assertTrue(r2.analysed().containsAll(List.of(aJar, bJar)), r2.analysed().toString());
        assertFalse(with.has("WARN", "cannot resolve"), with.toString());
        assertEquals(allAtOnce(all), r2.modules());
        assertTrue(r2.modules().contains("java.desktop"), "a's own classes count now: " + r2.modules());

        // the modular jars unchanged, the class-path jar changed: only that jar is read
        Path changed = TestJars.compiledMain(tmp.resolve("app2"), "demo.Main",
                "package demo; public class Main { public static void main(String[] a) { } }");
        List<Jar> next = List.of(new Jar(changed, "demo:app:1.1"), aJar, bJar);
        Fixtures.RecordingLog third = new Fixtures.RecordingLog();
        Jdeps.Result r3 = Jdeps.modules(next, Jdk.current(), RuntimeCache.open(cache, null, third), third);
        assertEquals(List.of(next.get(0)), r3.analysed(), third.toString());
        assertEquals(allAtOnce(next), r3.modules());
    }

    @Test
    @Integration
    void anotherJdksJdepsIsCachedPerJarToo() throws IOException {
        Fixtures.requireDir(Fixtures.TEMURIN_25, "Temurin 25");
        List<Jar> jars = appWithModules();
        Fixtures.RecordingLog log = new Fixtures.RecordingLog();
        Jdk temurin = Jdk.at(Fixtures.TEMURIN_25);
        Jdeps.Result r = Jdeps.modules(jars, temurin, RuntimeCache.open(tmp.resolve("c"), null, log), log);
        assertEquals(jars, r.analysed(), log.toString());
        assertEquals(temurin.tool("jdeps").toString(), r.how());
        List<String> args = new ArrayList<>(List.of("--print-module-deps", "--ignore-missing-deps", "--multi-release",
                "25"));
        jars.forEach(j -> args.add(j.file().toString()));
        ToolRun run = ToolRun.process(temurin.tool("jdeps"), args);
        assertTrue(run.ok(), run.output());
        String[] lines = run.output().strip().split("\\R");
        assertEquals(new TreeSet<>(List.of(lines[lines.length - 1].strip().split(","))), r.modules(),
                "the module descriptors of Java 25 (read through its jrt file system) reduce the set as its jdeps does");
    }

    @Test
    void theReductionLeavesOutWhatAModuleOfTheSetRequiresTransitively() {
        Map<String, Set<String>> graph = Map.of("java.sql", Set.of("java.logging", "java.transaction.xa", "java.xml"),
                "java.se", Set.of("java.sql", "java.desktop"), "java.desktop", Set.of("java.datatransfer", "java.xml"));
        assertEquals(Set.of("java.base", "java.sql"),
                Jdeps.reduce(new TreeSet<>(Set.of("java.base", "java.logging", "java.sql", "java.xml")), graph));
        assertEquals(Set.of("java.se"), Jdeps.reduce(new TreeSet<>(Set.of("java.se", "java.xml", "java.logging")),
                graph), "through a chain of requires transitive");
        assertEquals(Set.of("java.base"), Jdeps.reduce(new TreeSet<>(), graph), "an app that needs nothing more");
    }

    private static Path write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        return Files.writeString(file, text);
    }

    private static void javac(String... args) {
        int rc = javax.tools.ToolProvider.getSystemJavaCompiler().run(null, null, null, args);
        assertEquals(0, rc, "javac " + String.join(" ", args));
    }

    private static Path jar(Path jar, Path classes) {
        ToolRun run = ToolRun.inProcess("jar", List.of("cf", jar.toString(), "-C", classes.toString(), "."))
                .orElseThrow();
        assertTrue(run.ok(), run.output());
        return jar;
    }
}
