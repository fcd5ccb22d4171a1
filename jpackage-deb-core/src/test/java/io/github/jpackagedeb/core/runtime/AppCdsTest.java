package io.github.jpackagedeb.core.runtime;

import io.github.jpackagedeb.core.testing.Integration;

import io.github.jpackagedeb.core.DebException;
import io.github.jpackagedeb.core.DebLog;
import io.github.jpackagedeb.core.app.AppSpec;
import io.github.jpackagedeb.core.assembly.DebBuilder;
import io.github.jpackagedeb.core.app.Jar;
import io.github.jpackagedeb.core.assembly.TestJars;
import io.github.jpackagedeb.core.control.PackageSpec;
import io.github.jpackagedeb.core.version.DebianVersion;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Application class-data sharing at build time: the class list of a real training run with a real bundled runtime is
 * deterministic, and the runtime dumps an archive from it that maps the application's classes; bad training runs
 * and jar-only packages are refused with the fix.
 */
@Integration
class AppCdsTest {

    @TempDir
    Path tmp;

    /** What JDK 17's -XX:DumpLoadedClassList writes (trimmed), plus the id: and loader lines of later JDKs. */
    static final List<String> RAW = List.of(
            "# NOTE: Do not modify this file.",
            "#",
            "java/lang/Object",
            "java/lang/String id: 7",
            "demo/Main",
            "jdk/proxy1/$Proxy3",
            "com/sun/proxy/$Proxy12",
            "demo/Main$$Lambda$14+0x0000000800c0b000",
            "org/example/Enhanced$$EnhancerByCGLIB$$1a2b",
            "org/example/Plugin id: 40 super: 0 source: /tmp/plugin.jar",
            "@lambda-proxy demo/Main run ()Ljava/lang/Runnable; ()V REF_invokeStatic demo/Main lambda$main$0 ()V ()V",
            "@lambda-form-invoker [LF_RESOLVE] java.lang.invoke.DirectMethodHandle$Holder invokeStatic L_L",
            "@cp demo/Main 12 14",
            "java/lang/Object");

    @Test
    void normaliseKeepsWhatIsStableInAFixedOrder() {
        String out = AppCds.normalise(String.join("\n", RAW) + "\n");
        assertEquals(AppCds.HEADER
                + "demo/Main\njava/lang/Object\njava/lang/String\n"
                + "@lambda-proxy demo/Main run ()Ljava/lang/Runnable; ()V REF_invokeStatic demo/Main lambda$main$0 ()V ()V\n"
                + "@lambda-form-invoker [LF_RESOLVE] java.lang.invoke.DirectMethodHandle$Holder invokeStatic L_L\n", out);
        for (long seed = 1; seed <= 5; seed++) {
            List<String> shuffled = new ArrayList<>(RAW);
            Collections.shuffle(shuffled, new Random(seed));
            assertEquals(out, AppCds.normalise(String.join("\n", shuffled)), "load order does not matter");
        }
    }

    @Test
    void trainingRunGivesTheSameListTwiceAndTheRuntimeDumpsAnArchiveThatMapsTheApp() throws Exception {
        RuntimeImage rt = RuntimeBuilder.build(RuntimeSpec.builder().cacheDirectory(Fixtures.sharedCache()).build(),
                Fixtures.app(), 17, new Fixtures.RecordingLog());
        AppCdsSpec spec = AppCdsSpec.builder().trainingArg("--version").build();
        Fixtures.RecordingLog log = new Fixtures.RecordingLog();
        byte[] a = AppCds.train(spec, rt, Fixtures.app(), "demo.Main", log).orElseThrow();
        byte[] b = AppCds.train(spec, rt, Fixtures.app(), "demo.Main", log).orElseThrow();
        assertArrayEquals(a, b, "two training runs, one class list");
        String list = new String(a, StandardCharsets.UTF_8);
        assertTrue(list.startsWith(AppCds.HEADER), list);
        assertTrue(list.contains("\ndemo/Main\n") && list.contains("\njava/sql/Timestamp\n"), list);
        assertFalse(list.contains(" id: ") || list.contains("$Proxy") || list.contains("+0x"), list);
        assertTrue(log.has("INFO", "training run 'demo.Main --version' took"), log.toString());

        // what postinst does, with the class path the launcher passes
        Path classList = Files.write(tmp.resolve("app-cds.classlist"), a);
        Path jsa = tmp.resolve("app.jsa");
        String cp = String.join(":", Fixtures.app().stream().map(j -> j.file().toString()).toList());
        String java = rt.image().resolve("bin/java").toString();
        ToolRun dump = ToolRun.process(List.of(java, "-Xshare:dump", "-XX:SharedClassListFile=" + classList,
                "-XX:SharedArchiveFile=" + jsa, "-cp", cp), tmp);
        assertEquals(0, dump.exit(), dump.output());
        assertTrue(Files.size(jsa) > 1_000_000, "an archive with the JDK's and the app's classes");
        ToolRun run = ToolRun.process(List.of(java, "-XX:SharedArchiveFile=" + jsa, "-XX:+VerifySharedSpaces",
                "-Xlog:cds=off", "-Xlog:class+load=info", "-cp", cp, "demo.Main"), tmp);
        assertEquals(0, run.exit(), run.output());
        assertTrue(run.output().contains("demo.Main source: shared objects file"), run.output());

        // a damaged archive: the JVM verifies it and starts without it, saying nothing
        byte[] bytes = Files.readAllBytes(jsa);
        for (int i = 200; i < 264; i++) {
            bytes[i] ^= 0x5a;
        }
        Files.write(jsa, bytes);
        ToolRun damaged = ToolRun.process(List.of(java, "-XX:SharedArchiveFile=" + jsa, "-XX:+VerifySharedSpaces",
                "-Xlog:cds=off", "-cp", cp, "demo.Main"), tmp);
        ToolRun plain = ToolRun.process(List.of(java, "-cp", cp, "demo.Main"), tmp);
        assertEquals(0, damaged.exit(), damaged.output());
        assertEquals(plain.output(), damaged.output(), "the same output as without the archive");
    }

