package io.github.jpackagedeb.core.archive;

import io.github.jpackagedeb.core.DebLog;

import org.apache.commons.codec.digest.DigestUtils;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Compressed xz blocks kept between builds, addressed by what they were made from: the SHA-256 of the encoder
 * settings, the xz-java version and the block's uncompressed bytes. A build that packages the same bytes again (the
 * same runtime image from the runtime cache, the same dependency jars) takes the block from here instead of running
 * LZMA2 over it again, so a warm build costs a hash of its input instead of its compression. The bytes written are
 * those a build without the cache writes: a block is a pure function of its key.
 *
 * <p>Layout: {@code <dir>/<2 hex>/<64 hex>.xzb}, each file a small header (magic, unpadded size, block length, the
 * CRC-32C of the block; the SHA-256 in files of format 1) and the block. A file is written under a temporary name and
 * renamed into place, so concurrent builds see a whole block or none (two builds writing the same block write the same
 * bytes). A file that fails its own check (a torn or damaged file) is deleted and the block compressed again. After a build
 * the least recently used files are removed while the directory holds more than {@link #MAX_BYTES}.
 *
 * <p>Any I/O problem with the cache is logged (debug) and treated as a miss: the cache can only make a build faster,
 * never fail it.
 *
 * <p>Hand-written: no library caches compressed blocks by content; it works only because
 * {@link ParallelXzOutputStream} makes each block a function of its input alone.
 */
final class XzBlockCache {

    /** The most bytes the cache keeps (least recently used blocks go first). */
    static final long MAX_BYTES = 2L << 30;
    /**
     * Blocks of headers and small files smaller than this are compressed again rather than cached (not worth a file);
     * blocks of a file's own content are always cached. Why 16 KiB: bench/NOTES.md.
     */
    static final int MIN_BLOCK = 16 * 1024;
    /** Format 1: the block's SHA-256 in the header. Still read; no longer written. */
    private static final byte[] MAGIC = "jpackage-deb xz block 1\n".getBytes(StandardCharsets.US_ASCII);
    /**
     * Format 2: the block's CRC-32C in the header (then zeros). It detects a torn or damaged file as well, and costs
     * a fraction of SHA-256, which took about a third of a second of every warm build (29 MB of blocks for hello-cli):
     * the key, not this check, is what ties a block to its input.
     */
    private static final byte[] MAGIC_2 = "jpackage-deb xz block 2\n".getBytes(StandardCharsets.US_ASCII);
    private static final int HEADER = MAGIC.length + 8 + 8 + 32;
    private static final String SUFFIX = ".xzb";

    private final Path dir;
    private final DebLog log;
    private final byte[] salt;
    /** Keys of the blocks this build compressed ahead of the stream. */
    private final java.util.Set<String> madeAhead = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final AtomicLong hits = new AtomicLong();
    private final AtomicLong ahead = new AtomicLong();
    /** Of {@link #ahead}: blocks {@link XzAhead} made before the stream began (while the runtime was linked). */
    private final AtomicLong early = new AtomicLong();
    private final AtomicLong misses = new AtomicLong();
    private final AtomicLong hitBytes = new AtomicLong();

    private XzBlockCache(Path dir, byte[] salt, DebLog log) {
        this.dir = dir;
        this.salt = salt;
        this.log = log;
    }

    /**
     * The cache in {@code dir} for blocks made with {@code settings} (a description of every encoder parameter that
     * changes the bytes); null when {@code dir} is null or cannot be created.
     */
    static XzBlockCache open(Path dir, String settings, DebLog log) {
        if (dir == null) {
            return null;
        }
        try {
            Files.createDirectories(dir);
            if (!Files.isWritable(dir)) {
                log.debug("the xz block cache " + dir + " is not writable: compressing without it");
                return null;
            }
        } catch (IOException | RuntimeException e) {
            log.debug("cannot use the xz block cache " + dir + ": " + e);
            return null;
        }
        String version = org.tukaani.xz.XZ.class.getPackage().getImplementationVersion();
        String s = "xz-java " + version + "; " + settings;
        return new XzBlockCache(dir, s.getBytes(StandardCharsets.UTF_8), log);
    }

    /**
     * What a block's key holds besides its filters and input: the xz-java version and the encoder settings (for
     * {@link FileStatCache}, whose entries name blocks of this cache).
     */
    String salt() {
        return new String(salt, StandardCharsets.UTF_8);
    }

    /** The key of a block made from {@code in[0, length)} with the named filter chain. */
    byte[] key(String filters, ByteBuffer in, int length) {
        MessageDigest d = DigestUtils.getSha256Digest();
        d.update(salt);
        d.update((byte) 0);
        d.update(filters.getBytes(StandardCharsets.US_ASCII));
        d.update((byte) 0);
        d.update(in.duplicate().position(0).limit(length));
        return d.digest();
    }

    /**
     * The cached block made from {@code length} input bytes with this key, read into the slot's output array (made
     * large enough), or null.
     */
    Cached get(byte[] key, int length, ParallelXzOutputStream.Slot slot) {
        XzAhead.await(dir, key);
        Path p = file(key);
        ByteBuffer buf;
        int size;
        try (FileChannel ch = FileChannel.open(p, StandardOpenOption.READ)) {
            long fileSize = ch.size();
            if (fileSize > Integer.MAX_VALUE - 64) {
                throw new IOException("too large: " + fileSize);
            }
            size = (int) fileSize;
            buf = slot.out(size);
            ByteBuffer bb = buf.duplicate().position(0).limit(size);
            while (bb.hasRemaining()) {
                if (ch.read(bb) < 0) {
                    break;
                }
            }
            size = bb.position();
        } catch (NoSuchFileException e) {
            misses.incrementAndGet();
            return null;
        } catch (IOException | RuntimeException e) {
            log.debug("cannot read " + p + ": " + e);
            misses.incrementAndGet();
            return null;
        }
        ByteBuffer b = buf.duplicate().position(0).limit(size);
        byte[] magic = new byte[MAGIC.length];
        long unpadded = -1;
        long stored = -1;
        byte[] sum = new byte[32];
        if (size >= HEADER) {
            b.get(magic);
            unpadded = b.getLong();
            stored = b.getLong();
            b.get(sum);
        }
        boolean v1 = Arrays.equals(magic, MAGIC);
        if (!(v1 || Arrays.equals(magic, MAGIC_2)) || stored != size - HEADER || unpadded <= 0 || unpadded > stored
                || !MessageDigest.isEqual(sum, v1 ? DigestUtils.digest(DigestUtils.getSha256Digest(),
                        buf.duplicate().position(HEADER).limit(size)) : crc32c(buf.duplicate().position(HEADER).limit(size)))) {
            log.warn("the cached xz block " + p + " is damaged; it is removed and the block compressed again");
            deleteQuietly(p);
            misses.incrementAndGet();
            return null;
        }
        try {
            Files.setLastModifiedTime(p, FileTime.fromMillis(System.currentTimeMillis()));
        } catch (IOException | RuntimeException e) {
            log.debug("cannot touch " + p + ": " + e);
        }
        boolean early = XzAhead.take(dir, key);
        if (early) {
            this.early.incrementAndGet();
        }
        boolean made = madeAhead.contains(HexFormat.of().formatHex(key)) || early;
        if (made) {
            misses.incrementAndGet(); // compressed by this build, ahead of the stream: not a reuse
            ahead.incrementAndGet();
        } else {
            hits.incrementAndGet();
            hitBytes.addAndGet(length);
        }
        return new Cached(unpadded, buf, HEADER, size - HEADER, made);
    }

    /**
     * A block read from the cache: {@code bytes[offset, offset + length)}; {@code madeAhead} when this build compressed
     * it ahead of the stream (so it is not a reuse).
     */
    record Cached(long unpaddedSize, ByteBuffer bytes, int offset, int length, boolean madeAhead) {
    }

    /** Whether a block with this key is stored (not checked: {@link #get} checks). */
    boolean has(byte[] key) {
        XzAhead.await(dir, key);
        return stored(key);
    }

    /** {@link #has} without waiting for a block being made ahead ({@link XzAhead}). */
    boolean stored(byte[] key) {
        return Files.isRegularFile(file(key));
    }

    /** Stores a block compressed ahead of the stream by this build (see {@link #get}: not counted as reused). */
    void putAhead(byte[] key, ByteBuffer block, int offset, int length, long unpadded) {
        madeAhead.add(HexFormat.of().formatHex(key));
        put(key, block, offset, length, unpadded);
    }

    /** Stores {@code block[offset, offset + length)} (atomically; an existing file is the same block, replaced). */
    void put(byte[] key, ByteBuffer block, int offset, int length, long unpadded) {
        Path p = file(key);
        Path tmp = p.resolveSibling(p.getFileName() + "." + Long.toHexString(ThreadLocalRandom.current().nextLong())
                + ".tmp");
        try {
            Files.createDirectories(p.getParent());
            ByteBuffer h = ByteBuffer.allocate(HEADER);
            h.put(MAGIC_2).putLong(unpadded).putLong(length).put(crc32c(block.duplicate().position(offset)
                    .limit(offset + length)));
            try (var ch = Files.newByteChannel(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                h.flip();
                while (h.hasRemaining()) {
                    ch.write(h);
                }
                ByteBuffer d = block.duplicate().position(offset).limit(offset + length);
                while (d.hasRemaining()) {
                    ch.write(d);
                }
            }
            try {
                Files.move(tmp, p, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, p, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException | RuntimeException e) {
            log.debug("cannot store an xz block in " + dir + ": " + e);
            deleteQuietly(tmp);
        }
    }

    /** The CRC-32C of the buffer's remaining bytes, big-endian, padded with zeros to the 32 bytes of the header field. */
    private static byte[] crc32c(ByteBuffer b) {
        java.util.zip.CRC32C c = new java.util.zip.CRC32C();
        c.update(b);
        return ByteBuffer.allocate(32).putInt((int) c.getValue()).array();
    }

    /** Says what the cache saved, then removes the least recently used blocks beyond {@link #MAX_BYTES}. */
    void finish() {
        long h = hits.get();
        long m = misses.get();
        if (h + m > 0) {
            log.debug("xz blocks: " + h + " of " + (h + m) + " reused from " + dir + " (" + hitBytes.get() / (1024 * 1024)
                    + " MiB not compressed again)" + (ahead.get() > 0 ? "; " + ahead.get()
                    + " compressed ahead of the stream, largest first" : "")
                    + (early.get() > 0 ? " (" + early.get() + " of them while the runtime was linked)" : ""));
        }
        trim(MAX_BYTES);
    }

    /** Deletes the least recently used block files until the cache holds at most {@code max} bytes. */
    void trim(long max) {
        record F(Path path, long size, long mtime) {
        }
        List<F> files = new ArrayList<>();
        long total = 0;
        try (DirectoryStream<Path> subs = Files.newDirectoryStream(dir)) {
            for (Path sub : subs) {
                if (!Files.isDirectory(sub)) {
                    continue;
                }
                try (DirectoryStream<Path> blocks = Files.newDirectoryStream(sub, "*" + SUFFIX)) {
                    for (Path f : blocks) {
                        BasicFileAttributes a = Files.readAttributes(f, BasicFileAttributes.class);
                        files.add(new F(f, a.size(), a.lastModifiedTime().toMillis()));
                        total += a.size();
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            log.debug("cannot list the xz block cache " + dir + ": " + e);
            return;
        }
        if (total <= max) {
            return;
        }
        files.sort(Comparator.comparingLong(F::mtime));
        for (F f : files) {
            if (total <= max) {
                break;
            }
            deleteQuietly(f.path());
            total -= f.size();
        }
    }

    long hits() {
        return hits.get();
    }

    long misses() {
        return misses.get();
    }

    private Path file(byte[] key) {
        String hex = HexFormat.of().formatHex(key);
        return dir.resolve(hex.substring(0, 2)).resolve(hex + SUFFIX);
    }

    private void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException | RuntimeException e) {
            log.debug("cannot delete " + p + ": " + e);
        }
    }
}
