package io.github.jpackagedeb.core.archive;

import io.github.jpackagedeb.core.DebLog;
import io.github.jpackagedeb.core.FileStat;

import org.apache.commons.codec.digest.DigestUtils;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * What an earlier build learned from reading a file that has not changed since: its MD5 (for {@code md5sums}) and the
 * keys of the xz blocks its content was compressed into ({@link XzBlockCache}), so that a rebuild copies those blocks
 * without reading the file at all. Without it a warm build reads and hashes every byte of data.tar (about 95 MB with a
 * bundled runtime) only to find out that nothing changed: about a second of every rebuild.
 *
 * <p>"Has not changed" is judged as git judges its index: the file's path, size, modification time, status-change
 * time (ctime, which no program can set back) and device and inode number must all be those seen when it was read.
 * Any write, truncation, replacement (a new inode) or {@code touch} changes one of them. A file whose mtime or ctime lies
 * within {@link #DEFAULT_RACY_MILLIS} of the moment it was read is not remembered ("racily clean" in git's words): a
 * write in the same clock tick as the one before it could leave both times alike. Where the platform has no ctime or
 * inode (not a Unix file system), nothing is remembered.
 *
 * <p>Entries live in {@code <block cache>/files/<64 hex>.stat}: the blocks they name are in the same cache, and the
 * key also holds the block layout (block size, filters), so an entry is only found by a build that would cut the file
 * into the same blocks. Each entry carries the SHA-256 of its own bytes; a damaged one is a miss. A block the entry
 * names that went from the cache is made again from the file ({@link ParallelXzOutputStream#copySpan}). At most
 * {@link #MAX_ENTRIES} entries are kept, the least recently used go first. Any I/O problem is a miss, never an error.
 *
 * <p>Hand-written: git's index (racy-git.txt) is the model; no Java library keeps such a cache.
 */
final class FileStatCache {

    /** Files changed this close to the moment they are read are not remembered (see the class comment). */
    static final long DEFAULT_RACY_MILLIS = FileStat.RACY_MILLIS;
    /** The most entries kept. */
    static final int MAX_ENTRIES = 20_000;
    private static final byte[] MAGIC = "jpackage-deb file stat 1\n".getBytes(StandardCharsets.US_ASCII);
    private static final String SUFFIX = ".stat";
    private static final int MD5 = 16;
    private static final int KEY = 32;

    private final Path dir;
    private final DebLog log;
    private final long racyMillis;
    private int stored;

    private FileStatCache(Path dir, DebLog log, long racyMillis) {
        this.dir = dir;
        this.log = log;
        this.racyMillis = racyMillis;
    }

    /** The cache beside the xz block cache in {@code blockCacheDir}; null when there is none or it cannot be used. */
    static FileStatCache open(Path blockCacheDir, DebLog log, long racyMillis) {
        if (blockCacheDir == null) {
            return null;
        }
        Path dir = blockCacheDir.resolve("files");
        try {
            Files.createDirectories(dir);
            if (!Files.isWritable(dir)) {
                return null;
            }
            FileStat probe = FileStat.of(dir);
            if (probe == null) {
                log.debug("no ctime or inode numbers here: every build reads its files (" + dir + ")");
                return null;
            }
        } catch (IOException | RuntimeException e) {
            log.debug("cannot use " + dir + ": " + e);
            return null;
        }
        return new FileStatCache(dir, log, racyMillis);
    }

    /** What is remembered of a file: the MD5 of its content and its blocks' cache keys. */
    record Facts(byte[] md5, List<byte[]> blockKeys) {
    }

    /**
     * The facts stored for this stat and block layout ({@code layout}: block size and filters, anything that changes
     * the blocks), or null.
     */
    Facts get(FileStat stat, String layout) {
        Path p = file(stat, layout);
        byte[] b;
        try {
            b = Files.readAllBytes(p);
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException | RuntimeException e) {
            log.debug("cannot read " + p + ": " + e);
            return null;
        }
        int head = MAGIC.length + MD5 + 4;
        if (b.length < head + 32 || !Arrays.equals(b, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
            return damaged(p);
        }
        ByteBuffer bb = ByteBuffer.wrap(b);
        bb.position(MAGIC.length);
        byte[] md5 = new byte[MD5];
        bb.get(md5);
        int n = bb.getInt();
        if (n < 0 || b.length != head + (long) n * KEY + 32) {
            return damaged(p);
        }
        List<byte[]> keys = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            byte[] k = new byte[KEY];
            bb.get(k);
            keys.add(k);
        }
        byte[] sum = new byte[32];
        bb.get(sum);
        MessageDigest d = DigestUtils.getSha256Digest();
        d.update(b, 0, b.length - 32);
        if (!MessageDigest.isEqual(sum, d.digest())) {
            return damaged(p);
        }
        try {
            Files.setLastModifiedTime(p, FileTime.fromMillis(System.currentTimeMillis()));
        } catch (IOException | RuntimeException e) {
            log.debug("cannot touch " + p + ": " + e);
        }
        return new Facts(md5, List.copyOf(keys));
    }

    private Facts damaged(Path p) {
        log.debug("the file stat entry " + p + " is damaged; it is removed");
        deleteQuietly(p);
        return null;
    }

    /**
     * Remembers the facts of a file read with this stat, if the file still has it ({@code after}, taken once it was
     * read) and did not change too close to the read ({@code readAtMillis}).
     */
    void put(FileStat stat, FileStat after, long readAtMillis, String layout, Facts facts) {
        if (!stat.equals(after) || stat.racy(readAtMillis, racyMillis)) {
            return;
        }
        Path p = file(stat, layout);
        Path tmp = p.resolveSibling(p.getFileName() + "." + Long.toHexString(ThreadLocalRandom.current().nextLong())
                + ".tmp");
        ByteBuffer bb = ByteBuffer.allocate(MAGIC.length + MD5 + 4 + facts.blockKeys().size() * KEY + 32);
        bb.put(MAGIC).put(facts.md5()).putInt(facts.blockKeys().size());
        for (byte[] k : facts.blockKeys()) {
            bb.put(k);
        }
        MessageDigest d = DigestUtils.getSha256Digest();
        d.update(bb.array(), 0, bb.position());
        bb.put(d.digest());
        try {
            Files.write(tmp, bb.array(), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            try {
                Files.move(tmp, p, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, p, StandardCopyOption.REPLACE_EXISTING);
            }
            stored++;
        } catch (IOException | RuntimeException e) {
            log.debug("cannot store " + p + ": " + e);
            deleteQuietly(tmp);
        }
    }

    /** After a build that stored entries: removes the least recently used beyond {@code max}. */
    void finish(int max) {
        if (stored == 0) {
            return;
        }
        record F(Path path, long mtime) {
        }
        List<F> files = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, "*" + SUFFIX)) {
            for (Path f : ds) {
                files.add(new F(f, Files.getLastModifiedTime(f).toMillis()));
            }
        } catch (IOException | RuntimeException e) {
            log.debug("cannot list " + dir + ": " + e);
            return;
        }
        if (files.size() <= max) {
            return;
        }
        files.sort(Comparator.comparingLong(F::mtime));
        for (F f : files.subList(0, files.size() - max)) {
            deleteQuietly(f.path());
        }
    }

    private Path file(FileStat stat, String layout) {
        MessageDigest d = DigestUtils.getSha256Digest();
        String id = stat.id() + '\0' + layout;
        d.update(id.getBytes(StandardCharsets.UTF_8));
        return dir.resolve(HexFormat.of().formatHex(d.digest()) + SUFFIX);
    }

    private void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException | RuntimeException e) {
            log.debug("cannot delete " + p + ": " + e);
        }
    }
}
