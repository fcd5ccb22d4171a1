package io.github.jpackagedeb.cli;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code make-deb flamegraph}: the wiring to core, the output and the exit codes, on one real recording. */
class FlameGraphCommandTest {

    @TempDir
    static Path shared;

    static Path recording;

    @TempDir
    Path dir;

    /** A child JVM runs a busy loop for 1.5 s under -XX:StartFlightRecording (the source-file launcher compiles it). */
    @BeforeAll
    static void record() throws Exception {
        Path src = shared.resolve("Busy.java");
        Files.writeString(src, """
                public class Busy {
                    static volatile long sink;
                    public static void main(String[] a) {
                        long end = System.nanoTime() + 1_500_000_000L;
                        while (System.nanoTime() < end) sink += busyWork(10_000);
                    }
                    static long busyWork(int n) {
                        long s = 0;
                        for (int i = 1; i < n; i++) s += Long.numberOfTrailingZeros(i * 31L + s) % 7;
                        return s;
                    }
                }
                """);
        recording = shared.resolve("service.jfr");
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process p = new ProcessBuilder(java.toString(), "-XX:StartFlightRecording=filename=" + recording
                + ",settings=profile", src.toString())
                .redirectErrorStream(true).redirectOutput(shared.resolve("busy.log").toFile()).start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), () -> Files.exists(shared.resolve("busy.log")) ? read(shared.resolve("busy.log")) : "");
    }

    static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (java.io.IOException e) {
            return e.toString();
        }
    }

    @Test
    void writesTheHtmlAndTheCollapsedStacksAndSaysHowManySamples() throws Exception {
        Path base = dir.resolve("flame");
        Cli.Run r = Cli.run("flamegraph", recording.toString(), "-o", base.toString());
        assertEquals(0, r.exit(), r::toString);
        assertEquals(dir.resolve("flame.html") + "\n" + dir.resolve("flame.collapsed") + "\n", r.out().replace("\r", ""));
        assertTrue(r.err().matches("(?s)\\d+ CPU samples from 1 recording, \\d+ distinct stacks?\\.\\R"), r.err());
        assertTrue(Files.readString(dir.resolve("flame.collapsed")).contains("Busy.busyWork"));
        assertTrue(Files.readString(dir.resolve("flame.html")).contains("busyWork"));

        // a directory as -o, a title, a window: same command, other names
        Cli.Run d = Cli.run("flamegraph", shared.toString(), "-o", dir.toString(), "--title", "Busy <1>", "--from", "0s",
                "--to", "1h", "-q");
        assertEquals(0, d.exit(), d::toString);
        assertEquals("", d.err());
        assertTrue(Files.readString(dir.resolve("flamegraph.html")).contains("<h1>Busy &lt;1&gt;</h1>"));
        assertTrue(Files.exists(dir.resolve("flamegraph.collapsed")));
    }

    @Test
    void badInputIsAFailureAndABadOptionAUsageError() throws Exception {
        Cli.Run missing = Cli.run("flamegraph", dir.resolve("nope.jfr").toString(), "-o", dir.resolve("f").toString());
        assertEquals(1, missing.exit(), missing::toString);
        assertTrue(missing.err().startsWith("make-deb: the recording '" + dir.resolve("nope.jfr") + "': does not exist.\n"
                + "  Fix: give a .jfr file"), missing.err());

        Path empty = Files.createDirectories(dir.resolve("profiles"));
        Cli.Run none = Cli.run("flamegraph", empty.toString(), "-o", dir.resolve("f").toString());
        assertEquals(1, none.exit(), none::toString);
        assertTrue(none.err().contains("holds no *.jfr file"), none.err());

        Path garbage = dir.resolve("x.jfr");
        Files.writeString(garbage, "garbage");
        Cli.Run notJfr = Cli.run("flamegraph", garbage.toString(), "-o", dir.resolve("f").toString());
        assertEquals(1, notJfr.exit(), notJfr::toString);
        assertTrue(notJfr.err().contains("is not a JDK Flight Recorder recording"), notJfr.err());

        Path half = dir.resolve("half.jfr");
        byte[] all = Files.readAllBytes(recording);
        Files.write(half, Arrays.copyOf(all, all.length / 2));
        Cli.Run cut = Cli.run("flamegraph", half.toString(), recording.toString(), "-o", dir.resolve("f").toString());
        assertEquals(0, cut.exit(), cut::toString);
        assertTrue(cut.err().startsWith("warning: " + half + ": cut short before the end of its first chunk"), cut.err());

        Cli.Run event = Cli.run("flamegraph", recording.toString(), "--event", "cycles", "-o", dir.resolve("g").toString());
        assertEquals(2, event.exit(), event::toString);
        assertTrue(event.err().startsWith("make-deb: --event 'cycles': is not an event a flame graph can show; the events "
                + "are cpu, alloc, lock, wall."), event.err());

        Cli.Run window = Cli.run("flamegraph", recording.toString(), "--from", "10m", "--to", "5m", "-o",
                dir.resolve("g").toString());
        assertEquals(2, window.exit(), window::toString);
        assertTrue(window.err().startsWith("make-deb: --from '10m': is not before to '5m'"), window.err());

        Cli.Run late = Cli.run("flamegraph", recording.toString(), "--from", "10h", "-o", dir.resolve("g").toString());
        assertEquals(1, late.exit(), late::toString);
        assertTrue(late.err().startsWith("make-deb: the window (--from/--to) '10h to the end': no CPU samples"), late.err());

        Cli.Run noArgs = Cli.run("flamegraph");
        assertEquals(2, noArgs.exit(), noArgs::toString);
        assertFalse(Files.exists(dir.resolve("g.html")) || Files.exists(dir.resolve("g.collapsed")));
    }

    @Test
    void hasHelp() {
        Cli.Run top = Cli.run("--help");
        assertTrue(top.out().contains("  flamegraph "), top.out());
        Cli.Run h = Cli.run("flamegraph", "--help");
        assertEquals(0, h.exit());
        assertTrue(h.out().startsWith("Usage: make-deb flamegraph"), h.out());
        assertTrue(h.out().contains("--event=EVENT") && h.out().contains("Exit codes: 0"), h.out());
    }
}