    @Test
    void aRebuildWithTheSameRuntimeJarsAndArgumentsReusesTheClassListAndAChangedJarTrainsAgain(@TempDir Path tmp)
            throws Exception {
        RuntimeImage rt = RuntimeBuilder.build(RuntimeSpec.builder().cacheDirectory(Fixtures.sharedCache()).build(),
                Fixtures.app(), 17, new Fixtures.RecordingLog());
        AppCdsSpec spec = AppCdsSpec.builder().trainingArg("--version").build();
        Path cache = tmp.resolve("appcds-v1");
        Fixtures.RecordingLog first = new Fixtures.RecordingLog();
        byte[] a = AppCds.train(spec, rt, Fixtures.app(), "demo.Main", cache, first).orElseThrow();
        assertTrue(first.has("INFO", "training run 'demo.Main --version' took"), first.toString());

        Fixtures.RecordingLog second = new Fixtures.RecordingLog();
        byte[] b = AppCds.train(spec, rt, Fixtures.app(), "demo.Main", cache, second).orElseThrow();
        assertArrayEquals(a, b);
        assertFalse(second.has("INFO", "took"), "no training run for unchanged jars: " + second);
        assertTrue(second.has("INFO", "the class list of an earlier training run"), second.toString());

        // the same jars under other names and one jar with other content: the content decides
        List<Jar> changed = new java.util.ArrayList<>();
        for (Jar j : Fixtures.app()) {
            Path copy = Files.copy(j.file(), tmp.resolve("copy-" + j.file().getFileName()));
            changed.add(new Jar(copy, j.origin()));
        }
        Fixtures.RecordingLog renamed = new Fixtures.RecordingLog();
        AppCds.train(spec, rt, changed, "demo.Main", cache, renamed).orElseThrow();
        assertFalse(renamed.has("INFO", "took"), "same content elsewhere: reused: " + renamed);
        Path last = changed.get(changed.size() - 1).file();
        try (var fs = java.nio.file.FileSystems.newFileSystem(last)) {
            Files.writeString(fs.getPath("bench-change.txt"), "a change");
        }
        Fixtures.RecordingLog third = new Fixtures.RecordingLog();
        AppCds.train(spec, rt, changed, "demo.Main", cache, third).orElseThrow();
        assertTrue(third.has("INFO", "training run 'demo.Main --version' took"), "a changed jar: " + third);
        Fixtures.RecordingLog otherArgs = new Fixtures.RecordingLog();
        AppCds.train(AppCdsSpec.builder().trainingArg("--help").build(), rt, Fixtures.app(), "demo.Main", cache,
                otherArgs);
        assertTrue(otherArgs.has("INFO", "training run 'demo.Main --help' took"), "other arguments: " + otherArgs);
    }

