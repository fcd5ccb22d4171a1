package io.github.jpackagedeb.core.archive;

import io.github.jpackagedeb.core.DebLog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Blocks compressed before the package's tree exists ({@link XzAhead}: a runtime's native code while jdeps and jlink
 * run) are the blocks the stream needs: it compresses none of them again, counts them as this build's work (not
 * reused), and writes the bytes of a build without any cache. A wrong prediction changes nothing but the work, and the
 * same source is not read again once its blocks are cached.
 */
class XzAheadTest {

    static final long T = 1_700_000_000L;

    @TempDir
    Path tmp;

    /** An x86-64 ELF file (for the x86 BCJ filter), a zip (the light preset), plain data, and a small file. */
    List<Path> inputs(String variant) throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("in-" + variant));
        byte[] elf = ParallelXzOutputStreamTest.data(700_000, 1);
        byte[] head = {0x7F, 'E', 'L', 'F', 2, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 3, 0, 62, 0};
        System.arraycopy(head, 0, elf, 0, head.length);
        byte[] zip = ParallelXzOutputStreamTest.data(300_001, 2);
        zip[0] = 'P';
        zip[1] = 'K';
        zip[2] = 3;
        zip[3] = 4;
        byte[] plain = ParallelXzOutputStreamTest.data(200_003, 3);
        if (!variant.equals("v1")) {
            plain[1000] ^= 1;
        }
        return List.of(Files.write(dir.resolve("libjvm.so"), elf), Files.write(dir.resolve("dep.jar"), zip),
                Files.write(dir.resolve("data.bin"), plain), Files.write(dir.resolve("small"), new byte[1000]));
    }

    byte[] write(Path cache, List<Path> files, int threads, XzBlockCacheTest.Log log, String name) throws Exception {
        byte[] control = Sample.ascii("Package: app\nVersion: 1.0-1\nArchitecture: amd64\nMaintainer: T <t@example.org>\n"
                + "Description: d\n d\n");
        List<DebEntry> entries = new ArrayList<>();
        for (Path f : files) {
            entries.add(DebEntry.file("usr/lib/app/runtime/lib/" + f.getFileName(), Content.of(f)));
        }
        entries.add(DebEntry.file("usr/share/doc/app/README", Content.of(Sample.ascii("readme"), "readme")));
        Path deb = tmp.resolve("out/" + name + ".deb");
        DebArchiveWriter.builder().timestamp(T).threads(threads).blockCache(cache).log(log).build()
                .write(deb, control, Map.of(), entries);
        return Files.readAllBytes(deb);
    }

    /** A source that copies the files into its work directory, as the runtime's jmod extraction does, and counts. */
    static XzAhead.Source copies(List<Path> files, AtomicInteger calls) {
        return work -> {
            calls.incrementAndGet();
            List<Path> out = new ArrayList<>();
            for (Path f : files) {
                out.add(Files.copy(f, work.resolve(out.size() + "-" + f.getFileName())));
            }
            return out;
        };
    }

    @Test
    void theStreamTakesTheBlocksMadeAheadAndCompressesNoneOfThemAgain() throws Exception {
        List<Path> files = inputs("v1");
        byte[] plain = write(null, files, 1, new XzBlockCacheTest.Log(), "plain");
        Path cache = tmp.resolve("cache");
        AtomicInteger calls = new AtomicInteger();
        XzBlockCacheTest.Log aheadLog = new XzBlockCacheTest.Log();
        XzAhead.start(cache, "runtime A", copies(files, calls), aheadLog).get(60, TimeUnit.SECONDS);
        assertEquals(1, calls.get());
        // the three files of 64 KiB or more, one block each; the small file shares its block with the headers
        assertEquals(3, XzBlockCacheTest.blockFiles(cache).size(), XzBlockCacheTest.blockFiles(cache).toString());
        assertTrue(aheadLog.lines.stream().anyMatch(l -> l.startsWith("DEBUG native code ahead: 3 xz blocks")),
                aheadLog.lines.toString());

        XzBlockCacheTest.Log cold = new XzBlockCacheTest.Log();
        assertArrayEquals(plain, write(cache, files, 2, cold, "cold"));
        assertEquals(0, cold.summary().reused(), "made by this build, not reused: " + cold.lines);
        assertTrue(cold.reuse().endsWith("(3 of them while the runtime was linked)"), cold.lines.toString());
        assertEquals(3, XzBlockCacheTest.blockFiles(cache).size(), "nothing compressed twice");

        // the same source again: its blocks are cached, so it is neither read nor compressed
        assertTrue(XzAhead.start(cache, "runtime A", copies(files, calls), DebLog.SILENT).isDone());
        assertEquals(1, calls.get());
        // a later build takes them as reused, as any cached block
        XzBlockCacheTest.Log warm = new XzBlockCacheTest.Log();
        assertArrayEquals(plain, write(cache, files, 2, warm, "warm"));
        assertEquals(3, warm.summary().reused(), warm.lines.toString());
    }

    @Test
    void aWrongPredictionChangesNothingButTheWork() throws Exception {
        List<Path> actual = inputs("v1");
        List<Path> predicted = inputs("v2"); // data.bin differs in one byte
        byte[] plain = write(null, actual, 1, new XzBlockCacheTest.Log(), "plain");
        Path cache = tmp.resolve("cache");
        XzAhead.start(cache, "runtime B", copies(predicted, new AtomicInteger()), DebLog.SILENT)
                .get(60, TimeUnit.SECONDS);
        XzBlockCacheTest.Log cold = new XzBlockCacheTest.Log();
        assertArrayEquals(plain, write(cache, actual, 2, cold, "cold"));
        assertTrue(cold.reuse().endsWith("(2 of them while the runtime was linked)"), cold.lines.toString());
        // data.bin's block was compressed by the stream; the predicted one stays unused in the cache
        assertEquals(4, XzBlockCacheTest.blockFiles(cache).size());
    }

    @Test
    void aSourceThatFailsLeavesTheStreamToDoTheWork() throws Exception {
        List<Path> files = inputs("v1");
        byte[] plain = write(null, files, 1, new XzBlockCacheTest.Log(), "plain");
        Path cache = tmp.resolve("cache");
        XzBlockCacheTest.Log aheadLog = new XzBlockCacheTest.Log();
        XzAhead.start(cache, "runtime C", work -> {
            throw new java.io.IOException("strip failed (exit 1)");
        }, aheadLog).get(60, TimeUnit.SECONDS);
        assertTrue(aheadLog.lines.stream().anyMatch(l -> l.contains("strip failed")), aheadLog.lines.toString());
        XzBlockCacheTest.Log cold = new XzBlockCacheTest.Log();
        assertArrayEquals(plain, write(cache, files, 2, cold, "cold"));
        assertTrue(!cold.reuse().contains("while the runtime was linked"), cold.lines.toString());
        assertEquals(3, XzBlockCacheTest.blockFiles(cache).size());
    }
}
