package io.github.jpackagedeb.core.archive;

import io.github.jpackagedeb.core.testing.Integration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Reads what the writer wrote with the real dpkg-deb, tar and md5sum, for every compression. */
@Integration
class DebArchiveWriterDpkgTest {

    static final long TIMESTAMP = 1_700_000_000L;

    @TempDir
    Path tmp;

    /** What the package should contain, keyed by path relative to the root ("" = root). */
    record Expected(EntryType type, int mode, byte[] content, String link) {
    }

    static Map<String, Expected> expected(List<DebEntry> entries) throws IOException {
        Map<String, Expected> m = new TreeMap<>();
        m.put("", new Expected(EntryType.DIRECTORY, 0755, null, null));
        for (DebEntry e : entries) {
            for (String p = EntryRules.parentOf(e.path()); !p.isEmpty(); p = EntryRules.parentOf(p)) {
                m.putIfAbsent(p, new Expected(EntryType.DIRECTORY, 0755, null, null));
            }
            switch (e.type()) {
                case FILE -> {
                    try (InputStream in = e.content().open()) {
                        m.put(e.path(), new Expected(EntryType.FILE, e.mode(), in.readAllBytes(), null));
                    }
                }
                case SYMLINK -> m.put(e.path(), new Expected(EntryType.SYMLINK, 0777, null, e.linkTarget()));
                case DIRECTORY -> m.put(e.path(), new Expected(EntryType.DIRECTORY, e.mode(), null, null));
            }
        }
        return m;
    }

    private WriteResult write(Compression c, Sample s, Path deb) throws IOException {
        return DebArchiveWriter.builder().timestamp(TIMESTAMP).dataCompression(c).controlCompression(
                c == Compression.ZSTD ? Compression.ZSTD : c).build()
                .write(deb, s.control, s.scripts, s.entries);
    }

    @ParameterizedTest
    @EnumSource(Compression.class)
    void dpkgDebReadsEverythingBack(Compression c) throws Exception {
        Tools.require("dpkg-deb", "tar", "md5sum", "sh");
        Sample s = Sample.create(tmp.resolve("in"));
        Path deb = tmp.resolve("out/app_1.0-1_all.deb");
        WriteResult r = write(c, s, deb);
        Map<String, Expected> want = expected(s.entries);

        assertEquals(deb, r.target());
        assertEquals(Files.size(deb), r.size());
        assertEquals(sha256(deb), r.sha256());
        assertEquals(want.size(), r.dataEntries());
        assertEquals(InstalledSize.kibibytes(s.entries), r.installedSize());

        // ar members, in deb(5)'s order, with the right names
        assertEquals(List.of("debian-binary", "control.tar" + c.suffix(), "data.tar" + c.suffix()), arMembers(deb));

        // --info: control fields and the scripts (executable ones marked '*')
        String info = Tools.ok(null, "dpkg-deb", "--info", deb.toString());
        assertTrue(info.contains(" new Debian package, version 2.0."), info);
        assertTrue(info.contains(" Package: app"), info);
        assertTrue(info.matches("(?s).*\\d+ bytes, +4 lines +\\* +postinst +#!/bin/sh.*"), info);
        assertTrue(info.matches("(?s).*\\d+ bytes, +1 lines +triggers.*"), info);
        assertTrue(info.matches("(?s).*\\d+ bytes, +\\d+ lines +md5sums.*"), info);
        assertTrue(info.matches("(?s).*\\d+ bytes, +1 lines +conffiles.*"), info);
        assertEquals("app\n", Tools.ok(null, "dpkg-deb", "--field", deb.toString(), "Package"));

        // --contents: every entry, owner root/root, modes and link targets
        List<String> contents = Tools.lines(Tools.ok(null, "dpkg-deb", "--contents", deb.toString()));
        assertEquals(want.size(), contents.size(), String.join("\n", contents));
        List<String> order = new ArrayList<>();
        for (String line : contents) {
            String[] f = line.split(" +", 6);
            assertEquals("root/root", f[1], line);
            String rest = f[5];
            String name = rest.contains(" -> ") ? rest.substring(0, rest.indexOf(" -> ")) : rest;
            String path = name.equals("./") ? "" : name.substring(2).replaceAll("/$", "");
            Expected x = want.get(path);
            assertTrue(x != null, "unexpected entry " + line);
            order.add(path);
            assertEquals(perms(x), f[0], line);
            if (x.type() == EntryType.SYMLINK) {
                assertEquals(x.link(), rest.substring(rest.indexOf(" -> ") + 4), line);
            }
            if (x.type() == EntryType.FILE) {
                assertEquals(Long.toString(x.content().length), f[2], line);
            }
            assertTrue(f[3].equals("2023-11-14") && f[4].equals("22:13"), line);
        }
        List<String> sorted = new ArrayList<>(order);
        sorted.sort(EntryRules.PATH_ORDER);
        assertEquals(sorted, order, "data.tar is in tree order");

        // --fsys-tarfile | tar: numeric owners 0/0, the same names
        String tv = Tools.ok(null, "sh", "-c", "dpkg-deb --fsys-tarfile \"$1\" | tar -tv --numeric-owner", "sh",
                deb.toString());
        for (String line : Tools.lines(tv)) {
            assertTrue(line.split(" +")[1].equals("0/0"), line);
        }
        String t = Tools.ok(null, "sh", "-c", "dpkg-deb --fsys-tarfile \"$1\" | tar -t", "sh", deb.toString());
        List<String> names = new ArrayList<>();
        for (String p : order) {
            Expected x = want.get(p);
            names.add(p.isEmpty() ? "./" : "./" + p + (x.type() == EntryType.DIRECTORY ? "/" : ""));
        }
        assertEquals(names, Tools.lines(t));

        // -x: compare the tree with what was given
        Path root = tmp.resolve("x");
        Tools.ok(null, "dpkg-deb", "-x", deb.toString(), root.toString());
        compareTree(root, want);

        // control area: md5sums verify over the tree, conffiles, scripts
        Path ctrl = tmp.resolve("ctrl");
        Tools.ok(null, "dpkg-deb", "-e", deb.toString(), ctrl.toString());
        Tools.ok(root, "md5sum", "--check", "--strict", "--quiet", ctrl.resolve("md5sums").toString());
        List<String> md5 = Tools.lines(Files.readString(ctrl.resolve("md5sums")));
        long files = want.values().stream().filter(x -> x.type() == EntryType.FILE).count();
        assertEquals(files, md5.size());
        List<String> md5paths = md5.stream().map(l -> l.substring(34)).toList();
        List<String> md5sorted = new ArrayList<>(md5paths);
        md5sorted.sort(EntryRules.PATH_ORDER);
        assertEquals(md5sorted, md5paths);
        assertEquals("/etc/default/app\n", Files.readString(ctrl.resolve("conffiles")));
        assertArrayEquals(s.control, Files.readAllBytes(ctrl.resolve("control")));
        assertArrayEquals(s.scripts.get("postinst"), Files.readAllBytes(ctrl.resolve("postinst")));
        assertEquals(0755, mode(ctrl.resolve("postinst")));
        assertEquals(0644, mode(ctrl.resolve("triggers")));
        String ct = Tools.ok(null, "sh", "-c", "dpkg-deb --ctrl-tarfile \"$1\" | tar -tv --numeric-owner", "sh",
                deb.toString());
        List<String> ctl = Tools.lines(ct);
        assertEquals(List.of("./", "./conffiles", "./control", "./md5sums", "./postinst", "./postrm", "./prerm",
                "./triggers"), ctl.stream().map(l -> l.substring(l.lastIndexOf(' ') + 1)).toList());
        for (String line : ctl) {
            assertTrue(line.contains(" 0/0 "), line);
            assertTrue(line.contains(" 2023-11-14 22:13 "), line);
        }
    }

