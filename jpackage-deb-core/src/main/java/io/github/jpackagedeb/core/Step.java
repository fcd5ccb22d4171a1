package io.github.jpackagedeb.core;

import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * One long step of a build (jdeps, jlink, strip, a CDS dump, a training run): a line when it starts, a progress line
 * every {@value #HEARTBEAT_SECONDS} seconds while it runs (so no step is silent for long: a new user must see that
 * the build is alive), and one line at its end with its time and outcome. All through {@link DebLog#info}, so a
 * quiet front end ({@code mvn -q}, {@code make-deb -q}) stays quiet.
 *
 * <pre>
 * try (Step step = Step.start(log, "jlink", "linking 12 modules")) {
 *     ...
 *     step.done("linked 12 modules (96 MB)");
 * }
 * </pre>
 */
public final class Step implements AutoCloseable {

    /** Seconds between two progress lines of a running step. */
    public static final int HEARTBEAT_SECONDS = 5;

    private static final ScheduledExecutorService TICKER = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "jpackage-deb-progress");
        t.setDaemon(true);
        return t;
    });

    private final DebLog log;
    private final String name;
    private final long start = System.nanoTime();
    private final ScheduledFuture<?> heartbeat;
    private volatile Supplier<String> progress;
    private boolean finished;

    private Step(DebLog log, String name, long periodMillis) {
        this.log = log;
        this.name = name;
        this.heartbeat = TICKER.scheduleAtFixedRate(this::beat, periodMillis, periodMillis, TimeUnit.MILLISECONDS);
    }

    /** Logs "{@code name}: {@code what}…" and starts the progress lines. */
    public static Step start(DebLog log, String name, String what) {
        return start(log, name, what, HEARTBEAT_SECONDS * 1000L);
    }

    /** As {@link #start(DebLog, String, String)}, with progress lines every {@code periodMillis} (for tests). */
    static Step start(DebLog log, String name, String what, long periodMillis) {
        log.info(name + ": " + what + "...");
        return new Step(log, name, periodMillis);
    }

    /** What the progress lines say from now on (e.g. "12 of 40 jars"); by default only the time so far. */
    public Step progress(Supplier<String> value) {
        this.progress = value;
        return this;
    }

    /** Ends the step: logs "{@code name}: {@code outcome} in 1.2 s". */
    public void done(String outcome) {
        stop();
        log.info(name + ": " + outcome + " in " + seconds(System.nanoTime() - start));
    }

    /** Stops the progress lines without an end line (the step failed; its error says why). */
    @Override
    public void close() {
        stop();
    }

    private synchronized void stop() {
        if (!finished) {
            finished = true;
            heartbeat.cancel(false);
        }
    }

    private synchronized void beat() {
        if (finished) {
            return;
        }
        Supplier<String> p = progress;
        String detail = p == null ? null : p.get();
        log.info(name + ": still running after " + seconds(System.nanoTime() - start)
                + (detail == null || detail.isEmpty() ? "" : ", " + detail));
    }

    /** "0.8 s", "12.3 s". */
    public static String seconds(long nanos) {
        return String.format(Locale.ROOT, "%.1f s", nanos / 1e9);
    }
}
