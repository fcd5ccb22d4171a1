package io.github.jpackagedeb.it.support;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Runs an external command: stdin from {@code /dev/null} (nothing may wait for a terminal, e.g. a dpkg
 * conffile prompt fails at once), stdout and stderr captured in full, a timeout after which the whole
 * process tree is killed.
 *
 * <p>Immutable: {@link #in}, {@link #env} and {@link #timeout} return new instances.
 * {@link #run()} throws {@link Failure} (with the complete output) unless the exit code is 0;
 * {@link #run(int...)} accepts other exit codes; {@link #exec()} never checks.
 */
public final class Proc {

    /** Default timeout: long enough for dpkg and lintian, short enough to stop a hung test. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(2);

    private final List<String> command;
    private final String label;
    private final Path dir;
    private final Map<String, String> env;
    private final Duration timeout;

    private Proc(List<String> command, String label, Path dir, Map<String, String> env, Duration timeout) {
        this.command = List.copyOf(command);
        this.label = label;
        this.dir = dir;
        this.env = Map.copyOf(env);
        this.timeout = timeout;
    }

    /** A command, as separate arguments (no shell). */
    public static Proc of(String... command) {
        return of(Arrays.asList(command));
    }

    /** A command, as separate arguments (no shell). */
    public static Proc of(List<String> command) {
        if (command.isEmpty()) {
            throw new IllegalArgumentException("empty command");
        }
        return new Proc(command, null, null, Map.of(), DEFAULT_TIMEOUT);
    }

    /** Runs {@code bash -o pipefail -c script _ args…}: for pipelines only; pass values as args, not in the script. */
    public static Proc bash(String script, String... args) {
        List<String> cmd = new java.util.ArrayList<>(List.of("bash", "-o", "pipefail", "-c", script, "bash"));
        cmd.addAll(Arrays.asList(args));
        return of(cmd);
    }

    /** The same command in another working directory. */
    public Proc in(Path workingDirectory) {
        return new Proc(command, label, workingDirectory, env, timeout);
    }

    /** The same command with one more environment variable. */
    public Proc env(String name, String value) {
        Map<String, String> e = new LinkedHashMap<>(env);
        e.put(name, value);
        return new Proc(command, label, dir, e, timeout);
    }

    /** The same command with another timeout. */
    public Proc timeout(Duration newTimeout) {
        return new Proc(command, label, dir, env, newTimeout);
    }

    /** The same command, shown in messages as {@code label} instead of its full command line (e.g. a wrapper). */
    public Proc label(String newLabel) {
        return new Proc(command, newLabel, dir, env, timeout);
    }

    /** The command line. */
    public List<String> command() {
        return command;
    }

    /** Runs and expects exit code 0. */
    public Result run() {
        return run(0);
    }

    /** Runs and expects one of the given exit codes. */
    public Result run(int... okExitCodes) {
        Result r = exec();
        for (int ok : okExitCodes) {
            if (r.exit() == ok) {
                return r;
            }
        }
        throw new Failure("expected exit " + Arrays.toString(okExitCodes), r);
    }

    /** Runs and returns whatever happened; only a timeout or a failure to start throws. */
    public Result exec() {
        Path out = null;
        Path err = null;
        try {
            out = Files.createTempFile("proc-", ".out");
            err = Files.createTempFile("proc-", ".err");
            ProcessBuilder pb = new ProcessBuilder(command)
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectOutput(out.toFile())
                    .redirectError(err.toFile());
            if (dir != null) {
                pb.directory(dir.toFile());
            }
            pb.environment().putAll(env);
            long start = System.nanoTime();
            Process p = pb.start();
            boolean done = p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (!done) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                p.waitFor(10, TimeUnit.SECONDS);
            }
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            Result r = new Result(label != null ? List.of(label) : command, done ? p.exitValue() : -1,
                    Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8), took);
            if (!done) {
                throw new Failure("timed out after " + timeout.toSeconds() + " s (process tree killed)", r);
            }
            return r;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + command, e);
        } finally {
            deleteQuietly(out);
            deleteQuietly(err);
        }
    }

    private static void deleteQuietly(Path p) {
        if (p != null) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException ignored) {
                // a temp file; the OS cleans /tmp
            }
        }
    }

    /**
     * What a command did.
     *
     * @param command the command line (or the one-element label given with {@link Proc#label})
     * @param exit    its exit code (-1 after a timeout)
     * @param stdout  everything it wrote to stdout
     * @param stderr  everything it wrote to stderr
     * @param took    wall-clock time
     */
    public record Result(List<String> command, int exit, String stdout, String stderr, Duration took) {

        /** stdout and stderr, in that order. */
        public String output() {
            return stdout + stderr;
        }

        /** The full story, for assertion messages. */
        public String describe() {
            String shown = command.size() == 1 ? command.get(0)
                    : command.stream().map(Result::quote).collect(Collectors.joining(" "));
            return "$ " + shown
                    + "\nexit " + exit + " after " + took.toMillis() + " ms"
                    + "\n--- stdout ---\n" + stdout
                    + "\n--- stderr ---\n" + stderr;
        }

        private static String quote(String arg) {
            return arg.matches("[A-Za-z0-9_./=:,+@%-]+") ? arg : "'" + arg.replace("'", "'\\''") + "'";
        }
    }

    /** A command that ended with an unexpected exit code or timed out; the message carries all its output. */
    public static final class Failure extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient Result result;

        Failure(String why, Result result) {
            super(why + "\n" + result.describe());
            this.result = result;
        }

        /** What the command did. */
        public Result result() {
            return result;
        }
    }
}
