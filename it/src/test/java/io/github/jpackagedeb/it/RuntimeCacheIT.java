package io.github.jpackagedeb.it;

import io.github.jpackagedeb.it.support.DebInspector;
import io.github.jpackagedeb.it.support.Env;
import io.github.jpackagedeb.it.support.MavenRunner;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The runtime cache seen from real Maven builds (tiny-app with its runtime on): two builds at once on one cold cache
 * (one links, the other waits and reuses; both .debs correct and identical), a warm build that runs neither jdeps
 * nor jlink and says so, a cold build on another empty cache that gives the same bytes, an unwritable cache directory
 * (build-local fallback with a warning), and an unknown module (a clear error).
 */
class RuntimeCacheIT {

    /** gzip: xz would spend minutes on the runtime, and bookworm's lintian cannot read zstd. */
    private static final String GZIP = "-Djpackage-deb.compression=gzip";

    @BeforeAll
    static void tools() {
        Env.requireTool("dpkg-deb");
    }

    private static MavenRunner.Result build(Path project, Path cache, String... more) {
        String[] args = new String[3 + more.length];
        args[0] = "package";
        args[1] = GZIP;
        args[2] = "-Djpackage-deb.cacheDirectory=" + cache;
        System.arraycopy(more, 0, args, 3, more.length);
        return MavenRunner.runIn(project, args);
    }

    @Test
    void concurrentColdBuildsWarmBuildAndAnotherColdBuild() throws Exception {
        Path cache = RuntimeProjects.freshCache("shared");
        Path a = RuntimeProjects.tinyWithRuntime();
        Path b = RuntimeProjects.tinyWithRuntime();
        CountDownLatch go = new CountDownLatch(1);
        CompletableFuture<MavenRunner.Result> fa = CompletableFuture.supplyAsync(() -> {
            await(go);
            return build(a, cache);
        });
        CompletableFuture<MavenRunner.Result> fb = CompletableFuture.supplyAsync(() -> {
            await(go);
            return build(b, cache);
        });
        go.countDown();
        MavenRunner.Result ra = fa.get().assertSuccess();
        MavenRunner.Result rb = fb.get().assertSuccess();
        long linked = List.of(ra, rb).stream().filter(r -> r.log().contains("jlink: linked")).count();
        assertEquals(1, linked, "one build links, the other waits for it:\n" + ra.log() + "\n" + rb.log());
        assertTrue((ra.log() + rb.log()).contains("Reused the Java runtime from the cache"), ra.log() + rb.log());
        Path debA = RuntimeProjects.deb(ra);
        Path debB = RuntimeProjects.deb(rb);
        assertEquals("tiny-app_1.0.0-1_amd64.deb", debA.getFileName().toString());
        assertArrayEquals(Files.readAllBytes(debA), Files.readAllBytes(debB), "both builds made the same package");
        DebInspector in = DebInspector.of(debA);
        assertEquals(0, in.checkFsysTarfile().exit());
        assertTrue(in.entry("/usr/lib/tiny-app/runtime/bin/java").isPresent());
        assertTrue(in.entry("/usr/lib/tiny-app/runtime/lib/server/classes.jsa").isPresent());

        // warm: neither jdeps nor jlink
        MavenRunner.Result warm = build(a, cache).assertSuccess();
        assertTrue(warm.log().contains("[INFO] Reused the Java runtime from the cache (no jdeps, no jlink): "),
                warm.log());
        assertFalse(warm.log().contains("jlink: linked"), warm.log());
        assertFalse(warm.log().contains("jdeps: found"), warm.log());
        assertArrayEquals(Files.readAllBytes(debB), Files.readAllBytes(RuntimeProjects.deb(warm)));

        // another cold build, on another empty cache: the same bytes (the CDS archive included)
        Path c = RuntimeProjects.tinyWithRuntime();
        MavenRunner.Result cold = build(c, RuntimeProjects.freshCache("other")).assertSuccess();
        assertTrue(cold.log().contains("jlink: linked"), cold.log());
        assertArrayEquals(Files.readAllBytes(debA), Files.readAllBytes(RuntimeProjects.deb(cold)),
                "two cold builds give byte-identical packages");
    }

    @Test
    void anUnwritableCacheDirectoryFallsBackToTheBuildLocalCache() throws IOException {
        Path file = Files.writeString(RuntimeProjects.freshCache("file").resolve("not-a-directory"), "x");
        Path project = RuntimeProjects.tinyWithRuntime();
        MavenRunner.Result r = build(project, file.resolve("cache")).assertSuccess();
        assertTrue(r.log().contains("[WARNING] The cache directory " + file.resolve("cache") + " cannot be used"),
                r.log());
        assertTrue(r.log().contains("using the build-local cache " + project.resolve("target/jpackage-deb-cache")),
                r.log());
        assertTrue(Files.isDirectory(project.resolve("target/jpackage-deb-cache/v1/runtimes")));
        assertEquals(1, RuntimeProjects.debs(r.target()).size());
    }

    @Test
    void anUnknownModuleFailsTheBuildWithTheFix() throws IOException {
        Path project = RuntimeProjects.tinyWithRuntime();
        Path pom = project.resolve("pom.xml");
        Files.writeString(pom, Files.readString(pom).replace("<runtime>jlink</runtime>",
                "<runtime>jlink</runtime><addModules><addModule>java.sqll</addModule></addModules>"));
        MavenRunner.Result bad = build(project, RuntimeProjects.freshCache("bad")).assertFailure();
        assertTrue(bad.log().contains("<addModules> = 'java.sqll': the JDK "), bad.log());
        assertTrue(bad.log().contains("has no module named 'java.sqll'"), bad.log());
        assertTrue(bad.log().contains("did you mean java.sql"), bad.log());
        assertEquals(List.of(), RuntimeProjects.debs(bad.target()), "no package is left behind");
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
