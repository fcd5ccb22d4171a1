package io.github.jpackagedeb.core.archive;

import io.github.jpackagedeb.core.testing.Integration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Our data.tar, uncompressed, is byte for byte what GNU tar writes for the same tree with
 * {@code --format=gnu --sort=name --owner=root:0 --group=root:0 --mtime=@T} (the format
 * dpkg-deb itself uses), long names and long link targets included.
 */
@Integration
class GnuTarParityTest {

    @TempDir
    Path tmp;

    @Test
    void dataTarIsWhatGnuTarWrites() throws Exception {
        Tools.require("tar");
        Sample s = Sample.create(tmp.resolve("in"));
        Path deb = tmp.resolve("out/p.deb");
        DebArchiveWriter.builder().timestamp(DebArchiveWriterDpkgTest.TIMESTAMP).dataCompression(Compression.NONE)
                .controlCompression(Compression.NONE).build().write(deb, s.control, s.scripts, s.entries);

        // the same tree on disk, with the modes the entries give
        Path root = tmp.resolve("tree");
        Files.createDirectories(root);
        for (Map.Entry<String, DebArchiveWriterDpkgTest.Expected> e
                : DebArchiveWriterDpkgTest.expected(s.entries).entrySet()) {
            Path p = root.resolve(e.getKey());
            DebArchiveWriterDpkgTest.Expected x = e.getValue();
            switch (x.type()) {
                case DIRECTORY -> Files.createDirectories(p);
                case FILE -> {
                    Files.createDirectories(p.getParent());
                    Files.write(p, x.content());
                }
                case SYMLINK -> {
                    Files.createDirectories(p.getParent());
                    Files.createSymbolicLink(p, Path.of(x.link()));
                }
            }
            if (x.type() != EntryType.SYMLINK) {
                Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(
                        DebArchiveWriterDpkgTest.perms(x).substring(1)));
            }
        }
        Path gnu = tmp.resolve("gnu.tar");
        Tools.ok(root, "tar", "--format=gnu", "--sort=name", "--owner=root:0", "--group=root:0",
                "--mtime=@" + DebArchiveWriterDpkgTest.TIMESTAMP, "-cf", gnu.toString(), ".");

        byte[] ours = member(Files.readAllBytes(deb), "data.tar");
        byte[] theirs = Files.readAllBytes(gnu);
        assertEquals(theirs.length, ours.length);
        assertArrayEquals(theirs, ours);
    }

    /** The bytes of one ar member. */
    static byte[] member(byte[] ar, String name) {
        int off = 8;
        while (off < ar.length) {
            String h = new String(ar, off, 60, StandardCharsets.US_ASCII);
            int size = Integer.parseInt(h.substring(48, 58).trim());
            if (h.substring(0, 16).trim().equals(name)) {
                return Arrays.copyOfRange(ar, off + 60, off + 60 + size);
            }
            off += 60 + size + (size % 2);
        }
        throw new AssertionError("no member " + name + " in " + List.of());
    }
}
