package io.github.jpackagedeb.core.archive;

import io.github.jpackagedeb.core.DebException;
import io.github.jpackagedeb.core.DebLog;
import io.github.jpackagedeb.core.Setting;

import org.apache.commons.codec.digest.DigestUtils;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;

/**
 * Writes a binary package (deb(5)) reproducibly: the same inputs give the same bytes, whatever
 * the order of the entries, the mtimes, permissions or location of the source files, or the
 * umask.
 *
 * <p>The file is an {@code ar} archive of {@code debian-binary} ({@code 2.0}), {@code control.tar}
 * and {@code data.tar}, each tar compressed as configured. Both tars are GNU-format (what
 * {@code dpkg-deb --build} writes; long names through {@code ././@LongLink}), every entry owned by
 * 0/0 {@code root}/{@code root} with the build timestamp as mtime, in path order, with
 * {@code ./} and every parent directory present. The control member holds {@code control},
 * {@code md5sums} (of every file, hashed while it streams into data.tar), {@code conffiles} when
 * any entry is a conffile, and the maintainer scripts.
 *
 * <p>All input is checked before anything is written (see {@link DebEntry}; errors are
 * {@link DebException}s naming the path). data.tar is streamed through the compressor into a
 * temporary file beside the target, so memory stays flat however big the package is; the
 * {@code ar} goes to a second temporary file which is then renamed atomically onto the target.
 * On any failure the temporary files are removed and an existing target is left as it was.
 *
 * <p>Instances are immutable and may be shared; build them with {@link #builder()}.
 */
public final class DebArchiveWriter {

    private static final byte[] DEBIAN_BINARY = "2.0\n".getBytes(StandardCharsets.US_ASCII);
    /**
     * Files of at least this size get data.tar.xz blocks of their own, cut from their tar header (see
     * {@link Builder#blockCache}): their blocks are keyed by content, so a rebuild with a new build timestamp or with
     * one changed jar compresses only the headers, the smaller files and what changed. Why 64 KiB: bench/NOTES.md.
     */
    static final long XZ_OWN_BLOCKS = 64 << 10;
    /** The largest mtime a tar header holds in octal (11 digits). */
    static final long MAX_TIMESTAMP = 077777777777L;

    private final Compression dataCompression;
    private final Compression controlCompression;
    private final long timestamp;
    private final boolean sourceMtimes;
    private final boolean allowSpecialModes;
    private final DebLog log;
    private final Consumer<String> beforeFile;
    private final int threads;
    private final int xzBlockSize;
    private final Path blockCache;
    private final long xzOwnBlocks;
    private final long statRacyMillis;

