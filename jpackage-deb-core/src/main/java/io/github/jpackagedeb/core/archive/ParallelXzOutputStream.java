package io.github.jpackagedeb.core.archive;

import org.tukaani.xz.ArrayCache;
import org.tukaani.xz.BasicArrayCache;
import org.tukaani.xz.FinishableOutputStream;
import org.tukaani.xz.FinishableWrapperOutputStream;
import org.tukaani.xz.LZMA2Options;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.ArrayDeque;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.CRC32;

/**
 * A deterministic, multi-threaded xz compressor: one .xz stream whose input is cut into blocks of
 * a fixed size, each block compressed on its own (LZMA2, dictionary reset) by a pool of threads,
 * and written in input order, followed by the index. This is the layout {@code xz -T} and
 * dpkg-deb's threaded xz write, and any liblzma or xz-java reads it.
 *
 * <p>The bytes depend on the input, the LZMA2 options and the block size alone: never on the
 * number of threads, the timing, or how the caller splits its writes. Each block header records
 * the block's compressed and uncompressed sizes, so xz's threaded decoder can unpack blocks in
 * parallel too. The integrity check is CRC64 (xz's default). The dictionary of each block is cut
 * to the block's size (rounded up to a power of two): a larger one finds nothing more.
 *
 * <p>Blocks end every {@code blockSize} bytes, and also at the <em>cut</em> offsets the caller gives
 * (the writer cuts around big files, so that a file's blocks do not depend on its neighbours): a
 * block spans from one cut to the next, split every {@code blockSize} bytes. Cuts depend on the
 * input alone, so the bytes still do.
 *
 * <p>With an {@link XzBlockCache}, a block whose input was compressed before (by any build) is
 * taken from the cache; the bytes are the same as without it.
 *
 * <p>Memory stays bounded whatever the input size: at most {@code threads} blocks are being
 * compressed while the caller fills the next one, and finished blocks are written out at once.
 * With one thread the blocks are compressed in the caller's thread (no pool).
 *
 * <p>Format: <a href="https://tukaani.org/xz/xz-file-format.txt">The .xz File Format</a> 1.2.0,
 * sections 2 (stream), 3 (block), 4 (index) and 5.3.1 (LZMA2 filter).
 */
final class ParallelXzOutputStream extends OutputStream {

    private static final byte[] HEADER_MAGIC = {(byte) 0xFD, '7', 'z', 'X', 'Z', 0};
    private static final byte[] FOOTER_MAGIC = {'Y', 'Z'};
    /** Stream flags: check type CRC64 (0x04). */
    private static final byte[] STREAM_FLAGS = {0x00, 0x04};
    private static final int CHECK_SIZE = 8;
    private static final int LZMA2_FILTER_ID = 0x21;
    private static final AtomicInteger POOL_NUMBER = new AtomicInteger();

    private final OutputStream sink;
    private final LZMA2Options options;
    private final int blockSize;
    private final ExecutorService pool;
    private final int maxInFlight;
    private final ArrayCache cache = new BasicArrayCache();
    private final long[] cuts;
    private final XzBlockCache blockCache;
    private int nextCut;
    /** Input offset where the block being filled starts. */
    private long blockStart;
    private final ArrayDeque<Future<Block>> inFlight = new ArrayDeque<>();
    private final ArrayDeque<byte[]> freeBuffers = new ArrayDeque<>();
    /** The index records so far: unpadded size and uncompressed size of each block. */
    private final ByteArrayOutputStream records = new ByteArrayOutputStream();
    private long blocks;
    private byte[] buffer;
    private int filled;
    private boolean headerWritten;
    private boolean closed;

    /**
     * @param sink      receives the .xz stream; closed by {@link #close()}
     * @param options   the LZMA2 options of every block (copied; the dictionary is cut per block)
     * @param blockSize the uncompressed size of every block but the last
     * @param threads   how many blocks to compress at once (1: in the caller's thread)
     */
    ParallelXzOutputStream(OutputStream sink, LZMA2Options options, int blockSize, int threads) {
        this(sink, options, blockSize, threads, new long[0], null);
    }

    /**
     * @param cuts       input offsets where a block must start, ascending (0 and offsets beyond the end are ignored)
     * @param blockCache compressed blocks to reuse and to add to; null for none
     */
    ParallelXzOutputStream(OutputStream sink, LZMA2Options options, int blockSize, int threads, long[] cuts,
                           XzBlockCache blockCache) {
        this.cuts = cuts.clone();
        for (int i = 1; i < this.cuts.length; i++) {
            if (this.cuts[i] < this.cuts[i - 1]) {
                throw new IllegalArgumentException("cuts must ascend");
            }
        }
        this.blockCache = blockCache;
        if (blockSize < 1) {
            throw new IllegalArgumentException("blockSize " + blockSize);
        }
        this.sink = sink;
        this.options = (LZMA2Options) options.clone();
        this.blockSize = blockSize;
        int n = Math.max(1, threads);
        if (n == 1) {
            this.pool = null;
            this.maxInFlight = 0;
        } else {
            int poolNumber = POOL_NUMBER.incrementAndGet();
            AtomicInteger threadNumber = new AtomicInteger();
            this.pool = Executors.newFixedThreadPool(n, r -> {
                Thread t = new Thread(r, "jpackage-deb-xz-" + poolNumber + "-" + threadNumber.incrementAndGet());
                t.setDaemon(true);
                return t;
            });
            this.maxInFlight = n;
        }
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        if (closed) {
            throw new IOException("stream closed");
        }
        while (len > 0) {
            if (buffer == null) {
                buffer = freeBuffers.isEmpty() ? new byte[blockSize] : freeBuffers.pop();
                filled = 0;
            }
            int limit = blockLimit();
            int n = Math.min(len, limit - filled);
            System.arraycopy(b, off, buffer, filled, n);
            filled += n;
            off += n;
            len -= n;
            if (filled == limit) {
                submit();
            }
        }
    }

