package io.github.jpackagedeb.core.runtime;

import org.apache.commons.codec.digest.DigestUtils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/**
 * A remembered digest is used only while the file's stat is the one it was read with; a write, a replacement with the
 * same size and mtime, or a damaged entry gives the real digest again. A file written a moment ago is not remembered.
 */
class StatDigestsTest {

    @TempDir
    Path tmp;

    /** A file last changed long enough ago to be remembered: its mtime in the past (ctime cannot be set back). */
    Path old(String name, String text) throws Exception {
        Path f = Files.writeString(tmp.resolve(name), text);
        Files.setLastModifiedTime(f, FileTime.from(1_600_000_000L, TimeUnit.SECONDS));
        return f;
    }

    List<Path> entries(Path dir) throws Exception {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.toList();
        }
    }

    @Test
    void aFileJustWrittenIsNotRememberedAndTheDigestIsAlwaysTheContents() throws Exception {
        Path dir = tmp.resolve("digests");
        Path f = old("a.jar", "one");
        // its ctime is now: racy, so not remembered
        assertEquals(DigestUtils.sha256Hex("one"), StatDigests.sha256(f, dir));
        assertEquals(List.of(), entries(dir));
    }

    @Test
    void aRememberedDigestServesOnlyTheSameStat() throws Exception {
        Path dir = tmp.resolve("digests");
        Path f = old("a.jar", "one");
        Thread.sleep(StatDigests.RACY_MILLIS + 100);
        assertEquals(DigestUtils.sha256Hex("one"), StatDigests.sha256(f, dir));
        List<Path> stored = entries(dir);
        assertEquals(1, stored.size(), "remembered once read: " + stored);
        // the entry is what answers now: a forged one (with a valid checksum) would be believed
        String id = StatDigests.id(f);
        String forged = "f".repeat(64);
        Files.writeString(stored.get(0), forged + "\n" + DigestUtils.sha256Hex(id + "\0" + forged) + "\n");
        assertEquals(forged, StatDigests.sha256(f, dir), "an unchanged stat is not read again");

        // a damaged entry is a miss
        Files.writeString(stored.get(0), forged + "\n" + "0".repeat(64) + "\n");
        assertEquals(DigestUtils.sha256Hex("one"), StatDigests.sha256(f, dir));

        // the same size and mtime, new bytes in a new file moved over it (new inode and ctime): read again
        Path g = old("b.tmp", "two");
        Files.move(g, f, StandardCopyOption.REPLACE_EXISTING);
        assertEquals(FileTime.from(1_600_000_000L, TimeUnit.SECONDS), Files.getLastModifiedTime(f));
        assertEquals(DigestUtils.sha256Hex("two"), StatDigests.sha256(f, dir));
        // a write in place with the mtime set back (a new ctime): read again
        Files.writeString(f, "six");
        Files.setLastModifiedTime(f, FileTime.from(1_600_000_000L, TimeUnit.SECONDS));
        assertEquals(DigestUtils.sha256Hex("six"), StatDigests.sha256(f, dir));
        assertNotEquals(forged, StatDigests.sha256(f, null));
    }
}
