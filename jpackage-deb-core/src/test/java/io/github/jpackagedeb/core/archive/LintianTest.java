package io.github.jpackagedeb.core.archive;

import io.github.jpackagedeb.core.testing.Integration;

import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipParameters;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * lintian (the real one) finds nothing to say about the archive itself: a package whose content
 * is clean gets no error and no warning with xz or gzip. With zstd, bookworm's lintian 2.116 still
 * reports its members as malformed (it predates dpkg's zstd support); with none it asks for
 * compression. Those tags, and only those, are expected.
 */
@Integration
class LintianTest {

    @TempDir
    Path tmp;

    static List<DebEntry> cleanEntries() throws IOException {
        String changelog = "app (1.0-1) unstable; urgency=medium\n\n  * Initial release. (Closes: #1000000)\n\n"
                + " -- Test Maintainer <test@example.org>  Tue, 14 Nov 2023 22:13:20 +0000\n";
        return List.of(
                DebEntry.file("usr/share/app/data.txt", Content.of(Sample.ascii("some data\n"), "data")),
                DebEntry.file("usr/share/app/" + "long-name-".repeat(12) + "data.txt",
                        Content.of(Sample.ascii("long\n"), "long")),
                DebEntry.symlink("usr/share/app/current.txt", "data.txt"),
                DebEntry.symlink("usr/share/app/" + "link-".repeat(25) + "txt",
                        "long-name-".repeat(12) + "data.txt"),
                DebEntry.conffile("etc/app/app.conf", Content.of(Sample.ascii("# settings\nkey=value\n"), "conf")),
                DebEntry.file("usr/share/doc/app/copyright", Content.of(Sample.ascii(
                        "Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/\n"
                                + "Upstream-Name: app\n\nFiles: *\nCopyright: 2023 Test Maintainer <test@example.org>\n"
                                + "License: MIT\n\nLicense: MIT\n Permission is hereby granted, free of charge, to any "
                                + "person obtaining a copy\n of this software, to deal in it without restriction.\n"),
                        "copyright")),
                DebEntry.file("usr/share/doc/app/changelog.Debian.gz", Content.of(gzip9n(Sample.ascii(changelog)),
                        "changelog")));
    }

    static byte[] gzip9n(byte[] b) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        GzipParameters p = new GzipParameters();
        p.setCompressionLevel(9);
        try (GzipCompressorOutputStream gz = new GzipCompressorOutputStream(out, p)) {
            gz.write(b);
        }
        return out.toByteArray();
    }

    @ParameterizedTest
    @EnumSource(Compression.class)
    void lintianHasNothingToSayAboutTheArchive(Compression c) throws Exception {
        Tools.require("lintian");
        List<DebEntry> entries = cleanEntries();
        byte[] control = Sample.ascii("Package: app\nVersion: 1.0-1\nArchitecture: all\n"
                + "Maintainer: Test Maintainer <test@example.org>\nInstalled-Size: " + InstalledSize.kibibytes(entries)
                + "\nSection: misc\nPriority: optional\n"
                + "Description: sample data for the archive writer tests\n"
                + " This package is written by the tests of the .deb archive writer. It\n"
                + " holds a few data files, links and a configuration file, and is used\n"
                + " to check that lintian reads the archive cleanly.\n");
        Map<String, byte[]> scripts = Map.of("postinst", Sample.ascii("#!/bin/sh\nset -e\n\ncase \"$1\" in\n"
                + "    configure)\n        mkdir -p /var/lib/app\n        chmod 0755 /var/lib/app\n        ;;\nesac\n\nexit 0\n"));
        Path deb = tmp.resolve("app_1.0-1_all.deb");
        DebArchiveWriter.builder().timestamp(1_700_000_000L).dataCompression(c).controlCompression(c).build()
                .write(deb, control, scripts, entries);
        Tools.Result r = Tools.run(null, "lintian", "--tag-display-limit", "0", "--display-level", ">=warning",
                deb.toString());
        List<String> tags = new ArrayList<>();
        for (String line : Tools.lines(r.out())) {
            if (line.matches("^[EW]: .*")) {
                tags.add(line.replaceFirst("^[EW]: app: ", "").replaceFirst(" .*", ""));
            }
        }
        List<String> expected = switch (c) {
            case XZ, GZIP -> List.of();
            case ZSTD -> List.of("malformed-deb-archive", "malformed-deb-archive");
            case NONE -> List.of("uses-no-compression-for-control-tarball", "uses-no-compression-for-data-tarball");
        };
        assertEquals(expected, tags, r.out() + r.stderr());
    }
}
