package io.github.jpackagedeb.core.profile;

import io.github.jpackagedeb.core.DebException;
import io.github.jpackagedeb.core.DebLog;
import io.github.jpackagedeb.core.Setting;
import one.convert.Arguments;
import one.convert.FlameGraph;
import one.convert.Frame;
import one.convert.JfrToFlame;
import one.jfr.JfrReader;
import one.jfr.StackTrace;
import one.jfr.event.Event;
import one.jfr.event.EventCollector;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Turns JDK Flight Recorder recordings into a flame graph with async-profiler's jfr-converter: each recording is
 * converted to collapsed stacks, the stacks of all recordings are added up (the same stack in two recordings counts
 * the samples of both), and the sum is written as collapsed stacks ({@code frame;frame;frame count}, sorted, as
 * flamegraph.pl and speedscope read them) and rendered as the converter's interactive HTML page. The same
 * recordings give the same bytes, whatever order they are given in.
 *
 * <p>A recording cut short (a copy made while the JVM was writing it) is read up to its last whole chunk, with a
 * warning; a file that is not a recording, or is corrupt inside a whole chunk, is an error.
 */
public final class FlameGraphs {

    private FlameGraphs() {
    }

    /**
     * What one recording gave.
     *
     * @param file      the recording
     * @param samples   samples it added to the graph
     * @param chunks    whole chunks read
     * @param readBytes bytes read (the whole chunks)
     * @param size      the file's size; larger than {@code readBytes} when the recording is cut short
     */
    public record Recording(Path file, long samples, int chunks, long readBytes, long size) {
        public boolean truncated() {
            return readBytes < size;
        }
    }

    /**
     * What {@link #render} wrote.
     *
     * @param recordings every recording read, in path order
     * @param samples    samples in the graph, over all recordings
     * @param stacks     distinct stacks
     * @param html       the HTML page, or null
     * @param collapsed  the collapsed stacks, or null
     */
    public record Result(List<Recording> recordings, long samples, int stacks, Path html, Path collapsed) {
    }

    /** Reads the recordings, adds up their stacks and writes the outputs (each one whole, or not at all). */
    public static Result render(FlameGraphRequest request, DebLog log) {
        List<Path> files = findRecordings(request.inputs());
        Map<String, Long> stacks = new TreeMap<>();
        List<Recording> recordings = new ArrayList<>();
        List<Path> unreadable = new ArrayList<>();
        Instant earliest = null;
        Instant latest = null;
        for (Path f : files) {
            Read r = read(f, request);
            if (r == null) {
                unreadable.add(f);
                continue;
            }
            long n = 0;
            for (Map.Entry<String, Long> e : r.stacks.entrySet()) {
                stacks.merge(e.getKey(), e.getValue(), Long::sum);
                n += e.getValue();
            }
            Recording rec = new Recording(f, n, r.scan.chunks(), r.scan.readable(), r.scan.size());
            recordings.add(rec);
            earliest = earliest == null || r.start.isBefore(earliest) ? r.start : earliest;
            latest = latest == null || r.end.isAfter(latest) ? r.end : latest;
            if (rec.truncated()) {
                log.warn(f + ": the recording is cut short; read " + rec.chunks() + " whole chunk"
                        + (rec.chunks() == 1 ? "" : "s") + ", " + rec.readBytes() + " of " + rec.size() + " bytes ("
                        + percent(rec.readBytes(), rec.size()) + "); the rest is left out.");
            }
            log.debug(f + ": " + n + " " + request.event().title() + " in " + rec.chunks() + " chunk"
                    + (rec.chunks() == 1 ? "" : "s"));
        }
        if (recordings.isEmpty()) {
            Path f = unreadable.get(0);
            throw new DebException(Setting.RECORDING, f.toString(), (unreadable.size() == 1 ? "is" : "and the "
                    + (unreadable.size() - 1) + " other recording(s) found are")
                    + " cut short before the end of the first chunk, so nothing in it can be read.",
                    "copy the recording again once the JVM has closed it (JFR completes a chunk when it rotates it, "
                            + "or when the recording stops or is dumped with jcmd <pid> JFR.dump).");
        }
        for (Path f : unreadable) {
            log.warn(f + ": cut short before the end of its first chunk (a recording still being written?); nothing "
                    + "read from it.");
        }
        long total = stacks.values().stream().mapToLong(Long::longValue).sum();
        if (total == 0) {
            throw noSamples(request, recordings, earliest, latest);
        }
        StringBuilder collapsedText = new StringBuilder();
        stacks.forEach((s, c) -> {
            if (c > 0) {
                collapsedText.append(s).append(' ').append(c).append('\n');
            }
        });
        byte[] collapsedBytes = collapsedText.toString().getBytes(StandardCharsets.UTF_8);
        byte[] htmlBytes = request.html() == null ? null : html(collapsedText.toString(), request.title());
        List<Path[]> moves = new ArrayList<>();
        try {
            if (request.collapsed() != null) {
                moves.add(new Path[] {temp(request.collapsed(), collapsedBytes), request.collapsed()});
            }
            if (htmlBytes != null) {
                moves.add(new Path[] {temp(request.html(), htmlBytes), request.html()});
            }
            for (Path[] m : moves) {
                move(m[0], m[1]);
            }
        } finally {
            for (Path[] m : moves) {
                try {
                    Files.deleteIfExists(m[0]);
                } catch (IOException e) {
                    log.warn("cannot remove the temporary file " + m[0] + ": " + e.getMessage());
                }
            }
        }
        return new Result(List.copyOf(recordings), total, (int) stacks.values().stream().filter(c -> c > 0).count(),
                request.html(), request.collapsed());
    }

