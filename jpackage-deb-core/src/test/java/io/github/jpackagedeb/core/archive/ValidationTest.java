package io.github.jpackagedeb.core.archive;

import io.github.jpackagedeb.core.testing.Integration;

import io.github.jpackagedeb.core.DebException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Hostile input is refused before anything is written, with an error that names it. */
@Integration
class ValidationTest {

    static final byte[] CONTROL = Sample.ascii("Package: p\nVersion: 1\nArchitecture: all\n"
            + "Maintainer: T <t@example.org>\nDescription: d\n d\n");

    @TempDir
    Path tmp;

    Path out;
    Path deb;

    @org.junit.jupiter.api.BeforeEach
    void setUp() throws IOException {
        out = Files.createDirectories(tmp.resolve("out"));
        deb = out.resolve("p.deb");
    }

    static DebArchiveWriter writer() {
        return DebArchiveWriter.builder().timestamp(1_700_000_000L).build();
    }

    static Stream<String> hostilePaths() {
        return Stream.of(
                "/etc/passwd", "../etc/passwd", "usr/../../etc/passwd", "usr/share/..", "..", ".",
                "./usr/bin/x", "usr/./bin/x", "usr//bin/x", "usr/bin/x/", "/", "//x",
                "usr/bin/x\u0000y", "usr/bin/x\ny", "usr/bin/x\ry", "usr/bin/\u0007bell", "usr/bin/tab\tx",
                "usr/bin/del\u007f", "usr/bin/nel\u0085", "usr/bin/\ud800unpaired", "usr/bin/\udc00low",
                "usr/bin/end\ud83d", "usr/bin/trailing ", "usr/" + "n".repeat(256) + "/x",
                ("usr/" + "s".repeat(200) + "/").repeat(21) + "x");
    }

