package io.github.jpackagedeb.core.archive;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The xz block cache is keyed by file content, not by the build timestamp or by where a file sits in data.tar: a
 * rebuild with a new mtime (no pinned {@code project.build.outputTimestamp}) compresses only the blocks of headers and
 * small files, and a rebuild where one jar changed compresses that jar's blocks besides; every other file's blocks
 * are reused. Counted from the writer's own summary line (blocks reused, blocks compressed and their bytes), with the
 * default size from which a file gets blocks of its own. The bytes are those of a build without the cache.
 */
class ContentKeyedBlocksTest {

    static final long T = 1_700_000_000L;
    /** Small blocks, so that the bigger files have several. */
    static final int BLOCK = 256 * 1024;
    /** Sizes of the "jars" (a mix of sizes around the block size and the own-blocks size), and of small files. */
    static final int[] JARS = {3 * BLOCK + 17, 2 * BLOCK, BLOCK - 5, (int) DebArchiveWriter.XZ_OWN_BLOCKS,
                               (int) DebArchiveWriter.XZ_OWN_BLOCKS + 1000, 700_001};
    static final int SMALL_FILES = 20;
    static final int SMALL_SIZE = 3000;

    @TempDir
    Path tmp;

    /** The summary line: "xz: data.tar: R of N blocks reused from the block cache, C compressed (X MB) in S s". */
    record Summary(int reused, int blocks, int compressed, double mb) {
        static final Pattern LINE = Pattern.compile(
                "xz: data\\.tar: (\\d+) of (\\d+) blocks reused( from the block cache)?, (\\d+) compressed \\(([0-9.]+) MB\\).*");

        static Summary of(XzBlockCacheTest.Log log) {
            for (String l : log.lines) {
                Matcher m = LINE.matcher(l);
                if (m.matches()) {
                    return new Summary(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                            Integer.parseInt(m.group(4)), Double.parseDouble(m.group(5)));
                }
            }
            throw new AssertionError("no xz summary line in " + log.lines);
        }
    }

