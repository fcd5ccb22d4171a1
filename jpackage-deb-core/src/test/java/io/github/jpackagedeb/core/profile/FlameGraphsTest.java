package io.github.jpackagedeb.core.profile;

import io.github.jpackagedeb.core.Setting;
import io.github.jpackagedeb.core.testing.Integration;

import io.github.jpackagedeb.core.DebException;
import io.github.jpackagedeb.core.DebLog;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.tools.ToolProvider;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Real recordings: two child JVMs run HotLoop (src/test/resources/profile) under -XX:StartFlightRecording for two
 * seconds each, at the same time; every test reads those files or copies of them cut short or spoilt.
 */
@Integration
class FlameGraphsTest {

    @TempDir
    static Path shared;

    static Path a;
    static Path b;
    /** a's chunk followed by b's: a recording of two chunks, as a JVM writes after a chunk rotation. */
    static Path twoChunks;

    @TempDir
    Path dir;

    @BeforeAll
    static void record() throws Exception {
        Path src = Path.of(FlameGraphsTest.class.getResource("/profile/HotLoop.java").toURI());
        Path classes = Files.createDirectories(shared.resolve("classes"));
        int rc = ToolProvider.getSystemJavaCompiler().run(null, null, null, "-d", classes.toString(), src.toString());
        assertEquals(0, rc, "javac HotLoop.java");
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Path recordings = Files.createDirectories(shared.resolve("recordings"));
        a = recordings.resolve("a.jfr");
        b = recordings.resolve("b.jfr");
        List<Process> ps = new ArrayList<>();
        for (Path jfr : List.of(a, b)) {
            ps.add(new ProcessBuilder(java.toString(), "-Xmx64m",
                    "-XX:StartFlightRecording=filename=" + jfr + ",settings=profile,duration=2s",
                    "-cp", classes.toString(), "HotLoop", "2300")
                    .redirectErrorStream(true)
                    .redirectOutput(shared.resolve(jfr.getFileName() + ".log").toFile())
                    .start());
        }
        for (Process p : ps) {
            assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the recorded JVM did not end");
            assertEquals(0, p.exitValue(), () -> logs());
        }
        assertTrue(Files.size(a) > 1000 && Files.size(b) > 1000, FlameGraphsTest::logs);
        twoChunks = shared.resolve("two-chunks.jfr");
        Files.write(twoChunks, concat(Files.readAllBytes(a), Files.readAllBytes(b)));
    }

    private static String logs() {
        try (Stream<Path> s = Files.list(shared)) {
            StringBuilder sb = new StringBuilder();
            for (Path l : s.filter(p -> p.toString().endsWith(".log")).toList()) {
                sb.append(l.getFileName()).append(":\n").append(Files.readString(l));
            }
            return sb.toString();
        } catch (IOException e) {
            return e.toString();
        }
    }

    /** Collects warnings. */
    static final class Log implements DebLog {
        final List<String> warnings = new ArrayList<>();

        @Override public void debug(String message) { }
        @Override public void info(String message) { }
        @Override public void warn(String message) {
            warnings.add(message);
        }
    }

    private FlameGraphs.Result render(FlameGraphRequest.Builder b, Log log) {
        return FlameGraphs.render(b.outputBase(dir.resolve("out/flame")).build(), log);
    }

    private FlameGraphs.Result render(Path... inputs) {
        return render(FlameGraphRequest.builder().inputs(List.of(inputs)), new Log());
    }

    private String collapsed() throws IOException {
        return Files.readString(dir.resolve("out/flame.collapsed"));
    }

