package io.github.jpackagedeb.core.archive;

import io.github.jpackagedeb.core.testing.Integration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tukaani.xz.LZMA2Options;
import org.tukaani.xz.XZInputStream;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The block-parallel xz stream: decodable by xz-java and by the system's liblzma (xz), one stream of the expected
 * blocks, and the same bytes for any number of threads and any way the caller splits its writes.
 */
@Integration
class ParallelXzOutputStreamTest {

    static final int BLOCK = 64 * 1024;

    @TempDir
    Path tmp;

    /** Half random (incompressible, like a jar), half text (compressible), so both kinds of LZMA2 chunk occur. */
    static byte[] data(int n, long seed) {
        byte[] b = new byte[n];
        Random r = new Random(seed);
        r.nextBytes(b);
        byte[] text = "the quick brown fox jumps over the lazy dog 0123456789\n".getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < n; i += 2 * 4096) {
            for (int j = i; j < Math.min(n, i + 4096); j++) {
                b[j] = text[j % text.length];
            }
        }
        return b;
    }

    static byte[] compress(byte[] in, int threads, int blockSize, int chunk) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        LZMA2Options o = new LZMA2Options(1);
        try (ParallelXzOutputStream xz = new ParallelXzOutputStream(out, o, blockSize, threads)) {
            for (int i = 0; i < in.length; i += chunk) {
                xz.write(in, i, Math.min(chunk, in.length - i));
            }
        }
        return out.toByteArray();
    }

    static byte[] decompress(byte[] xz) throws IOException {
        try (XZInputStream in = new XZInputStream(new ByteArrayInputStream(xz))) {
            return in.readAllBytes();
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, BLOCK - 1, BLOCK, BLOCK + 1, 3 * BLOCK + BLOCK / 2})
    void roundTripsThroughXzJava(int size) throws IOException {
        byte[] in = data(size, size);
        assertArrayEquals(in, decompress(compress(in, 2, BLOCK, 10_000)));
        assertArrayEquals(in, decompress(compress(in, 1, BLOCK, 10_000)));
    }

    @Test
    void sameBytesForAnyThreadCountAndWriteSize() throws IOException {
        byte[] in = data(7 * BLOCK + 123, 42);
        byte[] one = compress(in, 1, BLOCK, 65_536);
        for (int threads : new int[] {2, 3, 8}) {
            for (int chunk : new int[] {1, 4_093, 65_536, 1 << 20}) {
                if (chunk == 1 && threads != 2) {
                    continue; // byte by byte is slow; once is enough
                }
                assertArrayEquals(one, compress(in, threads, BLOCK, chunk), threads + " threads, writes of " + chunk);
            }
        }
        // and the same again (no state carried from one stream to the next)
        assertArrayEquals(one, compress(in, 4, BLOCK, 65_536));
    }

    @Test
    void liblzmaReadsItAsOneStreamOfFixedSizeBlocks() throws IOException {
        Tools.require("xz");
        byte[] in = data(5 * BLOCK + 1000, 7);
        Path file = tmp.resolve("data.xz");
        Files.write(file, compress(in, 3, BLOCK, 50_000));

        Tools.ok(tmp, "xz", "-t", file.toString());
        Tools.Result r = Tools.run(tmp, "xz", "-dc", file.toString());
        assertEquals(0, r.exit(), r.stderr());
        assertArrayEquals(in, r.stdout());

        // xz --robot --list: one stream, six blocks of BLOCK uncompressed bytes (the last one shorter),
        // each header carrying its sizes, check CRC64
        List<String> blocks = new ArrayList<>();
        String streams = null;
        for (String line : Tools.lines(Tools.ok(tmp, "xz", "--robot", "--list", "-vv", file.toString()))) {
            String[] f = line.split("\t");
            if (f[0].equals("file")) {
                streams = f[1];
            } else if (f[0].equals("block")) {
                blocks.add(line);
            }
        }
        assertEquals("1", streams);
        assertEquals(6, blocks.size(), String.join("\n", blocks));
        for (int i = 0; i < 6; i++) {
            String[] f = blocks.get(i).split("\t");
            // block, stream, block in stream, block in file, compressed start, uncompressed start, compressed size,
            // uncompressed size, ratio, check, check value, header size, header flags (c, u: sizes present), ...
            assertEquals(i < 5 ? BLOCK : 1000, Long.parseLong(f[7]), blocks.get(i));
            assertEquals("CRC64", f[9], blocks.get(i));
            assertTrue(f[12].contains("c") && f[12].contains("u"), "sizes in the block header: " + blocks.get(i));
        }
    }

    /**
     * A span marked x86 (machine code) goes through the x86 BCJ filter: liblzma lists the filter chain, decodes it,
     * and real code (this machine's {@code ls}) comes out smaller than with LZMA2 alone.
     */
    @Test
    void x86SpansUseTheBcjFilterAndCompressCodeSmaller() throws IOException {
        Tools.require("xz");
        Path ls = Path.of("/usr/bin/ls");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isRegularFile(ls)
                && DebArchiveWriter.isX86Elf(Content.of(ls)), "needs an x86 /usr/bin/ls");
        byte[] code = Files.readAllBytes(ls);
        byte[] text = data(100_000, 3);
        byte[] in = new byte[text.length + code.length];
        System.arraycopy(text, 0, in, 0, text.length);
        System.arraycopy(code, 0, in, text.length, code.length);
        long[] cuts = {text.length};

        ByteArrayOutputStream withBcj = new ByteArrayOutputStream();
        try (ParallelXzOutputStream xz = new ParallelXzOutputStream(withBcj, new LZMA2Options(6), 1 << 20, 2, cuts,
                new boolean[] {true}, null)) {
            xz.write(in, 0, in.length);
        }
        ByteArrayOutputStream without = new ByteArrayOutputStream();
        try (ParallelXzOutputStream xz = new ParallelXzOutputStream(without, new LZMA2Options(6), 1 << 20, 2, cuts,
                new boolean[] {false}, null)) {
            xz.write(in, 0, in.length);
        }
        assertArrayEquals(in, decompress(withBcj.toByteArray()));
        assertTrue(withBcj.size() < without.size(), withBcj.size() + " < " + without.size());

        Path file = tmp.resolve("code.xz");
        Files.write(file, withBcj.toByteArray());
        Tools.Result r = Tools.run(tmp, "xz", "-dc", file.toString());
        assertEquals(0, r.exit(), r.stderr());
        assertArrayEquals(in, r.stdout());
        List<String> blocks = Tools.lines(Tools.ok(tmp, "xz", "--robot", "--list", "-vv", file.toString())).stream()
                .filter(l -> l.startsWith("block\t")).toList();
        assertEquals(2, blocks.size(), blocks.toString());
        assertTrue(!blocks.get(0).contains("--x86") && blocks.get(1).contains("--x86"), blocks.toString());
    }

    /** A span marked light (already-compressed content) is made with the lighter preset: other bytes, same input. */
    @Test
    void lightSpansUseTheLighterPresetAndDecode() throws IOException {
        byte[] in = data(5 * BLOCK + 321, 11);
        long[] cuts = {BLOCK + 100, 4 * BLOCK};
        byte[][] out = new byte[3][];
        int i = 0;
        for (Object[] run : new Object[][] {{new boolean[] {true, false}, 2}, {new boolean[] {true, false}, 1},
                                            {new boolean[] {false, false}, 2}}) {
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            try (ParallelXzOutputStream xz = new ParallelXzOutputStream(b, new LZMA2Options(6), BLOCK, (int) run[1],
                    cuts, new boolean[2], (boolean[]) run[0], null)) {
                xz.write(in, 0, in.length);
            }
            out[i++] = b.toByteArray();
        }
        assertArrayEquals(in, decompress(out[0]));
        assertArrayEquals(out[0], out[1], "the same bytes for any number of threads");
        assertTrue(!java.util.Arrays.equals(out[0], out[2]), "the light span is compressed with other options");
        assertArrayEquals(in, decompress(out[2]));
    }

    @Test
    void onlyZipFilesAreLight() throws IOException {
        ByteArrayOutputStream jar = new ByteArrayOutputStream();
        try (java.util.zip.ZipOutputStream z = new java.util.zip.ZipOutputStream(jar)) {
            z.putNextEntry(new java.util.zip.ZipEntry("a.txt"));
            z.write(data(10_000, 5));
        }
        assertTrue(DebArchiveWriter.isZip(Content.of(jar.toByteArray(), "jar")));
        assertTrue(!DebArchiveWriter.isZip(Content.of(data(10_000, 5), "text")));
        assertTrue(!DebArchiveWriter.isZip(Content.of(new byte[] {'P', 'K'}, "short")));
    }

    @Test
    void onlyX86ElfFilesAreMachineCode() throws IOException {
        byte[] elf64 = new byte[64];
        elf64[0] = 0x7F;
        elf64[1] = 'E';
        elf64[2] = 'L';
        elf64[3] = 'F';
        elf64[4] = 2;
        elf64[5] = 1;
        elf64[18] = 62; // x86-64
        assertTrue(DebArchiveWriter.isX86Elf(Content.of(elf64, "x86-64")));
        elf64[18] = (byte) 183; // aarch64: no BCJ (the ARM64 filter needs liblzma 5.4)
        assertTrue(!DebArchiveWriter.isX86Elf(Content.of(elf64, "arm64")));
        assertTrue(!DebArchiveWriter.isX86Elf(Content.of("#!/bin/sh\nexit 0\n".getBytes(StandardCharsets.US_ASCII),
                "script")));
        assertTrue(!DebArchiveWriter.isX86Elf(Content.of(new byte[3], "short")));
    }

    @Test
    void dictionaryPropertyEncodesTheSmallestSizeThatHoldsIt() {
        assertEquals(0, ParallelXzOutputStream.dictProperty(4096));
        assertEquals(1, ParallelXzOutputStream.dictProperty(6 * 1024));
        assertEquals(2, ParallelXzOutputStream.dictProperty(8 * 1024));
        assertEquals(22, ParallelXzOutputStream.dictProperty(8 << 20));
        assertEquals(23, ParallelXzOutputStream.dictProperty((8 << 20) + 1));
        assertEquals(38, ParallelXzOutputStream.dictProperty(Integer.MAX_VALUE));
    }

    @Test
    void threadsAreCappedByHeapNeverBelowOne() {
        assertEquals(4, Compressors.xzThreads(4, 64L << 30));
        assertEquals(1, Compressors.xzThreads(8, 64L << 20));
        assertTrue(Compressors.xzThreads(8, 1L << 30) < 8);
    }
}
