package io.github.jpackagedeb.core.check;

import io.github.jpackagedeb.core.DebException;
import io.github.jpackagedeb.core.Setting;
import org.apache.commons.codec.digest.DigestUtils;
import org.apache.commons.compress.archivers.ar.ArArchiveEntry;
import org.apache.commons.compress.archivers.ar.ArArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;
import org.apache.commons.compress.compressors.zstandard.ZstdCompressorInputStream;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a .deb holds (deb(5)), read without dpkg: the {@code ar} members in order, the files of control.tar, and
 * every data.tar entry with its mode, owner, size, link target, MD5 and, for an ELF file, its machine. File
 * contents are streamed (only their digests are kept), so memory stays flat for large packages.
 *
 * @param file      the .deb
 * @param members   the ar member names, in archive order
 * @param debianBinary the content of {@code debian-binary}, or null
 * @param control   control.tar's files by name ({@code control}, {@code md5sums}, {@code postinst} …)
 * @param data      data.tar's entries, in archive order
 */
public record DebContents(Path file, List<String> members, String debianBinary, Map<String, Member> control,
                          List<Entry> data) {

    public DebContents {
        members = List.copyOf(members);
        control = Collections.unmodifiableMap(new LinkedHashMap<>(control));
        data = List.copyOf(data);
    }

    /** A control.tar file: its content and mode. */
    public record Member(String name, byte[] content, int mode) {
        public String text() {
            return new String(content, StandardCharsets.UTF_8);
        }
    }

    /** Entry types of data.tar. */
    public enum Type { FILE, DIRECTORY, SYMLINK, HARDLINK, OTHER }

    /**
     * One data.tar entry.
     *
     * @param path        as written, e.g. {@code ./usr/bin/x}
     * @param type        its type
     * @param mode        permission bits with setuid/setgid/sticky (07777)
     * @param uid         numeric owner
     * @param gid         numeric group
     * @param owner       owner name (may be empty)
     * @param group       group name (may be empty)
     * @param size        bytes of a regular file
     * @param linkTarget  target of a link, or null
     * @param md5         hex MD5 of a regular file, or null
     * @param elfMachine  the ELF {@code e_machine} of a regular ELF file, or -1
     */
    public record Entry(String path, Type type, int mode, long uid, long gid, String owner, String group, long size,
                        String linkTarget, String md5, int elfMachine) {

        /** The absolute path: {@code ./usr/bin/x} → {@code /usr/bin/x}. */
        public String absolutePath() {
            String p = path.startsWith("./") ? path.substring(1) : path.startsWith("/") ? path : "/" + path;
            return p.length() > 1 && p.endsWith("/") ? p.substring(0, p.length() - 1) : p;
        }
    }

    /** A control file's text, if present. */
    public Optional<String> controlText(String name) {
        return Optional.ofNullable(control.get(name)).map(Member::text);
    }

    /**
     * Reads a .deb.
     *
     * @throws DebException (field {@code deb}) when the file is not a readable .deb
     */
    public static DebContents read(Path deb) {
        List<String> members = new ArrayList<>();
        String debianBinary = null;
        Map<String, Member> control = new LinkedHashMap<>();
        List<Entry> data = new ArrayList<>();
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(deb));
             ArArchiveInputStream ar = new ArArchiveInputStream(raw)) {
            ArArchiveEntry e;
            while ((e = ar.getNextEntry()) != null) {
                String name = e.getName();
                members.add(name);
                if (name.equals("debian-binary")) {
                    debianBinary = new String(ar.readAllBytes(), StandardCharsets.US_ASCII);
                } else if (name.startsWith("control.tar")) {
                    readControl(decompress(name, ar), control);
                } else if (name.startsWith("data.tar")) {
                    readData(decompress(name, ar), data);
                }
            }
        } catch (IOException | RuntimeException ex) {
            if (ex instanceof DebException d) {
                throw d;
            }
            throw new DebException(Setting.DEB, deb.toString(), "not a readable Debian package: " + ex.getMessage(),
                    "check that the file is a complete .deb (dpkg-deb --info FILE).", ex);
        }
        if (members.isEmpty()) {
            throw new DebException(Setting.DEB, deb.toString(), "not a Debian package (no ar members).",
                    "check that the file is a .deb.");
        }
        return new DebContents(deb, members, debianBinary, control, data);
    }

    private static InputStream decompress(String member, InputStream in) throws IOException {
        InputStream shielded = new java.io.FilterInputStream(in) {
            @Override
            public void close() {
                // the ar stream stays open
            }
        };
        if (member.endsWith(".gz")) {
            return new GzipCompressorInputStream(shielded);
        } else if (member.endsWith(".xz")) {
            return new XZCompressorInputStream(shielded);
        } else if (member.endsWith(".zst")) {
            return new ZstdCompressorInputStream(shielded);
        } else if (member.endsWith(".bz2")) {
            return new BZip2CompressorInputStream(shielded);
        } else if (member.endsWith(".tar")) {
            return shielded;
        }
        throw new IOException("unknown compression of member " + member);
    }

    private static void readControl(InputStream in, Map<String, Member> out) throws IOException {
        try (TarArchiveInputStream tar = new TarArchiveInputStream(in)) {
            TarArchiveEntry t;
            while ((t = tar.getNextEntry()) != null) {
                if (t.isFile()) {
                    String n = t.getName().startsWith("./") ? t.getName().substring(2) : t.getName();
                    out.put(n, new Member(n, tar.readAllBytes(), t.getMode() & 07777));
                }
            }
        }
    }

    private static void readData(InputStream in, List<Entry> out) throws IOException {
        MessageDigest md5 = DigestUtils.getMd5Digest();
        byte[] buf = new byte[65536];
        try (TarArchiveInputStream tar = new TarArchiveInputStream(in)) {
            TarArchiveEntry t;
            while ((t = tar.getNextEntry()) != null) {
                Type type = t.isSymbolicLink() ? Type.SYMLINK : t.isLink() ? Type.HARDLINK
                        : t.isDirectory() ? Type.DIRECTORY : t.isFile() ? Type.FILE : Type.OTHER;
                String digest = null;
                int machine = -1;
                if (type == Type.FILE) {
                    md5.reset();
                    byte[] head = new byte[20];
                    int headLen = 0;
                    int n;
                    while ((n = tar.read(buf)) > 0) {
                        if (headLen < head.length) {
                            int c = Math.min(n, head.length - headLen);
                            System.arraycopy(buf, 0, head, headLen, c);
                            headLen += c;
                        }
                        md5.update(buf, 0, n);
                    }
                    digest = HexFormat.of().formatHex(md5.digest());
                    machine = elfMachine(head, headLen);
                }
                out.add(new Entry(t.getName(), type, t.getMode() & 07777, t.getLongUserId(), t.getLongGroupId(),
                        t.getUserName(), t.getGroupName(), t.getSize(),
                        type == Type.SYMLINK || type == Type.HARDLINK ? t.getLinkName() : null, digest, machine));
            }
        }
    }

    /** The ELF header's {@code e_machine} (bytes 18-19, in the byte order of EI_DATA), or -1 for a non-ELF file. */
    static int elfMachine(byte[] head, int len) {
        if (len < 20 || head[0] != 0x7f || head[1] != 'E' || head[2] != 'L' || head[3] != 'F') {
            return -1;
        }
        boolean little = head[5] != 2;
        int lo = head[18] & 0xff;
        int hi = head[19] & 0xff;
        return little ? lo | hi << 8 : hi | lo << 8;
    }
}
