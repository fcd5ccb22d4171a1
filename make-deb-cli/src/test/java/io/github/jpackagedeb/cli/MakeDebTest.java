package io.github.jpackagedeb.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MakeDebTest {

    private static String[] run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = new CommandLine(new MakeDeb());
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int code = cl.execute(args);
        return new String[] {Integer.toString(code), out.toString(), err.toString()};
    }

    @Test
    void versionPrintsTheProjectVersion() {
        String[] r = run("--version");
        assertEquals("0", r[0]);
        assertTrue(r[1].matches("make-deb \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?\\R"), r[1]);
    }

    @Test
    void unknownOptionIsAUsageError() {
        String[] r = run("--no-such-option");
        assertEquals("2", r[0]);
        assertTrue(r[2].contains("Unknown option: '--no-such-option'"), r[2]);
    }
}
