package io.github.jpackagedeb.core.archive;

import io.github.jpackagedeb.core.DebLog;

import org.apache.commons.codec.digest.DigestUtils;
import org.tukaani.xz.BasicArrayCache;
import org.tukaani.xz.LZMA2Options;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;

/**
 * Compresses, into the xz block cache, the blocks that data.tar will hold for files whose bytes are known before the
 * package's tree is: a bundled runtime's native code, which jlink copies from the JDK and strip then rewrites the same
 * way every time. A cold build spends jdeps and jlink on one core; this work runs on the other one meanwhile, so that
 * the stream later finds those blocks in the cache instead of compressing them after jlink.
 *
 * <p>The blocks are made exactly as {@link DebArchiveWriter} makes a file's own blocks (files of at least
 * {@link DebArchiveWriter#XZ_OWN_BLOCKS}: content and tar padding, cut every {@link Compressors#XZ_BLOCK_SIZE}, x86
 * BCJ for x86 ELF code, the light preset for zips), so a block is a pure function of its key and the package's bytes
 * never depend on this: a file predicted wrongly only costs the CPU of its blocks, which the stream then compresses
 * itself. The stream waits for a block that is being made here ({@link #await}) instead of compressing it twice, and
 * counts it as compressed by this build, not reused.
 *
 * <p>After a run, the blocks' keys are remembered under {@code <cache>/ahead-v1/} by the source's identity (a
 * description that changes when the predicted bytes would): the next build with the same identity checks that those
 * blocks are still cached and neither reads nor strips anything.
 */
public final class XzAhead {

    /** Where the predicted files come from: written into {@code workDir} (empty, deleted afterwards), or found. */
    @FunctionalInterface
    public interface Source {
        List<Path> files(Path workDir) throws IOException;
    }

    /** Blocks being made ahead in this JVM, by cache directory and key; completed when stored (or given up). */
    private static final Map<String, CompletableFuture<Void>> PENDING = new ConcurrentHashMap<>();
    /** Blocks this JVM made ahead and no stream has taken yet: a stream counts them as compressed, not reused. */
    private static final java.util.Set<String> MADE = ConcurrentHashMap.newKeySet();

    private XzAhead() {
    }

