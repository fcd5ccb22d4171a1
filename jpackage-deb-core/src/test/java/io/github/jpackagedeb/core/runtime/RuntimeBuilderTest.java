package io.github.jpackagedeb.core.runtime;

import io.github.jpackagedeb.core.testing.Integration;

import io.github.jpackagedeb.core.DebException;
import io.github.jpackagedeb.core.app.Jar;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * jdeps and jlink for real, on the JDK running the tests (Debian's OpenJDK 17 with jmods): the modules found, the image
 * linked, stripped, given a CDS archive and normalised modes, and the cache (hit, corrupt entry, half-written entry,
 * concurrent builders, unwritable directory).
 */
@Integration
class RuntimeBuilderTest {

    @TempDir
    Path tmp;

    static RuntimeSpec.Builder spec(Path cache) {
        return RuntimeSpec.builder().cacheDirectory(cache);
    }

    @Test
    void jdepsFindsTheModulesOfTheAppAndItsLibraries() {
        Fixtures.RecordingLog log = new Fixtures.RecordingLog();
        RuntimeCache cache = RuntimeCache.open(tmp.resolve("cache"), null, log);
        Jdeps.Result r = Jdeps.modules(Fixtures.app(), Jdk.current(), cache, log);
        assertFalse(r.fromCache());
        assertEquals("in-process", r.how(), "the target is the running JDK: jdeps runs through ToolProvider");
        // jdeps prints the reduced set: java.sql requires java.logging transitively
        assertEquals(Set.of("java.base", "java.sql"), r.modules());
        Jdeps.Result again = Jdeps.modules(Fixtures.app(), Jdk.current(), cache, log);
        assertTrue(again.fromCache(), "same jars, same content: no second jdeps run");
        assertEquals(r.modules(), again.modules());
        assertEquals(1, log.count("jdeps: found the modules"), log.toString());
    }

    /**
     * What {@link RuntimeBuilder#nativeCode} predicts (java.base's native code from its jmod, stripped the same way)
     * is byte for byte what the linked runtime holds: libjvm.so and every other predicted file. A prediction that
     * missed would not change the package (the blocks are keyed by content), only waste the work ahead.
     */
    @Test
    void theNativeCodePredictedBeforeJlinkIsWhatTheLinkedRuntimeHolds() throws Exception {
        RuntimeSpec spec = spec(Fixtures.sharedCache()).build();
        RuntimeBuilder.NativeCode code = RuntimeBuilder.nativeCode(spec).orElseThrow();
        Path work = Files.createDirectories(tmp.resolve("ahead"));
        List<Path> predicted = code.source().files(work);
        RuntimeImage image = RuntimeBuilder.build(spec, Fixtures.app(), 17, new Fixtures.RecordingLog());
        java.util.Map<String, String> inImage = new java.util.HashMap<>();
        for (RuntimeImage.RuntimeFile f : image.files()) {
            if (f.type() == 'f') {
                inImage.put(sha256(image.image().resolve(f.path())), f.path());
            }
        }
        assertTrue(predicted.size() >= 5, predicted.toString());
        for (Path p : predicted) {
            assertTrue(inImage.containsKey(sha256(p)), p.getFileName() + " (" + Files.size(p)
                    + " bytes) is not byte for byte in the runtime");
        }
        Path libjvm = predicted.stream().filter(p -> p.getFileName().toString().endsWith("-libjvm.so")).findFirst()
                .orElseThrow();
        assertEquals("lib/server/libjvm.so", inImage.get(sha256(libjvm)));
        assertTrue(code.identity().contains("java.base.jmod") && code.identity().contains("--strip-unneeded"),
                code.identity());
    }

    /**
     * jlink runs on the client compiler only and on G1 ({@link Jlink#JLINK_JVM}): the linked modules are byte for byte
     * those of jlink's default JVM on this machine of two CPUs, which is why the runtime cache key leaves them out; and
     * with them a JVM that sees one CPU (and would pick Serial GC, which links other bytes) links the same bytes too.
     */
    @Test
    void jlinksJvmOptionsLinkTheBytesOfADefaultJlinkOnAnyNumberOfCpus() throws Exception {
        RuntimeImage image = RuntimeBuilder.build(spec(Fixtures.sharedCache()).build(), Fixtures.app(), 17,
                new Fixtures.RecordingLog());
        String expected = sha256(image.image().resolve("lib/modules"));
        assertEquals(expected, sha256(jlink(image, "plain", List.of())));
        List<String> oneCpu = new ArrayList<>(Jlink.JLINK_JVM);
        oneCpu.add("-J-XX:ActiveProcessorCount=1");
        assertEquals(expected, sha256(jlink(image, "one-cpu", oneCpu)));
    }

    private Path jlink(RuntimeImage image, String name, List<String> jvm) throws IOException {
        Path out = tmp.resolve(name);
        Jdk jdk = Jdk.current();
        List<String> args = new ArrayList<>(jvm);
        args.addAll(List.of("--module-path", jdk.jmods().toString(), "--add-modules", String.join(",",
                image.modules()), "--strip-java-debug-attributes", "--no-header-files", "--no-man-pages", "--output",
                out.toString()));
        ToolRun run = ToolRun.process(jdk.tool("jlink"), args);
        assertTrue(run.ok(), run.output());
        return out.resolve("lib/modules");
    }

    private static String sha256(Path p) throws IOException {
        return java.util.HexFormat.of().formatHex(org.apache.commons.codec.digest.DigestUtils.sha256(
                Files.readAllBytes(p)));
    }

    @Test
    void buildsAStrippedNormalisedRuntimeWithCdsAndReusesItWarm() throws Exception {
        Fixtures.RecordingLog cold = new Fixtures.RecordingLog();
        RuntimeImage image = RuntimeBuilder.build(spec(Fixtures.sharedCache()).build(), Fixtures.app(), 17, cold);
        assertEquals("amd64", image.architecture());
        assertEquals(Set.of("java.base", "java.sql"), image.modules());
        String modulesLine = read(image.image().resolve("release")).lines().filter(l -> l.startsWith("MODULES="))
                .findFirst().orElseThrow();
        assertTrue(modulesLine.contains(" java.logging "), "jlink adds what java.sql requires: " + modulesLine);
        assertTrue(image.cds(), "the host can run the runtime, so it gets a CDS archive");
        assertTrue(image.files().stream().anyMatch(f -> f.path().equals("lib/server/classes.jsa")));
        assertTrue(image.files().stream().noneMatch(f -> f.path().startsWith("include/") || f.path().startsWith("man/")),
                "--no-header-files --no-man-pages");
        for (RuntimeImage.RuntimeFile f : image.files()) {
            if (f.type() == 'f') {
                assertTrue(f.mode() == 0644 || f.mode() == 0755, f.path() + " " + Integer.toOctalString(f.mode()));
            }
        }
        assertEquals(0755, mode(image, "bin/java"));
        assertEquals(0644, mode(image, "legal/java.base/LICENSE"), "jlink writes legal/ 0444");
        assertEquals(0644, mode(image, "lib/server/libjvm.so"));
        assertTrue(image.depends().stream().anyMatch(d -> d.startsWith("libc6 (>= 2.")), image.depends().toString());
        assertTrue(image.depends().contains("zlib1g (>= 1:1.2.2)"), image.depends().toString());
        assertEquals(List.of(), image.recommends(), "no java.desktop, nothing to recommend");
        ElfFile jvm = ElfFile.read(image.image().resolve("lib/server/libjvm.so"));
        assertEquals(ElfFile.EM_X86_64, jvm.machine());
        String symbols = Tools.run("readelf", "-S", image.image().resolve("lib/server/libjvm.so").toString());
        assertFalse(symbols.contains(".symtab"), "strip --strip-unneeded removed the symbol table");
        String out = Tools.run(image.image().resolve("bin/java").toString(), "-Xshare:on", "-Xlog:cds=info", "-version");
        assertTrue(out.contains("sharing"), "the runtime runs and maps its CDS archive:\n" + out);

        Fixtures.RecordingLog warm = new Fixtures.RecordingLog();
        RuntimeImage again = RuntimeBuilder.build(spec(Fixtures.sharedCache()).build(), Fixtures.app(), 17, warm);
        assertTrue(again.reused());
        assertEquals("cache", again.modulesFrom());
        assertTrue(warm.has("INFO", "Reused the Java runtime from the cache (no jdeps, no jlink)"), warm.toString());
        assertEquals(0, warm.count("jlink: linked"), warm.toString());
        assertEquals(0, warm.count("found the modules"), warm.toString());
        assertEquals(image.image(), again.image());
        assertEquals(image.files(), again.files());
    }

    private static int mode(RuntimeImage image, String path) {
        return image.files().stream().filter(f -> f.path().equals(path)).findFirst().orElseThrow().mode();
    }

    @Test
    void aCorruptOrHalfWrittenEntryIsDetectedAndRebuilt() throws Exception {
        Path cache = tmp.resolve("cache");
        RuntimeSpec s = spec(cache).modules(List.of("java.base")).cds(false).build();
        RuntimeImage first = RuntimeBuilder.build(s, Fixtures.app(), 17, new Fixtures.RecordingLog());
        Path release = first.image().resolve("release");
        String original = Files.readString(release);
        Files.writeString(release, original.replace("java.base", "java.bass"));

        Fixtures.RecordingLog log = new Fixtures.RecordingLog();
        RuntimeImage second = RuntimeBuilder.build(s, Fixtures.app(), 17, log);
        assertFalse(second.reused(), log.toString());
        assertTrue(log.has("WARN", "is damaged (release does not have the recorded SHA-256); building it again"),
                log.toString());
        assertEquals(original, Files.readString(second.image().resolve("release")));

        // a build that died before writing its manifest
        Files.delete(second.image().getParent().resolve("manifest"));
        Fixtures.RecordingLog log3 = new Fixtures.RecordingLog();
        RuntimeImage third = RuntimeBuilder.build(s, Fixtures.app(), 17, log3);
        assertFalse(third.reused());
        assertTrue(log3.has("WARN", "it has no manifest"), log3.toString());

        // a missing file
        Files.delete(third.image().resolve("lib/libjava.so"));
        Fixtures.RecordingLog log4 = new Fixtures.RecordingLog();
        assertFalse(RuntimeBuilder.build(s, Fixtures.app(), 17, log4).reused());
        assertTrue(log4.has("WARN", "lib/libjava.so is missing"), log4.toString());
        assertTrue(RuntimeBuilder.build(s, Fixtures.app(), 17, log4).reused());
    }

    @Test
    void twoConcurrentBuildersOfTheSameRuntimeBothGetAGoodImageAndJlinkRunsOnce() throws Exception {
        Path cache = tmp.resolve("cache");
        RuntimeSpec s = spec(cache).modules(List.of("java.base", "java.logging")).cds(false).build();
        Fixtures.RecordingLog log = new Fixtures.RecordingLog();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<RuntimeImage>> futures = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return RuntimeBuilder.build(s, Fixtures.app(), 17, log);
                }));
            }
            start.countDown();
            RuntimeImage a = futures.get(0).get(10, TimeUnit.MINUTES);
            RuntimeImage b = futures.get(1).get(10, TimeUnit.MINUTES);
            assertEquals(a.image(), b.image());
            assertEquals(a.files(), b.files());
            assertTrue(a.reused() ^ b.reused(), "one built it, the other waited and reused it");
            assertEquals(1, log.count("jlink: linked"), log.toString());
            RuntimeCache.Entry verified = RuntimeCache.verify(a.image().getParent());
            assertEquals(a.files().size(), verified.files().size());
        } finally {
            pool.shutdownNow();
        }
        try (var s2 = Files.list(cache.resolve("v1/tmp"))) {
            assertEquals(0, s2.count(), "no temporary directory is left behind");
        }
    }

    @Test
    void anotherJdkOnThisMachineRunsItsOwnJdepsAndJlink() {
        Fixtures.requireDir(Fixtures.TEMURIN_25, "Temurin 25");
        Fixtures.RecordingLog log = new Fixtures.RecordingLog();
        RuntimeImage image = RuntimeBuilder.build(spec(Fixtures.sharedCache()).jdkHome(Fixtures.TEMURIN_25).cds(false)
                .build(), Fixtures.app(), 17, log);
        assertTrue(log.has("INFO", "jdeps: found the modules") && log.has("INFO", Fixtures.TEMURIN_25.resolve("bin/jdeps")
                + ", now cached)"), log.toString());
        assertTrue(image.modules().contains("java.sql"), image.modules().toString());
        String release = read(image.image().resolve("release"));
        assertTrue(release.contains("JAVA_VERSION=\"25"), "linked from the JDK's run-time image (it has no jmods):\n"
                + release);
    }

    // ------------------------------------------------------------------------------------------------ bad input

    @Test
    void anUnknownModuleIsNamedWithNearNames() {
        DebException e = assertThrows(DebException.class, () -> RuntimeBuilder.build(
                spec(tmp.resolve("c")).addModules(List.of("java.sqll")).build(), Fixtures.app(), 17,
                new Fixtures.RecordingLog()));
        assertEquals("addModules", e.field());
        assertEquals("java.sqll", e.value());
        assertTrue(e.problem().contains("has no module named 'java.sqll'"), e.getMessage());
        assertTrue(e.fix().contains("java.sql"), e.getMessage());
        assertTrue(e.fix().contains("java --list-modules"), e.getMessage());

        DebException bad = assertThrows(DebException.class, () -> spec(tmp).modules(List.of("java.base", "no such"))
                .build());
        assertEquals("modules", bad.field());
    }

    @Test
    void aPathThatIsNotAJdkIsRefusedWithTheFix() throws IOException {
        Path notJdk = Files.createDirectories(tmp.resolve("opt/not-a-jdk/bin"));
        DebException e = assertThrows(DebException.class, () -> RuntimeBuilder.build(
                spec(tmp.resolve("c")).jdkHome(notJdk.getParent()).build(), Fixtures.app(), 17,
                new Fixtures.RecordingLog()));
        assertEquals("jdkHome", e.field());
        assertEquals(notJdk.getParent().toString(), e.value());
        assertTrue(e.problem().contains("neither a 'release' file nor jmods/java.base.jmod"), e.getMessage());
        assertTrue(e.fix().contains("JDK home"), e.getMessage());

        DebException missing = assertThrows(DebException.class, () -> Jdk.at(tmp.resolve("nope")));
        assertTrue(missing.problem().contains("does not exist"), missing.getMessage());
    }

    @Test
    void aJava17WithoutJmodsIsRefusedWithTheFix() throws IOException {
        // a JDK 17 home whose jmods are not installed (Ubuntu ships them in openjdk-17-jmods)
        Path home = Files.createDirectories(tmp.resolve("jdk17-nojmods"));
        Files.copy(Jdk.current().home().resolve("release"), home.resolve("release"));
        DebException e = assertThrows(DebException.class, () -> RuntimeBuilder.build(spec(tmp.resolve("c"))
                .jdkHome(home).modules(List.of("java.base")).build(), Fixtures.app(), 17, new Fixtures.RecordingLog()));
        assertEquals("jdkHome", e.field());
        assertTrue(e.problem().contains("has no jmods/ directory"), e.getMessage());
        assertTrue(e.fix().contains("openjdk-17-jdk-headless"), e.getMessage());
    }

    @Test
    void aJdkOlderThanTheApplicationIsRefused() {
        DebException e = assertThrows(DebException.class, () -> RuntimeBuilder.build(spec(tmp.resolve("c")).build(),
                Fixtures.app(), 21, new Fixtures.RecordingLog()));
        assertEquals("jdkHome", e.field());
        assertTrue(e.problem().contains("compiled for Java 21"), e.getMessage());
        assertTrue(e.fix().contains("Java 21 or newer"), e.getMessage());
    }

    @Test
    void jmodsOfAnotherJavaReleaseThanTheLinkingJlinkAreRefusedBeforeJlinkRuns() throws IOException {
        Fixtures.requireDir(Fixtures.TEMURIN_25, "Temurin 25");
        // Debian's Java 17 jmods without a runnable bin/: as a JDK for another CPU unpacked with dpkg-deb -x
        Path jmodsOnly = Files.createDirectories(tmp.resolve("jdk17-jmods"));
        Files.createSymbolicLink(jmodsOnly.resolve("jmods"), Jdk.current().jmods());
        RuntimeSpec s = spec(tmp.resolve("c")).jdkHome(jmodsOnly).toolJdkHome(Fixtures.TEMURIN_25)
                .modules(List.of("java.base")).build();
        DebException e = assertThrows(DebException.class, () -> RuntimeBuilder.build(s, Fixtures.app(), 17,
                new Fixtures.RecordingLog()));
        assertEquals("jdkHome", e.field());
        assertTrue(e.problem().contains("the jmods are Java 17"), e.getMessage());
        assertTrue(e.problem().contains("is Java 25"), e.getMessage());
        assertTrue(e.fix().contains("Java 17 JDK"), e.getMessage());
    }

    @Test
    void aJdepsFailureCarriesJdepsMessageAndTheJar() throws IOException {
        // module a requires module b, and b's jar is not on the class path
        Path dir = tmp.resolve("mods");
        Path b = write(dir.resolve("b/module-info.java"), "module b { exports pb; }");
        Path bc = write(dir.resolve("b/pb/B.java"), "package pb; public class B {}");
        Path a = write(dir.resolve("a/module-info.java"), "module a { requires b; }");
        Path ac = write(dir.resolve("a/pa/A.java"), "package pa; public class A { pb.B b; }");
        javac("-d", dir.resolve("b-out").toString(), b.toString(), bc.toString());
        javac("-p", dir.resolve("b-out").toString(), "-d", dir.resolve("a-out").toString(), a.toString(), ac.toString());
        Path aJar = dir.resolve("a-1.0.jar");
        Tools.run("jar", "cf", aJar.toString(), "-C", dir.resolve("a-out").toString(), ".");
        List<Jar> jars = List.of(Fixtures.app().get(0), new Jar(aJar, "org.example:a:1.0"));

        // jdeps cannot resolve module a; the launcher runs it from the class path, so jdeps reads it from there
        Fixtures.RecordingLog log = new Fixtures.RecordingLog();
        Jdeps.Result r = Jdeps.modules(jars, Jdk.current(), RuntimeCache.open(tmp.resolve("c"), null, log), log);
        assertTrue(r.modules().contains("java.sql"), r.modules().toString());
        assertTrue(log.has("WARN", "jdeps cannot resolve the module a of org.example:a:1.0: it requires the module b"),
                log.toString());

        // a damaged jar is a jdeps failure: jdeps's own message and the jar
        Path broken = Files.writeString(dir.resolve("broken-1.0.jar"), "not a zip");
        DebException z = assertThrows(DebException.class, () -> RuntimeBuilder.build(spec(tmp.resolve("c")).build(),
                List.of(Fixtures.app().get(0), new Jar(broken, "org.example:broken:1.0")), 17,
                new Fixtures.RecordingLog()));
        assertEquals("jdeps", z.field());
        assertEquals("org.example:broken:1.0", z.value(), z.getMessage());
        assertTrue(z.problem().contains("zip END header not found"), "jdeps's own message: " + z.getMessage());
        assertTrue(z.fix().contains("damaged"), z.getMessage());
    }

    @Test
    void anUnwritableCacheDirectoryFallsBackToTheBuildLocalOneWithAWarning() throws IOException {
        // a path below a regular file cannot be created, not even by root
        Path file = Files.writeString(tmp.resolve("a-file"), "x");
        Path unusable = file.resolve("cache");
        Fixtures.RecordingLog log = new Fixtures.RecordingLog();
        RuntimeCache cache = RuntimeCache.open(unusable, tmp.resolve("target/jpackage-deb-cache"), log);
        assertTrue(cache.isFallback());
        assertEquals(tmp.resolve("target/jpackage-deb-cache"), cache.root());
        assertTrue(log.has("WARN", "The cache directory " + unusable + " cannot be used"), log.toString());
        assertTrue(log.has("WARN", "using the build-local cache"), log.toString());

        DebException e = assertThrows(DebException.class, () -> RuntimeCache.open(unusable, file.resolve("other"),
                new Fixtures.RecordingLog()));
        assertEquals("cacheDirectory", e.field());
        assertEquals(unusable.toString(), e.value());
    }

    @Test
    void reservedJlinkOptionsAreRefused() {
        DebException e = assertThrows(DebException.class, () -> RuntimeSpec.builder()
                .jlinkOptions(List.of("--add-modules=java.sql")).build());
        assertEquals("jlinkOptions", e.field());
        assertTrue(e.fix().contains("addModules"), e.getMessage());
        DebException c = assertThrows(DebException.class, () -> RuntimeSpec.builder().compression("best").build());
        assertEquals("jlinkCompression", c.field());
    }

    @Test
    void theDefaultCacheDirectoryFollowsXdg() {
        assertEquals(Path.of("/home/u/.cache/jpackage-deb"), RuntimeCache.defaultDirectory(java.util.Map.of(), "/home/u"));
        assertEquals(Path.of("/x/jpackage-deb"), RuntimeCache.defaultDirectory(java.util.Map.of("XDG_CACHE_HOME", "/x"),
                "/home/u"));
    }

    private static Path write(Path p, String text) throws IOException {
        Files.createDirectories(p.getParent());
        return Files.writeString(p, text);
    }

    private static void javac(String... args) {
        int rc = javax.tools.ToolProvider.getSystemJavaCompiler().run(null, null, null, args);
        assertEquals(0, rc, "javac " + String.join(" ", args));
    }

    private static String read(Path p) {
        try {
            return Files.readString(p, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
