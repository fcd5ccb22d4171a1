package io.github.jpackagedeb.core.sign;

import io.github.jpackagedeb.core.testing.ExternalTools;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** Runs the real tools of this machine (gpg, gpgv, debsig-verify, dpkg-deb…). No mocks. */
public final class Run {

    private Run() {
    }

    /** What a command did. */
    public record Result(List<String> command, int exit, String out, String err) {
        public String all() {
            return out + err;
        }

        public String describe() {
            return "$ " + String.join(" ", command) + "\nexit " + exit + "\n" + out + err;
        }
    }

    /** Skips the test when a tool is missing, unless CI=true, where that is a failure. */
    public static void require(String... tools) {
        ExternalTools.require(tools);
    }

    public static Result exec(Path dir, Map<String, String> env, String... command) {
        try {
            ProcessBuilder pb = new ProcessBuilder(command);
            pb.environment().put("LC_ALL", "C.UTF-8");
            pb.environment().put("TZ", "UTC");
            pb.environment().putAll(env);
            if (dir != null) {
                pb.directory(dir.toFile());
            }
            Process p = pb.start();
            p.getOutputStream().close();
            CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> {
                try {
                    return p.getErrorStream().readAllBytes();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            byte[] out = p.getInputStream().readAllBytes();
            int exit = p.waitFor();
            return new Result(List.of(command), exit, new String(out, StandardCharsets.UTF_8),
                    new String(err.join(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static Result exec(String... command) {
        return exec(null, Map.of(), command);
    }

    /** Runs and fails the test unless the exit code is 0. */
    public static Result ok(Path dir, Map<String, String> env, String... command) {
        Result r = exec(dir, env, command);
        Assertions.assertEquals(0, r.exit(), r::describe);
        return r;
    }

    public static Result ok(String... command) {
        return ok(null, Map.of(), command);
    }
}
