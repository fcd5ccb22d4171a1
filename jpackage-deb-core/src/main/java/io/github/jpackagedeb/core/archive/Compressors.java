package io.github.jpackagedeb.core.archive;

import com.github.luben.zstd.ZstdOutputStream;
import org.tukaani.xz.LZMA2Options;
import org.tukaani.xz.UnsupportedOptionsException;

import io.github.jpackagedeb.core.DebLog;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;

/**
 * The compressors of the control and data members, each set up so that the same input gives the
 * same bytes <em>whatever the number of threads</em>. The writer only asks {@link #open} for a
 * stream and closes it at the end.
 *
 * <ul>
 *   <li>xz: {@link ParallelXzOutputStream}, LZMA2 preset {@value #XZ_PRESET} (xz's and dpkg-deb's
 *       default) in independent blocks of {@value #XZ_BLOCK_MIB} MiB compressed on all cores, one
 *       stream with an index, CRC64 checks, pure Java (org.tukaani.xz): the bytes depend on the
 *       xz-java version and these constants alone. Each block's dictionary is the preset's
 *       8 MiB, cut to the block when the block is smaller. The preset stays 6 and the speed comes
 *       from the cores; the measurements behind preset and block size: bench/NOTES.md.</li>
 *   <li>gzip: {@link Gzip} (level 9, dpkg-deb's default; no file name, mtime 0, OS byte 3 as
 *       {@code gzip -n} writes on Linux).</li>
 *   <li>zstd: level {@value #ZSTD_LEVEL}, with a content checksum, no pledged size, always in
 *       zstd's multi-threaded mode (at least one worker), whose output is the same for any number
 *       of workers (single-threaded mode writes other bytes, so it is never used). The bytes
 *       depend on the libzstd bundled in zstd-jni alone. Why level 6: bench/NOTES.md.</li>
 *   <li>none: the bytes as they are.</li>
 * </ul>
 *
 * <p>Threads: one per available processor, fewer when the JVM's heap could not hold that many
 * xz encoders ({@link #xzThreads}); the count never changes the bytes.
 *
 * <p>This is the one place a {@link Compression} becomes a stream ({@link #open}): callers never pick a compressor
 * nor look at the stream they get back.
 */
final class Compressors {

    static final int XZ_PRESET = 6;
    static final int XZ_BLOCK_MIB = 24;
    static final int XZ_BLOCK_SIZE = XZ_BLOCK_MIB << 20;
    static final int ZSTD_LEVEL = 6;

    private Compressors() {
    }

    /**
     * How data.tar's xz stream is cut into blocks and fed, for the block cache and the progress log; the other
     * compressors ignore it, and none of it changes the bytes' dependence on the input alone.
     *
     * @param cuts       input offsets where a block must start, ascending
     * @param x86        per cut: the span from it to the next cut is x86 machine code (BCJ filter)
     * @param light      per cut: the span from it to the next cut is already-compressed content
     * @param ownSpans   the spans of files with blocks of their own, compressed ahead from the block cache's view
     * @param blockCache compressed blocks to reuse, or null
     * @param log        where xz reports its progress, or null for no progress
     * @param label      what is compressed, for the progress log ({@code data.tar})
     */
    record XzPlan(long[] cuts, boolean[] x86, boolean[] light, List<ParallelXzOutputStream.Span> ownSpans,
                  XzBlockCache blockCache, DebLog log, String label) {

        /** No cuts, no block cache, no progress: a small member such as control.tar. */
        static final XzPlan NONE = new XzPlan(new long[0], new boolean[0], new boolean[0], List.of(), null, null, null);
    }

    /** Whether files of the compression may get blocks of their own ({@link XzPlan}): xz only. */
    static boolean ownBlocks(Compression compression) {
        return compression == Compression.XZ;
    }

    /** {@link #open(Compression, OutputStream, long, int, int, XzPlan)} with one thread per processor, standard blocks. */
    static OutputStream open(Compression compression, OutputStream sink, long inputLength) throws IOException {
        return open(compression, sink, inputLength, Runtime.getRuntime().availableProcessors(), XZ_BLOCK_SIZE,
                XzPlan.NONE);
    }

