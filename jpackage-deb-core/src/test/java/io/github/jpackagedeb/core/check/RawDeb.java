package io.github.jpackagedeb.core.check;

import org.apache.commons.compress.archivers.ar.ArArchiveEntry;
import org.apache.commons.compress.archivers.ar.ArArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes .deb files byte by byte, with whatever is wrong in them, for the policy check tests: the project's own
 * writer refuses most of these mistakes, and dpkg-deb refuses others.
 */
final class RawDeb {

    record Item(String path, byte[] content, int mode, int uid, String owner, String link, boolean dir) {
    }

    final Map<String, String> control = new LinkedHashMap<>();
    final List<Item> items = new ArrayList<>();
    final Map<String, byte[]> extraControl = new LinkedHashMap<>();
    String md5sumsOverride;
    String conffiles = "";

    static RawDeb good() {
        RawDeb d = new RawDeb();
        d.control.put("Package", "raw");
        d.control.put("Version", "1.0-1");
        d.control.put("Architecture", "all");
        d.control.put("Maintainer", "Raw Tester <raw@example.org>");
        d.control.put("Installed-Size", "4");
        d.control.put("Section", "misc");
        d.control.put("Priority", "optional");
        d.control.put("Description", "package made byte by byte\n A package for the policy check tests.");
        d.dir("./usr/").dir("./usr/share/").dir("./usr/share/doc/").dir("./usr/share/doc/raw/");
        d.file("./usr/share/doc/raw/copyright", ("Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/\n"
                + "Upstream-Name: raw\n\nFiles: *\nCopyright: 2026 Raw Tester\nLicense: Apache-2.0\n"
                + " On Debian systems, the complete text is in /usr/share/common-licenses/Apache-2.0.\n").getBytes(StandardCharsets.UTF_8), 0644);
        d.file("./usr/share/doc/raw/changelog.Debian.gz", gzip(("raw (1.0-1) unstable; urgency=medium\n\n"
                + "  * Initial release. (Closes: #1000000)\n\n -- Raw Tester <raw@example.org>  Thu, 01 Jan 2026 00:00:00 +0000\n")
                .getBytes(StandardCharsets.UTF_8)), 0644);
        return d;
    }

    RawDeb dir(String path) {
        items.add(new Item(path, null, 0755, 0, "root", null, true));
        return this;
    }

    RawDeb file(String path, byte[] content, int mode) {
        items.add(new Item(path, content, mode, 0, "root", null, false));
        return this;
    }

    RawDeb owned(String path, byte[] content, int uid, String owner) {
        items.add(new Item(path, content, 0644, uid, owner, null, false));
        return this;
    }

    RawDeb link(String path, String target) {
        items.add(new Item(path, null, 0777, 0, "root", target, false));
        return this;
    }

    Path write(Path file) throws IOException {
        StringBuilder c = new StringBuilder();
        control.forEach((k, v) -> c.append(k).append(": ").append(v).append('\n'));
        StringBuilder md5 = new StringBuilder();
        for (Item i : items) {
            if (i.content() != null && !conffiles.contains(i.path().substring(1) + "\n")) {
                md5.append(md5(i.content())).append("  ").append(i.path().substring(2)).append('\n');
            }
        }
        Map<String, byte[]> ctl = new LinkedHashMap<>();
        ctl.put("control", c.toString().getBytes(StandardCharsets.UTF_8));
        ctl.put("md5sums", (md5sumsOverride != null ? md5sumsOverride : md5.toString()).getBytes(StandardCharsets.UTF_8));
        if (!conffiles.isEmpty()) {
            ctl.put("conffiles", conffiles.getBytes(StandardCharsets.UTF_8));
        }
        ctl.putAll(extraControl);
        ByteArrayOutputStream controlTar = new ByteArrayOutputStream();
        try (TarArchiveOutputStream t = new TarArchiveOutputStream(new GzipCompressorOutputStream(controlTar))) {
            t.putArchiveEntry(new TarArchiveEntry("./"));
            t.closeArchiveEntry();
            for (Map.Entry<String, byte[]> e : ctl.entrySet()) {
                TarArchiveEntry te = new TarArchiveEntry("./" + e.getKey());
                te.setSize(e.getValue().length);
                te.setMode(e.getKey().matches("preinst|postinst|prerm|postrm") ? 0100755 : 0100644);
                t.putArchiveEntry(te);
                t.write(e.getValue());
                t.closeArchiveEntry();
            }
        }
        ByteArrayOutputStream dataTar = new ByteArrayOutputStream();
        try (TarArchiveOutputStream t = new TarArchiveOutputStream(new GzipCompressorOutputStream(dataTar))) {
            t.setLongFileMode(TarArchiveOutputStream.LONGFILE_GNU);
            t.putArchiveEntry(new TarArchiveEntry("./"));
            t.closeArchiveEntry();
            for (Item i : items) {
                TarArchiveEntry te;
                if (i.link() != null) {
                    te = new TarArchiveEntry(i.path(), TarArchiveEntry.LF_SYMLINK);
                    te.setLinkName(i.link());
                } else {
                    te = new TarArchiveEntry(i.path());
                    te.setMode((i.dir() ? 040000 : 0100000) | i.mode());
                    if (i.content() != null) {
                        te.setSize(i.content().length);
                    }
                }
                te.setUserId(i.uid());
                te.setGroupId(i.uid());
                te.setUserName(i.owner());
                te.setGroupName(i.owner());
                te.setModTime(1767225600000L);
                t.putArchiveEntry(te);
                if (i.content() != null) {
                    t.write(i.content());
                }
                t.closeArchiveEntry();
            }
        }
        try (OutputStream out = Files.newOutputStream(file); ArArchiveOutputStream ar = new ArArchiveOutputStream(out)) {
            member(ar, "debian-binary", "2.0\n".getBytes(StandardCharsets.US_ASCII));
            member(ar, "control.tar.gz", controlTar.toByteArray());
            member(ar, "data.tar.gz", dataTar.toByteArray());
        }
        return file;
    }

    private static void member(ArArchiveOutputStream ar, String name, byte[] data) throws IOException {
        ar.putArchiveEntry(new ArArchiveEntry(name, data.length, 0, 0, 0100644, 1767225600L));
        ar.write(data);
        ar.closeArchiveEntry();
    }

    static byte[] gzip(byte[] b) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (OutputStream gz = new GzipCompressorOutputStream(out)) {
            gz.write(b);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out.toByteArray();
    }

    static String md5(byte[] b) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(b));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
