package io.github.jpackagedeb.core.archive;

import io.github.jpackagedeb.core.testing.Integration;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Multi-threaded compression of data.tar changes nothing but the time: a package big enough for several xz blocks
 * and several zstd jobs has the same bytes whether one, two or four threads write it, and dpkg-deb and liblzma read
 * it back intact.
 */
@Integration
class ParallelCompressionTest {

    static final long T = 1_700_000_000L;
    /** Small xz blocks, so that a package of a few MiB has many (the real ones are 24 MiB). */
    static final int XZ_BLOCK = 256 * 1024;

    @TempDir
    Path tmp;

    /** Jars (incompressible) and text (compressible) of {@code mib} MiB in all, written under {@code dir}. */
    static List<DebEntry> entries(Path dir, int mib) throws Exception {
        Files.createDirectories(dir);
        List<DebEntry> e = new ArrayList<>();
        for (int i = 0; i < mib; i++) {
            byte[] b = ParallelXzOutputStreamTest.data(1 << 20, i);
            Path f = Files.write(dir.resolve("lib-" + i + ".jar"), b);
            e.add(DebEntry.file("usr/share/java/app/lib/lib-" + i + ".jar", Content.of(f)));
        }
        e.add(DebEntry.file("usr/share/doc/app/copyright", Content.of(Sample.ascii("Public domain.\n"), "copyright")));
        // an x86-64 "library" of more than 1 MiB: its own blocks, through the x86 BCJ filter
        byte[] so = ParallelXzOutputStreamTest.data((1 << 20) + 4097, 99);
        byte[] elf = {0x7F, 'E', 'L', 'F', 2, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 3, 0, 62, 0};
        System.arraycopy(elf, 0, so, 0, elf.length);
        e.add(DebEntry.file("usr/lib/app/runtime/lib/server/libjvm.so", Content.of(Files.write(dir.resolve("libjvm.so"), so))));
        return e;
    }

    static WriteResult write(Compression c, int threads, Path deb, List<DebEntry> entries) throws Exception {
        byte[] control = Sample.ascii("Package: app\nVersion: 1.0-1\nArchitecture: all\nMaintainer: T <t@example.org>\n"
                + "Description: d\n d\n");
        return DebArchiveWriter.builder().timestamp(T).dataCompression(c).controlCompression(c).threads(threads)
                .xzBlockSize(XZ_BLOCK).xzOwnBlocks(1 << 20).build().write(deb, control, Map.of(), entries);
    }

    @ParameterizedTest
    @EnumSource(value = Compression.class, names = {"XZ", "ZSTD"})
    void sameBytesForAnyNumberOfThreadsAndDpkgReadsIt(Compression c) throws Exception {
        Tools.require("dpkg-deb", "ar", "xz", "sh");
        // zstd cuts its multi-threaded jobs by size (several MiB at level 6): give it enough for a few
        int mib = c == Compression.ZSTD ? 40 : 3;
        List<DebEntry> entries = entries(tmp.resolve("in"), mib);
        Path one = tmp.resolve("t1/app.deb");
        WriteResult r1 = write(c, 1, one, entries);
        for (int threads : new int[] {2, 4}) {
            Path other = tmp.resolve("t" + threads + "/app.deb");
            WriteResult r = write(c, threads, other, entries);
            assertEquals(r1.sha256(), r.sha256(), threads + " threads");
            assertArrayEquals(Files.readAllBytes(one), Files.readAllBytes(other));
        }

        // dpkg-deb unpacks every file intact
        Path x = tmp.resolve("x");
        Tools.ok(tmp, "dpkg-deb", "-x", one.toString(), x.toString());
        for (int i = 0; i < mib; i++) {
            assertArrayEquals(ParallelXzOutputStreamTest.data(1 << 20, i),
                    Files.readAllBytes(x.resolve("usr/share/java/app/lib/lib-" + i + ".jar")), "lib-" + i);
        }
        assertArrayEquals(Files.readAllBytes(tmp.resolve("in/libjvm.so")),
                Files.readAllBytes(x.resolve("usr/lib/app/runtime/lib/server/libjvm.so")));
        Tools.ok(tmp, "dpkg-deb", "--info", one.toString());

        if (c == Compression.XZ) {
            // one xz stream of many blocks, each block header carrying its sizes
            Tools.ok(tmp, "sh", "-c", "ar p \"$0\" data.tar.xz > data.tar.xz", one.toString());
            String list = Tools.ok(tmp, "xz", "--robot", "--list", "-vv", "data.tar.xz");
            long blocks = Tools.lines(list).stream().filter(l -> l.startsWith("block\t")).count();
            long streams = Tools.lines(list).stream().filter(l -> l.startsWith("stream\t")).count();
            assertEquals(1, streams, list);
            assertTrue(Tools.lines(list).stream().anyMatch(l -> l.startsWith("block\t") && l.contains("--x86")), list);
            assertTrue(blocks >= mib * (1 << 20) / XZ_BLOCK, blocks + " blocks:\n" + list);
        }
    }
}