    /**
     * dpkg itself (not only dpkg-deb) unpacks, records, verifies (md5sums) and purges the package,
     * in a scratch root with its own database (dpkg's own test technique; the sample's scripts are
     * harmless and run unchrooted).
     */
    @Test
    void dpkgInstallsVerifiesAndPurgesInAScratchRoot() throws Exception {
        Tools.require("dpkg");
        Sample s = Sample.create(tmp.resolve("in"));
        Path deb = tmp.resolve("app.deb");
        write(Compression.XZ, s, deb);
        Path root = tmp.resolve("root");
        Files.createDirectories(root.resolve("var/lib/dpkg/updates"));
        Files.createDirectories(root.resolve("var/lib/dpkg/info"));
        Files.createFile(root.resolve("var/lib/dpkg/status"));
        String[] dpkg = {"dpkg", "--root=" + root, "--force-script-chrootless", "--force-not-root", "--log=/dev/null"};
        Tools.ok(null, concat(dpkg, "-i", deb.toString()));
        assertEquals("install ok installed\n", Tools.ok(null, "dpkg-query", "--admindir=" + root.resolve("var/lib/dpkg"),
                "-W", "-f=${Status}\n", "app"));
        assertEquals("", Tools.ok(null, concat(dpkg, "--verify", "app")));
        assertEquals("/etc/default/app\n", Files.readString(root.resolve("var/lib/dpkg/info/app.conffiles")));
        compareTree(root, want(s), List.of("var/lib/dpkg"));
        Tools.ok(null, concat(dpkg, "--purge", "app"));
        assertTrue(Files.notExists(root.resolve("usr/share/java/app")));
        assertTrue(Files.notExists(root.resolve("etc/default/app")));
    }

    private static Map<String, Expected> want(Sample s) throws IOException {
        return expected(s.entries);
    }

    private static String[] concat(String[] a, String... b) {
        String[] r = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }

    @Test
    void controlCompressionCanDifferFromData() throws Exception {
        Tools.require("dpkg-deb");
        Sample s = Sample.create(tmp.resolve("in"));
        for (Compression cc : List.of(Compression.GZIP, Compression.NONE, Compression.XZ)) {
            Path deb = tmp.resolve("ctl-" + cc + ".deb");
            DebArchiveWriter.builder().timestamp(TIMESTAMP).dataCompression(Compression.XZ).controlCompression(cc)
                    .build().write(deb, s.control, s.scripts, s.entries);
            assertEquals(List.of("debian-binary", "control.tar" + cc.suffix(), "data.tar.xz"), arMembers(deb));
            Tools.ok(null, "dpkg-deb", "--info", deb.toString());
            Tools.ok(null, "dpkg-deb", "-x", deb.toString(), tmp.resolve("x-" + cc).toString());
        }
    }

