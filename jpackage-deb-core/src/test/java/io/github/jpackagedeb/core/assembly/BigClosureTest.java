package io.github.jpackagedeb.core.assembly;

import io.github.jpackagedeb.core.app.AppSpec;
import io.github.jpackagedeb.core.app.Jar;
import io.github.jpackagedeb.core.archive.Compression;
import io.github.jpackagedeb.core.check.DebContents;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A closure of 5,000 jars (issue 8) is packaged by a JVM limited to a 64 MiB heap, in bounded time: the archive is
 * streamed, so memory does not grow with the package.
 */
class BigClosureTest {

    static final int JARS = 5_000;

    @TempDir
    Path tmp;

    /** Entry point of the heap-limited JVM: packages {@code args[0]}/app.jar with every other jar there. */
    public static final class Child {
        public static void main(String[] args) throws Exception {
            Path in = Path.of(args[0]);
            List<Path> deps = new ArrayList<>();
            try (Stream<Path> s = Files.list(in)) {
                s.filter(p -> p.getFileName().toString().startsWith("dep-")).sorted().forEach(deps::add);
            }
            AppSpec.Builder app = AppSpec.builder().mainJar(Jar.of(in.resolve("app-1.0.jar")));
            deps.forEach(d -> app.dependency(Jar.of(d)));
            long t0 = System.nanoTime();
            DebBuilder.Result r = DebBuilder.builder().spec(HostileInputTest.spec().build()).app(app.build())
                    .outputDirectory(Path.of(args[1])).timestamp(Instant.parse("2026-01-02T03:04:05Z"))
                    .compression(Compression.GZIP).build().build();
            Runtime rt = Runtime.getRuntime();
            System.out.printf("built %s in %d ms; heap max %d MiB, used %d MiB%n", r.deb().getFileName(),
                    (System.nanoTime() - t0) / 1_000_000, rt.maxMemory() >> 20, (rt.totalMemory() - rt.freeMemory()) >> 20);
        }
    }

    @Test
    void fiveThousandJarsInA64MiBHeap() throws Exception {
        Path in = Files.createDirectories(tmp.resolve("in"));
        long t0 = System.nanoTime();
        TestJars.jar(in.resolve("app-1.0.jar"), "com.example.Main", "com/example/Main.class", "x");
        // one small real jar under 5,000 names (content need not differ; names, checks and entries do)
        byte[] jar = Files.readAllBytes(TestJars.jar(tmp.resolve("one.jar"), null, "dep/D.class", "class",
                "dep/data.txt", "data"));
        for (int i = 0; i < JARS; i++) {
            Files.write(in.resolve(String.format("dep-%04d-1.0.jar", i)), jar);
        }
        long made = (System.nanoTime() - t0) / 1_000_000;
        Path out = tmp.resolve("out");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        t0 = System.nanoTime();
        Process p = new ProcessBuilder(java, "-Xmx64m", "-XX:+ExitOnOutOfMemoryError", "-cp",
                System.getProperty("java.class.path"), Child.class.getName(), in.toString(), out.toString())
                .redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(120, TimeUnit.SECONDS));
        long took = (System.nanoTime() - t0) / 1_000_000;
        assertEquals(0, p.exitValue(), log);
        System.out.printf("[BigClosureTest] %d jars made in %d ms; child JVM (-Xmx64m) %d ms: %s", JARS, made, took, log);
        Path deb = out.resolve("hello_1.0-1_all.deb");
        DebContents c = DebContents.read(deb);
        long jars = c.data().stream().filter(e -> e.path().startsWith("./usr/share/java/hello/lib/")
                && e.path().endsWith(".jar")).count();
        assertEquals(JARS + 1, jars);
        SecurityScan.assertSafe(c);
        assertTrue(took < 120_000, "took " + took + " ms");
    }
}