    /**
     * The recordings named by {@code inputs}: files as given, directories searched recursively for {@code *.jfr};
     * sorted by path, each once.
     */
    public static List<Path> findRecordings(List<Path> inputs) {
        Map<Path, Path> found = new TreeMap<>();
        for (Path in : inputs) {
            if (Files.isDirectory(in)) {
                List<Path> jfrs;
                try (Stream<Path> s = Files.walk(in)) {
                    jfrs = s.filter(p -> p.getFileName().toString().endsWith(".jfr") && Files.isRegularFile(p)).toList();
                } catch (IOException | UncheckedIOException e) {
                    throw new DebException(Setting.RECORDING, in.toString(), "cannot be searched: " + e.getMessage(),
                            "check the directory's permissions (recordings of a service belong to its user: run as "
                                    + "that user or as root).", e);
                }
                if (jfrs.isEmpty()) {
                    throw new DebException(Setting.RECORDING, in.toString(), "holds no *.jfr file (searched with its "
                            + "subdirectories).", "give the directory the recordings are written to (e.g. "
                            + "/var/lib/<pkg>/profiles, once profiling is on and the service has run), or .jfr files.");
                }
                jfrs.forEach(p -> found.putIfAbsent(p.toAbsolutePath().normalize(), p));
            } else if (Files.isRegularFile(in)) {
                found.putIfAbsent(in.toAbsolutePath().normalize(), in);
            } else if (Files.exists(in)) {
                throw new DebException(Setting.RECORDING, in.toString(), "is neither a file nor a directory.",
                        "give a .jfr file or a directory of them.");
            } else {
                throw new DebException(Setting.RECORDING, in.toString(), "does not exist.",
                        "give a .jfr file or a directory of them, e.g. /var/lib/<pkg>/profiles.");
            }
        }
        return List.copyOf(found.values());
    }

    /** One recording's stacks, or null when not even its first chunk is whole. */
    private record Read(Map<String, Long> stacks, JfrChunks.Scan scan, Instant start, Instant end) {
    }

    private static Read read(Path f, FlameGraphRequest request) {
        JfrChunks.Scan scan;
        try {
            scan = JfrChunks.scan(f);
        } catch (NoSuchFileException e) {
            throw new DebException(Setting.RECORDING, f.toString(), "does not exist.",
                    "give a .jfr file or a directory of them.", e);
        } catch (IOException e) {
            throw new DebException(Setting.RECORDING, f.toString(), "cannot be read: " + e.getMessage(),
                    "check the file's permissions (recordings of a service belong to its user: run as that user or "
                            + "as root).", e);
        }
        if (!scan.jfr()) {
            throw new DebException(Setting.RECORDING, f.toString(),
                    scan.size() == 0 ? "is empty, not a JDK Flight Recorder "
                    + "recording." : "is not a JDK Flight Recorder recording (it does not start with FLR).",
                    "give .jfr files written by the JVM (-XX:StartFlightRecording, or jcmd <pid> JFR.dump).");
        }
        if (scan.chunks() == 0) {
            return null;
        }
        Arguments args = converterArguments(request);
        try (JfrReader jfr = scan.complete() ? new JfrReader(f.toString()) : new JfrReader(map(f, scan.readable()))) {
            Converter c = new Converter(jfr, args);
            c.convert();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            c.dump(out);
            Map<String, Long> stacks = new LinkedHashMap<>();
            for (String line : out.toString(StandardCharsets.UTF_8).split("\n")) {
                int space = line.lastIndexOf(' ');
                if (space > 0) {
                    stacks.merge(line.substring(0, space), Long.parseLong(line.substring(space + 1)), Long::sum);
                }
            }
            return new Read(stacks, scan, instant(jfr.startNanos), instant(jfr.endNanos));
        } catch (IOException | RuntimeException e) {
            throw new DebException(Setting.RECORDING, f.toString(), "is corrupt, jfr-converter cannot read it: "
                    + (e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName()),
                    "give the recording as the JVM wrote it (copy it again; a half-written copy is read up to its last "
                            + "whole chunk, a damaged one is not), or leave it out.", e);
        }
    }

