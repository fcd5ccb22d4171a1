package io.github.jpackagedeb.core.archive;

import io.github.jpackagedeb.core.testing.Integration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/** Same inputs, same bytes: whatever the entry order, source mtimes, modes, location or umask. */
@Integration
class ReproducibilityTest {

    static final long T = 1_700_000_000L;

    @TempDir
    Path tmp;

    static DebArchiveWriter writer(Compression c) {
        return DebArchiveWriter.builder().timestamp(T).dataCompression(c).controlCompression(c).build();
    }

    @ParameterizedTest
    @EnumSource(Compression.class)
    void sameBytesWhateverTheInputOrderMtimesModesAndDirectory(Compression c) throws Exception {
        Sample a = Sample.create(tmp.resolve("one/src"));
        Path first = tmp.resolve("out1/p.deb");
        WriteResult r1 = writer(c).write(first, a.control, a.scripts, a.entries);

        // a second copy of the sources elsewhere, with other mtimes and on-disk modes
        Sample b = Sample.create(tmp.resolve("two/somewhere/else/src"));
        try (Stream<Path> files = Files.list(tmp.resolve("two/somewhere/else/src"))) {
            for (Path p : files.toList()) {
                Files.setLastModifiedTime(p, FileTime.from(Instant.parse("2001-02-03T04:05:06Z")));
                Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxrwxrwx"));
            }
        }
        for (long seed = 1; seed <= 3; seed++) {
            List<DebEntry> shuffled = new ArrayList<>(b.entries);
            Collections.shuffle(shuffled, new Random(seed));
            Path other = tmp.resolve("out" + (seed + 1) + "/q.deb");
            WriteResult r2 = writer(c).write(other, b.control, b.scripts, shuffled);
            assertEquals(r1.sha256(), r2.sha256());
            assertArrayEquals(Files.readAllBytes(first), Files.readAllBytes(other));
        }

        // the timestamp does matter
        Path later = tmp.resolve("later.deb");
        DebArchiveWriter.builder().timestamp(T + 1).dataCompression(c).controlCompression(c).build()
                .write(later, a.control, a.scripts, a.entries);
        assertNotEquals(r1.sha256(), DebArchiveWriterDpkgTest.sha256(later));
    }

    /** Another JVM under umask 077 (and another working directory) writes the same bytes. */
    @Test
    void sameBytesUnderAnotherUmaskInAnotherJvm() throws Exception {
        Tools.require("sh");
        Sample a = Sample.create(tmp.resolve("src"));
        Path here = tmp.resolve("here.deb");
        writer(Compression.XZ).write(here, a.control, a.scripts, a.entries);

        Path workDir = Files.createDirectories(tmp.resolve("elsewhere"));
        Path there = tmp.resolve("there/there.deb");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Tools.ok(workDir, "sh", "-c", "umask 077 && exec \"$0\" -cp \"$1\" \"$2\" \"$3\" \"$4\"", java,
                System.getProperty("java.class.path"), WriteSample.class.getName(),
                tmp.resolve("src2").toString(), there.toString());
        assertArrayEquals(Files.readAllBytes(here), Files.readAllBytes(there));
        // the .deb itself gets the mode any new file gets under that umask
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(there)));
    }

    /** Entry point of the child JVM. */
    static final class WriteSample {
        public static void main(String[] args) throws Exception {
            Sample s = Sample.create(Path.of(args[0]));
            writer(Compression.XZ).write(Path.of(args[1]), s.control, s.scripts, s.entries);
        }
    }
}