    List<DebEntry> entries(int changedJar) throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("in-" + changedJar));
        List<DebEntry> e = new ArrayList<>();
        for (int i = 0; i < JARS.length; i++) {
            Path f = dir.resolve("dep-" + i + ".jar");
            byte[] b = ParallelXzOutputStreamTest.data(JARS[i], i);
            if (i == changedJar) {
                // changed in every block (a new seed alone would keep the data's text stretches)
                for (int k = 0; k < b.length; k++) {
                    b[k] ^= 0x5A;
                }
            }
            Files.write(f, b);
            e.add(DebEntry.file("usr/share/java/app/lib/dep-" + i + ".jar", Content.of(f)));
        }
        for (int i = 0; i < SMALL_FILES; i++) {
            e.add(DebEntry.file("usr/share/java/app/conf/small-" + i + ".txt",
                    Content.of(ParallelXzOutputStreamTest.data(SMALL_SIZE, 500 + i), "small " + i)));
        }
        return e;
    }

    byte[] write(Path cache, long timestamp, List<DebEntry> entries, XzBlockCacheTest.Log log, String name)
            throws Exception {
        byte[] control = Sample.ascii("Package: app\nVersion: 1.0-1\nArchitecture: all\nMaintainer: T <t@example.org>\n"
                + "Description: d\n d\n");
        Path deb = tmp.resolve("out/" + name + ".deb");
        DebArchiveWriter.builder().timestamp(timestamp).xzBlockSize(BLOCK).threads(2).blockCache(cache).log(log)
                .build().write(deb, control, Map.of(), entries);
        return Files.readAllBytes(deb);
    }

    /** The blocks of one file's content (and padding) at this block size. */
    static int blocksOf(int size) {
        long padded = (size + 511L) / 512 * 512;
        return (int) ((padded + BLOCK - 1) / BLOCK);
    }

    @Test
    void aNewTimestampOrOneChangedJarRecompressesOnlyWhatChanged() throws Exception {
        Path cache = tmp.resolve("cache");
        int ownBlocks = 0;
        for (int size : JARS) {
            assertTrue(size >= DebArchiveWriter.XZ_OWN_BLOCKS, "every test jar is big enough for blocks of its own");
            ownBlocks += blocksOf(size);
        }
        // headers and small files: well under one test block in all
        double smallMb = (SMALL_FILES * (SMALL_SIZE + 1024) + 64 * 1024) / 1e6;

        XzBlockCacheTest.Log cold = new XzBlockCacheTest.Log();
        byte[] first = write(cache, T, entries(-1), cold, "cold");
        Summary c = Summary.of(cold);
        assertEquals(0, c.reused(), cold.lines.toString());
        assertEquals(c.blocks(), c.compressed(), cold.lines.toString());
        assertTrue(c.blocks() > ownBlocks, "headers and small files have blocks besides: " + c);
        assertArrayEquals(write(null, T, entries(-1), new XzBlockCacheTest.Log(), "cold-plain"), first);

        // a new build timestamp: every header differs, no file content does
        XzBlockCacheTest.Log retimed = new XzBlockCacheTest.Log();
        byte[] second = write(cache, T + 3600, entries(-1), retimed, "retimed");
        Summary r = Summary.of(retimed);
        assertEquals(ownBlocks, r.reused(), "every block of the files' contents is reused: " + retimed.lines);
        assertEquals(r.blocks() - ownBlocks, r.compressed(), retimed.lines.toString());
        assertTrue(r.mb() <= smallMb, "only headers and small files are compressed again: " + r);
        assertArrayEquals(write(null, T + 3600, entries(-1), new XzBlockCacheTest.Log(), "retimed-plain"), second);

        // and one jar changed besides (the first: it comes first in data.tar, so every later file moves)
        XzBlockCacheTest.Log changed = new XzBlockCacheTest.Log();
        byte[] third = write(cache, T + 7200, entries(0), changed, "changed");
        Summary j = Summary.of(changed);
        assertEquals(ownBlocks - blocksOf(JARS[0]), j.reused(), changed.lines.toString());
        assertEquals(j.blocks() - ownBlocks + blocksOf(JARS[0]), j.compressed(), changed.lines.toString());
        assertTrue(j.mb() <= smallMb + (JARS[0] + 512) / 1e6, "the changed jar and the small files: " + j);
        assertArrayEquals(write(null, T + 7200, entries(0), new XzBlockCacheTest.Log(), "changed-plain"), third);
    }

    /**
     * Without a pinned timestamp (sourceMtimes), files from disk keep their own mtimes and other entries the oldest of
     * them: a rebuild at a later time has the same headers, so the blocks of headers and small files are
     * reused too, where with every header stamped with the build's time they are compressed again.
     */
    @Test
    void withoutAPinnedTimestampUnchangedFilesKeepTheirHeadersAndTheirSmallFilesBlocksAreReused() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("runtime"));
        List<DebEntry> entries = new ArrayList<>(entries(-1).subList(0, JARS.length));
        for (int i = 0; i < 30; i++) {
            Path f = Files.write(dir.resolve("small-" + i + ".txt"), ParallelXzOutputStreamTest.data(SMALL_SIZE, 900 + i));
            entries.add(DebEntry.file("usr/lib/app/runtime/conf/small-" + i + ".txt", Content.of(f)));
        }
        for (DebEntry e : entries) {
            Files.setLastModifiedTime(((Content.FileContent) e.content()).file(),
                    java.nio.file.attribute.FileTime.from(T - 1000, java.util.concurrent.TimeUnit.SECONDS));
        }
        int ownBlocks = 0;
        for (int size : JARS) {
            ownBlocks += blocksOf(size);
        }
        Path cache = tmp.resolve("cache-mtimes");
        writeSourceMtimes(cache, T, entries, new XzBlockCacheTest.Log(), "first");
        XzBlockCacheTest.Log later = new XzBlockCacheTest.Log();
        byte[] again = writeSourceMtimes(cache, T + 3600, entries, later, "later");
        Summary s = Summary.of(later);
        // the ~110 KB of small files' headers and contents (with the directories before them) form one cacheable block
        assertEquals(ownBlocks + 1, s.reused(), later.lines.toString());
        assertArrayEquals(writeSourceMtimes(null, T + 3600, entries, new XzBlockCacheTest.Log(), "later-plain"), again,
                "the bytes of a write without cache");

        // with every header stamped with the build's time, that block is compressed again
        write(cache, T, entries, new XzBlockCacheTest.Log(), "stamped");
        XzBlockCacheTest.Log stamped = new XzBlockCacheTest.Log();
        write(cache, T + 3600, entries, stamped, "stamped-later");
        assertEquals(ownBlocks, Summary.of(stamped).reused(), stamped.lines.toString());
    }

    byte[] writeSourceMtimes(Path cache, long timestamp, List<DebEntry> entries, XzBlockCacheTest.Log log, String name)
            throws Exception {
        byte[] control = Sample.ascii("Package: app\nVersion: 1.0-1\nArchitecture: all\nMaintainer: T <t@example.org>\n"
                + "Description: d\n d\n");
        Path deb = tmp.resolve("out/" + name + ".deb");
        DebArchiveWriter.builder().timestamp(timestamp).sourceMtimes(true).xzBlockSize(BLOCK).threads(2)
                .blockCache(cache).log(log).build().write(deb, control, Map.of(), entries);
        return Files.readAllBytes(deb);
    }

    /** A real jar (light preset) among other big files: data.tar.xz holds exactly the uncompressed package's data.tar. */
    @Test
    void aJarIsCompressedLightAndDecodesToTheSameTar() throws Exception {
        Path jar = tmp.resolve("real.jar");
        try (java.util.zip.ZipOutputStream z = new java.util.zip.ZipOutputStream(Files.newOutputStream(jar))) {
            for (int i = 0; i < 40; i++) {
                z.putNextEntry(new java.util.zip.ZipEntry("p/C" + i + ".class"));
                z.write(ParallelXzOutputStreamTest.data(20_000, 900 + i));
            }
        }
        assertTrue(DebArchiveWriter.isZip(Content.of(jar)));
        List<DebEntry> e = new ArrayList<>(entries(-1));
        e.add(DebEntry.file("usr/share/java/app/lib/real.jar", Content.of(jar)));
        byte[] control = Sample.ascii("Package: app\nVersion: 1.0-1\nArchitecture: all\nMaintainer: T <t@example.org>\n"
                + "Description: d\n d\n");
        byte[][] tars = new byte[2][];
        int i = 0;
        for (Compression c : List.of(Compression.XZ, Compression.NONE)) {
            Path deb = tmp.resolve("out/jar-" + c + ".deb");
            DebArchiveWriter.builder().timestamp(T).xzBlockSize(BLOCK).threads(2).dataCompression(c).build()
                    .write(deb, control, Map.of(), e);
            var f = io.github.jpackagedeb.core.debfile.DebFile.read(deb);
            var m = f.members().stream().filter(x -> x.name().startsWith("data.tar")).findFirst().orElseThrow();
            byte[] all = Files.readAllBytes(deb);
            byte[] member = java.util.Arrays.copyOfRange(all, (int) m.offset(), (int) (m.offset() + m.size()));
            tars[i++] = c == Compression.XZ ? ParallelXzOutputStreamTest.decompress(member) : member;
        }
        assertArrayEquals(tars[1], tars[0]);
    }

    @Test
    void theWriterLogsWhenCompressionStartsAndEnds() throws Exception {
        XzBlockCacheTest.Log log = new XzBlockCacheTest.Log();
        write(null, T, entries(-1), log, "logged");
        assertTrue(log.lines.stream().anyMatch(l -> l.startsWith("xz: compressing data.tar (")), log.lines.toString());
        Summary s = Summary.of(log);
        assertEquals(0, s.reused());
        assertEquals(s.blocks(), s.compressed());
    }
}