    /**
     * The edit-build loop: the next build's training run starts ahead, with the runtime the last build trained with,
     * while that build runs jdeps; the build's own {@link AppCds#train} then takes its class list (it waits for it)
     * instead of running again, and the list is the one a build without any cache makes.
     */
    @Test
    void theTrainingRunStartedAheadWithTheLastRuntimeIsTheOneTheBuildTakes(@TempDir Path tmp) throws Exception {
        RuntimeImage rt = RuntimeBuilder.build(RuntimeSpec.builder().cacheDirectory(Fixtures.sharedCache()).build(),
                Fixtures.app(), 17, new Fixtures.RecordingLog());
        AppCdsSpec spec = AppCdsSpec.builder().trainingArg("--version").build();
        Path cache = tmp.resolve("appcds-v1");
        List<Jar> jars = new java.util.ArrayList<>();
        for (Jar j : Fixtures.app()) {
            jars.add(new Jar(Files.copy(j.file(), tmp.resolve(j.file().getFileName())), j.origin()));
        }
        AppSpec app = AppSpec.builder().mainJar(jars.get(0)).dependencies(jars.subList(1, jars.size())).build();

        Fixtures.RecordingLog none = new Fixtures.RecordingLog();
        AppCds.trainAhead(spec, app, "demo.Main", cache, none);
        assertFalse(none.has("INFO", "training run"), "a first build has no runtime to guess: " + none);
        Fixtures.RecordingLog first = new Fixtures.RecordingLog();
        AppCds.train(spec, rt, app, "demo.Main", cache, first).orElseThrow();
        assertTrue(first.has("INFO", "training run 'demo.Main --version' took"), first.toString());

        Fixtures.RecordingLog unchanged = new Fixtures.RecordingLog();
        AppCds.trainAhead(spec, app, "demo.Main", cache, unchanged);
        assertFalse(unchanged.has("INFO", "training run"), "its class list is cached: " + unchanged);

        // a change to a jar, in place, as a rebuild makes it
        try (var fs = java.nio.file.FileSystems.newFileSystem(jars.get(jars.size() - 1).file())) {
            Files.writeString(fs.getPath("bench-change.txt"), "a change");
        }
        Fixtures.RecordingLog ahead = new Fixtures.RecordingLog();
        AppCds.trainAhead(spec, app, "demo.Main", cache, ahead);
        Fixtures.RecordingLog build = new Fixtures.RecordingLog();
        byte[] taken = AppCds.train(spec, rt, app, "demo.Main", cache, build).orElseThrow();
        assertTrue(ahead.has("INFO", "training run 'demo.Main --version' took"), "started ahead: " + ahead);
        assertFalse(build.has("INFO", "took"), "the build ran no second training run: " + build);
        assertTrue(build.has("INFO", "the class list of an earlier training run"), build.toString());
        byte[] fresh = AppCds.train(spec, rt, app, "demo.Main", null, new Fixtures.RecordingLog()).orElseThrow();
        assertArrayEquals(fresh, taken, "the same class list as a build without a cache");
    }

    @Test
    void aTrainingRunThatFailsOrHangsIsAnErrorNamingTheArguments() throws Exception {
        RuntimeImage rt = RuntimeBuilder.build(RuntimeSpec.builder().cacheDirectory(Fixtures.sharedCache()).build(),
                Fixtures.app(), 17, new Fixtures.RecordingLog());
        Path slow = TestJars.compiledMain(tmp.resolve("slow"), "demo.Slow", """
                package demo;
                public class Slow {
                    public static void main(String[] args) throws Exception {
                        if (args.length > 0 && args[0].equals("--fail")) {
                            System.err.println("unknown option --fail");
                            System.exit(2);
                        }
                        Thread.sleep(120_000);
                    }
                }
                """);
        List<Jar> jars = List.of(new Jar(slow, "demo:slow:1.0"));
        DebException failed = assertThrows(DebException.class, () -> AppCds.train(AppCdsSpec.builder()
                .trainingArg("--fail").build(), rt, jars, "demo.Slow", new Fixtures.RecordingLog()));
        assertEquals("appCds.trainingArgs", failed.field());
        assertTrue(failed.getMessage().contains("exited 2") && failed.getMessage().contains("unknown option --fail"),
                failed.getMessage());
        long start = System.nanoTime();
        DebException hung = assertThrows(DebException.class, () -> AppCds.train(AppCdsSpec.builder()
                .trainingArg("--wait").timeout(Duration.ofSeconds(2)).build(), rt, jars, "demo.Slow",
                new Fixtures.RecordingLog()));
        assertTrue(hung.getMessage().contains("still running after 2 s"), hung.getMessage());
        assertTrue(System.nanoTime() - start < Duration.ofSeconds(60).toNanos(), "stopped, not waited for");
        DebException timeout = assertThrows(DebException.class, () -> AppCdsSpec.builder()
                .timeout(Duration.ZERO).build());
        assertEquals("appCds.timeoutSeconds", timeout.field());
    }

