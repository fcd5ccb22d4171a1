package io.github.jpackagedeb.core.archive;

import io.github.jpackagedeb.core.testing.Integration;

import io.github.jpackagedeb.core.DebLog;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Faults during a build (issue 8): a writer JVM killed with SIGKILL at random points, and a full disk. Afterwards
 * nothing but the previous good package (or nothing) is under the final name, the next write removes the
 * temporary files the killed process left, and it produces the same bytes as a write that was never interrupted.
 */
@Integration
class InterruptedWriteTest {

    static final long T = 1_700_000_000L;
    static final int FILES = 16;
    static final int FILE_BYTES = 1 << 20;

    @TempDir
    Path tmp;

    static DebArchiveWriter writer(DebLog log) {
        return DebArchiveWriter.builder().timestamp(T).dataCompression(Compression.GZIP)
                .controlCompression(Compression.GZIP).log(log).build();
    }

    static byte[] control(String pkg) {
        return ("Package: " + pkg + "\nVersion: 1\nArchitecture: all\nMaintainer: T <t@example.org>\n"
                + "Description: d\n d\n").getBytes(StandardCharsets.US_ASCII);
    }

    /** Incompressible input files, the same for a given seed. */
    static void inputs(Path dir, long seed) throws IOException {
        Files.createDirectories(dir);
        Random r = new Random(seed);
        byte[] b = new byte[FILE_BYTES];
        for (int i = 0; i < FILES; i++) {
            r.nextBytes(b);
            Files.write(dir.resolve(String.format("part-%02d.bin", i)), b);
        }
    }

    static List<DebEntry> entries(Path dir) throws IOException {
        List<DebEntry> e = new ArrayList<>();
        try (Stream<Path> s = Files.list(dir)) {
            s.sorted().forEach(p -> e.add(DebEntry.file("usr/share/big/" + p.getFileName(), Content.of(p))));
        }
        return e;
    }

    /** Entry point of the writer JVM that gets killed: writes the package of {@code args[0]} to {@code args[1]}. */
    public static final class Child {
        public static void main(String[] args) throws Exception {
            System.out.println("started");
            System.out.flush();
            writer(DebLog.SILENT).write(Path.of(args[1]), control("big"), Map.of(), entries(Path.of(args[0])));
            System.out.println("done");
        }
    }

    static List<String> names(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    /** True when a file of {@code out} whose name starts with {@code prefix} has at least {@code size} bytes. */
    static boolean reached(Path out, String prefix, long size) throws IOException {
        for (String n : names(out)) {
            if (n.startsWith(prefix)) {
                try {
                    return Files.size(out.resolve(n)) >= size;
                } catch (java.nio.file.NoSuchFileException gone) {
                    return true;
                }
            }
        }
        return false;
    }

    @Test
    void killedWritesLeaveNoPartialPackageAndTheNextWriteIsIdentical() throws Exception {
        Path in = tmp.resolve("in");
        inputs(in, 42);
        Path ref = tmp.resolve("ref/big.deb");
        long t0 = System.nanoTime();
        writer(DebLog.SILENT).write(ref, control("big"), Map.of(), entries(in));
        long refMillis = (System.nanoTime() - t0) / 1_000_000;
        byte[] refBytes = Files.readAllBytes(ref);

        Path out = Files.createDirectories(tmp.resolve("out"));
        Path target = out.resolve("big.deb");
        byte[] previous = "an older good package".getBytes(StandardCharsets.US_ASCII);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        long seed = 8L; // the kill points are random but repeatable
        Random random = new Random(seed);
        int rounds = 8;
        int midWrite = 0;
        int finished = 0;
        int staleSeen = 0;
        for (int round = 0; round < rounds; round++) {
            boolean withPrevious = round % 2 == 1;
            Files.deleteIfExists(target);
            if (withPrevious) {
                Files.write(target, previous);
            }
            Process p = new ProcessBuilder(java, "-Xmx128m", "-cp", System.getProperty("java.class.path"),
                    Child.class.getName(), in.toString(), target.toString())
                    .redirectErrorStream(true).redirectOutput(tmp.resolve("child-" + round + ".log").toFile()).start();
            // wait for the JVM to be up ...
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!Files.readString(tmp.resolve("child-" + round + ".log")).contains("started")) {
                if (System.nanoTime() > deadline || !p.isAlive()) {
                    fail("child did not start: " + Files.readString(tmp.resolve("child-" + round + ".log")));
                }
                Thread.sleep(5);
            }
            // ... then at a random point of the write, by progress rather than by clock (the machine may be loaded):
            // when data.tar has reached a random fraction of its size, or (every fourth round) while the ar is written
            String data = ".big.deb.data." + p.pid() + "-";
            String ar = ".big.deb.deb." + p.pid() + "-";
            boolean inAr = round % 4 == 3;
            long at = (long) (random.nextDouble() * FILES * FILE_BYTES);
            String point = inAr ? "while writing the ar" : "at data.tar byte " + at;
            while (p.isAlive() && !reached(out, inAr ? ar : data, inAr ? 0 : at)) {
                if (System.nanoTime() > deadline) {
                    fail("child did not get there: " + point);
                }
                Thread.sleep(1);
            }
            boolean wasAlive = p.isAlive();
            p.destroyForcibly(); // SIGKILL on Linux
            assertTrue(p.waitFor(30, TimeUnit.SECONDS));
            List<String> left = names(out);
            List<String> temps = left.stream().filter(n -> n.startsWith(".big.deb.") && n.endsWith(".tmp")).toList();
            if (!temps.isEmpty()) {
                midWrite++;
                staleSeen += temps.size();
            }
            if (Files.exists(target)) {
                byte[] now = Files.readAllBytes(target);
                boolean complete = Arrays.equals(now, refBytes);
                if (complete) {
                    finished++;
                }
                assertTrue(complete || (withPrevious && Arrays.equals(now, previous)),
                        "round " + round + " (killed " + point + "): the final name holds neither the previous "
                                + "package nor the complete new one, but " + now.length + " other bytes");
            }
            assertEquals(left.size(), temps.size() + (Files.exists(target) ? 1 : 0), left.toString());
            System.out.printf("[InterruptedWriteTest] round %d: killed %s %s; left %s%n", round,
                    wasAlive ? "while writing," : "after it finished, aiming", point, left);
        }
        // the next write: succeeds, removes what killed writers left, and is byte-identical to the clean one
        boolean leftBefore = names(out).stream().anyMatch(n -> n.endsWith(".tmp"));
        List<String> infos = new ArrayList<>();
        writer(new DebLog() {
            @Override public void debug(String m) { }
            @Override public void info(String m) { infos.add(m); }
            @Override public void warn(String m) { }
        }).write(target, control("big"), Map.of(), entries(in));
        assertArrayEquals(refBytes, Files.readAllBytes(target));
        assertEquals(List.of("big.deb"), names(out), "stale temporary files were removed");
        if (leftBefore) { // (a later killed writer may already have removed earlier leftovers)
            assertTrue(infos.stream().anyMatch(m -> m.contains("interrupted earlier build")), infos.toString());
        }
        System.out.printf("[InterruptedWriteTest] seed %d: %d kills, %d mid-write (%d temp files seen, all removed by the next write), "
                + "%d after completion; clean write %d ms%n", seed, rounds, midWrite, staleSeen, finished, refMillis);
        assertTrue(midWrite >= rounds - 1, "kills should land inside the write (" + midWrite + ")");
    }