    /**
     * Starts compressing the blocks of {@code source}'s files into the block cache {@code blockCacheDir}, in one
     * background thread (nothing when the identity's blocks are all cached already, or the cache cannot be used).
     *
     * @param identity what the files' bytes depend on (e.g. the jmod's path, size and mtime, the strip tool and its
     *                 options): same identity, same bytes
     * @return the work, done when every block is stored or given up; it never fails
     */
    public static CompletableFuture<Void> start(Path blockCacheDir, String identity, Source source, DebLog log) {
        XzBlockCache cache = XzBlockCache.open(blockCacheDir, Compressors.xzSettings(), log);
        if (cache == null) {
            return CompletableFuture.completedFuture(null);
        }
        Path memo = blockCacheDir.resolve("ahead-v1").resolve(HexFormat.of().formatHex(DigestUtils.sha256(
                (cache.salt() + "\0block size " + Compressors.XZ_BLOCK_SIZE + "\0own " + DebArchiveWriter.XZ_OWN_BLOCKS
                        + "\0" + identity).getBytes(StandardCharsets.UTF_8))));
        if (allCached(cache, memo)) {
            log.debug("native code ahead: its xz blocks are cached (" + memo.getFileName() + ")");
            return CompletableFuture.completedFuture(null);
        }
        CompletableFuture<Void> done = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            try {
                run(cache, blockCacheDir, memo, source, log);
            } catch (IOException | RuntimeException e) {
                log.debug("compressing ahead stopped (the stream compresses those blocks itself): " + e);
            } finally {
                done.complete(null);
            }
        }, "jpackage-deb xz ahead");
        t.setDaemon(true);
        t.start();
        return done;
    }

    private static boolean allCached(XzBlockCache cache, Path memo) {
        try {
            List<String> keys = Files.readAllLines(memo, StandardCharsets.US_ASCII);
            if (keys.isEmpty()) {
                return false;
            }
            for (String k : keys) {
                if (!cache.stored(HexFormat.of().parseHex(k))) {
                    return false;
                }
            }
            return true;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private record Job(Path file, long offset, int length, boolean x86, boolean light, byte[] key, String id) {
    }

    private static void run(XzBlockCache cache, Path dir, Path memo, Source source, DebLog log) throws IOException {
        long started = System.nanoTime();
        Path work = Files.createTempDirectory("jpackage-deb-ahead");
        List<Job> jobs = new ArrayList<>();
        int blockSize = Compressors.XZ_BLOCK_SIZE;
        ParallelXzOutputStream.Slot slot = ParallelXzOutputStream.Slot.acquire(blockSize);
        byte[] piece = new byte[ParallelXzOutputStream.CHUNK];
        try {
            List<Path> files = source.files(work);
            // first every key, so that a stream that starts meanwhile waits for these blocks instead of making them
            for (Path f : files) {
                long size = Files.size(f);
                if (size < DebArchiveWriter.XZ_OWN_BLOCKS) {
                    continue;
                }
                Content content = Content.of(f);
                boolean x86 = DebArchiveWriter.isX86Elf(content);
                boolean light = !x86 && DebArchiveWriter.isZip(content);
                long span = size + (TarWriter.BLOCK - size % TarWriter.BLOCK) % TarWriter.BLOCK;
                for (long off = 0; off < span; off += blockSize) {
                    int length = (int) Math.min(blockSize, span - off);
                    ParallelXzOutputStream.fill(slot, DebArchiveWriter.contentSource(content, size), off, length, 0,
                            piece);
                    byte[] key = cache.key(ParallelXzOutputStream.filters(x86, light), slot.in, length);
                    String id = id(dir, key);
                    if (!cache.stored(key) && PENDING.putIfAbsent(id, new CompletableFuture<>()) == null) {
                        jobs.add(new Job(f, off, length, x86, light, key, id));
                    } else {
                        jobs.add(new Job(f, off, length, x86, light, key, null));
                    }
                }
            }
            // largest first: the stream, if it catches up, waits for the fewest bytes
            List<Job> order = new ArrayList<>(jobs);
            order.sort(java.util.Comparator.comparingInt(Job::length).reversed());
            LZMA2Options options = Compressors.xzOptions();
            LZMA2Options lightOptions = ParallelXzOutputStream.lightOptions(options);
            BasicArrayCache arrays = new BasicArrayCache();
            int made = 0;
            long bytes = 0;
            for (Job j : order) {
                if (j.id() == null) {
                    continue;
                }
                try {
                    if (Thread.currentThread().isInterrupted()) {
                        return;
                    }
                    ParallelXzOutputStream.fill(slot, DebArchiveWriter.contentSource(Content.of(j.file()),
                            Files.size(j.file())), j.offset(), j.length(), 0, piece);
                    if (!java.util.Arrays.equals(cache.key(ParallelXzOutputStream.filters(j.x86(), j.light()),
                            slot.in, j.length()), j.key())) {
                        continue; // the file changed under us
                    }
                    ParallelXzOutputStream.Block b = ParallelXzOutputStream.compress(slot, j.length(), j.x86(),
                            j.light() ? lightOptions : options, arrays, null);
                    MADE.add(j.id());
                    cache.put(j.key(), b.bytes(), b.offset(), b.length(), b.unpaddedSize());
                    made++;
                    bytes += j.length();
                } finally {
                    CompletableFuture<Void> f = PENDING.remove(j.id());
                    if (f != null) {
                        f.complete(null);
                    }
                }
            }
            remember(memo, jobs, log);
            log.debug("native code ahead: " + made + " xz blocks (" + bytes / (1024 * 1024) + " MiB) of "
                    + files.size() + " files compressed in " + (System.nanoTime() - started) / 1_000_000 + " ms");
        } finally {
            for (Job j : jobs) {
                if (j.id() != null) {
                    CompletableFuture<Void> f = PENDING.remove(j.id());
                    if (f != null) {
                        f.complete(null);
                    }
                }
            }
            ParallelXzOutputStream.Slot.release(slot);
            deleteTree(work);
        }
    }

    private static void remember(Path memo, List<Job> jobs, DebLog log) {
        try {
            Files.createDirectories(memo.getParent());
            Path tmp = memo.resolveSibling(memo.getFileName() + ".tmp" + ProcessHandle.current().pid());
            StringBuilder text = new StringBuilder();
            for (Job j : jobs) {
                text.append(HexFormat.of().formatHex(j.key())).append('\n');
            }
            Files.writeString(tmp, text, StandardCharsets.US_ASCII);
            Files.move(tmp, memo, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | RuntimeException e) {
            log.debug("cannot remember the blocks made ahead in " + memo + ": " + e);
        }
    }

    private static String id(Path dir, byte[] key) {
        return dir.toAbsolutePath().normalize() + "/" + HexFormat.of().formatHex(key);
    }

    /** Waits while the block with this key is being made ahead in this JVM for the cache in {@code dir}. */
    static void await(Path dir, byte[] key) {
        CompletableFuture<Void> f = PENDING.get(id(dir, key));
        if (f != null) {
            try {
                f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException e) {
                // never completed exceptionally
            }
        }
    }

    /**
     * Whether this JVM made the block ahead and no stream took it yet; the first stream that asks takes it (as
     * compressed by its build, not reused).
     */
    static boolean take(Path dir, byte[] key) {
        return MADE.remove(id(dir, key));
    }

    private static void deleteTree(Path dir) {
        try (var s = Files.walk(dir)) {
            for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException | RuntimeException e) {
            // a temporary directory: the system cleans it
        }
    }
}