    /**
     * Training runs use the client compiler and the serial collector, unless the configured Java options choose a
     * collector: then theirs (two collectors would stop the JVM), and the run works.
     */
    @Test
    void trainingRunsAreLightAndAConfiguredCollectorWins(@TempDir Path tmp) throws Exception {
        assertEquals(List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"),
                AppCds.trainingFlags(AppCdsSpec.builder().build()));
        AppCdsSpec parallel = AppCdsSpec.builder().trainingArg("--version")
                .trainingJvmArgs(List.of("-XX:+UseParallelGC")).build();
        assertEquals(List.of("-XX:TieredStopAtLevel=1"), AppCds.trainingFlags(parallel));
        RuntimeImage rt = RuntimeBuilder.build(RuntimeSpec.builder().cacheDirectory(Fixtures.sharedCache()).build(),
                Fixtures.app(), 17, new Fixtures.RecordingLog());
        byte[] withParallel = AppCds.train(parallel, rt, Fixtures.app(), "demo.Main", new Fixtures.RecordingLog())
                .orElseThrow();
        byte[] plain = AppCds.train(AppCdsSpec.builder().trainingArg("--version").build(), rt, Fixtures.app(),
                "demo.Main", new Fixtures.RecordingLog()).orElseThrow();
        assertTrue(new String(withParallel, StandardCharsets.UTF_8).contains("\ndemo/Main\n"));
        assertTrue(new String(plain, StandardCharsets.UTF_8).contains("\ndemo/Main\n"));
    }

    /** A training run started ahead that fails is the build's failure, reported once, without a second run. */
    @Test
    void aFailedTrainingRunStartedAheadFailsTheBuildWithoutASecondRun(@TempDir Path tmp) throws Exception {
        RuntimeImage rt = RuntimeBuilder.build(RuntimeSpec.builder().cacheDirectory(Fixtures.sharedCache()).build(),
                Fixtures.app(), 17, new Fixtures.RecordingLog());
        Path failing = TestJars.compiledMain(tmp.resolve("failing"), "demo.Failing", """
                package demo;
                public class Failing {
                    public static void main(String[] args) {
                        System.err.println("unknown option " + String.join(" ", args));
                        System.exit(2);
                    }
                }
                """);
        AppSpec app = AppSpec.builder().mainJar(new Jar(failing, "demo:failing:1.0")).build();
        AppCdsSpec spec = AppCdsSpec.builder().trainingArg("--fail").build();
        Path cache = tmp.resolve("appcds-v1");
        DebException first = assertThrows(DebException.class,
                () -> AppCds.train(spec, rt, app, "demo.Failing", cache, new Fixtures.RecordingLog()));
        assertTrue(first.getMessage().contains("exited 2"), first.getMessage());

        Fixtures.RecordingLog ahead = new Fixtures.RecordingLog();
        AppCds.trainAhead(spec, app, "demo.Failing", cache, ahead);
        Fixtures.RecordingLog build = new Fixtures.RecordingLog();
        DebException again = assertThrows(DebException.class,
                () -> AppCds.train(spec, rt, app, "demo.Failing", cache, build));
        assertEquals(first.getMessage(), again.getMessage());
        assertTrue(ahead.has("INFO", "training run of demo.Failing"), "it ran ahead: " + ahead);
        assertFalse(build.has("INFO", "training run of"), "no second run: " + build);
    }

    @Test
    void aJarOnlyPackageGetsNoAppCdsAndSaysSo() throws Exception {
        List<Jar> jars = Fixtures.app();
        List<String> warnings = new java.util.ArrayList<>();
        DebLog log = new DebLog() {
            @Override public void debug(String m) { }
            @Override public void info(String m) { }
            @Override public void warn(String m) { warnings.add(m); }
        };
        DebBuilder.Result r = DebBuilder.builder()
                .spec(PackageSpec.builder().name("demo").version(DebianVersion.parse("1.0-1"))
                        .maintainer("Jane Doe <jane@example.org>").synopsis("prints a timestamp").build())
                .app(AppSpec.builder().mainJar(jars.get(0)).build())
                .outputDirectory(tmp).timestamp(Instant.EPOCH)
                .appCds(AppCdsSpec.builder().build())
                .log(log)
                .build().build();
        assertEquals(1, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).contains("appCds is ignored") && warnings.get(0).contains("jar-only"),
                warnings.get(0));
        assertTrue(java.nio.file.Files.isRegularFile(r.deb()), r.toString());
    }
}
