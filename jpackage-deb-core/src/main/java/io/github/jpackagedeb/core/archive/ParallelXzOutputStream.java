package io.github.jpackagedeb.core.archive;

import org.tukaani.xz.ArrayCache;
import org.tukaani.xz.BasicArrayCache;
import org.tukaani.xz.FinishableOutputStream;
import org.tukaani.xz.FinishableWrapperOutputStream;
import org.tukaani.xz.LZMA2Options;
import org.tukaani.xz.X86Options;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
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
 * <p>A span between two cuts may be marked as x86 machine code (an x86-64 ELF file, such as a
 * runtime's {@code libjvm.so}): its blocks go through the x86 BCJ filter before LZMA2, which
 * compresses such code smaller (bench/NOTES.md). Every liblzma decodes it (the filter is as old as the
 * format).
 *
 * <p>With an {@link XzBlockCache}, a block whose input was compressed before (by any build) is
 * taken from the cache; the bytes are the same as without it.
 *
 * <p>Memory stays bounded whatever the input size: at most {@code threads} blocks are being
 * compressed while the caller fills the next one, and finished blocks are written out at once.
 * Each block in flight has a slot, an input and an output buffer of about {@code blockSize}, which
 * is used again for a later block: the stream allocates no memory per block. The slots' buffers
 * live outside the Java heap (direct buffers): block-sized arrays would be "humongous" objects to
 * the G1 collector, which then grows the heap of the whole build (Maven's included) with the number
 * of blocks written; outside the heap they are a fixed cost. With one thread the blocks are compressed
 * in the caller's thread (no pool).
 *
 * <p>Format: <a href="https://tukaani.org/xz/xz-file-format.txt">The .xz File Format</a> 1.2.0,
 * sections 2 (stream), 3 (block), 4 (index) and 5.3.1 (LZMA2 filter).
 *
 * <p>Hand-written: xz-java (and commons-compress over it) has only a single-threaded encoder writing one block, and
 * the bytes here must not depend on the number of threads.
 */
final class ParallelXzOutputStream extends OutputStream {

    private static final byte[] HEADER_MAGIC = {(byte) 0xFD, '7', 'z', 'X', 'Z', 0};
    private static final byte[] FOOTER_MAGIC = {'Y', 'Z'};
    /** Stream flags: check type CRC64 (0x04). */
    private static final byte[] STREAM_FLAGS = {0x00, 0x04};
    private static final int CHECK_SIZE = 8;
    private static final int LZMA2_FILTER_ID = 0x21;
    /** The x86 BCJ filter (xz file format 5.3.3): makes the targets of CALL/JMP absolute, so machine code repeats more. */
    private static final int X86_FILTER_ID = 0x04;
    private static final AtomicInteger POOL_NUMBER = new AtomicInteger();
    /** The size of the pieces in which a block is fed to the encoder and written out. */
    static final int CHUNK = 64 * 1024;

    private final OutputStream sink;
    private final LZMA2Options options;
    private final int blockSize;
    private final ExecutorService pool;
    private final int maxInFlight;
    private final ArrayCache cache = new BasicArrayCache();
    private final long[] cuts;
    private final boolean[] x86;
    private final boolean[] light;
    /** The options of spans marked light (already-compressed content, such as jars): see {@link #LIGHT_PRESET}. */
    private final LZMA2Options lightOptions;
    private final XzBlockCache blockCache;
    private int nextCut;
    /** Input offset where the block being filled starts. */
    private long blockStart;
    private final ArrayDeque<Future<Block>> inFlight = new ArrayDeque<>();
    /** Blocks being compressed ahead into the block cache ({@link #prefetch}), by their input offset. */
    private final java.util.Map<Long, Future<?>> prefetched = new java.util.HashMap<>();
    private final ArrayDeque<Slot> freeSlots = new ArrayDeque<>();
    /** The index records so far: unpadded size and uncompressed size of each block. */
    private final ByteArrayOutputStream records = new ByteArrayOutputStream();
    private long blocks;
    /** Input offsets where a span of one file's content starts, and where it ends (see {@link #prefetch}). */
    private final java.util.TreeMap<Long, Long> ownSpans = new java.util.TreeMap<>();
    /** The block-cache keys of each own span's blocks as they were written, by the span's start (see {@link #spanKeys}). */
    private final java.util.Map<Long, java.util.List<byte[]>> spanKeys = new java.util.HashMap<>();
    private Progress progress;
    private Slot slot;
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
        this(sink, options, blockSize, threads, new long[0], new boolean[0], null);
    }

    /**
     * The LZMA2 preset of spans marked light: content that is already compressed (a jar's deflated entries) gains
     * almost nothing from preset 6's slower match finder; the runtime's jimage keeps the default preset (measured:
     * bench/NOTES.md).
     */
    static final int LIGHT_PRESET = 1;

    ParallelXzOutputStream(OutputStream sink, LZMA2Options options, int blockSize, int threads, long[] cuts,
                           boolean[] x86, XzBlockCache blockCache) {
        this(sink, options, blockSize, threads, cuts, x86, new boolean[cuts.length], blockCache);
    }

    /**
     * @param cuts       input offsets where a block must start, ascending (0 and offsets beyond the end are ignored)
     * @param x86        for each cut, whether the span from it to the next cut is x86 code (BCJ filter)
     * @param light      for each cut, whether the span from it to the next cut is already compressed (jar content):
     *                   its blocks are made with {@link #LIGHT_PRESET}
     * @param blockCache compressed blocks to reuse and to add to; null for none
     */
    ParallelXzOutputStream(OutputStream sink, LZMA2Options options, int blockSize, int threads, long[] cuts,
                           boolean[] x86, boolean[] light, XzBlockCache blockCache) {
        if (x86.length != cuts.length || light.length != cuts.length) {
            throw new IllegalArgumentException("one x86 and one light flag per cut");
        }
        this.x86 = x86.clone();
        this.light = light.clone();
        this.lightOptions = lightOptions(options);
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
            if (slot == null) {
                slot = freeSlots.isEmpty() ? Slot.acquire(blockSize) : freeSlots.pop();
                filled = 0;
            }
            int limit = blockLimit();
            int n = Math.min(len, limit - filled);
            slot.in.put(filled, b, off, n);
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

    /** The span (cut index) a block starting at this input offset lies in: the last cut at or before it; -1 before any. */
    private int blockSpanAt(long start) {
        int i = java.util.Arrays.binarySearch(cuts, start);
        if (i >= 0) {
            while (i + 1 < cuts.length && cuts[i + 1] == start) {
                i++;
            }
            return i;
        }
        return -i - 2;
    }

    /** The span (cut index) the block being filled lies in: the last cut at or before its start; -1 before any. */
    private int blockSpan() {
        return blockSpanAt(blockStart);
    }

    /** {@link #LIGHT_PRESET}'s options (its own 1 MiB dictionary, cut per block like the main options'). */
    static LZMA2Options lightOptions(LZMA2Options options) {
        try {
            return new LZMA2Options(LIGHT_PRESET);
        } catch (org.tukaani.xz.UnsupportedOptionsException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The name of a block's filter chain in block-cache keys (the stream's main options are in the cache's salt). */
    static String filters(boolean bcj, boolean lightBlock) {
        return (bcj ? "x86+lzma2" : "lzma2") + (lightBlock ? " light: " + settings(lightOptions(null)) : "");
    }

    /** Where the bytes of a span come from, for {@link #prefetch}: a stream of the span's bytes from {@code offset} on. */
    interface SpanSource {
        java.io.InputStream open(long offset) throws IOException;
    }

    /**
     * A span of the input between two cuts whose bytes can be read out of order (a file of its own); {@code cached}
     * when the caller will {@link #copySpan copy} its blocks from the cache, so it is not compressed ahead.
     */
    record Span(long start, long length, boolean x86, boolean light, SpanSource source, boolean cached) {

        Span(long start, long length, boolean x86, boolean light, SpanSource source) {
            this(start, length, x86, light, source, false);
        }
    }

    /**
     * Compresses the blocks of these spans ahead, largest first, into the block cache, so that no core waits at the
     * end for one big block compressed last (a runtime's libjvm.so comes late in data.tar): the stream itself then
     * finds those blocks in the cache. Each span must start at a cut and end at the next one, with the bytes the stream
     * will be given there; if a span's bytes differ, its blocks are merely compressed twice. Only with a block cache
     * and more than one thread; the bytes of the stream never change.
     */
    void prefetch(java.util.List<Span> spans) {
        if (headerWritten || filled > 0) {
            return;
        }
        for (Span span : spans) {
            ownSpans.put(span.start(), span.start() + span.length());
        }
        if (pool == null || blockCache == null) {
            return;
        }
        record Job(Span span, long offset, int length) {
        }
        java.util.List<Job> jobs = new java.util.ArrayList<>();
        for (Span span : spans) {
            if (span.cached()) {
                continue;
            }
            for (long off = 0; off < span.length(); off += blockSize) {
                int length = (int) Math.min(blockSize, span.length() - off);
                jobs.add(new Job(span, off, length));
            }
        }
        jobs.sort(java.util.Comparator.comparingInt(Job::length).reversed()
                .thenComparingLong(j -> j.span().start() + j.offset()));
        for (Job j : jobs) {
            prefetched.put(j.span().start() + j.offset(), pool.submit(() -> {
                Slot s = Slot.acquire(blockSize);
                fill(s, j.span().source(), j.offset(), j.length(), j.span().start());
                String filters = filters(j.span().x86(), j.span().light());
                byte[] key = blockCache.key(filters, s.in, j.length());
                if (!blockCache.has(key)) {
                    Block b = compress(s, j.length(), j.span().x86(), j.span().light() ? lightOptions : options,
                            cache, fed);
                    blockCache.putAhead(key, b.bytes(), b.offset(), b.length(), b.unpaddedSize());
                }
                Slot.release(s);
                return null;
            }));
        }
    }

    /** Reads {@code length} bytes of a span from {@code offset} on into the slot's input buffer. */
    private void fill(Slot s, SpanSource source, long offset, int length, long spanStart) throws IOException {
        byte[] piece = cache.getByteArray(CHUNK, false);
        try {
            fill(s, source, offset, length, spanStart, piece);
        } finally {
            cache.putArray(piece);
        }
    }

    /** {@link #fill(Slot, SpanSource, long, int, long)} through {@code piece} (at least {@link #CHUNK} bytes). */
    static void fill(Slot s, SpanSource source, long offset, int length, long spanStart, byte[] piece)
            throws IOException {
        try (java.io.InputStream in = source.open(offset)) {
            for (int done = 0; done < length; ) {
                int n = in.readNBytes(piece, 0, Math.min(CHUNK, length - done));
                if (n <= 0) {
                    throw new IOException("the span at " + spanStart + " ended early");
                }
                s.in.put(done, piece, 0, n);
                done += n;
            }
        }
    }

    /**
     * The block-cache keys of the blocks the stream wrote for the span of one file's content that starts at this input
     * offset (a span given to {@link #prefetch}), in order, once they are written; null if any of them had none (no
     * block cache) or the span's blocks are not all written. What {@link #copySpan} takes in a later build.
     */
    java.util.List<byte[]> spanKeys(long start) {
        Long end = ownSpans.get(start);
        java.util.List<byte[]> keys = spanKeys.get(start);
        if (end == null || keys == null || keys.size() != blocksOf(end - start) || keys.contains(null)) {
            return null;
        }
        return java.util.List.copyOf(keys);
    }

    /** How many blocks a span of one file's content of this length is cut into. */
    private int blocksOf(long length) {
        return (int) ((length + blockSize - 1) / blockSize);
    }

    /**
     * Writes the span of one file's content that starts where the stream stands, {@code length} bytes, from the block
     * cache without its bytes: the blocks with these keys (what {@link #spanKeys} gave for the same bytes in an earlier
     * build) are copied as they are. A block that went from the cache meanwhile is made again from {@code source}, and
     * if those bytes do not give the key, the write fails (the file changed). Returns false, writing nothing, when the
     * span cannot be copied this way (no block cache, the stream not at the start of a span of this length given to
     * {@link #prefetch}, a key count that does not fit, or a block missing from the cache): the caller then writes the
     * bytes as usual. The stream's bytes are the same either way.
     */
    boolean copySpan(long length, java.util.List<byte[]> keys, SpanSource source) throws IOException {
        if (closed || blockCache == null || filled > 0 || keys.size() != blocksOf(length)
                || !java.util.Objects.equals(ownSpans.get(blockStart), blockStart + length)) {
            return false;
        }
        for (byte[] key : keys) {
            if (key == null || !blockCache.has(key)) {
                return false;
            }
        }
        int span = blockSpanAt(blockStart);
        boolean bcj = span >= 0 && x86[span];
        boolean lightBlock = span >= 0 && light[span];
        LZMA2Options o = lightBlock ? lightOptions : options;
        String filters = filters(bcj, lightBlock);
        long spanStart = blockStart;
        for (int i = 0; i < keys.size(); i++) {
            long offset = (long) i * blockSize;
            int len = (int) Math.min(blockSize, length - offset);
            byte[] key = keys.get(i);
            Slot s = freeSlots.isEmpty() ? Slot.acquire(blockSize) : freeSlots.pop();
            Future<?> ahead = prefetched.remove(spanStart + offset);
            if (ahead != null) {
                ahead.cancel(false);
            }
            java.util.concurrent.Callable<Block> job = () -> {
                XzBlockCache.Cached c = blockCache.get(key, len, s);
                if (c != null) {
                    return new Block(c.bytes(), c.offset(), c.length(), c.unpaddedSize(), len, s, !c.madeAhead(), key);
                }
                // gone from the cache since has(): made again from the file, which must still have those bytes
                fill(s, source, offset, len, spanStart);
                Block b = compress(s, len, bcj, filters, o, cache, blockCache, fed);
                if (!java.util.Arrays.equals(b.key(), key)) {
                    throw new SpanChangedException(spanStart);
                }
                return b;
            };
            blockStart += len;
            if (pool == null) {
                try {
                    emit(job.call());
                } catch (IOException | RuntimeException e) {
                    throw e;
                } catch (Exception e) {
                    throw new IOException(e);
                }
            } else {
                inFlight.add(pool.submit(job));
                while (inFlight.size() > maxInFlight) {
                    emit(await(inFlight.poll()));
                }
            }
        }
        return true;
    }

    /** A span copied by {@link #copySpan} whose file no longer has the bytes its block keys were made from. */
    static final class SpanChangedException extends IOException {
        final long start;

        SpanChangedException(long start) {
            super("the content at offset " + start + " changed since its blocks were cached");
            this.start = start;
        }
    }

    /** Whether the block starting at this input offset lies in a span of one file's content (see {@link #prefetch}). */
    private boolean inOwnSpan(long offset) {
        java.util.Map.Entry<Long, Long> e = ownSpans.floorEntry(offset);
        return e != null && offset < e.getValue();
    }

    /**
     * Logs through {@code log} (info) that compression starts, a progress line at least every
     * {@link Progress#EVERY_NANOS} while blocks are written, and at the end how many blocks were reused from the block
     * cache and how many compressed, in what time.
     *
     * @param what  what is compressed, for the log ({@code data.tar})
     * @param total the input's length in bytes
     */
    void progress(io.github.jpackagedeb.core.DebLog log, String what, long total) {
        this.progress = new Progress(log, what, total, maxInFlight == 0 ? 1 : maxInFlight);
    }

    private long compressedBlocks;
    private long reusedBlocks;
    private long compressedBytes;
    /**
     * Input bytes fed to the compressor so far, by the stream's workers and ahead of the stream ({@link #prefetch}), for
     * the progress lines: it moves while one big block is compressed, where the bytes written do not.
     */
    private final java.util.concurrent.atomic.LongAdder fed = new java.util.concurrent.atomic.LongAdder();
    private long doneBytes;

    /** What {@link #progress} logs, and when. */
    private static final class Progress {
        static final long EVERY_NANOS = 5_000_000_000L;
        final io.github.jpackagedeb.core.DebLog log;
        final String what;
        final long total;
        final long start = System.nanoTime();
        long last = start;

        Progress(io.github.jpackagedeb.core.DebLog log, String what, long total, int threads) {
            this.log = log;
            this.what = what;
            this.total = total;
            log.info("xz: compressing " + what + " (" + mb(total) + " MB, " + threads + " thread"
                    + (threads == 1 ? "" : "s") + ")");
        }

        static String mb(long bytes) {
            return String.format(java.util.Locale.ROOT, "%.1f", bytes / 1e6);
        }

        static String seconds(long nanos) {
            return String.format(java.util.Locale.ROOT, "%.1f", nanos / 1e9);
        }
    }

    /** Logs a progress line if the last one (or the start) is {@link Progress#EVERY_NANOS} ago. */
    private void progressTick() {
        Progress p = progress;
        if (p == null) {
            return;
        }
        long now = System.nanoTime();
        if (now - p.last >= Progress.EVERY_NANOS) {
            p.last = now;
            p.log.info("xz: " + p.what + " " + Progress.mb(doneBytes) + " of " + Progress.mb(p.total) + " MB written ("
                    + blocks + " blocks, " + reusedBlocks + " reused), " + Progress.mb(fed.sum())
                    + " MB compressed so far, " + Progress.seconds(now - p.start) + " s");
        }
    }

    /** Hands the full (or last) buffer to a worker; writes out finished blocks to keep memory bounded. */
    private void submit() throws IOException {
        Slot s = slot;
        int length = filled;
        int span = blockSpan();
        boolean bcj = span >= 0 && x86[span];
        boolean lightBlock = span >= 0 && light[span];
        LZMA2Options o = lightBlock ? lightOptions : options;
        String filters = filters(bcj, lightBlock);
        boolean cacheable = length >= XzBlockCache.MIN_BLOCK || inOwnSpan(blockStart);
        Future<?> ahead = prefetched.remove(blockStart);
        slot = null;
        filled = 0;
        blockStart += length;
        if (pool == null) {
            emit(compress(s, length, bcj, filters, o, cache, cacheable ? blockCache : null, fed));
            return;
        }
        // a block compressed ahead: wait for it (it was queued before any block of the stream, so it runs or has
        // run), then take it from the cache; whatever went wrong ahead, the block is compressed here again
        inFlight.add(pool.submit(() -> {
            if (ahead != null) {
                try {
                    ahead.get();
                } catch (ExecutionException e) {
                    // compressed again below
                }
            }
            return compress(s, length, bcj, filters, o, cache, cacheable ? blockCache : null, fed);
        }));
        while (inFlight.size() > maxInFlight) {
            emit(await(inFlight.poll()));
        }
    }

    private Block await(Future<Block> f) throws IOException {
        try {
            while (progress != null) {
                try {
                    return f.get(1, java.util.concurrent.TimeUnit.SECONDS);
                } catch (java.util.concurrent.TimeoutException e) {
                    progressTick();
                }
            }
            return f.get();
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
        java.util.Map.Entry<Long, Long> own = ownSpans.floorEntry(doneBytes);
        if (own != null && doneBytes < own.getValue()) {
            // a block of one file's content: its key, for copySpan in a later build (null: not cacheable)
            spanKeys.computeIfAbsent(own.getKey(), k -> new java.util.ArrayList<>()).add(b.key());
        }
        writeHeaderOnce();
        writeOut(b.bytes(), b.offset(), b.length());
        varint(records, b.unpaddedSize());
        varint(records, b.uncompressedSize());
        blocks++;
        doneBytes += b.uncompressedSize();
        if (b.reused()) {
            reusedBlocks++;
        } else {
            compressedBlocks++;
            compressedBytes += b.uncompressedSize();
        }
        progressTick();
        freeSlots.push(b.slot());
    }

    private final byte[] chunk = new byte[CHUNK];

    /** Writes {@code buf[offset, offset + length)} to the sink through a small array. */
    private void writeOut(ByteBuffer buf, int offset, int length) throws IOException {
        for (int done = 0; done < length; ) {
            int n = Math.min(CHUNK, length - done);
            buf.get(offset + done, chunk, 0, n);
            sink.write(chunk, 0, n);
            done += n;
        }
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
            if (progress != null) {
                progress.log.info("xz: " + progress.what + ": " + reusedBlocks + " of " + blocks + " blocks reused"
                        + (blockCache == null ? "" : " from the block cache") + ", " + compressedBlocks + " compressed ("
                        + Progress.mb(compressedBytes) + " MB) in " + Progress.seconds(System.nanoTime() - progress.start)
                        + " s");
            }
            if (blockCache != null) {
                blockCache.finish();
            }
        } finally {
            if (pool != null) {
                for (Future<Block> f : inFlight) {
                    f.cancel(true);
                }
                for (Future<?> f : prefetched.values()) {
                    f.cancel(true);
                }
                prefetched.clear();
                pool.shutdownNow();
            }
            inFlight.clear();
            // the slots of this stream serve the next one (a later stream of this build, or of another module)
            if (slot != null) {
                freeSlots.push(slot);
            }
            while (!freeSlots.isEmpty()) {
                Slot.release(freeSlots.pop());
            }
            slot = null;
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

    /**
     * The input and output buffers of one block in flight, used again for later blocks. Both are direct buffers
     * (outside the Java heap, see the class comment); the output buffer is made when first needed, large enough for
     * any block of this stream.
     */
    static final class Slot {
        /** Room for the block header in front of the compressed data (a header takes at most 32 bytes). */
        static final int HEADER_ROOM = 32;
        /**
         * Slots that finished streams gave back, for later streams in this JVM. Direct buffers are freed only after a
         * garbage collection sees them unreachable, which an idle heap may not run for long: without reuse, a reactor
         * of many packages would hold the buffers of every stream until then.
         */
        private static final java.util.concurrent.ConcurrentLinkedDeque<Slot> POOL =
                new java.util.concurrent.ConcurrentLinkedDeque<>();
        /** At most this many slots wait in {@link #POOL} (two streams at once on a machine of several cores). */
        private static final int MAX_POOLED = 2 * Runtime.getRuntime().availableProcessors() + 2;

        final ByteBuffer in;
        private ByteBuffer out;

        private Slot(int capacity) {
            in = ByteBuffer.allocateDirect(capacity);
        }

        /** A slot whose input buffer holds at least {@code blockSize} bytes: a pooled one if any fits, else a new one. */
        static Slot acquire(int blockSize) {
            for (java.util.Iterator<Slot> it = POOL.iterator(); it.hasNext(); ) {
                Slot s = it.next();
                if (s.in.capacity() >= blockSize && POOL.removeFirstOccurrence(s)) {
                    return s;
                }
            }
            return new Slot(blockSize);
        }

        /** Gives a slot that no stream uses any more back to the pool (or to the collector, if the pool is full). */
        static void release(Slot s) {
            // small slots (a control.tar's) cost little to make again: they would only take room from large ones
            if (s.in.capacity() >= (1 << 20) && POOL.size() < MAX_POOLED) {
                POOL.push(s);
            }
        }

        /** The output buffer: room for the largest block this slot can hold, or {@code size} if more. */
        ByteBuffer out(int size) {
            if (out == null || out.capacity() < size) {
                out = ByteBuffer.allocateDirect(Math.max(size, bound(in.capacity())));
            }
            return out;
        }

        /** The most a block of {@code length} input bytes can take: LZMA2 adds 3 bytes per 64 KiB at worst. */
        static int bound(int length) {
            return HEADER_ROOM + length + (length >>> 10) + 64;
        }
    }

    /**
     * One compressed block (header, data, padding, check) in {@code bytes[offset, offset + length)}; {@code reused}
     * when it came from the block cache without being compressed by this build.
     */
    record Block(ByteBuffer bytes, int offset, int length, long unpaddedSize, long uncompressedSize, Slot slot,
                 boolean reused, byte[] key) {

        /** The same block with its block-cache key. */
        Block keyed(byte[] k) {
            return new Block(bytes, offset, length, unpaddedSize, uncompressedSize, slot, reused, k);
        }
    }

    /**
     * Compresses {@code slot.in[0, length)} into a complete xz block, or takes it from {@code blockCache}. Runs in a
     * worker thread.
     */
    static Block compress(Slot slot, int length, boolean x86, String filters, LZMA2Options template, ArrayCache cache,
                          XzBlockCache blockCache, java.util.concurrent.atomic.LongAdder fed) throws IOException {
        byte[] key = null;
        if (blockCache != null) {
            key = blockCache.key(filters, slot.in, length);
            // (prefetch uses the same filter names)
            XzBlockCache.Cached c = blockCache.get(key, length, slot);
            if (c != null) {
                return new Block(c.bytes(), c.offset(), c.length(), c.unpaddedSize(), length, slot, !c.madeAhead(),
                        key);
            }
        }
        Block b = compress(slot, length, x86, template, cache, fed);
        if (key != null) {
            blockCache.put(key, b.bytes(), b.offset(), b.length(), b.unpaddedSize());
        }
        return b.keyed(key);
    }

    /** A description of every setting that changes the bytes of a block made with {@code o}, for cache keys. */
    static String settings(LZMA2Options o) {
        return "xz block format 1 (LZMA2 or x86 BCJ + LZMA2, sizes in header, CRC64, dictionary cut to the block); dict "
                + o.getDictSize()
                + " lc " + o.getLc() + " lp " + o.getLp() + " pb " + o.getPb() + " mode " + o.getMode() + " nice "
                + o.getNiceLen() + " mf " + o.getMatchFinder() + " depth " + o.getDepthLimit();
    }

    /**
     * Compresses {@code slot.in[0, length)} into a complete xz block in {@code slot.out}, through the x86 BCJ filter
     * first if asked.
     */
    static Block compress(Slot slot, int length, boolean x86, LZMA2Options template, ArrayCache cache,
                          java.util.concurrent.atomic.LongAdder fed) throws IOException {
        LZMA2Options o = (LZMA2Options) template.clone();
        o.setDictSize(Compressors.xzDictSize(template.getDictSize(), length));
        ByteBuffer out = slot.out(Slot.bound(length));
        Buffer data = new Buffer(out, Slot.HEADER_ROOM);
        FinishableOutputStream lzma2 = o.getOutputStream(new FinishableWrapperOutputStream(data), cache);
        FinishableOutputStream first = x86 ? new X86Options().getOutputStream(lzma2, cache) : lzma2;
        Crc64 check = new Crc64();
        byte[] piece = cache.getByteArray(CHUNK, false);
        try {
            for (int done = 0; done < length; ) {
                int n = Math.min(CHUNK, length - done);
                slot.in.get(done, piece, 0, n);
                first.write(piece, 0, n);
                check.update(piece, 0, n);
                done += n;
                if (fed != null) {
                    fed.add(n); // progress only
                }
            }
        } finally {
            cache.putArray(piece);
        }
        first.finish();
        int dataSize = data.size() - Slot.HEADER_ROOM;

        byte[] header = blockHeader(dataSize, length, x86, dictProperty(o.getDictSize()));
        int padding = (4 - dataSize % 4) % 4;
        byte[] tail = new byte[padding + CHECK_SIZE];
        putLongLE(tail, padding, check.value());
        data.write(tail, 0, tail.length);
        int offset = Slot.HEADER_ROOM - header.length;
        out.put(offset, header, 0, header.length);
        int total = header.length + dataSize + padding + CHECK_SIZE;
        return new Block(out, offset, total, (long) header.length + dataSize + CHECK_SIZE, length, slot, false, null);
    }

    /**
     * Block header with both sizes and the filters (LZMA2, or x86 BCJ then LZMA2), padded to a multiple of 4, with
     * its CRC32.
     */
    static byte[] blockHeader(long compressedSize, long uncompressedSize, boolean x86, int dictProperty) {
        ByteArrayOutputStream h = new ByteArrayOutputStream(24);
        h.write(0); // header size, filled in below
        // flags: number of filters - 1 in the low bits, compressed size and uncompressed size present
        h.write((x86 ? 1 : 0) | 0x40 | 0x80);
        varint(h, compressedSize);
        varint(h, uncompressedSize);
        if (x86) {
            h.write(X86_FILTER_ID);
            h.write(0); // no properties: start offset 0
        }
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

    /**
     * Writes into a buffer from a position on. The buffer is sized for the worst case of a block ({@link Slot#bound}),
     * so running out of room is a bug, reported as such.
     */
    private static final class Buffer extends OutputStream {
        private final ByteBuffer bytes;
        private int size;

        Buffer(ByteBuffer into, int from) {
            bytes = into;
            size = from;
        }

        @Override
        public void write(int b) throws IOException {
            ensure(1);
            bytes.put(size++, (byte) b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            ensure(len);
            bytes.put(size, b, off, len);
            size += len;
        }

        private void ensure(int more) throws IOException {
            if (size + more > bytes.capacity()) {
                throw new IOException("an xz block grew beyond its bound (" + bytes.capacity() + " bytes)");
            }
        }

        /** The end of what was written (the start position included). */
        int size() {
            return size;
        }
    }
}
