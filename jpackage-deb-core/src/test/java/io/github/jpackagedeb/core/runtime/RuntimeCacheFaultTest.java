package io.github.jpackagedeb.core.runtime;

import io.github.jpackagedeb.core.testing.Integration;

import io.github.jpackagedeb.core.DebException;
import io.github.jpackagedeb.core.DebLog;
import io.github.jpackagedeb.core.archive.Compression;
import io.github.jpackagedeb.core.app.AppSpec;
import io.github.jpackagedeb.core.assembly.DebBuilder;
import io.github.jpackagedeb.core.app.Jar;
import io.github.jpackagedeb.core.assembly.License;
import io.github.jpackagedeb.core.assembly.PackageDocs;
import io.github.jpackagedeb.core.control.PackageSpec;
import io.github.jpackagedeb.core.version.DebianVersion;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Faults while the runtime cache is filled (issue 8). A build JVM (jdeps, jlink, strip, CDS dump, manifest, rename
 * into place, then the .deb) is killed with SIGKILL at seeded random points, with the processes it started (as a CI
 * runner kills a cancelled job); a small tmpfs as cache directory runs out of space; a small tmpfs as output
 * directory runs out of space while the package with its runtime is written. After each: no entry in the cache that
 * does not match its manifest, no partial .deb, the lock does not block the next build, and the next build succeeds
 * and makes the same bytes as a build on a fresh, empty cache.
 */
@Integration
class RuntimeCacheFaultTest {

    static final Instant T = Instant.parse("2026-01-02T03:04:05Z");
    static final long SEED = 8L;
    static final long BUILD_TIMEOUT_MINUTES = 8;

    @TempDir
    Path tmp;

    /** The reference: a build on a fresh cache in a child JVM, made once per test JVM. */
    private static Reference reference;

    record Reference(byte[] deb, Path cache, long runtimeMillis, long totalMillis, long entryBytes) {
    }

    // ------------------------------------------------------------------------------------------ the build JVM

    /**
     * Entry point of the build JVM: {@code args} = cache directory, output directory, application jar, library jar.
     * Prints each log line with the milliseconds since start, then {@code runtime-ready} and {@code done <deb>}.
     */
    public static final class Child {
        public static void main(String[] args) throws Exception {
            long start = System.nanoTime();
            DebLog log = new DebLog() {
                private void print(String level, String m) {
                    System.out.println("[+" + (System.nanoTime() - start) / 1_000_000 + " ms] " + level + " " + m);
                    System.out.flush();
                }

                @Override public void debug(String m) { print("DEBUG", m); }
                @Override public void info(String m) { print("INFO", m); }
                @Override public void warn(String m) { print("WARN", m); }
            };
            log.info("started");
            List<Jar> jars = jars(Path.of(args[2]), Path.of(args[3]));
            RuntimeImage rt = build(Path.of(args[0]), jars, log);
            log.info("runtime-ready reused=" + rt.reused());
            Path deb = deb(rt, jars, Path.of(args[1]), log);
            log.info("done " + deb);
        }
    }

    static List<Jar> jars(Path app, Path lib) {
        return List.of(new Jar(app, "demo:app:1.0"), new Jar(lib, "org.apache.commons:commons-compress"));
    }

    static RuntimeImage build(Path cache, List<Jar> jars, DebLog log) {
        return RuntimeBuilder.build(RuntimeSpec.builder().cacheDirectory(cache).build(), jars, 17, log);
    }

    static Path deb(RuntimeImage rt, List<Jar> jars, Path out, DebLog log) {
        AppSpec app = AppSpec.builder().mainJar(jars.get(0)).dependencies(jars.subList(1, jars.size())).build();
        PackageSpec spec = PackageSpec.builder().name("demo").version(DebianVersion.parse("1.0-1"))
                .maintainer("Jane Doe <jane@example.org>").synopsis("prints a timestamp")
                .longDescription("Prints a timestamp, with its own Java runtime.").homepage("https://example.org")
                .build();
        return DebBuilder.builder().spec(spec).app(app).runtime(rt).outputDirectory(out).timestamp(T)
                .compression(Compression.GZIP).log(log)
                .docs(new PackageDocs("demo", "https://example.org", List.of("Jane Doe"),
                        List.of(new License("Apache-2.0", null)), List.of(), null))
                .build().build().deb();
    }

