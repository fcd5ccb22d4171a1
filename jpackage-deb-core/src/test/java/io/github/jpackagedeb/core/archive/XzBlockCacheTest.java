package io.github.jpackagedeb.core.archive;

import io.github.jpackagedeb.core.DebLog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The xz block cache changes the time, never the bytes: a package written with an empty cache, with a warm one, with
 * a damaged one, or after one of its files changed, is byte for byte the package written without any cache.
 */
class XzBlockCacheTest {

    static final long T = 1_700_000_000L;
    static final int BLOCK = 256 * 1024;

    @TempDir
    Path tmp;

    /** Collects what the writer logs. */
    static final class Log implements DebLog {
        final List<String> lines = new ArrayList<>();

        @Override
        public void debug(String m) {
            lines.add("DEBUG " + m);
        }

        @Override
        public void info(String m) {
            lines.add(m);
        }

        @Override
        public void warn(String m) {
            lines.add("WARN " + m);
        }

        /** The block cache's own account (debug), or "". */
        String reuse() {
            return lines.stream().filter(l -> l.startsWith("DEBUG xz blocks: ")).findFirst().orElse("");
        }

        /** The writer's summary line. */
        ContentKeyedBlocksTest.Summary summary() {
            return ContentKeyedBlocksTest.Summary.of(this);
        }
    }