    /** Temporary files of a live process (a concurrent writer of the same target) are never touched. */
    @Test
    void temporaryFilesOfALiveProcessAreLeftAlone() throws Exception {
        Path out = Files.createDirectories(tmp.resolve("out"));
        long live = ProcessHandle.current().parent().orElseThrow().pid();
        Path theirs = Files.writeString(out.resolve(".big.deb.data." + live + "-abc.tmp"), "busy");
        Path dead = Files.writeString(out.resolve(".big.deb.deb.999999999-abc.tmp"), "stale");
        Path other = Files.writeString(out.resolve(".other.deb.data.999999999-abc.tmp"), "not ours to judge");
        Path foreign = Files.writeString(out.resolve(".big.deb.notes.tmp"), "not our pattern");
        writer(DebLog.SILENT).write(out.resolve("big.deb"), control("big"), Map.of(),
                List.of(DebEntry.file("usr/share/x", Content.of(new byte[] {1}, "x"))));
        assertTrue(Files.exists(theirs));
        assertFalse(Files.exists(dead));
        assertTrue(Files.exists(other));
        assertTrue(Files.exists(foreign));
    }

    /** A full disk (a 2 MiB tmpfs as the output directory): a clear error, nothing left, the older package intact. */
    @Test
    void aFullDiskIsAClearErrorAndLeavesNothing() throws Exception {
        io.github.jpackagedeb.core.testing.ExternalTools.requireRoot("to mount a small tmpfs (a full disk)");
        Path in = tmp.resolve("in");
        inputs(in, 7);
        Path mnt = Files.createDirectories(tmp.resolve("small"));
        Tools.Result m = Tools.run(null, "mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", mnt.toString());
        Assumptions.assumeTrue(m.exit() == 0 || "true".equals(System.getenv("CI")), "cannot mount tmpfs: " + m.stderr());
        assertEquals(0, m.exit(), m.stderr());
        try {
            Path target = mnt.resolve("big.deb");
            writer(DebLog.SILENT).write(target, control("big"), Map.of(),
                    List.of(DebEntry.file("usr/share/x", Content.of(new byte[] {1}, "x"))));
            byte[] older = Files.readAllBytes(target);
            IOException e = assertThrows(IOException.class,
                    () -> writer(DebLog.SILENT).write(target, control("big"), Map.of(), entries(in)));
            assertTrue(String.valueOf(e.getMessage()).contains("No space left on device"), e.toString());
            assertEquals(List.of("big.deb"), names(mnt), "only the older package is left");
            assertArrayEquals(older, Files.readAllBytes(target));
            Files.delete(target);
            assertThrows(IOException.class,
                    () -> writer(DebLog.SILENT).write(target, control("big"), Map.of(), entries(in)));
            assertEquals(List.of(), names(mnt), "nothing left");
        } finally {
            Tools.run(null, "umount", mnt.toString());
        }
    }
}