    private DebArchiveWriter(Builder b) {
        this.dataCompression = b.dataCompression;
        this.controlCompression = b.controlCompression;
        this.timestamp = b.timestamp;
        this.sourceMtimes = b.sourceMtimes;
        this.allowSpecialModes = b.allowSpecialModes;
        this.log = b.log;
        this.beforeFile = b.beforeFile;
        this.threads = b.threads;
        this.xzBlockSize = b.xzBlockSize;
        this.blockCache = b.blockCache;
        this.xzOwnBlocks = b.xzOwnBlocks;
        this.statRacyMillis = b.statRacyMillis;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Writes the package.
     *
     * @param target            the .deb to write; replaced atomically if it exists
     * @param controlFile       the rendered {@code control} file
     * @param maintainerScripts control members by name: {@code preinst}, {@code postinst},
     *                          {@code prerm}, {@code postrm}, {@code config} (shipped 0755, must
     *                          start with {@code #!}), {@code triggers}, {@code templates} (0644);
     *                          LF line endings only
     * @param data              the data entries, in any order
     * @throws DebException for bad input (paths, modes, links, scripts) and for source files that
     *                      vanish or change while they are packaged
     * @throws IOException  when the target directory cannot be written
     */
    public WriteResult write(Path target, byte[] controlFile, Map<String, byte[]> maintainerScripts,
                             List<DebEntry> data) throws IOException {
        Objects.requireNonNull(target, "target");
        Path out = target.toAbsolutePath().normalize();
        Path dir = out.getParent();
        if (dir == null || out.getFileName() == null) {
            throw new DebException(Setting.TARGET, target.toString(), "is not a file path.", "name a .deb file.");
        }
        if (Files.isDirectory(out)) {
            throw new DebException(Setting.TARGET, target.toString(), "is a directory.",
                    "name the .deb file to write, not its directory.");
        }
        ControlArchive.checkControl(controlFile);
        ControlArchive.checkScripts(maintainerScripts);
        List<EntryRules.Item> items = EntryRules.normalise(data, allowSpecialModes, log);
        long installedSize = InstalledSize.of(items);
        if (dataCompression == Compression.ZSTD || controlCompression == Compression.ZSTD) {
            log.warn("zstd-compressed packages need dpkg >= 1.21.18 (Debian 12, Ubuntu 21.10): older systems "
                    + "cannot install " + out.getFileName() + ", and Debian 12's lintian (2.116) reports it as "
                    + "malformed-deb-archive. Use xz for the widest reach.");
        }

        Files.createDirectories(dir);
        String base = out.getFileName().toString();
        removeStaleTemps(dir, base);
        Path dataTmp = null;
        Path debTmp = null;
        try {
            dataTmp = createTemp(dir, base, "data");
            log.debug("writing data.tar" + dataCompression.suffix() + " of " + items.size() + " entries to " + dataTmp);
            DataTar dataTar = writeData(dataTmp, items);
            byte[] control = ControlArchive.build(controlFile, maintainerScripts, dataTar.md5sums(),
                    dataTar.conffiles(), timestamp, controlCompression);
            debTmp = createTemp(dir, base, "deb");
            ArResult ar = writeAr(debTmp, control, dataTmp);
            Files.move(debTmp, out, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            debTmp = null;
            log.info("wrote " + out + " (" + ar.size() + " bytes, " + items.size() + " entries, Installed-Size "
                    + installedSize + " KiB)");
            return new WriteResult(out, ar.size(), ar.sha256(), items.size(), installedSize);
        } finally {
            // debTmp is null once renamed; on any failure both temporary files go
            deleteQuietly(debTmp);
            deleteQuietly(dataTmp);
        }
    }

    private record DataTar(String md5sums, List<String> conffiles) {
    }

    private record ArResult(long size, String sha256) {
    }

    private DataTar writeData(Path file, List<EntryRules.Item> items) throws IOException {
        StringBuilder md5sums = new StringBuilder();
        List<String> conffiles = new ArrayList<>();
        MessageDigest md5 = DigestUtils.getMd5Digest();
        byte[] buf = new byte[64 * 1024];
        ParallelXzOutputStream xzOut = null;
        int unread = 0;
        long unreadBytes = 0;
        long entriesLength = 0;
        List<Long> cuts = new ArrayList<>();
        List<Boolean> x86 = new ArrayList<>();
        List<Boolean> light = new ArrayList<>();
        List<ParallelXzOutputStream.Span> ownSpans = new ArrayList<>();
        XzBlockCache xzCache = Compressors.ownBlocks(dataCompression)
                ? XzBlockCache.open(blockCache, Compressors.xzSettings(), log) : null;
        FileStatCache statCache = xzCache == null ? null : FileStatCache.open(blockCache, log, statRacyMillis);
        // what a file's blocks depend on besides its content and filters (for the FileStatCache's keys)
        String layoutBase = statCache == null ? null : xzCache.salt() + "\0block size " + xzBlockSize + "\0";
        Known[] known = new Known[items.size()];
        // of each file read (not copied from the cache): when, and its MD5, for the FileStatCache
        long[] readAt = new long[items.size()];
        byte[][] readMd5 = new byte[items.size()][];
        int index = -1;
        for (EntryRules.Item item : items) {
            index++;
            long length = TarWriter.entryLength(item.tarName(), item.linkTarget(), item.size());
            if (Compressors.ownBlocks(dataCompression) && item.type() == EntryType.FILE && item.size() >= xzOwnBlocks) {
                // a file's content (and its padding) gets xz blocks of its own, cut from its header: their bytes, and
                // so their block-cache keys, depend on the content alone, not on the build timestamp in the header
                // nor on where the file sits in data.tar; headers and small files share the blocks between them.
                // x86 machine code (a runtime's libjvm.so) goes through the x86 BCJ filter
                // a jar (a zip: deflated already) gets a lighter preset (ParallelXzOutputStream.LIGHT_PRESET)
                boolean code = isX86Elf(item.content());
                boolean zip = !code && isZip(item.content());
                long contentStart = entriesLength + TarWriter.entryLength(item.tarName(), null, 0);
                cuts.add(contentStart);
                x86.add(code);
                light.add(zip);
                // the gap after it (the next headers and small files) gets the lighter preset too: without a pinned
                // timestamp every header changes, so these blocks are compressed again on every build. Measured on
                // hello-cli: its 32 gap blocks (1.0 MB) 2.3-2.4 s -> 1.3-1.5 s, the .deb 8.6 KB (0.03 %) larger
                cuts.add(entriesLength + length);
                x86.add(false);
                light.add(true);
                ParallelXzOutputStream.SpanSource source = contentSource(item.content(), item.size());
                long spanLength = entriesLength + length - contentStart;
                if (statCache != null && item.content() instanceof Content.FileContent f) {
                    // a file read by an earlier build and not changed since: its blocks are copied, it is not read
                    String layout = layoutBase + ParallelXzOutputStream.filters(code, zip);
                    io.github.jpackagedeb.core.FileStat stat = stat(f.file());
                    FileStatCache.Facts facts = stat != null && stat.size() == item.size()
                            ? statCache.get(stat, layout) : null;
                    if (stat != null) {
                        known[index] = new Known(f.file(), stat, layout, facts, contentStart, spanLength, source);
                    }
                }
                ownSpans.add(new ParallelXzOutputStream.Span(contentStart, spanLength, code, zip, source,
                        known[index] != null && known[index].facts() != null));
            }
            entriesLength += length;
        }
        boolean[] x86Spans = new boolean[x86.size()];
        boolean[] lightSpans = new boolean[light.size()];
        for (int i = 0; i < x86Spans.length; i++) {
            x86Spans[i] = x86.get(i);
            lightSpans[i] = light.get(i);
        }
        long tarLength = TarWriter.archiveLength(entriesLength);
        OutputStream sink = new BufferedOutputStream(Files.newOutputStream(file, StandardOpenOption.WRITE), 1 << 16);
        Compressors.XzPlan xzPlan = Compressors.ownBlocks(dataCompression)
                ? new Compressors.XzPlan(cuts.stream().mapToLong(Long::longValue).toArray(), x86Spans, lightSpans,
                        ownSpans, xzCache, log, "data.tar")
                : Compressors.XzPlan.NONE;
        try (OutputStream compressed = Compressors.open(dataCompression, sink, tarLength, threads, xzBlockSize,
                xzPlan)) {
            TarWriter tar = new TarWriter(compressed, timestamp);
            Map<String, Long> mtimes = sourceMtimes ? mtimes(items) : Map.of();
            index = -1;
            for (EntryRules.Item item : items) {
                index++;
                Known k = known[index];
                long mtime = mtimes.getOrDefault(item.path(), timestamp);
                switch (item.type()) {
                    case DIRECTORY:
                        tar.directory(item.tarName(), item.mode(), mtime);
                        break;
                    case SYMLINK:
                        tar.symlink(item.tarName(), item.linkTarget(), mtime);
                        break;
                    case FILE:
                        tar.file(item.tarName(), item.mode(), item.size(), mtime);
                        byte[] digest = null;
                        if (k != null && k.facts() != null && compressed instanceof ParallelXzOutputStream xz) {
                            tar.flush();
                            if (xz.copySpan(k.spanLength(), k.facts().blockKeys(), k.source())) {
                                tar.contentWrittenElsewhere();
                                digest = k.facts().md5();
                                unread++;
                                unreadBytes += item.size();
                            }
                        }
                        if (digest == null) {
                            if (beforeFile != null) {
                                beforeFile.accept(item.path());
                            }
                            readAt[index] = System.currentTimeMillis();
                            md5.reset();
                            copy(item, tar, md5, buf);
                            tar.endFile();
                            digest = md5.digest();
                            readMd5[index] = digest;
                        }
                        md5sums.append(HexFormat.of().formatHex(digest)).append("  ")
                                .append(item.path()).append('\n');
                        if (item.conffile()) {
                            conffiles.add("/" + item.path());
                        }
                        break;
                    default:
                        throw new IllegalStateException(String.valueOf(item.type()));
                }
            }
            tar.finish();
            if (tar.length() != tarLength) {
                throw new IllegalStateException("data.tar is " + tar.length() + " bytes, expected " + tarLength);
            }
            if (compressed instanceof ParallelXzOutputStream xz) {
                xzOut = xz;
            }
        } catch (ParallelXzOutputStream.SpanChangedException e) {
            for (int i = 0; i < items.size(); i++) {
                if (known[i] != null && known[i].spanStart() == e.start) {
                    throw changed(items.get(i), "changed since an earlier build read it, without a new size, mtime or "
                            + "ctime");
                }
            }
            throw e;
        }
        if (statCache != null && xzOut != null) {
            // what this build read, for the next one
            for (int i = 0; i < known.length; i++) {
                Known k = known[i];
                if (k != null && readMd5[i] != null) {
                    List<byte[]> keys = xzOut.spanKeys(k.spanStart());
                    if (keys != null) {
                        statCache.put(k.stat(), stat(k.file()), readAt[i], k.layout(),
                                new FileStatCache.Facts(readMd5[i], keys));
                    }
                }
            }
            statCache.finish(FileStatCache.MAX_ENTRIES);
            if (unread > 0) {
                log.debug("file stat cache: " + unread + " files (" + unreadBytes / (1024 * 1024) + " MiB) not read again,"
                        + " unchanged since an earlier build: their xz blocks were copied from the cache");
            }
        }
        return new DataTar(md5sums.toString(), List.copyOf(conffiles));
    }

    /** A file whose stat the {@link FileStatCache} knows of, or will be told about once it is read. */
    private record Known(Path file, io.github.jpackagedeb.core.FileStat stat, String layout, FileStatCache.Facts facts,
                         long spanStart, long spanLength, ParallelXzOutputStream.SpanSource source) {
    }

    /** The file's stat for the {@link FileStatCache}; null when it cannot be read (the write reports a missing file). */
    private static io.github.jpackagedeb.core.FileStat stat(Path file) {
        try {
            return io.github.jpackagedeb.core.FileStat.of(file);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /**
     * The entries' own mtimes ({@link Builder#sourceMtimes}): a file read from disk keeps its modification time, no
     * later than the build timestamp; every other entry (a generated file, a link, a directory) has the oldest of
     * those times (the build timestamp when no file comes from disk). So the header of an entry depends on its own
     * file, or on the oldest input, which a change to the application's code does not move: a rebuild after such a
     * change has the same headers but for the changed files, and the xz blocks that hold them are reused. With the
     * build's time, every generated file's header, and with "the newest time of what it holds", every directory above
     * a changed file (./ and usr/ included), would differ on every build.
     */
    private Map<String, Long> mtimes(List<EntryRules.Item> items) {
        Map<String, Long> out = new java.util.HashMap<>();
        long oldest = Long.MAX_VALUE;
        for (EntryRules.Item item : items) {
            if (item.type() == EntryType.FILE && item.content() instanceof Content.FileContent f) {
                try {
                    long m = Math.max(0, Math.min(timestamp, Files.getLastModifiedTime(f.file()).toMillis() / 1000));
                    out.put(item.path(), m);
                    oldest = Math.min(oldest, m);
                } catch (IOException e) {
                    // the write itself reports a file that vanished, with its name
                }
            }
        }
        long others = oldest == Long.MAX_VALUE ? timestamp : oldest;
        for (EntryRules.Item item : items) {
            out.putIfAbsent(item.path(), others);
        }
        return out;
    }

    /**
     * The bytes of a regular file's content and its zero padding to a tar block, from an offset on: for compressing its
     * xz blocks ahead (here, and {@link XzAhead}). Reads the content again; if it changed meanwhile, the write itself
     * reports it.
     */
    static ParallelXzOutputStream.SpanSource contentSource(Content content, long size) {
        return offset -> {
            InputStream body = content.open();
            try {
                body.skipNBytes(Math.min(offset, size));
            } catch (IOException | RuntimeException e) {
                body.close();
                throw e;
            }
            InputStream bounded = new java.io.FilterInputStream(body) {
                private long left = Math.max(0, size - offset);

                @Override
                public int read() throws IOException {
                    byte[] one = new byte[1];
                    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
                }

                @Override
                public int read(byte[] b, int off, int len) throws IOException {
                    if (left <= 0) {
                        return -1;
                    }
                    int n = super.read(b, off, (int) Math.min(len, left));
                    if (n > 0) {
                        left -= n;
                    }
                    return n;
                }
            };
            long padStart = Math.max(0, offset - size);
            long padding = (TarWriter.BLOCK - size % TarWriter.BLOCK) % TarWriter.BLOCK;
            InputStream zeros = new java.io.ByteArrayInputStream(new byte[(int) Math.max(0, padding - padStart)]);
            return new java.io.SequenceInputStream(java.util.Collections.enumeration(List.of(bounded, zeros)));
        };
    }

    /**
     * Whether the content is an x86 or x86-64 ELF file (ELF magic, then e_machine 3 or 62), judged from its first 20
     * bytes. Unreadable content is simply not code: copying it reports the error.
     */
    static boolean isX86Elf(Content content) {
        byte[] h = new byte[20];
        try (InputStream in = content.open()) {
            int n = in.readNBytes(h, 0, h.length);
            if (n < h.length || h[0] != 0x7F || h[1] != 'E' || h[2] != 'L' || h[3] != 'F') {
                return false;
            }
            int machine = h[5] == 2 ? (h[18] & 0xFF) << 8 | (h[19] & 0xFF) : (h[18] & 0xFF) | (h[19] & 0xFF) << 8;
            return machine == 3 || machine == 62;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /**
     * Whether the content is a zip file (a jar): it starts with a local file header ({@code PK\3\4}). Unreadable
     * content is not: copying it reports the error.
     */
    static boolean isZip(Content content) {
        byte[] h = new byte[4];
        try (InputStream in = content.open()) {
            return in.readNBytes(h, 0, 4) == 4 && h[0] == 'P' && h[1] == 'K' && h[2] == 3 && h[3] == 4;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** Streams exactly the size taken during validation; a source that changed since is an error. */
    private static void copy(EntryRules.Item item, TarWriter tar, MessageDigest md5, byte[] buf) throws IOException {
        Content content = item.content();
        long remaining = item.size();
        InputStream in;
        try {
            in = content.open();
        } catch (NoSuchFileException e) {
            throw changed(item, "disappeared after it was checked");
        } catch (IOException e) {
            throw new DebException(Setting.PATH, item.path(), "cannot read " + content.describe() + ": " + e,
                    "check that the file is readable.", e);
        }
        try (in) {
            while (remaining > 0) {
                int n;
                try {
                    n = in.read(buf, 0, (int) Math.min(buf.length, remaining));
                } catch (IOException e) {
                    throw new DebException(Setting.PATH, item.path(), "cannot read " + content.describe() + ": " + e,
                            "check that the file is readable.", e);
                }
                if (n < 0) {
                    throw changed(item, "is shorter than the " + item.size() + " bytes it had when checked");
                }
                md5.update(buf, 0, n);
                tar.write(buf, 0, n);
                remaining -= n;
            }
            int extra;
            try {
                extra = in.read();
            } catch (IOException e) {
                throw new DebException(Setting.PATH, item.path(), "cannot read " + content.describe() + ": " + e,
                        "check that the file is readable.", e);
            }
            if (extra >= 0) {
                throw changed(item, "is longer than the " + item.size() + " bytes it had when checked");
            }
        }
    }

    private static DebException changed(EntryRules.Item item, String what) {
        return new DebException(Setting.PATH, item.path(), "the source " + item.content().describe() + " " + what
                + "; it changed while the package was being written.",
                "make sure nothing modifies the input files during packaging, then build again.");
    }

    private ArResult writeAr(Path file, byte[] control, Path dataTar) throws IOException {
        long dataSize = Files.size(dataTar);
        MessageDigest sha = DigestUtils.getSha256Digest();
        long size;
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            CountingOutputStream counting = new CountingOutputStream(
                    new BufferedOutputStream(Channels.newOutputStream(ch), 1 << 16));
            DigestOutputStream os = new DigestOutputStream(counting, sha);
            ArWriter.magic(os);
            ArWriter.member(os, "debian-binary", timestamp, DEBIAN_BINARY);
            ArWriter.member(os, "control.tar" + controlCompression.suffix(), timestamp, control);
            ArWriter.header(os, "data.tar" + dataCompression.suffix(), timestamp, dataSize);
            try (InputStream in = Files.newInputStream(dataTar)) {
                long copied = in.transferTo(os);
                if (copied != dataSize) {
                    throw new IOException("data.tar temporary file " + dataTar + " changed size while copying");
                }
            }
            ArWriter.pad(os, dataSize);
            os.flush();
            size = counting.count();
            ch.force(true);
        }
        return new ArResult(size, HexFormat.of().formatHex(sha.digest()));
    }

    /**
     * A new empty file beside the target, named {@code .<target>.<role>.<pid>-<random>.tmp}; created
     * with default permissions (so the .deb gets the mode the umask gives any new file).
     */
    private static Path createTemp(Path dir, String base, String role) throws IOException {
        for (int attempt = 0; ; attempt++) {
            String name = "." + base + "." + role + "." + ProcessHandle.current().pid() + "-"
                    + Long.toHexString(ThreadLocalRandom.current().nextLong()) + ".tmp";
            Path p = dir.resolve(name);
            try {
                Files.newByteChannel(p, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE).close();
                return p;
            } catch (FileAlreadyExistsException e) {
                if (attempt >= 20) {
                    throw e;
                }
            }
        }
    }

    /**
     * Deletes the temporary files a killed earlier write of the same target left behind: those of our own naming
     * pattern whose process no longer runs. Temporary files of a live process (this one included) are left alone,
     * so concurrent writers never disturb each other; at worst (a process id reused, or a writer in another PID
     * namespace sharing the directory) a stale file stays, or that writer fails cleanly at its rename.
     */
    private void removeStaleTemps(Path dir, String base) {
        java.util.regex.Pattern own = java.util.regex.Pattern.compile(
                java.util.regex.Pattern.quote("." + base + ".") + "(?:data|deb)\\.(\\d{1,19})-[0-9a-f]{1,16}\\.tmp");
        try (java.util.stream.Stream<Path> files = Files.list(dir)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                java.util.regex.Matcher m = own.matcher(p.getFileName().toString());
                if (m.matches() && ProcessHandle.of(Long.parseLong(m.group(1))).isEmpty()
                        && Files.isRegularFile(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                    log.info("removing " + p + ", left by an interrupted earlier build");
                    deleteQuietly(p);
                }
            }
        } catch (IOException | RuntimeException e) {
            log.debug("could not look for stale temporary files in " + dir + ": " + e);
        }
    }

    private void deleteQuietly(Path p) {
        if (p == null) {
            return;
        }
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            log.warn("could not delete the temporary file " + p + ": " + e);
        }
    }

    private static final class CountingOutputStream extends java.io.FilterOutputStream {
        private long count;

        CountingOutputStream(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            count += len;
        }

        long count() {
            return count;
        }
    }

    /** Builds a {@link DebArchiveWriter}; only the timestamp is required. */
    public static final class Builder {
        private Compression dataCompression = Compression.DEFAULT;
        private Compression controlCompression = Compression.DEFAULT;
        private Long timestamp;
        private boolean sourceMtimes;
        private boolean allowSpecialModes;
        private DebLog log = DebLog.SILENT;
        private Consumer<String> beforeFile;
        private int threads = Runtime.getRuntime().availableProcessors();
        private int xzBlockSize = Compressors.XZ_BLOCK_SIZE;
        private Path blockCache;
        private long xzOwnBlocks = XZ_OWN_BLOCKS;
        private long statRacyMillis = FileStatCache.DEFAULT_RACY_MILLIS;

        private Builder() {
        }

        /** Compression of data.tar; default {@link Compression#DEFAULT}. */
        public Builder dataCompression(Compression c) {
            this.dataCompression = Objects.requireNonNull(c, "dataCompression");
            return this;
        }

        /** Compression of control.tar; default {@link Compression#DEFAULT} (gzip reads on any dpkg, none since 1.17.6). */
        public Builder controlCompression(Compression c) {
            this.controlCompression = Objects.requireNonNull(c, "controlCompression");
            return this;
        }

        /** The mtime of every entry and member, seconds since the epoch (SOURCE_DATE_EPOCH). Required. */
        public Builder timestamp(long epochSeconds) {
            if (epochSeconds < 0 || epochSeconds > MAX_TIMESTAMP) {
                throw new DebException(Setting.TIMESTAMP, Long.toString(epochSeconds),
                        "is outside the range a package can record (1970 to 2242).",
                        "use a build timestamp in seconds since 1970-01-01 (e.g. SOURCE_DATE_EPOCH).");
            }
            this.timestamp = epochSeconds;
            return this;
        }

        /**
         * For a build without a pinned timestamp: a file read from disk keeps its own modification time (no later
         * than the timestamp, as {@code dpkg-deb} under {@code SOURCE_DATE_EPOCH} clamps it), and every other entry
         * (generated files, links, directories) the oldest of those times, or the timestamp when no file comes from
         * disk. The tar headers of unchanged files, and the xz blocks that hold them, then stay the same from build to
         * build, and a changed file changes only its own header. Off (the default): every entry carries the timestamp,
         * for a reproducible package.
         */
        public Builder sourceMtimes(boolean value) {
            this.sourceMtimes = value;
            return this;
        }

        /** Same as {@link #timestamp(long)} with the seconds of {@code instant}. */
        public Builder timestamp(Instant instant) {
            return timestamp(instant.getEpochSecond());
        }

        /** Allow modes other than 0644/0755 (files) and 0755 (directories): setuid, sticky&hellip; Default false. */
        public Builder allowSpecialModes(boolean allow) {
            this.allowSpecialModes = allow;
            return this;
        }

        public Builder log(DebLog log) {
            this.log = Objects.requireNonNull(log, "log");
            return this;
        }

        /**
         * The most threads compressing data.tar (default: one per available processor). The bytes of the package
         * are the same for any number.
         */
        public Builder threads(int count) {
            if (count < 1) {
                throw new DebException(Setting.THREADS, Integer.toString(count), "must be at least 1.",
                        "give the number of threads to compress with, e.g. the number of cores.");
            }
            this.threads = count;
            return this;
        }

        /**
         * A directory where data.tar.xz's compressed blocks are kept between builds ({@code null}, the default: none).
         * A later build that packages the same bytes (the same runtime, the same dependency jars: the content of each
         * file of 64 KiB or more has blocks of its own, whatever the build timestamp or the file's place in data.tar)
         * takes their blocks from there instead of compressing them again; a file whose path, size, mtime, ctime and
         * inode are those an earlier build read is not even read again (its MD5 and block keys are kept beside the
         * blocks: {@link FileStatCache}). The package is byte for byte the one a build without the cache writes. Damaged entries are detected and
         * replaced; the directory is kept under 2 GiB, least recently used blocks first. A directory that cannot be
         * written is ignored.
         */
        public Builder blockCache(Path directory) {
            this.blockCache = directory;
            return this;
        }

        /** Test seam: the size from which a file gets xz blocks of its own (so that small test files do). */
        Builder xzOwnBlocks(long bytes) {
            this.xzOwnBlocks = bytes;
            return this;
        }

        /**
         * Test seam: how long before it is read a file must have last changed for the {@link FileStatCache} to
         * remember it (tests write their files just before the build).
         */
        Builder statRacyMillis(long millis) {
            this.statRacyMillis = millis;
            return this;
        }

        /** Test seam: the uncompressed size of data.tar.xz's blocks (so that small test packages have several). */
        Builder xzBlockSize(int bytes) {
            this.xzBlockSize = bytes;
            return this;
        }

        /** Test seam: runs just before each file's content is opened, with the entry path. */
        Builder beforeFile(Consumer<String> hook) {
            this.beforeFile = hook;
            return this;
        }

        public DebArchiveWriter build() {
            if (timestamp == null) {
                throw new DebException(Setting.TIMESTAMP, null, "no build timestamp was given.",
                        "set project.build.outputTimestamp or SOURCE_DATE_EPOCH.");
            }
            return new DebArchiveWriter(this);
        }
    }
}