    private static Instant instant(long epochNanos) {
        return Instant.ofEpochSecond(Math.floorDiv(epochNanos, 1_000_000_000L), Math.floorMod(epochNanos, 1_000_000_000L));
    }

    private static MappedByteBuffer map(Path f, long bytes) throws IOException {
        if (bytes > Integer.MAX_VALUE) {
            throw new IOException("the readable part of a cut-short recording is larger than 2 GiB");
        }
        try (FileChannel ch = FileChannel.open(f, StandardOpenOption.READ)) {
            return ch.map(FileChannel.MapMode.READ_ONLY, 0, bytes);
        }
    }

    private static Arguments converterArguments(FlameGraphRequest request) {
        Arguments a = new Arguments();
        a.output = "collapsed";
        a.dot = true; // java.lang.String.length, not java/lang/String.length
        switch (request.event()) {
            case ALLOC -> a.alloc = true;
            case LOCK -> a.lock = true;
            case WALL -> a.wall = true;
            case CPU -> {
                // jdk.ExecutionSample only: the converter reads jdk.NativeMethodSample too, Converter leaves it out
            }
        }
        if (request.from() != null) {
            a.from = request.from().converterMillis();
        }
        if (request.to() != null) {
            a.to = request.to().converterMillis();
        }
        return a;
    }

    /** The converter's HTML page for the added-up stacks. */
    private static byte[] html(String collapsed, String title) {
        Arguments a = new Arguments();
        a.title = escapeHtml(title);
        FlameGraph fg = new FlameGraph(a);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            fg.parseCollapsed(new StringReader(collapsed));
            try (PrintStream ps = new PrintStream(out, false, StandardCharsets.UTF_8)) {
                fg.dump(ps);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringReader and a byte array do not fail
        }
        return out.toByteArray();
    }

    static String escapeHtml(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private static DebException noSamples(FlameGraphRequest r, List<Recording> recordings, Instant earliest, Instant latest) {
        String what = "no " + r.event().title() + " (" + r.event().jfrEvents() + ")";
        String in = recordings.size() == 1 ? "the recording" : "the " + recordings.size() + " recordings";
        if (r.from() != null || r.to() != null) {
            String window = (r.from() != null ? r.from() : "the start") + " to " + (r.to() != null ? r.to() : "the end");
            return new DebException(Setting.WINDOW, window, what + " in this window: " + in
                    + " cover " + earliest + " to " + latest + ".",
                    "choose a window inside the recordings (a duration counts from the start of each recording), or leave "
                            + "out --from and --to.");
        }
        return new DebException(Setting.EVENT, r.event().id(), what + " in " + in + ".",
                "record with settings=profile (it samples CPU, allocations and locks), or choose another event.");
    }

    private static String percent(long part, long whole) {
        return whole == 0 ? "0%" : (part * 100 / whole) + "%";
    }

    private static Path temp(Path target, byte[] content) {
        Path dir = target.toAbsolutePath().getParent();
        try {
            Files.createDirectories(dir);
            Path t = Files.createTempFile(dir, "." + target.getFileName() + ".", ".tmp");
            try (OutputStream o = Files.newOutputStream(t)) {
                o.write(content);
            } catch (IOException e) {
                Files.deleteIfExists(t);
                throw e;
            }
            return t;
        } catch (IOException e) {
            throw new DebException(Setting.OUTPUT, target.toString(), "cannot be written: " + e.getMessage(),
                    "choose a directory you can write to.", e);
        }
    }

    private static void move(Path from, Path to) {
        try {
            try {
                Files.move(from, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new DebException(Setting.OUTPUT, to.toString(), "cannot be written: " + e.getMessage(),
                    "choose a file you can write, not a directory.", e);
        }
    }

    /** jfr-converter's flame graph builder; for cpu it leaves out samples of threads in native code. */
    private static final class Converter extends JfrToFlame {
        Converter(JfrReader jfr, Arguments args) {
            super(jfr, args);
        }

        @Override
        protected EventCollector createCollector(Arguments args) {
            EventCollector all = super.createCollector(args);
            if (args.alloc || args.lock || args.wall) {
                return all;
            }
            // called from the super constructor: only jfr and args are set
            JfrReader reader = jfr;
            return new EventCollector() {
                @Override
                public void collect(Event e) {
                    StackTrace st = reader.stackTraces.get(e.stackTraceId);
                    // jdk.NativeMethodSample: the top frame is a native method (JFR frame type Native)
                    if (st == null || st.types.length == 0 || st.types[0] != Frame.TYPE_NATIVE) {
                        all.collect(e);
                    }
                }

                @Override
                public void beforeChunk() {
                    all.beforeChunk();
                }

                @Override
                public void afterChunk() {
                    all.afterChunk();
                }

                @Override
                public boolean finish() {
                    return all.finish();
                }

                @Override
                public void forEach(Visitor visitor) {
                    all.forEach(visitor);
                }
            };
        }
    }
}