    private static long sum(String collapsed) {
        return collapsed.lines().mapToLong(l -> Long.parseLong(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }

    @Test
    void oneRecordingNamesTheHotMethodInBothOutputs() throws IOException {
        FlameGraphs.Result r = render(a);
        String collapsed = collapsed();
        assertTrue(r.samples() > 20, "samples: " + r.samples());
        assertEquals(r.samples(), sum(collapsed));
        assertTrue(collapsed.lines().allMatch(l -> l.matches("\\S.* \\d+")), collapsed);
        assertTrue(collapsed.lines().anyMatch(l -> l.startsWith("HotLoop.main") && l.contains(";HotLoop.spinPrimes")),
                collapsed);
        // the hot method holds most of the samples
        long hot = collapsed.lines().filter(l -> l.contains("HotLoop.spinPrimes"))
                .mapToLong(l -> Long.parseLong(l.substring(l.lastIndexOf(' ') + 1))).sum();
        assertTrue(hot * 2 > r.samples(), hot + " of " + r.samples() + "\n" + collapsed);
        String html = Files.readString(dir.resolve("out/flame.html"));
        assertTrue(html.startsWith("<!DOCTYPE html>"), html.substring(0, 100));
        assertTrue(html.contains("spinPrimes") && html.contains("<h1>CPU samples</h1>"), html);
        assertEquals(List.of(a), r.recordings().stream().map(FlameGraphs.Recording::file).toList());
        assertFalse(r.recordings().get(0).truncated());
        try (Stream<Path> s = Files.list(dir.resolve("out"))) {
            assertEquals(List.of("flame.collapsed", "flame.html"), s.map(p -> p.getFileName().toString()).sorted().toList());
        }
    }

    @Test
    void cpuLeavesOutThreadsInNativeCodeAndWallKeepsThem() throws IOException {
        render(FlameGraphRequest.builder().input(a).event(ProfileEvent.WALL), new Log());
        String wall = collapsed();
        render(FlameGraphRequest.builder().input(a).event(ProfileEvent.CPU), new Log());
        String cpu = collapsed();
        assertTrue(wall.contains("accept"), wall);
        assertFalse(cpu.contains("accept"), cpu);
        assertTrue(sum(wall) > sum(cpu));
    }

    @Test
    void allocationSamplesNameTheAllocatingMethod() throws IOException {
        FlameGraphs.Result r = render(FlameGraphRequest.builder().input(a).event(ProfileEvent.ALLOC), new Log());
        String collapsed = collapsed();
        assertTrue(r.samples() > 0);
        assertTrue(collapsed.contains("HotLoop.allocate"), collapsed);
        assertTrue(Files.readString(dir.resolve("out/flame.html")).contains("<h1>Allocation samples</h1>"));
    }

    @Test
    void filesAndDirectoriesMergeAndTheCountsAddUp() throws IOException {
        long ca = render(a).samples();
        long cb = render(b).samples();
        FlameGraphs.Result ab = render(a, b);
        assertEquals(ca + cb, ab.samples());
        byte[] abCollapsed = Files.readAllBytes(dir.resolve("out/flame.collapsed"));
        byte[] abHtml = Files.readAllBytes(dir.resolve("out/flame.html"));
        assertEquals(ca + cb, sum(new String(abCollapsed, StandardCharsets.UTF_8)));

        // the same recordings in another order, or found in directories (hosts' files collected together), give the
        // same bytes
        render(b, a);
        assertArrayEquals(abCollapsed, Files.readAllBytes(dir.resolve("out/flame.collapsed")));
        assertArrayEquals(abHtml, Files.readAllBytes(dir.resolve("out/flame.html")));
        Path hosts = dir.resolve("hosts");
        Files.createDirectories(hosts.resolve("web1"));
        Files.createDirectories(hosts.resolve("web2/old"));
        Files.copy(a, hosts.resolve("web1/a.jfr"));
        Files.copy(b, hosts.resolve("web2/old/b.jfr"));
        Files.writeString(hosts.resolve("web1/notes.txt"), "not a recording, not read");
        FlameGraphs.Result fromDir = render(hosts, hosts.resolve("web1/a.jfr"));
        assertEquals(2, fromDir.recordings().size(), "a file given twice is read once");
        assertEquals(ca + cb, fromDir.samples());
        assertArrayEquals(abCollapsed, Files.readAllBytes(dir.resolve("out/flame.collapsed")));

        // a recording of two chunks holds both
        assertEquals(ca + cb, render(twoChunks).samples());
        assertEquals(2, render(twoChunks).recordings().get(0).chunks());
    }

    @Test
    void aTimeWindowChangesTheCounts() throws IOException {
        long all = render(a).samples();
        FlameGraphs.Result first = render(FlameGraphRequest.builder().input(a).to(WindowBound.parse(Setting.TO, "1s")),
                new Log());
        FlameGraphs.Result rest = render(FlameGraphRequest.builder().input(a).from(WindowBound.parse(Setting.FROM,
                "1s")), new Log());
        assertTrue(first.samples() > 0 && first.samples() < all, first.samples() + " of " + all);
        assertTrue(rest.samples() > 0 && rest.samples() < all, rest.samples() + " of " + all);
        assertTrue(Files.readString(dir.resolve("out/flame.html")).contains("<h1>CPU samples from 1s to the end</h1>"));

        DebException outside = assertThrows(DebException.class, () -> render(FlameGraphRequest.builder().input(a)
                .from(WindowBound.parse(Setting.FROM, "2100-01-01T00:00:00Z")), new Log()));
        assertEquals("window", outside.field());
        assertEquals("2100-01-01T00:00:00Z to the end", outside.value());
        assertTrue(outside.problem().startsWith("no CPU samples (jdk.ExecutionSample) in this window: the recording cover"),
                outside.problem());
    }

    @Test
    void aRecordingCutAfterItsFirstChunkIsReadUpToThereWithAWarning() throws IOException {
        long ca = render(a).samples();
        byte[] two = Files.readAllBytes(twoChunks);
        int boundary = (int) Files.size(a);
        int cut = boundary + 1 + new Random(7).nextInt((int) Files.size(b) - 2);
        Path truncated = dir.resolve("cut.jfr");
        Files.write(truncated, Arrays.copyOf(two, cut));
        Log log = new Log();
        FlameGraphs.Result r = render(FlameGraphRequest.builder().input(truncated), log);
        assertEquals(ca, r.samples());
        assertTrue(r.recordings().get(0).truncated());
        assertEquals(1, log.warnings.size(), log.warnings.toString());
        assertEquals(truncated + ": the recording is cut short; read 1 whole chunk, " + boundary + " of " + cut
                + " bytes (" + (boundary * 100L / cut) + "%); the rest is left out.", log.warnings.get(0));

        // cut inside the second chunk's header: the same
        Files.write(truncated, Arrays.copyOf(two, boundary + 10));
        Log log2 = new Log();
        assertEquals(ca, render(FlameGraphRequest.builder().input(truncated), log2).samples());
        assertEquals(1, log2.warnings.size());

        // cut exactly at the chunk boundary: a whole recording of one chunk, nothing to warn about
        Files.write(truncated, Arrays.copyOf(two, boundary));
        Log log3 = new Log();
        assertEquals(ca, render(FlameGraphRequest.builder().input(truncated), log3).samples());
        assertEquals(List.of(), log3.warnings);
    }

    @Test
    void aRecordingCutInsideItsOnlyChunkIsAClearErrorAndWritesNothing() throws IOException {
        Path truncated = dir.resolve("half.jfr");
        byte[] all = Files.readAllBytes(a);
        Files.write(truncated, Arrays.copyOf(all, 1 + new Random(11).nextInt(all.length - 1)));
        DebException e = assertThrows(DebException.class, () -> render(truncated));
        assertEquals("recording", e.field());
        assertEquals(truncated.toString(), e.value());
        assertTrue(e.problem().contains("cut short before the end of the first chunk"), e.problem());
        assertFalse(Files.exists(dir.resolve("out")), "no output, not even a temporary file");

        // next to a readable recording: that one is used, this one is named in a warning
        Log log = new Log();
        FlameGraphs.Result r = render(FlameGraphRequest.builder().input(truncated).input(b), log);
        assertEquals(1, r.recordings().size());
        assertEquals(1, log.warnings.size());
        assertTrue(log.warnings.get(0).startsWith(truncated + ": cut short before the end of its first chunk"),
                log.warnings.toString());
    }

    @Test
    void aFileThatIsNotARecordingIsAnErrorAndLeavesTheOldOutputAlone() throws IOException {
        render(a);
        byte[] before = Files.readAllBytes(dir.resolve("out/flame.html"));
        Path garbage = dir.resolve("garbage.jfr");
        Files.write(garbage, "this is not a flight recording, just text".repeat(100).getBytes(StandardCharsets.UTF_8));
        DebException e = assertThrows(DebException.class, () -> render(b, garbage));
        assertEquals("recording", e.field());
        assertEquals(garbage.toString(), e.value());
        assertEquals("is not a JDK Flight Recorder recording (it does not start with FLR).", e.problem());
        assertArrayEquals(before, Files.readAllBytes(dir.resolve("out/flame.html")));
        try (Stream<Path> s = Files.list(dir.resolve("out"))) {
            assertEquals(2, s.count(), "no temporary file left");
        }

        // the magic and then damage inside a whole chunk: corrupt
        byte[] spoilt = Files.readAllBytes(a);
        Random random = new Random(3);
        for (int i = 200; i < spoilt.length; i += 1 + random.nextInt(64)) {
            spoilt[i] = (byte) random.nextInt();
        }
        Files.write(garbage, spoilt);
        DebException c = assertThrows(DebException.class, () -> render(garbage));
        assertEquals(garbage.toString(), c.value());
        assertTrue(c.problem().startsWith("is corrupt, jfr-converter cannot read it"), c.problem());
    }

    @Test
    void missingFilesEmptyDirectoriesAndBadOptionsAreClearErrors() throws IOException {
        Path missing = dir.resolve("nope.jfr");
        DebException m = assertThrows(DebException.class, () -> render(missing));
        assertEquals(missing.toString(), m.value());
        assertEquals("does not exist.", m.problem());

        Path empty = Files.createDirectories(dir.resolve("profiles/sub"));
        Files.writeString(empty.resolve("readme.txt"), "no recordings here");
        DebException d = assertThrows(DebException.class, () -> render(dir.resolve("profiles")));
        assertEquals(dir.resolve("profiles").toString(), d.value());
        assertTrue(d.problem().startsWith("holds no *.jfr file"), d.problem());

        DebException ev = assertThrows(DebException.class, () -> ProfileEvent.parse("cpu-time"));
        assertEquals("event", ev.field());
        assertEquals("cpu-time", ev.value());
        assertTrue(ev.problem().endsWith("the events are cpu, alloc, lock, wall."), ev.problem());
        assertEquals(ProfileEvent.ALLOC, ProfileEvent.parse("ALLOC"));

        DebException order = assertThrows(DebException.class, () -> FlameGraphRequest.builder().input(a)
                .from(WindowBound.parse(Setting.FROM, "5m")).to(WindowBound.parse(Setting.TO,
                "1m")).outputBase(dir.resolve("x")).build());
        assertEquals("from", order.field());
        assertTrue(order.problem().startsWith("is not before to '1m'"), order.problem());
        DebException instants = assertThrows(DebException.class, () -> FlameGraphRequest.builder().input(a)
                .from(WindowBound.parse(Setting.FROM, "2026-11-26T10:00:00Z"))
                .to(WindowBound.parse(Setting.TO, "2026-11-26T10:00:00+01:00")).outputBase(dir.resolve("x")).build());
        assertEquals("from", instants.field());
        DebException bad = assertThrows(DebException.class, () -> WindowBound.parse(Setting.TO, "yesterday"));
        assertEquals("yesterday", bad.value());
        assertEquals(90_000, WindowBound.parse(Setting.FROM, "1m30s").offset().toMillis());
        assertEquals(600_000, WindowBound.parse(Setting.FROM, "PT10M").offset().toMillis());
        assertEquals(500, WindowBound.parse(Setting.FROM, "500ms").offset().toMillis());
        assertTrue(WindowBound.parse(Setting.FROM, "2026-11-26T10:00:00Z").absolute());

        // no samples at all for the event: say so
        DebException none = assertThrows(DebException.class,
                () -> render(FlameGraphRequest.builder().input(a).event(ProfileEvent.LOCK), new Log()));
        assertEquals("event", none.field());
        assertTrue(none.problem().startsWith("no lock samples"), none.problem());
        assertFalse(Files.exists(dir.resolve("out/flame.html")));
    }

    private static byte[] concat(byte[] x, byte[] y) {
        byte[] r = Arrays.copyOf(x, x.length + y.length);
        System.arraycopy(y, 0, r, x.length, y.length);
        return r;
    }
}
