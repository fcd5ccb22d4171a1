package io.github.jpackagedeb.core.debfile;

import io.github.jpackagedeb.core.DebException;
import io.github.jpackagedeb.core.Setting;
import io.github.jpackagedeb.core.version.DebianVersion;
import org.apache.commons.codec.digest.DigestUtils;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.apache.commons.compress.compressors.lzma.LZMACompressorInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;
import org.apache.commons.compress.compressors.zstandard.ZstdCompressorInputStream;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * A binary package that exists on disk, read and checked in full: the {@code ar} structure of deb(5)
 * ({@code debian-binary} 2.x, {@code control.tar[.gz|.xz|.zst]}, {@code data.tar[.gz|.xz|.zst|.bz2|.lzma]}, then
 * optional members whose names start with {@code _}, such as debsigs' {@code _gpgorigin}), the control file, every
 * byte of both tar archives (a truncated or corrupt compressed stream is found here, not by apt on a client), and
 * the MD5, SHA-1 and SHA-256 of the whole file.
 *
 * <p>Every problem is a {@link DebException} with field {@code deb} naming the file. Immutable.
 */
public final class DebFile {

    private static final byte[] AR_MAGIC = "!<arch>\n".getBytes(StandardCharsets.US_ASCII);
    private static final int HEADER = 60;
    private static final Setting FIELD = Setting.DEB;

    /**
     * One member of the {@code ar} archive.
     *
     * @param name   the name, without GNU ar's trailing slash
     * @param offset where its data starts in the file
     * @param size   the size of its data (without the pad byte)
     * @param mtime  its modification time, seconds since the epoch
     */
    public record Member(String name, long offset, long size, long mtime) {
    }

    private final Path path;
    private final List<Member> members;
    private final Deb822.Paragraph control;
    private final byte[] changelog;
    private final long size;
    private final String md5;
    private final String sha1;
    private final String sha256;

    private DebFile(Path path, List<Member> members, Deb822.Paragraph control, byte[] changelog, long size,
                    String md5, String sha1, String sha256) {
        this.path = path;
        this.members = List.copyOf(members);
        this.control = control;
        this.changelog = changelog;
        this.size = size;
        this.md5 = md5;
        this.sha1 = sha1;
        this.sha256 = sha256;
    }

    /**
     * Reads and checks a .deb.
     *
     * @throws DebException (field {@code deb}) when the file is missing, unreadable or not a well-formed package
     */
    public static DebFile read(Path deb) {
        return read(deb, false, null);
    }

    /**
     * Reads a package that this process has just written with {@code DebArchiveWriter}: checked like {@link #read},
     * except that data.tar is not decompressed again (the writer streamed every byte of it a moment ago, and
     * decompressing a package with a bundled runtime costs seconds), so its changelog is given instead.
     *
     * @param changelogGz the {@code changelog.Debian.gz} the package holds, or null if it holds none
     */
    public static DebFile readWritten(Path deb, byte[] changelogGz) {
        return read(deb, true, changelogGz);
    }

    private static DebFile read(Path deb, boolean written, byte[] knownChangelog) {
        Path p = deb.toAbsolutePath().normalize();
        if (!Files.isRegularFile(p)) {
            throw new DebException(FIELD, deb.toString(), Files.exists(p) ? "is not a regular file." : "does not exist.",
                    "name an existing .deb file.");
        }
        try (FileChannel ch = FileChannel.open(p, StandardOpenOption.READ)) {
            long size = ch.size();
            String[] hashes = hashes(ch);
            List<Member> members = members(ch, size, deb);
            checkOrder(members, deb);
            byte[] debianBinary = readAll(member(ch, members.get(0)), 64);
            String db = new String(debianBinary, StandardCharsets.US_ASCII);
            if (!db.startsWith("2.") || !db.endsWith("\n")) {
                throw corrupt(deb, "its debian-binary member says '" + db.strip() + "', not format 2.x.");
            }
            Member controlMember = members.get(1);
            Deb822.Paragraph control = readControl(ch, controlMember, deb);
            String pkg = control.get("Package").orElse("");
            byte[] changelog = written ? knownChangelog : readData(ch, members.get(2), deb, List.of(
                    "./usr/share/doc/" + pkg + "/changelog.Debian.gz", "./usr/share/doc/" + pkg + "/changelog.gz"));
            return new DebFile(p, members, control, changelog, size, hashes[0], hashes[1], hashes[2]);
        } catch (NoSuchFileException e) {
            throw new DebException(FIELD, deb.toString(), "does not exist.", "name an existing .deb file.", e);
        } catch (IOException e) {
            throw new DebException(FIELD, deb.toString(), "cannot be read: " + e.getMessage(),
                    "check that the file is readable.", e);
        }
    }

    private static List<Member> members(FileChannel ch, long size, Path deb) throws IOException {
        ByteBuffer magic = ByteBuffer.allocate(AR_MAGIC.length);
        readFully(ch, magic, 0);
        if (magic.position() < AR_MAGIC.length || !java.util.Arrays.equals(magic.array(), AR_MAGIC)) {
            throw corrupt(deb, "it is not an ar archive (no !<arch> magic at its start).");
        }
        List<Member> members = new ArrayList<>();
        long pos = AR_MAGIC.length;
        while (pos < size) {
            if (size - pos < HEADER) {
                throw corrupt(deb, "it ends inside an ar member header at byte " + pos + ".");
            }
            ByteBuffer h = ByteBuffer.allocate(HEADER);
            readFully(ch, h, pos);
            String header = new String(h.array(), StandardCharsets.US_ASCII);
            if (!header.endsWith("`\n")) {
                throw corrupt(deb, "the ar member header at byte " + pos + " is malformed.");
            }
            String name = header.substring(0, 16).strip();
            if (name.endsWith("/")) {
                name = name.substring(0, name.length() - 1);
            }
            long mtime = number(header.substring(16, 28), deb, pos);
            long memberSize = number(header.substring(48, 58), deb, pos);
            long data = pos + HEADER;
            if (memberSize > size - data) {
                throw corrupt(deb, "the ar member " + name + " claims " + memberSize + " bytes but the file ends after "
                        + (size - data) + "; the file is truncated.");
            }
            members.add(new Member(name, data, memberSize, mtime));
            pos = data + memberSize + (memberSize % 2);
        }
        if (pos > size + 1) {
            throw corrupt(deb, "the file is truncated.");
        }
        return members;
    }

    private static void checkOrder(List<Member> members, Path deb) {
        if (members.size() < 3) {
            throw corrupt(deb, "it has " + members.size() + " ar members; a package has debian-binary, control.tar "
                    + "and data.tar.");
        }
        if (!members.get(0).name().equals("debian-binary")) {
            throw corrupt(deb, "its first member is " + members.get(0).name() + ", not debian-binary.");
        }
        if (!members.get(1).name().matches("control\\.tar(\\.gz|\\.xz|\\.zst)?")) {
            throw corrupt(deb, "its second member is " + members.get(1).name() + ", not control.tar[.gz|.xz|.zst].");
        }
        if (!members.get(2).name().matches("data\\.tar(\\.gz|\\.xz|\\.zst|\\.bz2|\\.lzma)?")) {
            throw corrupt(deb, "its third member is " + members.get(2).name() + ", not data.tar[.xz|.zst|.gz|...].");
        }
        for (Member m : members.subList(3, members.size())) {
            if (!m.name().startsWith("_")) {
                throw corrupt(deb, "it has an unexpected member " + m.name() + " after data.tar.");
            }
        }
    }

    private static Deb822.Paragraph readControl(FileChannel ch, Member m, Path deb) throws IOException {
        byte[] controlFile = null;
        try (TarArchiveInputStream tar = new TarArchiveInputStream(decompress(member(ch, m), m.name()))) {
            TarArchiveEntry e;
            while ((e = tar.getNextEntry()) != null) {
                if (e.isFile() && (e.getName().equals("./control") || e.getName().equals("control"))) {
                    controlFile = readAll(tar, 1 << 20);
                } else {
                    tar.transferTo(OutputStream.nullOutputStream());
                }
            }
        } catch (IOException | RuntimeException e) {
            throw corrupt(deb, "its " + m.name() + " cannot be read: " + e.getMessage(), e);
        }
        if (controlFile == null) {
            throw corrupt(deb, "its " + m.name() + " has no control file.");
        }
        List<Deb822.Paragraph> ps;
        try {
            ps = Deb822.parse(new String(controlFile, StandardCharsets.UTF_8), "control");
        } catch (IllegalArgumentException e) {
            throw corrupt(deb, "its control file is malformed: " + e.getMessage(), e);
        }
        if (ps.size() != 1) {
            throw corrupt(deb, "its control file has " + ps.size() + " paragraphs instead of one.");
        }
        Deb822.Paragraph c = ps.get(0);
        for (String f : List.of("Package", "Version", "Architecture", "Description")) {
            if (c.get(f).isEmpty() || c.get(f).get().isBlank()) {
                throw corrupt(deb, "its control file has no " + f + " field.");
            }
        }
        String pkg = c.get("Package").get();
        if (!pkg.matches("[a-z0-9][a-z0-9+.-]+")) {
            throw corrupt(deb, "its Package field '" + pkg + "' is not a valid package name (Debian Policy 5.6.1).");
        }
        try {
            DebianVersion.parse(c.get("Version").get());
        } catch (DebException e) {
            throw corrupt(deb, "its Version field is invalid: " + e.problem(), e);
        }
        if (!c.get("Architecture").get().matches("[a-z0-9-]+")) {
            throw corrupt(deb, "its Architecture field '" + c.get("Architecture").get() + "' is not one architecture.");
        }
        return c;
    }

    /** Reads the whole data.tar (so corruption anywhere shows) and returns the first of {@code wanted} found. */
    private static byte[] readData(FileChannel ch, Member m, Path deb, List<String> wanted) throws IOException {
        byte[] found = null;
        int foundRank = Integer.MAX_VALUE;
        try (TarArchiveInputStream tar = new TarArchiveInputStream(decompress(member(ch, m), m.name()))) {
            TarArchiveEntry e;
            while ((e = tar.getNextEntry()) != null) {
                int rank = wanted.indexOf(e.getName());
                if (e.isFile() && rank >= 0 && rank < foundRank) {
                    found = readAll(tar, 64 << 20);
                    foundRank = rank;
                } else {
                    tar.transferTo(OutputStream.nullOutputStream());
                }
            }
            tar.transferTo(OutputStream.nullOutputStream());
        } catch (IOException | RuntimeException e) {
            throw corrupt(deb, "its " + m.name() + " cannot be read to the end: " + e.getMessage(), e);
        }
        return found;
    }

    private static InputStream decompress(InputStream raw, String name) throws IOException {
        InputStream in = new BufferedInputStream(raw, 1 << 16);
        if (name.endsWith(".gz")) {
            return new GzipCompressorInputStream(in);
        } else if (name.endsWith(".xz")) {
            return new XZCompressorInputStream(in);
        } else if (name.endsWith(".zst")) {
            return new ZstdCompressorInputStream(in);
        } else if (name.endsWith(".bz2")) {
            return new BZip2CompressorInputStream(in);
        } else if (name.endsWith(".lzma")) {
            return new LZMACompressorInputStream(in);
        }
        return in;
    }

    /**
     * MD5, SHA-1 and SHA-256 of the whole file, each computed by its own thread over its own reads (the file is in the
     * page cache, just written): the three take the time of the slowest instead of their sum, about 0.1 s of every
     * build of a package with a bundled runtime.
     */
    private static String[] hashes(FileChannel ch) throws IOException {
        String[] names = {"MD5", "SHA-1", "SHA-256"};
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(names.length,
                r -> {
                    Thread t = new Thread(r, "jpackage-deb-hash");
                    t.setDaemon(true);
                    return t;
                });
        try {
            List<java.util.concurrent.Future<String>> sums = new ArrayList<>();
            for (String name : names) {
                sums.add(pool.submit(() -> hash(ch, DigestUtils.getDigest(name))));
            }
            String[] out = new String[names.length];
            for (int i = 0; i < out.length; i++) {
                try {
                    out[i] = sums.get(i).get();
                } catch (java.util.concurrent.ExecutionException e) {
                    if (e.getCause() instanceof IOException io) {
                        throw io;
                    }
                    throw new IOException(e.getCause());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new java.io.InterruptedIOException("interrupted while hashing");
                }
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    /** One digest of the whole file, read with positional reads (so threads can share the channel). */
    private static String hash(FileChannel ch, MessageDigest md) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(1 << 16);
        long pos = 0;
        int n;
        while ((n = ch.read(buf, pos)) > 0) {
            buf.flip();
            md.update(buf);
            buf.clear();
            pos += n;
        }
        return HexFormat.of().formatHex(md.digest());
    }

    private static long number(String field, Path deb, long pos) {
        String s = field.strip();
        if (!s.matches("[0-9]{1,12}")) {
            throw corrupt(deb, "the ar member header at byte " + pos + " has a bad number '" + s + "'.");
        }
        return Long.parseLong(s);
    }

    private static void readFully(FileChannel ch, ByteBuffer b, long pos) throws IOException {
        while (b.hasRemaining()) {
            int n = ch.read(b, pos + b.position());
            if (n < 0) {
                return;
            }
        }
    }

    private static byte[] readAll(InputStream in, int max) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        int n;
        while ((n = in.read(buf)) >= 0) {
            out.write(buf, 0, n);
            if (out.size() > max) {
                throw new IOException("more than " + max + " bytes");
            }
        }
        return out.toByteArray();
    }

    /** A stream of exactly one member's data (not closing the channel). */
    private static InputStream member(FileChannel ch, Member m) {
        InputStream whole = Channels.newInputStream(new PositionedChannel(ch, m.offset()));
        return new FilterInputStream(whole) {
            private long left = m.size();

            @Override
            public int read() throws IOException {
                if (left <= 0) {
                    return -1;
                }
                int b = in.read();
                if (b < 0) {
                    throw new EOFException("member " + m.name() + " is truncated");
                }
                left--;
                return b;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (left <= 0) {
                    return -1;
                }
                int n = in.read(b, off, (int) Math.min(len, left));
                if (n < 0) {
                    throw new EOFException("member " + m.name() + " is truncated");
                }
                left -= n;
                return n;
            }

            @Override
            public void close() {
                // the channel belongs to the caller
            }
        };
    }

    private static DebException corrupt(Path deb, String problem) {
        return corrupt(deb, problem, null);
    }

    private static DebException corrupt(Path deb, String problem, Throwable cause) {
        return new DebException(FIELD, deb.toString(), "is not a valid Debian package: " + problem,
                "rebuild the package; check it with dpkg-deb --info and dpkg-deb --contents.", cause);
    }

    // ------------------------------------------------------------------ accessors

    /** The file (absolute). */
    public Path path() {
        return path;
    }

    /** The ar members in file order. */
    public List<Member> members() {
        return members;
    }

    /** The member named {@code name}, if present. */
    public Optional<Member> member(String name) {
        return members.stream().filter(m -> m.name().equals(name)).findFirst();
    }

    /** The control file's single paragraph. */
    public Deb822.Paragraph control() {
        return control;
    }

    public String packageName() {
        return control.get("Package").orElseThrow();
    }

    public DebianVersion version() {
        return DebianVersion.parse(control.get("Version").orElseThrow());
    }

    public String architecture() {
        return control.get("Architecture").orElseThrow();
    }

    /** {@code /usr/share/doc/<pkg>/changelog.Debian.gz} (or {@code changelog.gz}) as shipped, if any. */
    public Optional<byte[]> changelogGz() {
        return Optional.ofNullable(changelog == null ? null : changelog.clone());
    }

    public long size() {
        return size;
    }

    public String md5() {
        return md5;
    }

    public String sha1() {
        return sha1;
    }

    public String sha256() {
        return sha256;
    }

    /** The name a pool or upload uses: {@code <pkg>_<version without epoch>_<arch>.deb}. */
    public String canonicalFileName() {
        DebianVersion v = version();
        String noEpoch = v.upstream() + (v.revision().isEmpty() ? "" : "-" + v.revision());
        return packageName() + "_" + noEpoch + "_" + architecture() + ".deb";
    }

    /**
     * Streams the content debsigs signs: the data of {@code debian-binary}, {@code control.tar.*} and
     * {@code data.tar.*}, concatenated, without ar headers or pad bytes.
     */
    public void writeSignedContent(OutputStream out) throws IOException {
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
            for (Member m : members.subList(0, 3)) {
                member(ch, m).transferTo(out);
            }
        }
    }

    /** The first three members' extent: everything up to the end of data.tar's pad byte. */
    public long endOfPackageMembers() {
        Member data = members.get(2);
        return data.offset() + data.size() + (data.size() % 2);
    }

    @Override
    public String toString() {
        return "DebFile[" + path.getFileName() + ", " + packageName() + " " + control.get("Version").orElse("?") + " "
                + architecture() + "]";
    }

    /** A read-only view of a file channel from a position, for {@link Channels#newInputStream}. */
    private static final class PositionedChannel implements java.nio.channels.ReadableByteChannel {
        private final FileChannel ch;
        private long pos;

        PositionedChannel(FileChannel ch, long pos) {
            this.ch = ch;
            this.pos = pos;
        }

        @Override
        public int read(ByteBuffer dst) throws IOException {
            int n = ch.read(dst, pos);
            if (n > 0) {
                pos += n;
            }
            return n;
        }

        @Override
        public boolean isOpen() {
            return ch.isOpen();
        }

        @Override
        public void close() {
        }
    }
}
