package io.github.jpackagedeb.core.archive;

import io.github.jpackagedeb.core.testing.Integration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

@Integration
class InstalledSizeTest {

    @TempDir
    Path tmp;

    static DebEntry file(String path, int size) {
        return DebEntry.file(path, Content.of(new byte[size], path));
    }

    @Test
    void filesRoundUpPerFileDirectoriesAndLinksCountOne() {
        // root ./ alone
        assertEquals(1, InstalledSize.kibibytes(List.of()));
        // ./, usr/, usr/a (0 bytes counts 0)
        assertEquals(2, InstalledSize.kibibytes(List.of(file("usr/a", 0))));
        assertEquals(3, InstalledSize.kibibytes(List.of(file("usr/a", 1))));
        assertEquals(3, InstalledSize.kibibytes(List.of(file("usr/a", 1024))));
        assertEquals(4, InstalledSize.kibibytes(List.of(file("usr/a", 1025))));
        // two small files: 1 + 1, not ceil(2/1024)
        assertEquals(4, InstalledSize.kibibytes(List.of(file("usr/a", 1), file("usr/b", 1))));
        // ./ usr/ usr/bin/ + link 1 + explicit empty dir 1
        assertEquals(5, InstalledSize.kibibytes(List.of(DebEntry.symlink("usr/bin/x", "../y"),
                DebEntry.directory("usr/share"))));
        // a link target longer than 1 KiB counts its length rounded up, as lstat's size
        assertEquals(1 + 1 + 2, InstalledSize.kibibytes(List.of(DebEntry.symlink("usr/x", "/" + "y/".repeat(600)))));
        // order and duplicate parents do not matter
        assertEquals(InstalledSize.kibibytes(List.of(file("a/b/c", 5000), DebEntry.directory("a"))),
                InstalledSize.kibibytes(List.of(DebEntry.directory("a"), file("a/b/c", 5000))));
    }

    /** dpkg-gencontrol, run on the unpacked sample package, computes the same Installed-Size. */
    @Test
    void agreesWithDpkgGencontrol() throws Exception {
        Tools.require("dpkg-deb", "dpkg-gencontrol");
        Sample s = Sample.create(tmp.resolve("in"));
        Path deb = tmp.resolve("app.deb");
        WriteResult r = DebArchiveWriter.builder().timestamp(1_700_000_000L).build()
                .write(deb, s.control, s.scripts, s.entries);

        Path src = Files.createDirectories(tmp.resolve("src/debian"));
        Files.writeString(src.resolve("control"), "Source: app\nMaintainer: Test <test@example.org>\n\n"
                + "Package: app\nArchitecture: all\nDescription: a sample\n A sample.\n");
        Files.writeString(src.resolve("changelog"), "app (1.0-1) unstable; urgency=medium\n\n  * Test.\n\n"
                + " -- Test <test@example.org>  Tue, 14 Nov 2023 22:13:20 +0000\n");
        Path build = src.resolve("app");
        Tools.ok(null, "dpkg-deb", "-x", deb.toString(), build.toString());
        String control = Tools.ok(src.getParent(), "dpkg-gencontrol", "-papp", "-Pdebian/app", "-O");
        long expected = -1;
        for (String line : Tools.lines(control)) {
            if (line.startsWith("Installed-Size: ")) {
                expected = Long.parseLong(line.substring(16).trim());
            }
        }
        assertEquals(expected, r.installedSize(), control);
        assertEquals(expected, InstalledSize.kibibytes(s.entries));
    }
}