    @Test
    void packageWithoutFilesOrScripts() throws Exception {
        Tools.require("dpkg-deb");
        Path deb = tmp.resolve("empty.deb");
        WriteResult r = DebArchiveWriter.builder().timestamp(TIMESTAMP).build().write(deb,
                Sample.ascii("Package: empty\nVersion: 1\nArchitecture: all\nMaintainer: T <t@example.org>\n"
                        + "Description: e\n e\n"), Map.of(), List.of(DebEntry.directory("usr/share/empty")));
        assertEquals(4, r.dataEntries());
        assertEquals(4, r.installedSize());
        String ct = Tools.ok(null, "sh", "-c", "dpkg-deb --ctrl-tarfile \"$1\" | tar -t", "sh", deb.toString());
        assertEquals(List.of("./", "./control"), Tools.lines(ct));
        String t = Tools.ok(null, "sh", "-c", "dpkg-deb --fsys-tarfile \"$1\" | tar -t", "sh", deb.toString());
        assertEquals(List.of("./", "./usr/", "./usr/share/", "./usr/share/empty/"), Tools.lines(t));
    }

    static void compareTree(Path root, Map<String, Expected> want) throws IOException {
        compareTree(root, want, List.of());
    }

    /** Compares the tree under root with want, ignoring the subtrees listed in {@code ignore}. */
    static void compareTree(Path root, Map<String, Expected> want, List<String> ignore) throws IOException {
        Map<String, Path> found = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            walk.forEach(p -> {
                String rel = root.relativize(p).toString();
                boolean skip = false;
                for (String i : ignore) {
                    skip |= rel.equals(i) || rel.startsWith(i + "/");
                }
                if (!skip) {
                    found.put(rel, p);
                }
            });
        }
        assertEquals(want.keySet(), found.keySet());
        for (Map.Entry<String, Expected> e : want.entrySet()) {
            Path p = found.get(e.getKey());
            Expected x = e.getValue();
            switch (x.type()) {
                case DIRECTORY -> {
                    assertTrue(Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS), e.getKey());
                    assertEquals(x.mode(), mode(p), e.getKey());
                }
                case SYMLINK -> {
                    assertTrue(Files.isSymbolicLink(p), e.getKey());
                    assertEquals(x.link(), Files.readSymbolicLink(p).toString(), e.getKey());
                }
                case FILE -> {
                    assertTrue(Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS), e.getKey());
                    assertEquals(x.mode(), mode(p), e.getKey());
                    assertArrayEquals(x.content(), Files.readAllBytes(p), e.getKey());
                    assertEquals(TIMESTAMP, Files.getLastModifiedTime(p).toMillis() / 1000, e.getKey());
                    assertEquals(0, (int) Files.getAttribute(p, "unix:uid", LinkOption.NOFOLLOW_LINKS), e.getKey());
                    assertEquals(0, (int) Files.getAttribute(p, "unix:gid", LinkOption.NOFOLLOW_LINKS), e.getKey());
                }
            }
        }
    }

    static int mode(Path p) throws IOException {
        return (int) Files.getAttribute(p, "unix:mode", LinkOption.NOFOLLOW_LINKS) & 07777;
    }

    static String perms(Expected x) {
        StringBuilder sb = new StringBuilder();
        sb.append(switch (x.type()) {
            case DIRECTORY -> 'd';
            case SYMLINK -> 'l';
            case FILE -> '-';
        });
        String rwx = "rwxrwxrwx";
        for (int i = 0; i < 9; i++) {
            sb.append((x.mode() & (0400 >> i)) != 0 ? rwx.charAt(i) : '-');
        }
        return sb.toString();
    }

    /** The member names of an ar archive, read from its headers. */
    static List<String> arMembers(Path deb) throws IOException {
        byte[] b = Files.readAllBytes(deb);
        assertEquals("!<arch>\n", new String(b, 0, 8, StandardCharsets.US_ASCII));
        List<String> names = new ArrayList<>();
        int off = 8;
        while (off < b.length) {
            String h = new String(b, off, 60, StandardCharsets.US_ASCII);
            assertEquals("`\n", h.substring(58), "ar header terminator");
            assertEquals("0     ", h.substring(28, 34), "uid");
            assertEquals("0     ", h.substring(34, 40), "gid");
            assertEquals("100644  ", h.substring(40, 48), "mode");
            assertEquals(Long.toString(TIMESTAMP), h.substring(16, 28).trim(), "mtime");
            names.add(h.substring(0, 16).trim());
            long size = Long.parseLong(h.substring(48, 58).trim());
            off += 60 + size + (size % 2);
        }
        assertEquals(b.length, off, "no trailing garbage");
        return names;
    }

    static String sha256(Path p) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p)));
    }
}