    /**
     * Wraps {@code sink} in the compressor; closing the returned stream finishes the compressed
     * stream and closes {@code sink}.
     *
     * @param inputLength the exact number of bytes that will be written. xz's dictionary is cut
     *                    down to it (rounded up to a power of two, at least 4 KiB): a dictionary
     *                    larger than the input cannot find more matches, so the ratio is the same,
     *                    but preset 6's 8 MiB dictionary costs ~94 MB of encoder memory even for a
     *                    1 KiB control.tar. An input of one block is compressed in the caller's
     *                    thread. The bytes still depend on the input alone.
     * @param threads     the most threads to compress with (at least 1); never changes the bytes
     * @param xzBlockSize the uncompressed size of xz blocks: {@link #XZ_BLOCK_SIZE} but in tests
     * @param xzPlan      block cuts, block cache and progress of xz ({@link XzPlan#NONE} for none)
     */
    static OutputStream open(Compression compression, OutputStream sink, long inputLength, int threads,
                             int xzBlockSize, XzPlan xzPlan) throws IOException {
        switch (compression) {
            case XZ: {
                ParallelXzOutputStream xz = xz(sink, inputLength, threads, xzBlockSize, xzPlan);
                if (xzPlan.log() != null) {
                    xz.progress(xzPlan.log(), xzPlan.label(), inputLength);
                }
                xz.prefetch(xzPlan.ownSpans());
                return xz;
            }
            case GZIP:
                return Gzip.open(sink);
            case ZSTD: {
                ZstdOutputStream z = new ZstdOutputStream(sink, ZSTD_LEVEL);
                z.setChecksum(true);
                // multi-threaded mode always: its bytes are the same for 1 or N workers
                z.setWorkers(Math.max(1, threads));
                z.setCloseFrameOnFlush(false);
                return z;
            }
            case NONE:
                return new PassThrough(sink);
            default:
                throw new IllegalArgumentException(String.valueOf(compression));
        }
    }

    /** The xz compressor with the plan's block cuts and block cache (see {@link ParallelXzOutputStream}). */
    private static ParallelXzOutputStream xz(OutputStream sink, long inputLength, int threads, int blockSize,
                                             XzPlan plan) {
        int t = inputLength <= blockSize ? 1 : xzThreads(threads, Runtime.getRuntime().maxMemory());
        // an input smaller than a block needs no block-sized buffer (the bytes are the same: one block either way)
        int size = (int) Math.max(1, Math.min(blockSize, inputLength));
        return new ParallelXzOutputStream(sink, xzOptions(), size, t, plan.cuts(), plan.x86(), plan.light(),
                plan.blockCache());
    }

    /** What {@link XzBlockCache} keys on besides the input: every setting of {@link #xz} that changes the bytes. */
    static String xzSettings() {
        return ParallelXzOutputStream.settings(xzOptions());
    }

    static LZMA2Options xzOptions() {
        try {
            return new LZMA2Options(XZ_PRESET);
        } catch (UnsupportedOptionsException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * How many xz blocks to compress at once: {@code wanted}, but no more than half of
     * {@code maxHeap} can hold (each thread needs an encoder and an input and output block).
     */
    static int xzThreads(int wanted, long maxHeap) {
        long perThread = xzOptions().getEncoderMemoryUsage() * 1024L + 2L * XZ_BLOCK_SIZE;
        long fit = Math.max(1, (maxHeap / 2 - XZ_BLOCK_SIZE) / perThread);
        return (int) Math.max(1, Math.min(wanted, fit));
    }

    static int xzDictSize(int presetDictSize, long inputLength) {
        int dict = LZMA2Options.DICT_SIZE_MIN;
        while (dict < inputLength && dict < presetDictSize) {
            dict <<= 1;
        }
        return Math.min(dict, presetDictSize);
    }

    /** No compression; passes whole arrays (FilterOutputStream alone would go byte by byte). */
    private static final class PassThrough extends FilterOutputStream {
        PassThrough(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }
    }
}
