package io.github.jpackagedeb.core.archive;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A rebuild does not read the files an earlier build read if their stat (path, size, mtime, ctime, inode) is
 * unchanged: their xz blocks are copied from the cache by the keys remembered beside them. Counted with the writer's
 * test seam that runs just before a file's content is opened; every package is compared with the bytes of a build
 * without any cache.
 */
class FileStatCacheTest {

    static final long T = 1_700_000_000L;
    static final int BLOCK = 256 * 1024;
    static final int[] BIG = {3 * BLOCK + 17, 2 * BLOCK, 200_000};

    @TempDir
    Path tmp;

    List<DebEntry> entries(Path dir) throws Exception {
        List<DebEntry> e = new ArrayList<>();
        for (int i = 0; i < BIG.length; i++) {
            Path f = dir.resolve("dep-" + i + ".jar");
            if (!Files.exists(f)) {
                Files.write(f, ParallelXzOutputStreamTest.data(BIG[i], i));
            }
            e.add(DebEntry.file("usr/share/java/app/lib/dep-" + i + ".jar", Content.of(f)));
        }
        Path small = dir.resolve("small.txt");
        if (!Files.exists(small)) {
            Files.writeString(small, "small\n");
        }
        e.add(DebEntry.file("usr/share/java/app/small.txt", Content.of(small)));
        return e;
    }

    /** Writes a package; returns its bytes and records which files were opened. */
    byte[] write(Path cache, long racyMillis, List<DebEntry> entries, List<String> opened, String name)
            throws Exception {
        byte[] control = Sample.ascii("Package: app\nVersion: 1.0-1\nArchitecture: all\nMaintainer: T <t@example.org>\n"
                + "Description: d\n d\n");
        Path deb = tmp.resolve("out/" + name + ".deb");
        DebArchiveWriter.builder().timestamp(T).xzBlockSize(BLOCK).threads(2).blockCache(cache)
                .statRacyMillis(racyMillis).beforeFile(opened::add).log(new XzBlockCacheTest.Log()).build()
                .write(deb, control, Map.of(), entries);
        return Files.readAllBytes(deb);
    }

    byte[] plain(List<DebEntry> entries, String name) throws Exception {
        return write(null, 0, entries, new ArrayList<>(), name);
    }

    static List<String> big(List<String> opened) {
        return opened.stream().filter(p -> p.endsWith(".jar")).toList();
    }

