package io.github.jpackagedeb.core.runtime;

import org.junit.jupiter.api.Assertions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;

/** Runs real commands for the runtime tests. */
final class Tools {

    private Tools() {
    }

    /** Runs a command; fails the test unless it exits 0; returns stdout and stderr together. */
    static String run(String... cmd) {
        ToolRun r = exec(null, cmd);
        Assertions.assertEquals(0, r.exit(), () -> r.commandLine() + " failed:\n" + r.output());
        return r.output();
    }

    /** Runs a command in {@code dir}; returns whatever happened. */
    static ToolRun exec(Path dir, String... cmd) {
        Fixtures.requireTool(cmd[0].contains("/") ? Path.of(cmd[0]).getFileName().toString() : cmd[0]);
        try {
            return ToolRun.process(List.of(cmd), dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
