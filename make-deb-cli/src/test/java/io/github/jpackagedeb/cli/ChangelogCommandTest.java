package io.github.jpackagedeb.cli;

import io.github.jpackagedeb.core.debiandir.DebianChangelog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ChangelogCommandTest {

    @TempDir
    Path tmp;

    private static final Map<String, String> ENV = Map.of("DEBFULLNAME", "Rel Easer", "DEBEMAIL", "rel@example.org",
            "SOURCE_DATE_EPOCH", "1767225600");

    private Path initialised() {
        Path p = Cli.project("tiny", tmp);
        assertEquals(0, Cli.run("init", "--dir", p.toString(), "--non-interactive", "-q").exit());
        return p;
    }

    private static DebianChangelog changelog(Path p) throws IOException {
        return DebianChangelog.parse(Files.readString(p.resolve("debian/changelog")), "debian/changelog");
    }

    @Test
    void aNewPomVersionGetsAnEntryOnTopAndTheOldOnesStay() throws IOException {
        Path p = initialised();
        String before = Files.readString(p.resolve("debian/changelog"));
        Path pom = p.resolve("pom.xml");
        Files.writeString(pom, Files.readString(pom).replace("<revision>1.0.0</revision>", "<revision>1.13.0</revision>"));
        Cli.Run r = Cli.run("", ENV, "changelog", "--dir", p.toString(), "-m", "New upstream release.", "-m", "Faster.");
        assertEquals(0, r.exit(), r.toString());
        assertTrue(r.out().contains("tiny-app (1.13.0-1)"), r.toString());
        DebianChangelog log = changelog(p);
        DebianChangelog.Entry top = log.newest();
        assertEquals("1.13.0-1", top.version().toString());
        assertEquals("Rel Easer <rel@example.org>", top.maintainer());
        assertEquals(Instant.ofEpochSecond(1767225600), top.date());
        assertEquals(java.util.List.of("  * New upstream release.", "  * Faster."), top.changes());
        assertTrue(Files.readString(p.resolve("debian/changelog")).endsWith(before), "the earlier entries are kept");

        // the same upstream version again: the next revision
        assertEquals(0, Cli.run("", ENV, "changelog", "--dir", p.toString(), "-m", "Packaging fix.").exit());
        assertEquals("1.13.0-2", changelog(p).newest().version().toString());
        assertEquals(3, changelog(p).entries().size());
    }

    @Test
    void aSnapshotPomGetsNoFrozenTimeStamp() throws IOException {
        Path p = initialised();
        Path pom = p.resolve("pom.xml");
        Files.writeString(pom, Files.readString(pom).replace("<revision>1.0.0</revision>", "<revision>1.1.0-SNAPSHOT</revision>"));
        assertEquals(0, Cli.run("", ENV, "changelog", "--dir", p.toString(), "-m", "Work in progress.").exit());
        assertEquals("1.1.0~snapshot-1", changelog(p).newest().version().toString());
    }

    @Test
    void theEditorWritesTheEntryWithoutMessage() throws IOException {
        Path p = initialised();
        Map<String, String> env = new java.util.HashMap<>(ENV);
        env.put("VISUAL", "sed -i 's/New upstream release./Edited by hand./'");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        MakeDeb.Context terminal = new MakeDeb.Context(new ByteArrayInputStream(new byte[0]), env, true);
        int code = MakeDeb.execute(terminal, new PrintWriter(out, true), new PrintWriter(err, true),
                "changelog", "--dir", p.toString(), "--debian-version", "1:2.0-1");
        assertEquals(0, code, err.toString());
        assertEquals("1:2.0-1", changelog(p).newest().version().toString());
        assertEquals(java.util.List.of("  * Edited by hand."), changelog(p).newest().changes());
    }

    @Test
    void withoutMessageOrTerminalItIsAUsageErrorAndABrokenEditIsRefused() throws IOException {
        Path p = initialised();
        String before = Files.readString(p.resolve("debian/changelog"));
        Cli.Run r = Cli.run("", ENV, "changelog", "--dir", p.toString());
        assertEquals(2, r.exit(), r.toString());
        assertTrue(r.err().contains("-m"), r.toString());
        Map<String, String> env = new java.util.HashMap<>(ENV);
        env.put("EDITOR", "sed -i 's/^ -- .*//'");
        MakeDeb.Context terminal = new MakeDeb.Context(new ByteArrayInputStream(new byte[0]), env, true);
        StringWriter err = new StringWriter();
        int code = MakeDeb.execute(terminal, new PrintWriter(new StringWriter(), true), new PrintWriter(err, true),
                "changelog", "--dir", p.toString());
        assertEquals(1, code, err.toString());
        assertEquals(before, Files.readString(p.resolve("debian/changelog")), "a broken edit never replaces the file");
        Cli.Run none = Cli.run("", ENV, "changelog", "--dir", tmp.resolve("nowhere").toString(), "-m", "x");
        assertEquals(1, none.exit());
        assertTrue(none.err().contains("make-deb init"), none.toString());
    }
}
