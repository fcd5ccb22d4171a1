package io.github.jpackagedeb.core.archive;

import io.github.jpackagedeb.core.DebException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A failure half-way through leaves no target and no temporary file, and an older .deb at the
 * target stays as it was. The failures are real: source files that grow, shrink or vanish between
 * the check and the write (through the writer's package-private hook that runs before each file
 * is opened), and an exception thrown in the middle of data.tar.
 */
class FailureCleanupTest {

    static final String VICTIM = "usr/share/java/app/lib/dep-1.0.jar";

    @TempDir
    Path tmp;

    Path out;

    static DebArchiveWriter writer(Compression c, Consumer<String> hook) {
        return DebArchiveWriter.builder().timestamp(1_700_000_000L).dataCompression(c).beforeFile(hook).build();
    }

    private Path source(Sample s) {
        for (DebEntry e : s.entries) {
            if (e.path().equals(VICTIM)) {
                return ((Content.FileContent) e.content()).file();
            }
        }
        throw new AssertionError();
    }

    private static Consumer<String> at(String path, IoAction action) {
        return p -> {
            if (p.equals(path)) {
                try {
                    action.run();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        };
    }

    interface IoAction {
        void run() throws IOException;
    }

    @ParameterizedTest
    @EnumSource(Compression.class)
    void sourceThatGrowsShrinksOrVanishesLeavesNothing(Compression c) throws Exception {
        Sample s = Sample.create(tmp.resolve("in"));
        Path src = source(s);
        byte[] original = Files.readAllBytes(src);
        out = Files.createDirectories(tmp.resolve("out"));
        Path deb = out.resolve("app.deb");

        Map<String, IoAction> sabotage = Map.of(
                "grows", () -> Files.write(src, new byte[] {42}, StandardOpenOption.APPEND),
                "shrinks", () -> Files.write(src, new byte[10]),
                "vanishes", () -> Files.delete(src));
        for (Map.Entry<String, IoAction> e : sabotage.entrySet()) {
            Files.write(src, original);
            DebException ex = assertThrows(DebException.class,
                    () -> writer(c, at(VICTIM, e.getValue())).write(deb, s.control, s.scripts, s.entries), e.getKey());
            assertEquals("path", ex.field());
            assertEquals(VICTIM, ex.value(), e.getKey());
            assertTrue(ex.getMessage().contains(src.toString()), ex.getMessage());
            assertTrue(ex.getMessage().contains("changed while the package was being written")
                    || ex.getMessage().contains("disappeared"), ex.getMessage());
            assertDirHolds(out);
        }
    }

    @Test
    void existingTargetIsLeftAsItWasOnEveryKindOfFailure() throws Exception {
        Sample s = Sample.create(tmp.resolve("in"));
        out = Files.createDirectories(tmp.resolve("out"));
        Path deb = out.resolve("app.deb");
        WriteResult first = writer(Compression.XZ, null).write(deb, s.control, s.scripts, s.entries);
        byte[] before = Files.readAllBytes(deb);

        // validation failure
        assertThrows(DebException.class, () -> writer(Compression.XZ, null).write(deb, s.control, s.scripts,
                List.of(DebEntry.file("../escape", Content.of(new byte[0], "x")))));
        assertArrayEquals(before, Files.readAllBytes(deb));
        assertDirHolds(out, "app.deb");

        // failure mid-write (after data.tar has started), on the last file
        RuntimeException boom = new IllegalStateException("boom");
        assertEquals(boom, assertThrows(IllegalStateException.class, () -> writer(Compression.XZ, p -> {
            if (p.equals(Sample.UNICODE)) {
                throw boom;
            }
        }).write(deb, s.control, s.scripts, s.entries)));
        assertArrayEquals(before, Files.readAllBytes(deb));
        assertDirHolds(out, "app.deb");

        // a source that vanishes
        Path src = source(s);
        assertThrows(DebException.class, () -> writer(Compression.GZIP, at(VICTIM, () -> Files.delete(src)))
                .write(deb, s.control, s.scripts, s.entries));
        assertArrayEquals(before, Files.readAllBytes(deb));
        assertDirHolds(out, "app.deb");
        assertEquals(first.sha256(), DebArchiveWriterDpkgTest.sha256(deb));
    }

    @Test
    void successReplacesTheOldTargetAndLeavesNoTemporaryFile() throws Exception {
        Sample s = Sample.create(tmp.resolve("in"));
        out = Files.createDirectories(tmp.resolve("out"));
        Path deb = out.resolve("app.deb");
        Files.writeString(deb, "old");
        WriteResult r = writer(Compression.XZ, null).write(deb, s.control, s.scripts, s.entries);
        assertEquals(r.sha256(), DebArchiveWriterDpkgTest.sha256(deb));
        assertDirHolds(out, "app.deb");
    }

    /** Temporary files sit beside the target, named .*.tmp, while the write is under way. */
    @Test
    void temporaryFileIsHiddenBesideTheTarget() throws Exception {
        Sample s = Sample.create(tmp.resolve("in"));
        out = Files.createDirectories(tmp.resolve("out"));
        Path deb = out.resolve("app.deb");
        List<List<String>> seen = new java.util.ArrayList<>();
        writer(Compression.XZ, p -> seen.add(names(out))).write(deb, s.control, s.scripts, s.entries);
        assertTrue(!seen.isEmpty());
        for (List<String> names : seen) {
            assertEquals(1, names.size(), names.toString());
            assertTrue(names.get(0).startsWith(".app.deb.") && names.get(0).endsWith(".tmp"), names.toString());
        }
        assertDirHolds(out, "app.deb");
    }

    static List<String> names(Path dir) {
        try (Stream<Path> st = Files.list(dir)) {
            return st.map(p -> p.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void assertDirHolds(Path dir, String... names) {
        assertEquals(List.of(names), names(dir));
    }
}