    @ParameterizedTest
    @MethodSource("hostilePaths")
    void hostilePathIsRefusedAndNothingIsWritten(String path) {
        for (DebEntry e : List.of(DebEntry.file(path, Content.of(new byte[] {1}, "gen")),
                DebEntry.directory(path), DebEntry.symlink(path, "target"))) {
            DebException ex = assertThrows(DebException.class,
                    () -> writer().write(deb, CONTROL, Map.of(), List.of(e)));
            assertEquals("path", ex.field());
            assertEquals(path, ex.value());
            assertTrue(ex.getMessage().contains(DebException.printable(path)), ex.getMessage());
            assertNotNull(ex.fix());
            assertEmpty(out);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"../../../etc/passwd", "../../..", "../../../", "x/../../../..", "./../../../y"})
    void linkClimbingAboveTheRootIsRefused(String target) {
        DebException ex = assertThrows(DebException.class, () -> writer().write(deb, CONTROL, Map.of(),
                List.of(DebEntry.symlink("usr/bin/evil", target))));
        assertEquals("path", ex.field());
        assertEquals("usr/bin/evil", ex.value());
        assertTrue(ex.getMessage().contains("climbs above the package root"), ex.getMessage());
        assertEmpty(out);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/usr/../etc/shadow", "/..", "/usr/share/../../x", "", "bad\ntarget", "nul\u0000"})
    void badLinkTargetIsRefused(String target) {
        DebException ex = assertThrows(DebException.class, () -> writer().write(deb, CONTROL, Map.of(),
                List.of(DebEntry.symlink("usr/bin/evil", target))));
        assertEquals("usr/bin/evil", ex.value());
        assertEmpty(out);
    }

    @ParameterizedTest
    @ValueSource(strings = {"../../etc/x", "../..", "../../", "/usr/share/x", "/", "x/../y", "./y", "..//../z"})
    void linkStayingInsideIsAccepted(String target) throws IOException {
        writer().write(deb, CONTROL, Map.of(), List.of(DebEntry.symlink("usr/bin/ok", target)));
        assertTrue(Files.exists(deb));
    }

    @Test
    void duplicatePathNamesBothSources() {
        DebException ex = assertThrows(DebException.class, () -> writer().write(deb, CONTROL, Map.of(), List.of(
                DebEntry.file("usr/share/java/p/lib/a.jar", Content.of(tmp.resolve("first/a.jar"))),
                DebEntry.file("usr/share/java/p/lib/b.jar", Content.of(new byte[0], "b")),
                DebEntry.file("usr/share/java/p/lib/a.jar", Content.of(new byte[0], "the generated one")))));
        assertEquals("path", ex.field());
        assertEquals("usr/share/java/p/lib/a.jar", ex.value());
        assertTrue(ex.getMessage().contains(tmp.resolve("first/a.jar").toString()), ex.getMessage());
        assertTrue(ex.getMessage().contains("the generated one"), ex.getMessage());
        assertEmpty(out);
    }

    @Test
    void entryBelowAFileOrSymlinkIsRefused() {
        for (DebEntry parent : List.of(DebEntry.file("usr/lib/p", Content.of(new byte[0], "file p")),
                DebEntry.symlink("usr/lib/p", "/etc"))) {
            for (DebEntry child : List.of(DebEntry.file("usr/lib/p/x", Content.of(new byte[0], "x")),
                    DebEntry.directory("usr/lib/p/d/e"), DebEntry.symlink("usr/lib/p/l", "y"))) {
                for (List<DebEntry> order : List.of(List.of(parent, child), List.of(child, parent))) {
                    DebException ex = assertThrows(DebException.class,
                            () -> writer().write(deb, CONTROL, Map.of(), order));
                    assertEquals(child.path(), ex.value());
                    assertTrue(ex.getMessage().contains("usr/lib/p"), ex.getMessage());
                    assertEmpty(out);
                }
            }
        }
    }

    @Test
    void conffileMustBeUnderEtc() {
        DebException ex = assertThrows(DebException.class, () -> writer().write(deb, CONTROL, Map.of(),
                List.of(DebEntry.conffile("usr/share/p/p.conf", Content.of(new byte[] {1}, "conf")))));
        assertEquals("conffile", ex.field());
        assertEquals("usr/share/p/p.conf", ex.value());
        assertEmpty(out);
    }

    @Test
    void missingOrNonRegularSourceIsRefusedBeforeWriting() {
        for (Path src : List.of(tmp.resolve("nope.jar"), tmp)) {
            DebException ex = assertThrows(DebException.class, () -> writer().write(deb, CONTROL, Map.of(),
                    List.of(DebEntry.file("usr/share/p/a.jar", Content.of(src)))));
            assertEquals("usr/share/p/a.jar", ex.value());
            assertTrue(ex.getMessage().contains(src.toString()), ex.getMessage());
            assertEmpty(out);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {04755, 02755, 01755, 0777, 0666, 0664, 0600, 0700, 0444, 0100644, -1})
    void specialFileModesAreRefusedByDefault(int mode) {
        DebEntry e = DebEntry.file("usr/bin/x", Content.of(new byte[] {1}, "x")).withMode(mode);
        DebException ex = assertThrows(DebException.class, () -> writer().write(deb, CONTROL, Map.of(), List.of(e)));
        assertEquals("path", ex.field());
        assertEquals("usr/bin/x", ex.value());
        assertTrue(ex.getMessage().contains("mode"), ex.getMessage());
        assertEmpty(out);
    }

    @ParameterizedTest
    @ValueSource(ints = {01777, 0775, 0700, 0777, 02755})
    void specialDirectoryModesAreRefusedByDefault(int mode) {
        DebEntry e = DebEntry.directory("var/lib/x").withMode(mode);
        assertThrows(DebException.class, () -> writer().write(deb, CONTROL, Map.of(), List.of(e)));
        assertEmpty(out);
    }

    @Test
    void specialModesWhenAllowed() throws IOException {
        Tools.require("dpkg-deb");
        List<String> warnings = new java.util.ArrayList<>();
        io.github.jpackagedeb.core.DebLog log = new io.github.jpackagedeb.core.DebLog() {
            @Override public void debug(String m) { }
            @Override public void info(String m) { }
            @Override public void warn(String m) { warnings.add(m); }
        };
        DebArchiveWriter w = DebArchiveWriter.builder().timestamp(1_700_000_000L).allowSpecialModes(true).log(log)
                .build();
        w.write(deb, CONTROL, Map.of(), List.of(
                DebEntry.file("usr/bin/suid", Content.of(new byte[] {1}, "x")).withMode(04755),
                DebEntry.file("usr/share/p/private", Content.of(new byte[] {1}, "x")).withMode(0600),
                DebEntry.directory("var/tmp/p").withMode(01777)));
        String contents = Tools.ok(null, "dpkg-deb", "--contents", deb.toString());
        assertTrue(contents.contains("-rwsr-xr-x root/root"), contents);
        assertTrue(contents.contains("-rw------- root/root"), contents);
        assertTrue(contents.contains("drwxrwxrwt root/root"), contents);
        assertEquals(2, warnings.size(), warnings.toString());
        // still refused: bits outside the permission mask
        assertThrows(DebException.class, () -> w.write(deb, CONTROL, Map.of(), List.of(
                DebEntry.file("usr/bin/x", Content.of(new byte[] {1}, "x")).withMode(0100644))));
    }

    @ParameterizedTest
    @ValueSource(strings = {"preinst.sh", "control", "md5sums", "conffiles", "shlibs", "../postinst", ""})
    void unknownControlMemberIsRefused(String name) {
        DebException ex = assertThrows(DebException.class, () -> writer().write(deb, CONTROL,
                Map.of(name, Sample.ascii("#!/bin/sh\n")), List.of()));
        assertEquals("maintainerScript", ex.field());
        assertEquals(name, ex.value());
        assertEmpty(out);
    }

    @Test
    void badScriptsAreRefused() {
        Map<String, String> bad = new LinkedHashMap<>();
        bad.put("postinst", "#!/bin/sh\r\nset -e\r\n");
        bad.put("prerm", "set -e\nexit 0\n");
        bad.put("config", " #!/bin/sh\n");
        bad.put("triggers", "interest foo\r\n");
        bad.put("preinst", "");
        for (Map.Entry<String, String> e : bad.entrySet()) {
            DebException ex = assertThrows(DebException.class, () -> writer().write(deb, CONTROL,
                    Map.of(e.getKey(), Sample.ascii(e.getValue())), List.of()), e.getKey());
            assertEquals(e.getKey(), ex.value());
            assertNotNull(ex.fix());
            assertEmpty(out);
        }
        // triggers and templates need no #! line
        assertTrue(assertDoesNotThrow(() -> writer().write(deb, CONTROL,
                Map.of("triggers", Sample.ascii("interest-noawait /usr/lib/p\n"),
                        "templates", Sample.ascii("Template: p/q\nType: boolean\n")), List.of())).size() > 0);
    }

    @Test
    void timestampIsRequiredAndInRange() {
        assertEquals("timestamp", assertThrows(DebException.class, () -> DebArchiveWriter.builder().build()).field());
        assertEquals("timestamp", assertThrows(DebException.class,
                () -> DebArchiveWriter.builder().timestamp(-1)).field());
        assertEquals("timestamp", assertThrows(DebException.class,
                () -> DebArchiveWriter.builder().timestamp(1L << 33)).field());
    }

    @Test
    void emptyControlAndDirectoryTargetAreRefused() throws IOException {
        assertEquals("control", assertThrows(DebException.class,
                () -> writer().write(deb, new byte[0], Map.of(), List.of())).field());
        Path dir = Files.createDirectories(out.resolve("a-dir.deb"));
        assertEquals("target", assertThrows(DebException.class,
                () -> writer().write(dir, CONTROL, Map.of(), List.of())).field());
    }

    static <T> T assertDoesNotThrow(org.junit.jupiter.api.function.ThrowingSupplier<T> s) {
        return org.junit.jupiter.api.Assertions.assertDoesNotThrow(s);
    }

    /** Nothing at all in the directory: no target, no temporary file. */
    static void assertEmpty(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            List<Path> left = s.filter(p -> !p.getFileName().toString().equals("a-dir.deb")).toList();
            assertEquals(List.of(), left);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