    static Process startChild(Path cache, Path out, Path logFile) throws IOException {
        List<Jar> app = Fixtures.app();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                Child.class.getName(), cache.toString(), out.toString(), app.get(0).file().toString(),
                app.get(1).file().toString())
                .redirectErrorStream(true).redirectOutput(logFile.toFile()).start();
    }

    /** Runs a build JVM to its end; fails the test when it hangs (e.g. on a lock nobody releases) or fails. */
    static String runChild(Path cache, Path out, Path logFile) throws Exception {
        Process p = startChild(cache, out, logFile);
        if (!p.waitFor(BUILD_TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
            killTree(p);
            fail("the build did not finish within " + BUILD_TIMEOUT_MINUTES + " min (a lock left by a killed build?):\n"
                    + Files.readString(logFile));
        }
        String log = Files.readString(logFile);
        assertEquals(0, p.exitValue(), log);
        assertTrue(log.contains(" INFO done "), log);
        return log;
    }

    /** SIGKILL to the build JVM and everything it started (jlink, strip, the CDS dump), as a CI runner does. */
    static int killTree(Process p) throws InterruptedException {
        List<ProcessHandle> descendants = p.descendants().toList();
        p.destroyForcibly();
        descendants.forEach(ProcessHandle::destroyForcibly);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        for (ProcessHandle d : descendants) {
            d.onExit().orTimeout(30, TimeUnit.SECONDS).exceptionally(t -> null).join();
        }
        return descendants.size();
    }

    static long millisOf(String log, String marker) {
        for (String l : log.split("\n")) {
            if (l.startsWith("[+") && l.contains(marker)) {
                return Long.parseLong(l.substring(2, l.indexOf(" ms]")));
            }
        }
        throw new AssertionError("no '" + marker + "' in\n" + log);
    }

    static synchronized Reference reference() throws Exception {
        if (reference == null) {
            Path dir = Files.createTempDirectory(Files.createDirectories(Path.of("target")), "runtime-fault-ref-")
                    .toAbsolutePath();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    org.apache.commons.io.file.PathUtils.delete(dir);
                } catch (IOException e) {
                    // target/ is cleaned by mvn clean anyway
                }
            }));
            Path cache = dir.resolve("cache");
            long t0 = System.nanoTime();
            String log = runChild(cache, dir.resolve("out"), dir.resolve("ref.log"));
            long total = (System.nanoTime() - t0) / 1_000_000;
            assertTrue(log.contains("jlink: linked"), "a cold build: " + log);
            Path deb = Files.list(dir.resolve("out")).filter(p -> p.toString().endsWith(".deb")).findFirst()
                    .orElseThrow();
            List<Path> entries = entries(cache);
            assertEquals(1, entries.size(), entries.toString());
            reference = new Reference(Files.readAllBytes(deb), cache, millisOf(log, "runtime-ready"), total,
                    treeBytes(entries.get(0)));
            System.out.printf("[RuntimeCacheFaultTest] reference cold build: runtime ready after %d ms, done in %d ms;"
                    + " cache entry %d bytes, .deb %d bytes%n", reference.runtimeMillis(), total,
                    reference.entryBytes(), reference.deb().length);
        }
        return reference;
    }

    // ------------------------------------------------------------------------------------------ cache inspection

    static List<Path> list(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted().toList();
        }
    }

    static List<Path> entries(Path cache) throws IOException {
        return list(cache.resolve(RuntimeCache.FORMAT).resolve("runtimes"));
    }

    static long treeBytes(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).mapToLong(p -> {
                try {
                    return Files.size(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).sum();
        }
    }

    /** Every runtime entry in place matches its manifest; every jdeps result matches its checksum. */
    static void assertNoCorruptEntry(Path cache, String when) throws IOException {
        for (Path e : entries(cache)) {
            RuntimeCache.Entry verified;
            try {
                verified = RuntimeCache.verify(e);
            } catch (RuntimeCache.CorruptEntry c) {
                throw new AssertionError(when + ": the cache entry " + e + " does not match its manifest: "
                        + c.getMessage(), c);
            }
            assertNotNull(verified, when + ": the cache entry " + e + " has no manifest");
        }
        RuntimeCache c = RuntimeCache.open(cache, null, DebLog.SILENT);
        for (Path t : list(cache.resolve(RuntimeCache.FORMAT).resolve("jdeps"))) {
            String name = t.getFileName().toString();
            if (name.endsWith(".txt") && !name.startsWith(".")) {
                assertTrue(c.readText("jdeps", name.substring(0, name.length() - 4)).isPresent(),
                        when + ": the jdeps result " + t + " does not match its checksum");
            }
        }
    }

    /** Where the killed build was, from its cache and its log. */
    static String phase(Path cache, Path out, String log) throws IOException {
        Path v1 = cache.resolve(RuntimeCache.FORMAT);
        if (!list(out).isEmpty()) {
            return "writing the .deb";
        }
        if (!entries(cache).isEmpty()) {
            return log.contains("runtime-ready") ? "between cache and .deb" : "just after the rename into place";
        }
        for (Path t : list(v1.resolve("tmp"))) {
            if (Files.exists(t.resolve("manifest"))) {
                return "manifest written, before the rename";
            }
            if (Files.exists(t.resolve("image/lib/server/classes.jsa"))) {
                return "CDS dump or manifest scan";
            }
            if (log.contains("jlink: linked")) {
                return "strip or CDS dump";
            }
            return "jlink";
        }
        if (log.contains("found the modules")) {
            return "between jdeps and jlink";
        }
        return log.contains("INFO started") ? "jdeps (or JVM start-up)" : "JVM start-up";
    }

    // ------------------------------------------------------------------------------------------ the tests

    /** Where a round kills the build: when this much progress is seen, after a seeded random delay of at most. */
    enum KillPoint {
        JDEPS("the build JVM is up (jdeps runs next)", 2000),
        JLINK("jlink has started writing the image in tmp/", 3000),
        STRIP_OR_CDS("jlink is done (strip and the CDS dump run)", 1500),
        CDS_ARCHIVE("the CDS archive appears in the image", 300),
        MANIFEST("the manifest appears in tmp/ or the entry is renamed into place", 0);

        final String what;
        final int maxDelayMillis;

        KillPoint(String what, int maxDelayMillis) {
            this.what = what;
            this.maxDelayMillis = maxDelayMillis;
        }

        boolean reached(Path cache, Path log) throws IOException {
            List<Path> temps;
            try {
                temps = list(cache.resolve(RuntimeCache.FORMAT).resolve("tmp"));
            } catch (IOException e) {
                return false; // a directory went away while listing: look again
            }
            switch (this) {
                case JDEPS:
                    return Files.readString(log).contains("INFO started");
                case JLINK:
                    return temps.stream().anyMatch(t -> Files.isDirectory(t.resolve("image")));
                case STRIP_OR_CDS:
                    return Files.readString(log).contains("jlink: linked");
                case CDS_ARCHIVE:
                    return temps.stream().anyMatch(t -> Files.exists(t.resolve("image/lib/server/classes.jsa")));
                default:
                    // the manifest write and the rename are microseconds apart: polling mostly sees the entry land
                    return temps.stream().anyMatch(t -> Files.exists(t.resolve("manifest")))
                            || !entries(cache).isEmpty();
            }
        }
    }

    /**
     * SIGKILL at five points while the cache is filled, found by progress rather than by clock (the machine may be
     * loaded), each after a seeded random delay: during jdeps, during jlink, during strip and the CDS dump, while
     * the CDS archive is written and hashed for the manifest, and at the rename into place. After each: every entry
     * in the cache matches its manifest, no .deb; the next build is not blocked by the killed one's lock, removes
     * its leftovers and makes a .deb byte-identical to a build on a fresh cache, from one complete entry.
     */
    @Test
    void killedWhileFillingTheCacheThenTheNextBuildRecoversAndIsIdentical() throws Exception {
        Reference ref = reference();
        Random random = new Random(SEED); // the kill points are random but repeatable
        List<String> phases = new ArrayList<>();
        int leftovers = 0;
        int round = 0;
        for (KillPoint point : KillPoint.values()) {
            Path cache = tmp.resolve("cache-" + round);
            Path out = tmp.resolve("out-" + round);
            Path log = tmp.resolve("killed-" + round + ".log");
            long delay = point.maxDelayMillis == 0 ? 0 : random.nextInt(point.maxDelayMillis);
            Process p = startChild(cache, out, log);
            long t0 = System.nanoTime();
            long deadline = t0 + TimeUnit.MINUTES.toNanos(BUILD_TIMEOUT_MINUTES);
            while (p.isAlive() && !point.reached(cache, log)) {
                if (System.nanoTime() > deadline) {
                    killTree(p);
                    fail("round " + round + ": the build never got to: " + point.what + "\n" + Files.readString(log));
                }
                Thread.sleep(1);
            }
            if (delay > 0) {
                Thread.sleep(delay);
            }
            long at = (System.nanoTime() - t0) / 1_000_000;
            boolean wasAlive = p.isAlive();
            int killed = killTree(p);
            String childLog = Files.readString(log);
            String phase = wasAlive ? phase(cache, out, childLog) : "after it finished";
            phases.add(phase);
            Path lock = null;
            for (Path l : list(cache.resolve(RuntimeCache.FORMAT).resolve("locks"))) {
                lock = l;
            }
            int tmpLeft = list(cache.resolve(RuntimeCache.FORMAT).resolve("tmp")).size();
            leftovers += tmpLeft;

            // nothing corrupt in place; no .deb but a complete one (the writer's own temporaries are its business:
            // InterruptedWriteTest)
            assertNoCorruptEntry(cache, "round " + round + " after the kill");
            for (Path d : list(out)) {
                if (d.getFileName().toString().endsWith(".deb")) {
                    assertArrayEquals(ref.deb(), Files.readAllBytes(d), "round " + round + ": a partial .deb " + d);
                }
            }

            // the next build: not blocked by the lock file the killed one held, succeeds, same bytes
            long r0 = System.nanoTime();
            String next = runChild(cache, out, tmp.resolve("next-" + round + ".log"));
            long nextMillis = (System.nanoTime() - r0) / 1_000_000;
            List<Path> debs = list(out);
            assertEquals(1, debs.size(), "the .deb alone, no temporary left: " + debs);
            assertArrayEquals(ref.deb(), Files.readAllBytes(debs.get(0)),
                    "round " + round + ": the build after the kill differs from a build on a fresh cache");
            List<Path> entries = entries(cache);
            assertEquals(1, entries.size(), "one entry: " + entries);
            assertNotNull(RuntimeCache.verify(entries.get(0)), "the entry the next build used is complete");
            assertTrue(next.contains("Built the Java runtime " + entries.get(0))
                    || next.contains("Reused the Java runtime from the cache"), next);
            assertEquals(List.of(), list(cache.resolve(RuntimeCache.FORMAT).resolve("tmp")),
                    "the next build removed what the killed one left in tmp/");
            System.out.printf("[RuntimeCacheFaultTest] round %d: killed %d ms after start, when %s + %d ms, with %d"
                            + " child processes; phase: %s; left %d dirs in tmp/, lock file %s; next build %s in %d ms,"
                            + " identical .deb%n", round, at, point.what, delay, killed, phase, tmpLeft,
                    lock == null ? "none" : "left", next.contains("jlink: linked") ? "linked again" : "reused the entry",
                    nextMillis);
            round++;
        }
        System.out.printf("[RuntimeCacheFaultTest] seed %d: %d kills while filling the runtime cache, phases %s; %d"
                + " leftover tmp dirs, all removed by the next build; 0 corrupt entries; %d identical .debs%n",
                SEED, round, phases, leftovers, round);
        assertTrue(phases.stream().filter(p -> !p.equals("after it finished")).count() >= round - 1,
                "kills should land inside the build: " + phases);
    }

    /**
     * A cache directory on a tmpfs too small for the runtime: half its size (jlink runs out), then the entry's size
     * less half of the CDS archive (strip, the CDS dump or the manifest runs out, whichever comes first): a clear
     * error each time, no entry and no temporary left, no package; then, with room, the same cache directory gives
     * the same bytes as a clean build.
     */
    @Test
    void aFullCacheDiskIsAClearErrorAndLeavesNoPartialEntry() throws Exception {
        io.github.jpackagedeb.core.testing.ExternalTools.requireRoot("to mount a small tmpfs (a full disk)");
        Reference ref = reference();
        long jsa = Files.size(entries(ref.cache()).get(0).resolve("image/lib/server/classes.jsa"));
        List<Jar> jars = Fixtures.app();
        int n = 0;
        for (long size : new long[] {ref.entryBytes() / 2, ref.entryBytes() - jsa / 2}) {
            Path mnt = mount(tmp.resolve("small-cache-" + n), size);
            try {
                Path cache = mnt.resolve("cache");
                Path out = tmp.resolve("out-" + n);
                DebException e = assertThrows(DebException.class, () -> build(cache, jars, new Fixtures.RecordingLog()));
                String msg = e.getMessage();
                System.out.printf("[RuntimeCacheFaultTest] cache on a %d-byte tmpfs (the entry needs %d, its CDS"
                        + " archive %d): %s%n", size, ref.entryBytes(), jsa, msg.replace("\n", " | "));
                assertEquals("cacheDirectory", e.field(), msg);
                assertEquals(cache.toAbsolutePath().normalize().toString(), e.value(), msg);
                assertTrue(e.problem().contains("ran out of disk space") && e.problem().contains("No space left"), msg);
                assertTrue(e.fix().contains("free space") && e.fix().contains("set the cache directory"), msg);
                assertEquals(List.of(), entries(cache), "no partial entry in place");
                assertEquals(List.of(), list(cache.resolve(RuntimeCache.FORMAT).resolve("tmp")), "no temporary left");
                assertFalse(Files.exists(out), "no package");

                // with room: the same cache directory works and gives the same bytes as a clean build
                ToolRun remount = Tools.exec(null, "mount", "-o", "remount,size=" + (ref.entryBytes() * 3),
                        mnt.toString());
                assertEquals(0, remount.exit(), remount.output());
                RuntimeImage rt = build(cache, jars, new Fixtures.RecordingLog());
                assertFalse(rt.reused());
                assertTrue(rt.cds(), "the runtime has its CDS archive");
                assertArrayEquals(ref.deb(), Files.readAllBytes(deb(rt, jars, out, DebLog.SILENT)),
                        "the build with room is byte-identical to a clean one");
                assertNoCorruptEntry(cache, "after the build with room");
            } finally {
                Tools.exec(null, "umount", mnt.toString());
            }
            n++;
        }
    }

    /** The output directory on a tmpfs too small for the package with its runtime: a clear error, nothing left. */
    @Test
    void aFullOutputDiskWithTheRuntimeBundledLeavesNoPartialPackage() throws Exception {
        io.github.jpackagedeb.core.testing.ExternalTools.requireRoot("to mount a small tmpfs (a full disk)");
        Reference ref = reference();
        List<Jar> jars = Fixtures.app();
        RuntimeImage rt = build(ref.cache(), jars, new Fixtures.RecordingLog());
        assertTrue(rt.reused(), "the reference's cache is warm");
        long size = Math.max(1L << 20, ref.deb().length / 2);
        Path mnt = mount(tmp.resolve("small-out"), size);
        try {
            Path out = mnt.resolve("out");
            DebException e = assertThrows(DebException.class, () -> deb(rt, jars, out, DebLog.SILENT));
            String msg = e.getMessage();
            System.out.printf("[RuntimeCacheFaultTest] output on a %d-byte tmpfs (the .deb has %d bytes): %s%n", size,
                    ref.deb().length, msg.replace("\n", " | "));
            assertEquals("outputDirectory", e.field(), msg);
            assertTrue(e.problem().contains("No space left on device"), msg);
            assertTrue(e.fix().contains("free space"), msg);
            assertEquals(List.of(), list(out), "no partial package, no temporary file");
            assertNoCorruptEntry(ref.cache(), "after the full output disk");

            assertEquals(0, Tools.exec(null, "mount", "-o", "remount,size=" + (ref.deb().length * 3L), mnt.toString())
                    .exit());
            assertArrayEquals(ref.deb(), Files.readAllBytes(deb(rt, jars, out, DebLog.SILENT)));
        } finally {
            Tools.exec(null, "umount", mnt.toString());
        }
    }

    static Path mount(Path dir, long bytes) throws IOException {
        Files.createDirectories(dir);
        ToolRun m = Tools.exec(null, "mount", "-t", "tmpfs", "-o", "size=" + bytes, "tmpfs", dir.toString());
        Assumptions.assumeTrue(m.exit() == 0 || "true".equals(System.getenv("CI")), "cannot mount tmpfs: " + m.output());
        assertEquals(0, m.exit(), m.output());
        return dir;
    }
}
