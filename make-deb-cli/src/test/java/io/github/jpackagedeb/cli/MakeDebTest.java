package io.github.jpackagedeb.cli;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MakeDebTest {

    @Test
    void versionPrintsTheProjectVersion() {
        Cli.Run r = Cli.run("--version");
        assertEquals(0, r.exit());
        assertTrue(r.out().matches("make-deb \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?\\R"), r.out());
    }

    @Test
    void unknownOptionIsAUsageError() {
        Cli.Run r = Cli.run("--no-such-option");
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("Unknown option: '--no-such-option'"), r.err());
        Cli.Run sub = Cli.run("nonsense-command");
        assertEquals(2, sub.exit());
    }

    @Test
    void everyCommandHasHelp() {
        Cli.Run top = Cli.run("--help");
        assertEquals(0, top.exit());
        for (String c : List.of("init", "build", "check", "inspect")) {
            assertTrue(top.out().contains("  " + c + " "), top.out());
            Cli.Run h = Cli.run(c, "--help");
            assertEquals(0, h.exit(), c);
            assertTrue(h.out().startsWith("Usage: make-deb " + c), h.out());
            assertTrue(h.out().contains("Exit codes: 0"), h.out());
            assertTrue(h.out().contains("-q, --quiet") && h.out().contains("-v, --verbose"), h.out());
        }
        Cli.Run completion = Cli.run("generate-completion");
        assertEquals(0, completion.exit());
        assertTrue(completion.out().contains("complete -F _complete_make-deb") || completion.out().contains("make-deb"),
                completion.out().substring(0, Math.min(200, completion.out().length())));
    }
}
