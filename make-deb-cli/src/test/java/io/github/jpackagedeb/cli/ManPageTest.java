package io.github.jpackagedeb.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** make-deb(1) is generated from picocli's model: every visible command and option is on the page. */
class ManPageTest {

    @Test
    void thePageListsEveryCommandAndOption() {
        String page = ManPage.render(Instant.parse("2026-11-26T00:00:00Z"));
        assertTrue(page.startsWith(".\\\" Generated"), page);
        assertTrue(page.contains(".TH MAKE-DEB 1 \"2026-11-26\""), page);
        CommandSpec top = new CommandLine(new MakeDeb()).getCommandSpec();
        List<String> missing = new ArrayList<>();
        int commands = 0;
        for (CommandSpec c : ManPage.commands(top)) {
            commands++;
            if (c != top && !page.contains("\n.SS " + ManPage.esc(c.qualifiedName()) + "\n")) {
                missing.add("command " + c.qualifiedName());
            }
            for (OptionSpec o : c.options()) {
                if (!o.hidden() && !page.contains(".B " + ManPage.esc(String.join(", ", o.names())))) {
                    missing.add(c.qualifiedName() + " " + o.longestName());
                }
            }
        }
        assertEquals(List.of(), missing);
        // init, build, check, inspect, repo (add, list, remove), flamegraph, help, and make-deb itself
        assertTrue(commands >= 11, "commands found: " + commands);
        for (String c : List.of("make\\-deb init", "make\\-deb repo add", "make\\-deb flamegraph", "make\\-deb help")) {
            assertTrue(page.contains("\n.SS " + c + "\n"), c);
        }
        assertTrue(page.contains(".B \\-\\-non\\-interactive"), "an option of init is on the page");
    }

    @Test
    void mainWritesTheSameGzippedBytesEveryTime(@TempDir Path dir) throws Exception {
        Path a = dir.resolve("a/make-deb.1.gz");
        Path b = dir.resolve("b/make-deb.1.gz");
        ManPage.main(new String[] {a.toString(), "2026-11-26T00:00:00Z"});
        ManPage.main(new String[] {b.toString(), "2026-11-26T00:00:00Z"});
        assertArrayEquals(Files.readAllBytes(a), Files.readAllBytes(b));
        byte[] gz = Files.readAllBytes(a);
        assertEquals(2, gz[8], "XFL marks maximum compression, as gzip -9n does");
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gz))) {
            assertEquals(ManPage.render(Instant.parse("2026-11-26T00:00:00Z")),
                    new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    @Test
    void helpCommandPrintsTheHelpOfACommand() {
        Cli.Run help = Cli.run("help", "init");
        assertEquals(0, help.exit(), help.toString());
        assertEquals(Cli.run("init", "--help").out(), help.out());
        assertTrue(help.out().contains("--non-interactive"), help.toString());
        Cli.Run unknown = Cli.run("help", "no-such-command");
        assertTrue(unknown.exit() != 0 || unknown.err().contains("Unknown subcommand"), unknown.toString());
    }
}
