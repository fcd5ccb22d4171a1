package io.github.jpackagedeb.core.runtime;

import io.github.jpackagedeb.core.FileStat;
import org.apache.commons.codec.digest.DigestUtils;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The SHA-256 of files, remembered by what identifies a file's state: its path, size, modification time, status-change
 * time (ctime, which no program sets back) and device and inode numbers, as git's index does (racy-git.txt). A warm
 * build then checks a cached runtime (about 80 MB) and keys the jdeps results of its jars without reading them: about
 * a quarter of a second of every build. Any write, truncation, replacement or {@code touch} of a file changes its stat,
 * so its digest is computed again; a file changed within {@link #RACY_MILLIS} of the moment it is hashed is not
 * remembered (a later write in the same clock tick could leave its stat alike).
 *
 * <p>Entries are {@code <dir>/<64 hex>} files holding the digest and a checksum that ties it to the stat; a damaged or
 * unreadable entry is a miss, and a directory that cannot be written only means hashing every time. Where the platform
 * has no ctime or inode number, nothing is remembered.
 */
final class StatDigests {

    static final long RACY_MILLIS = FileStat.RACY_MILLIS;
    /** After this many entries the directory is emptied (the next builds write what they use again). */
    static final int MAX_ENTRIES = 50_000;

    private StatDigests() {
    }

    /** The SHA-256 (hex) of the file: remembered in {@code dir} if its stat is unchanged, else read and remembered. */
    static String sha256(Path file, Path dir) throws IOException {
        FileStat before = dir == null ? null : FileStat.of(file);
        Path entry = null;
        if (before != null) {
            entry = dir.resolve(DigestUtils.sha256Hex(before.id()));
            String known = read(entry, before.id());
            if (known != null) {
                return known;
            }
        }
        long readAt = System.currentTimeMillis();
        String sum;
        try (var in = Files.newInputStream(file)) {
            sum = DigestUtils.sha256Hex(in);
        }
        if (before != null && before.equals(FileStat.of(file)) && !before.racy(readAt, RACY_MILLIS)) {
            write(dir, entry, before.id(), sum);
        }
        return sum;
    }

    /** The stat of a file as text (what an entry is keyed and checked by), or null without ctime or inode numbers. */
    static String id(Path file) throws IOException {
        FileStat stat = FileStat.of(file);
        return stat == null ? null : stat.id();
    }

    private static String read(Path entry, String id) {
        String text;
        try {
            text = Files.readString(entry, StandardCharsets.US_ASCII);
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
        String[] lines = text.split("\n");
        if (lines.length != 2 || !lines[0].matches("[0-9a-f]{64}")
                || !lines[1].equals(DigestUtils.sha256Hex(id + "\0" + lines[0]))) {
            return null;
        }
        return lines[0];
    }

    private static void write(Path dir, Path entry, String id, String sum) {
        Path tmp = null;
        try {
            Files.createDirectories(dir);
            tmp = dir.resolve("." + entry.getFileName() + "." + Long.toHexString(ThreadLocalRandom.current().nextLong()));
            Files.writeString(tmp, sum + "\n" + DigestUtils.sha256Hex(id + "\0" + sum) + "\n", StandardCharsets.US_ASCII);
            Files.move(tmp, entry, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            tmp = null;
        } catch (IOException | RuntimeException e) {
            // only a miss next time
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException | RuntimeException e) {
                    // left for the next trim
                }
            }
        }
    }

    /** Empties {@code dir} when it holds more than {@link #MAX_ENTRIES} entries (stale stats of replaced files). */
    static void trim(Path dir) {
        try (var s = Files.list(dir)) {
            if (s.limit(MAX_ENTRIES + 1L).count() <= MAX_ENTRIES) {
                return;
            }
        } catch (IOException | RuntimeException e) {
            return;
        }
        try (var s = Files.list(dir)) {
            s.forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException | RuntimeException e) {
                    // next time
                }
            });
        } catch (IOException | RuntimeException e) {
            // next time
        }
    }
}
