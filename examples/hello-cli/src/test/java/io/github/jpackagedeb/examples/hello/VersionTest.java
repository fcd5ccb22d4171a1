package io.github.jpackagedeb.examples.hello;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class VersionTest {

    /** Set by surefire from ${project.version}: the printed version must follow the pom. */
    private static String expectedVersion() {
        String v = System.getProperty("hello.expected.version");
        assertNotNull(v, "surefire must set hello.expected.version (see pom.xml)");
        return v;
    }

    @Test
    void versionPrintsProgramAndPomVersion() {
        Run run = Run.of("--version");
        assertEquals(0, run.status());
        assertEquals("hello-cli " + expectedVersion() + System.lineSeparator(), run.out());
        assertEquals("", run.err());
    }

    @Test
    void shortVersionOptionAndSubcommandInheritIt() {
        assertEquals("hello-cli " + expectedVersion(), Run.of("-V").out().strip());
        assertEquals("hello-cli " + expectedVersion(), Run.of("stats", "--version").out().strip());
    }

    @Test
    void versionComesFromTheFilteredResource() {
        assertEquals(expectedVersion(), VersionInfo.version());
    }

    @Test
    void helpExitsZeroAndListsCommands() {
        Run run = Run.of("--help");
        assertEquals(0, run.status());
        assertTrue(run.out().contains("greet"), run.out());
        assertTrue(run.out().contains("stats"), run.out());
    }

    @Test
    void missingSubcommandIsAUsageError() {
        Run run = Run.of();
        assertEquals(2, run.status());
        assertTrue(run.err().contains("Missing required subcommand"), run.err());
    }

    @Test
    void unknownOptionIsAUsageError() {
        Run run = Run.of("--frobnicate");
        assertEquals(2, run.status());
        assertTrue(run.err().contains("Unknown option: '--frobnicate'"), run.err());
    }
}