    /** The size the block being filled will have: up to the next cut, at most blockSize. */
    private int blockLimit() {
        while (nextCut < cuts.length && cuts[nextCut] <= blockStart) {
            nextCut++;
        }
        long limit = blockSize;
        if (nextCut < cuts.length) {
            limit = Math.min(limit, cuts[nextCut] - blockStart);
        }
        return (int) limit;
    }

    /** Hands the full (or last) buffer to a worker; writes out finished blocks to keep memory bounded. */
    private void submit() throws IOException {
        byte[] in = buffer;
        int length = filled;
        buffer = null;
        filled = 0;
        blockStart += length;
        if (pool == null) {
            emit(compress(in, length, options, cache, blockCache));
            freeBuffers.push(in);
            return;
        }
        inFlight.add(pool.submit(() -> compress(in, length, options, cache, blockCache)));
        while (inFlight.size() > maxInFlight) {
            emit(await(inFlight.poll()));
        }
    }

    private Block await(Future<Block> f) throws IOException {
        try {
            Block b = f.get();
            freeBuffers.push(b.input());
            return b;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while compressing");
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof IOException io) {
                throw io;
            }
            if (c instanceof RuntimeException re) {
                throw re;
            }
            if (c instanceof Error err) {
                throw err;
            }
            throw new IOException(c);
        }
    }

    private void emit(Block b) throws IOException {
        writeHeaderOnce();
        sink.write(b.bytes(), 0, b.length());
        varint(records, b.unpaddedSize());
        varint(records, b.uncompressedSize());
        blocks++;
    }

    private void writeHeaderOnce() throws IOException {
        if (!headerWritten) {
            sink.write(HEADER_MAGIC);
            sink.write(STREAM_FLAGS);
            writeIntLE(sink, crc32(STREAM_FLAGS, 0, STREAM_FLAGS.length));
            headerWritten = true;
        }
    }

    /** Compresses what is buffered, writes the remaining blocks, the index and the footer, then closes the sink. */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (filled > 0) {
                submit();
            }
            while (!inFlight.isEmpty()) {
                emit(await(inFlight.poll()));
            }
            writeHeaderOnce();
            byte[] index = index();
            sink.write(index);
            // stream footer: CRC32 of backward size + flags, backward size, flags, magic
            byte[] tail = new byte[6];
            int backwardSize = index.length / 4 - 1;
            putIntLE(tail, 0, backwardSize);
            System.arraycopy(STREAM_FLAGS, 0, tail, 4, 2);
            writeIntLE(sink, crc32(tail, 0, tail.length));
            sink.write(tail);
            sink.write(FOOTER_MAGIC);
            if (blockCache != null) {
                blockCache.finish();
            }
        } finally {
            if (pool != null) {
                for (Future<Block> f : inFlight) {
                    f.cancel(true);
                }
                pool.shutdownNow();
            }
            inFlight.clear();
            freeBuffers.clear();
            buffer = null;
            sink.close();
        }
    }

    private byte[] index() {
        ByteArrayOutputStream ix = new ByteArrayOutputStream();
        ix.write(0x00); // index indicator
        varint(ix, blocks);
        byte[] r = records.toByteArray();
        ix.write(r, 0, r.length);
        while (ix.size() % 4 != 0) {
            ix.write(0);
        }
        byte[] body = ix.toByteArray();
        byte[] out = new byte[body.length + 4];
        System.arraycopy(body, 0, out, 0, body.length);
        putIntLE(out, body.length, crc32(body, 0, body.length));
        return out;
    }

    /** One compressed block (header, LZMA2 data, padding, check) and the buffer it came from. */
    private record Block(byte[] bytes, int length, long unpaddedSize, long uncompressedSize, byte[] input) {
    }

    /**
     * Compresses {@code in[0, length)} into a complete xz block, or takes it from {@code blockCache}. Runs in a worker
     * thread.
     */
    static Block compress(byte[] in, int length, LZMA2Options template, ArrayCache cache, XzBlockCache blockCache)
            throws IOException {
        byte[] key = null;
        if (blockCache != null && length >= XzBlockCache.MIN_BLOCK) {
            key = blockCache.key(in, length);
            XzBlockCache.Cached c = blockCache.get(key, length);
            if (c != null) {
                return new Block(c.block(), c.block().length, c.unpaddedSize(), length, in);
            }
        }
        Block b = compress(in, length, template, cache);
        if (key != null) {
            blockCache.put(key, b.bytes(), b.length(), b.unpaddedSize());
        }
        return b;
    }

    /** A description of every setting that changes the bytes of a block made with {@code o}, for cache keys. */
    static String settings(LZMA2Options o) {
        return "xz block format 1 (LZMA2, sizes in header, CRC64, dictionary cut to the block); dict " + o.getDictSize()
                + " lc " + o.getLc() + " lp " + o.getLp() + " pb " + o.getPb() + " mode " + o.getMode() + " nice "
                + o.getNiceLen() + " mf " + o.getMatchFinder() + " depth " + o.getDepthLimit();
    }

    /** Compresses {@code in[0, length)} into a complete xz block. */
    static Block compress(byte[] in, int length, LZMA2Options template, ArrayCache cache) throws IOException {
        LZMA2Options o = (LZMA2Options) template.clone();
        o.setDictSize(Compressors.xzDictSize(template.getDictSize(), length));
        // LZMA2 never grows data by more than ~0.02% (uncompressed chunks: 3 bytes per 64 KiB)
        Buffer data = new Buffer(length + (length >>> 10) + 64);
        FinishableOutputStream lzma2 = o.getOutputStream(new FinishableWrapperOutputStream(data), cache);
        lzma2.write(in, 0, length);
        lzma2.finish();
        Crc64 check = new Crc64();
        check.update(in, 0, length);

        byte[] header = blockHeader(data.size(), length, dictProperty(o.getDictSize()));
        int padding = (4 - data.size() % 4) % 4;
        int total = header.length + data.size() + padding + CHECK_SIZE;
        byte[] out = new byte[total];
        System.arraycopy(header, 0, out, 0, header.length);
        System.arraycopy(data.array(), 0, out, header.length, data.size());
        putLongLE(out, header.length + data.size() + padding, check.value());
        return new Block(out, total, (long) header.length + data.size() + CHECK_SIZE, length, in);
    }

    /** Block header with both sizes and one filter (LZMA2), padded to a multiple of 4, with its CRC32. */
    static byte[] blockHeader(long compressedSize, long uncompressedSize, int dictProperty) {
        ByteArrayOutputStream h = new ByteArrayOutputStream(24);
        h.write(0); // header size, filled in below
        h.write(0x40 | 0x80); // flags: 1 filter, compressed size and uncompressed size present
        varint(h, compressedSize);
        varint(h, uncompressedSize);
        h.write(LZMA2_FILTER_ID);
        h.write(1); // size of the filter properties
        h.write(dictProperty);
        while ((h.size() + 4) % 4 != 0) {
            h.write(0);
        }
        byte[] b = new byte[h.size() + 4];
        System.arraycopy(h.toByteArray(), 0, b, 0, h.size());
        b[0] = (byte) (b.length / 4 - 1);
        putIntLE(b, h.size(), crc32(b, 0, h.size()));
        return b;
    }

    /** The LZMA2 dictionary-size byte: the smallest encoded size (2 or 3 times a power of two) that holds it. */
    static int dictProperty(int dictSize) {
        int d = Math.max(dictSize, LZMA2Options.DICT_SIZE_MIN);
        for (int p = 0; p < 40; p++) {
            long size = (2L | (p & 1)) << (p / 2 + 11);
            if (size >= d) {
                return p;
            }
        }
        return 40;
    }

    static void varint(ByteArrayOutputStream out, long value) {
        long v = value;
        while (v >= 0x80) {
            out.write((int) (v & 0x7F) | 0x80);
            v >>>= 7;
        }
        out.write((int) v);
    }

    private static int crc32(byte[] b, int off, int len) {
        CRC32 c = new CRC32();
        c.update(b, off, len);
        return (int) c.getValue();
    }

    private static void writeIntLE(OutputStream out, int v) throws IOException {
        byte[] b = new byte[4];
        putIntLE(b, 0, v);
        out.write(b);
    }

    private static void putIntLE(byte[] b, int off, int v) {
        for (int i = 0; i < 4; i++) {
            b[off + i] = (byte) (v >>> (8 * i));
        }
    }

    private static void putLongLE(byte[] b, int off, long v) {
        for (int i = 0; i < 8; i++) {
            b[off + i] = (byte) (v >>> (8 * i));
        }
    }

    /** A growable byte buffer whose array can be read without a copy. */
    private static final class Buffer extends OutputStream {
        private byte[] bytes;
        private int size;

        Buffer(int capacity) {
            bytes = new byte[capacity];
        }

        @Override
        public void write(int b) {
            ensure(1);
            bytes[size++] = (byte) b;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            ensure(len);
            System.arraycopy(b, off, bytes, size, len);
            size += len;
        }

        private void ensure(int more) {
            if (size + more > bytes.length) {
                bytes = java.util.Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
            }
        }

        byte[] array() {
            return bytes;
        }

        int size() {
            return size;
        }
    }
}