    @Test
    void unchangedFilesAreNotReadAgainAndTheBytesAreThoseOfABuildWithoutCache() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("in"));
        Path cache = tmp.resolve("cache");
        List<DebEntry> entries = entries(dir);
        List<String> first = new ArrayList<>();
        byte[] cold = write(cache, 0, entries, first, "cold");
        assertEquals(BIG.length, big(first).size(), "a cold build reads every file: " + first);
        assertArrayEquals(plain(entries, "cold-plain"), cold);

        List<String> second = new ArrayList<>();
        byte[] warm = write(cache, 0, entries, second, "warm");
        assertEquals(List.of(), big(second), "no file of blocks of its own is read again");
        assertEquals(List.of("usr/share/java/app/small.txt"), second, "small files are read as before");
        assertArrayEquals(cold, warm);

        // one file changed (same size, new bytes): read again, and only it
        Path changed = dir.resolve("dep-1.jar");
        byte[] b = Files.readAllBytes(changed);
        b[BLOCK + 3] ^= 1;
        Files.write(changed, b);
        List<String> third = new ArrayList<>();
        byte[] after = write(cache, 0, entries, third, "changed");
        assertEquals(List.of("usr/share/java/app/lib/dep-1.jar"), big(third));
        assertArrayEquals(plain(entries, "changed-plain"), after);

        // a touch (mtime only) is a change too: read again, its blocks still come from the block cache
        Files.setLastModifiedTime(dir.resolve("dep-0.jar"), FileTime.from(T - 5000, TimeUnit.SECONDS));
        List<String> fourth = new ArrayList<>();
        write(cache, 0, entries, fourth, "touched");
        assertEquals(List.of("usr/share/java/app/lib/dep-0.jar"), big(fourth));

        // a file replaced by another with the same size and mtime (a new inode and ctime)
        Path two = dir.resolve("dep-2.jar");
        FileTime mtime = Files.getLastModifiedTime(two);
        byte[] other = Files.readAllBytes(two);
        other[7] ^= 1;
        Path next = Files.write(dir.resolve("dep-2.jar.new"), other);
        Files.setLastModifiedTime(next, mtime);
        Files.move(next, two, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        List<String> fifth = new ArrayList<>();
        byte[] replaced = write(cache, 0, entries, fifth, "replaced");
        assertEquals(List.of("usr/share/java/app/lib/dep-2.jar"), big(fifth));
        assertArrayEquals(plain(entries, "replaced-plain"), replaced);
    }

    @Test
    void aFileChangedJustBeforeTheBuildIsNotRemembered() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("in"));
        Path cache = tmp.resolve("cache");
        List<DebEntry> entries = entries(dir);
        // the default window: these files were written a moment ago, so a write in the same clock tick could follow
        write(cache, FileStatCache.DEFAULT_RACY_MILLIS, entries, new ArrayList<>(), "first");
        List<String> again = new ArrayList<>();
        write(cache, FileStatCache.DEFAULT_RACY_MILLIS, entries, again, "second");
        assertEquals(BIG.length, big(again).size(), "read again: " + again);
    }

    @Test
    void aMissingBlockOrADamagedEntryMeansTheFileIsReadAgain() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("in"));
        Path cache = tmp.resolve("cache");
        List<DebEntry> entries = entries(dir);
        byte[] cold = write(cache, 0, entries, new ArrayList<>(), "cold");

        // a damaged stat entry (each entry checks its own SHA-256)
        List<Path> stats;
        try (Stream<Path> s = Files.list(cache.resolve("files"))) {
            stats = s.filter(p -> p.toString().endsWith(".stat")).toList();
        }
        assertEquals(BIG.length, stats.size(), stats.toString());
        for (Path p : stats) {
            byte[] b = Files.readAllBytes(p);
            b[b.length / 2] ^= 1;
            Files.write(p, b);
        }
        List<String> read = new ArrayList<>();
        assertArrayEquals(cold, write(cache, 0, entries, read, "damaged"));
        assertEquals(BIG.length, big(read).size(), "every damaged entry is a miss: " + read);

        // and the entries are written again; then blocks go from the block cache: read again, the same bytes
        List<String> none = new ArrayList<>();
        write(cache, 0, entries, none, "again");
        assertEquals(List.of(), big(none));
        try (Stream<Path> s = Files.walk(cache)) {
            for (Path p : s.filter(p -> p.toString().endsWith(".xzb")).toList()) {
                Files.delete(p);
            }
        }
        List<String> evicted = new ArrayList<>();
        assertArrayEquals(cold, write(cache, 0, entries, evicted, "evicted"));
        assertEquals(BIG.length, big(evicted).size(), evicted.toString());
        assertTrue(Files.isDirectory(cache.resolve("files")));
    }

    /** The mtime of every entry of a package's data.tar, by name. */
    static Map<String, Long> mtimes(byte[] deb) throws Exception {
        Map<String, Long> out = new java.util.TreeMap<>();
        try (var ar = new org.apache.commons.compress.archivers.ar.ArArchiveInputStream(
                new java.io.ByteArrayInputStream(deb))) {
            org.apache.commons.compress.archivers.ar.ArArchiveEntry e;
            while ((e = ar.getNextEntry()) != null) {
                if (e.getName().startsWith("data.tar")) {
                    try (var tar = new org.apache.commons.compress.archivers.tar.TarArchiveInputStream(
                            new org.apache.commons.compress.compressors.xz.XZCompressorInputStream(ar))) {
                        org.apache.commons.compress.archivers.tar.TarArchiveEntry t;
                        while ((t = tar.getNextEntry()) != null) {
                            out.put(t.getName(), t.getModTime().getTime() / 1000);
                        }
                    }
                    return out; // data.tar is the last member (and closing it closed the ar stream)
                }
            }
        }
        return out;
    }

    /**
     * Without a pinned timestamp, a file from disk keeps its mtime and every other entry (a generated file, a link, a
     * directory) has the oldest of those: a change to one file changes no other header, and a later build at a later
     * time writes the same headers. Without any file from disk, the build's time.
     */
    @Test
    void generatedEntriesLinksAndDirectoriesHaveTheOldestInputsTime() throws Exception {
        byte[] control = Sample.ascii("Package: app\nVersion: 1.0-1\nArchitecture: all\nMaintainer: T <t@example.org>\n"
                + "Description: d\n d\n");
        Path dir = Files.createDirectories(tmp.resolve("disk"));
        Path old = Files.writeString(dir.resolve("old.jar"), "old");
        Path app = Files.writeString(dir.resolve("app.jar"), "app");
        Files.setLastModifiedTime(old, FileTime.from(T - 5000, TimeUnit.SECONDS));
        Files.setLastModifiedTime(app, FileTime.from(T - 1000, TimeUnit.SECONDS));
        java.util.function.BiFunction<Long, Boolean, Map<String, Long>> build = (time, withDisk) -> {
            try {
                Path deb = tmp.resolve("out/gen-" + time + "-" + withDisk + ".deb");
                List<DebEntry> e = new ArrayList<>(List.of(
                        DebEntry.file("usr/share/app/launcher", Content.of(Sample.ascii("#!/bin/sh\n"), "launcher"))
                                .withMode(0755),
                        DebEntry.symlink("usr/bin/app", "../share/app/launcher")));
                if (withDisk) {
                    e.add(DebEntry.file("usr/share/java/app/lib/old.jar", Content.of(old)));
                    e.add(DebEntry.file("usr/share/java/app/lib/app.jar", Content.of(app)));
                }
                DebArchiveWriter.builder().timestamp(time).sourceMtimes(true).build().write(deb, control, Map.of(), e);
                return mtimes(Files.readAllBytes(deb));
            } catch (Exception ex) {
                throw new AssertionError(ex);
            }
        };
        Map<String, Long> first = build.apply(T, true);
        assertEquals(T - 1000, first.get("./usr/share/java/app/lib/app.jar"));
        for (String p : List.of("./", "./usr/", "./usr/bin/app", "./usr/share/app/launcher", "./usr/share/java/app/lib/")) {
            assertEquals(T - 5000, first.get(p), p);
        }
        assertEquals(first, build.apply(T + 3600, true), "a later build: the same headers");
        Files.setLastModifiedTime(app, FileTime.from(T - 10, TimeUnit.SECONDS));
        Map<String, Long> changed = build.apply(T + 7200, true);
        assertEquals(T - 10, changed.get("./usr/share/java/app/lib/app.jar"));
        changed.remove("./usr/share/java/app/lib/app.jar");
        first.remove("./usr/share/java/app/lib/app.jar");
        assertEquals(first, changed, "one file changed: no other header did");

        assertEquals(T + 9000, build.apply(T + 9000, false).get("./usr/share/app/launcher"), "no file from disk");
    }
}
