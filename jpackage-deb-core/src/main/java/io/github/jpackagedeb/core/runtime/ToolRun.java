package io.github.jpackagedeb.core.runtime;

import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.spi.ToolProvider;

/**
 * Runs one JDK tool (jdeps, jlink, java, strip) and collects its exit code and output: in this JVM through
 * {@link ToolProvider} when asked and available, otherwise as a child process with stdin closed.
 *
 * @param command   what ran, for messages
 * @param exit      the exit code (-1 after a timeout)
 * @param output    stdout and stderr together
 * @param inProcess whether it ran inside this JVM
 */
record ToolRun(List<String> command, int exit, String output, boolean inProcess) {

    static final Duration TIMEOUT = Duration.ofMinutes(15);

    /** jdeps keeps static state in places; one in-process run at a time is the safe choice. */
    private static final Object IN_PROCESS_LOCK = new Object();

    boolean ok() {
        return exit == 0;
    }

    /** The command line as one string, for messages. */
    String commandLine() {
        return String.join(" ", command);
    }

    /** Runs the tool {@code name} of the running JDK in this JVM; empty when this JVM has no such tool. */
    static Optional<ToolRun> inProcess(String name, List<String> args) {
        Optional<ToolProvider> tool = ToolProvider.findFirst(name);
        if (tool.isEmpty()) {
            return Optional.empty();
        }
        StringWriter out = new StringWriter();
        int rc;
        synchronized (IN_PROCESS_LOCK) {
            try (PrintWriter pw = new PrintWriter(out)) {
                try {
                    rc = tool.get().run(pw, pw, args.toArray(String[]::new));
                } catch (RuntimeException e) {
                    e.printStackTrace(pw);
                    rc = -2;
                }
            }
        }
        List<String> cmd = new ArrayList<>();
        cmd.add(name);
        cmd.addAll(args);
        return Optional.of(new ToolRun(cmd, rc, out.toString(), true));
    }

    /** Runs an executable as a child process. */
    static ToolRun process(Path executable, List<String> args) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(executable.toString());
        cmd.addAll(args);
        return process(cmd, null);
    }

    /** Runs a command line as a child process, in {@code dir} if given; stdout and stderr merged. */
    static ToolRun process(List<String> cmd, Path dir) throws IOException {
        return process(cmd, dir, false);
    }

    /** As {@link #process(List, Path)}; with {@code cleanEnvironment} the child gets an empty environment. */
    static ToolRun process(List<String> cmd, Path dir, boolean cleanEnvironment) throws IOException {
        return process(cmd, dir, cleanEnvironment, TIMEOUT);
    }

    /** As {@link #process(List, Path, boolean)}, stopped (exit -1) after {@code timeout}. */
    static ToolRun process(List<String> cmd, Path dir, boolean cleanEnvironment, Duration timeout) throws IOException {
        Path out = Files.createTempFile("jpackage-deb-tool-", ".out");
        try {
            ProcessBuilder pb = new ProcessBuilder(cmd)
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectErrorStream(true)
                    .redirectOutput(out.toFile());
            if (dir != null) {
                pb.directory(dir.toFile());
            }
            if (cleanEnvironment) {
                pb.environment().clear();
            }
            Process p = pb.start();
            boolean done;
            try {
                done = p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while running " + cmd.get(0), e);
            }
            if (!done) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
            }
            String text = new String(Files.readAllBytes(out), StandardCharsets.UTF_8);
            return new ToolRun(List.copyOf(cmd), done ? p.exitValue() : -1,
                    done ? text : text + "\n(killed after " + timeout.toSeconds() + " seconds)", false);
        } finally {
            Files.deleteIfExists(out);
        }
    }

    /** The last {@code lines} lines of the output, for messages. */
    String tail(int lines) {
        String[] all = output.strip().split("\n");
        int from = Math.max(0, all.length - lines);
        StringBuilder sb = new StringBuilder();
        for (int i = from; i < all.length; i++) {
            sb.append(all[i]).append('\n');
        }
        return sb.toString().strip();
    }
}
