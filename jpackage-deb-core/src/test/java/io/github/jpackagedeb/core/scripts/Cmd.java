package io.github.jpackagedeb.core.scripts;

import io.github.jpackagedeb.core.testing.ExternalTools;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** Runs real tools of this machine for the script and unit tests. A missing tool skips, or fails when CI=true. */
public final class Cmd {

    private Cmd() {
    }

    /** The result of a command. */
    public record Result(int exit, String out, String err) {
        public String all() {
            return out + err;
        }
    }

    /** Skips the test when a tool is not on PATH, unless CI=true, where that is a failure. */
    public static void require(String... tools) {
        ExternalTools.require(tools);
    }

    /** Runs a command in {@code dir} (or the current one) with extra environment; never throws on exit codes. */
    public static Result run(Path dir, Map<String, String> env, String... command) {
        try {
            ProcessBuilder pb = new ProcessBuilder(command);
            pb.environment().put("LC_ALL", "C.UTF-8");
            pb.environment().putAll(env);
            if (dir != null) {
                pb.directory(dir.toFile());
            }
            Process p = pb.start();
            p.getOutputStream().close();
            CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(p.getErrorStream()));
            String out = read(p.getInputStream());
            int exit = p.waitFor();
            return new Result(exit, out, err.join());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static Result run(String... command) {
        return run(null, Map.of(), command);
    }

    /** Runs and fails the test unless the exit code is 0; returns stdout. */
    public static String ok(String... command) {
        Result r = run(command);
        Assertions.assertEquals(0, r.exit(), () -> String.join(" ", command) + " failed:\n" + r.all());
        return r.out();
    }

    private static String read(java.io.InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