    /** Three big "jars" (blocks of their own) and a small file whose content the test can change. */
    List<DebEntry> entries(String small) throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("in"));
        List<DebEntry> e = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Path f = dir.resolve("big-" + i + ".jar");
            if (!Files.exists(f)) {
                Files.write(f, ParallelXzOutputStreamTest.data(3 * BLOCK / 2 + 1000 * i + (1 << 20), 100 + i));
            }
            e.add(DebEntry.file("usr/share/java/app/lib/big-" + i + ".jar", Content.of(f)));
        }
        e.add(DebEntry.file("usr/share/java/app/lib/app.jar", Content.of(Sample.ascii(small), "app jar")));
        return e;
    }

    byte[] write(Path cache, List<DebEntry> entries, Log log, String name) throws Exception {
        byte[] control = Sample.ascii("Package: app\nVersion: 1.0-1\nArchitecture: all\nMaintainer: T <t@example.org>\n"
                + "Description: d\n d\n");
        Path deb = tmp.resolve("out/" + name + ".deb");
        DebArchiveWriter.builder().timestamp(T).xzBlockSize(BLOCK).xzOwnBlocks(1 << 20).threads(2).blockCache(cache)
                .log(log).build()
                .write(deb, control, Map.of(), entries);
        return Files.readAllBytes(deb);
    }

    static List<Path> blockFiles(Path cache) throws Exception {
        try (Stream<Path> s = Files.walk(cache)) {
            return s.filter(p -> p.toString().endsWith(".xzb")).sorted().toList();
        }
    }

    @Test
    void coldWarmDamagedAndChangedBuildsWriteTheBytesOfABuildWithoutCache() throws Exception {
        Path cache = tmp.resolve("cache");
        byte[] plain = write(null, entries("version 1"), new Log(), "plain");

        Log cold = new Log();
        assertArrayEquals(plain, write(cache, entries("version 1"), cold, "cold"));
        assertEquals(0, cold.summary().reused(), cold.lines.toString());
        List<Path> files = blockFiles(cache);
        assertFalse(files.isEmpty());

        Log warm = new Log();
        assertArrayEquals(plain, write(cache, entries("version 1"), warm, "warm"));
        // every cached block is reused; the blocks of headers and of the small file are too small to cache
        assertEquals(files.size(), warm.summary().reused(), warm.lines.toString());
        assertEquals(warm.summary().blocks() - files.size(), warm.summary().compressed(), warm.lines.toString());

        // another small file: the big files' blocks are still reused, and the bytes are those of a cacheless build
        byte[] plain2 = write(null, entries("version 2, longer than the first"), new Log(), "plain2");
        Log changed = new Log();
        assertArrayEquals(plain2, write(cache, entries("version 2, longer than the first"), changed, "changed"));
        assertEquals(files.size(), changed.summary().reused(), changed.lines.toString());

        // a damaged block file (one byte flipped) and a torn one (cut short) are noticed, replaced, and change nothing
        byte[] b = Files.readAllBytes(files.get(0));
        b[b.length - 5] ^= 0x40;
        Files.write(files.get(0), b);
        Files.write(files.get(1), java.util.Arrays.copyOf(Files.readAllBytes(files.get(1)), 100));
        Log damaged = new Log();
        assertArrayEquals(plain, write(cache, entries("version 1"), damaged, "damaged"));
        assertEquals(2, damaged.lines.stream().filter(l -> l.startsWith("WARN ") && l.contains("damaged")).count(),
                damaged.lines.toString());
        Log again = new Log();
        assertArrayEquals(plain, write(cache, entries("version 1"), again, "again"));
        assertEquals(files.size(), again.summary().reused(), again.lines.toString());
    }

    /**
     * Blocks stored by an earlier version (format 1: the block's SHA-256 in the header) are still reused; format 2
     * (CRC-32C) is what is written now, and a flipped byte in either is noticed.
     */
    @Test
    void blocksOfFormat1AreStillReadAndBothFormatsAreChecked() throws Exception {
        Path cache = tmp.resolve("cache");
        byte[] plain = write(null, entries("v"), new Log(), "plain");
        write(cache, entries("v"), new Log(), "cold");
        List<Path> files = blockFiles(cache);
        byte[] magic1 = "jpackage-deb xz block 1\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        int header = magic1.length + 16 + 32;
        for (Path f : files) {
            byte[] b = Files.readAllBytes(f);
            assertEquals("jpackage-deb xz block 2\n", new String(b, 0, magic1.length,
                    java.nio.charset.StandardCharsets.US_ASCII), f.toString());
            // rewrite as format 1
            System.arraycopy(magic1, 0, b, 0, magic1.length);
            byte[] sha = org.apache.commons.codec.digest.DigestUtils.sha256(
                    java.util.Arrays.copyOfRange(b, header, b.length));
            System.arraycopy(sha, 0, b, magic1.length + 16, 32);
            Files.write(f, b);
        }
        Log v1 = new Log();
        assertArrayEquals(plain, write(cache, entries("v"), v1, "v1"));
        assertEquals(files.size(), v1.summary().reused(), v1.lines.toString());
        assertFalse(v1.lines.stream().anyMatch(l -> l.startsWith("WARN ")), v1.lines.toString());

        byte[] b = Files.readAllBytes(files.get(0));
        b[header + 3] ^= 1;
        Files.write(files.get(0), b);
        Log flipped = new Log();
        assertArrayEquals(plain, write(cache, entries("v"), flipped, "flipped"));
        assertEquals(1, flipped.lines.stream().filter(l -> l.startsWith("WARN ") && l.contains("damaged")).count(),
                flipped.lines.toString());
    }

    /**
     * With a block cache and two threads, the blocks of the big files are compressed ahead of the stream, largest
     * first (so no core idles at the end while one big block is compressed last), and the stream finds every one of
     * them in the cache: nothing is compressed twice, and the bytes are those of a one-thread write without cache.
     */
    @Test
    void aColdWriteCompressesTheBigFilesAheadLargestFirstAndUsesThem() throws Exception {
        byte[] control = Sample.ascii("Package: app\nVersion: 1.0-1\nArchitecture: all\nMaintainer: T <t@example.org>\n"
                + "Description: d\n d\n");
        Path single = tmp.resolve("out/single.deb");
        DebArchiveWriter.builder().timestamp(T).xzBlockSize(BLOCK).xzOwnBlocks(1 << 20).threads(1).log(DebLog.SILENT)
                .build().write(single, control, Map.of(), entries("v"));
        Log cold = new Log();
        assertArrayEquals(Files.readAllBytes(single), write(tmp.resolve("cache"), entries("v"), cold, "cold"));
        // every cached block (the big files' blocks, a last piece under XzBlockCache.MIN_BLOCK included) was
        // made ahead and then taken from the cache by the stream
        List<Path> files = blockFiles(tmp.resolve("cache"));
        assertTrue(files.size() >= 3, files.toString());
        assertEquals(0, cold.summary().reused(), cold.lines.toString());
        assertTrue(cold.reuse().endsWith("; " + files.size() + " compressed ahead of the stream, largest first"),
                cold.lines.toString());
    }

    @Test
    void anUnwritableCacheIsIgnored() throws Exception {
        Path file = Files.writeString(tmp.resolve("not-a-directory"), "x");
        byte[] plain = write(null, entries("v"), new Log(), "plain");
        Log log = new Log();
        assertArrayEquals(plain, write(file.resolve("cache"), entries("v"), log, "nocache"));
        assertEquals("", log.reuse());
        assertEquals(0, log.summary().reused());
        assertFalse(log.lines.stream().anyMatch(l -> l.contains("from the block cache")), log.lines.toString());
    }

    @Test
    void trimRemovesTheLeastRecentlyUsedBlocksFirst() throws Exception {
        Path cache = tmp.resolve("cache");
        write(cache, entries("v"), new Log(), "fill");
        List<Path> files = blockFiles(cache);
        long total = 0;
        for (int i = 0; i < files.size(); i++) {
            Files.setLastModifiedTime(files.get(i), FileTime.fromMillis(1_000_000L * (i + 1)));
            total += Files.size(files.get(i));
        }
        long first = Files.size(files.get(0));
        XzBlockCache c = XzBlockCache.open(cache, Compressors.xzSettings(), DebLog.SILENT);
        c.trim(total - 1);
        assertFalse(Files.exists(files.get(0)), "the oldest block goes first");
        assertTrue(Files.exists(files.get(files.size() - 1)));
        c.trim(0);
        assertEquals(List.of(), blockFiles(cache));
        assertTrue(first > 0);
    }
}
