package io.github.jpackagedeb.core.sign;

import io.github.jpackagedeb.core.archive.Content;
import io.github.jpackagedeb.core.archive.DebArchiveWriter;
import io.github.jpackagedeb.core.archive.DebEntry;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

/** Small real packages written by our own {@link DebArchiveWriter}, for the signing and repository tests. */
public final class TestDebs {

    /** 2026-01-01T00:00:00Z. */
    public static final Instant TIME = Instant.ofEpochSecond(1767225600L);

    private TestDebs() {
    }

    /** {@code dir/<name>_<version>_<arch>.deb}: a shell script in /usr/bin printing the version, and a changelog. */
    public static Path write(Path dir, String name, String version, String arch, String extra) {
        String control = "Package: " + name + "\nVersion: " + version + "\nArchitecture: " + arch
                + "\nMaintainer: Test Maintainer <test@example.org>\nInstalled-Size: 1\nSection: misc\nPriority: optional\n"
                + "Description: test package " + name + "\n A tiny package for the jpackage-deb tests.\n";
        String changelog = name + " (" + version + ") unstable; urgency=medium\n\n  * Release " + version + ".\n\n"
                + " -- Test Maintainer <test@example.org>  Thu, 01 Jan 2026 00:00:00 +0000\n";
        List<DebEntry> entries = List.of(
                DebEntry.executable("usr/bin/" + name, Content.of(("#!/bin/sh\necho '" + name + " " + version + extra
                        + "'\n").getBytes(StandardCharsets.UTF_8), "script")),
                DebEntry.file("usr/share/doc/" + name + "/changelog.Debian.gz", Content.of(gzip(changelog), "changelog")));
        String noEpoch = version.contains(":") ? version.substring(version.indexOf(':') + 1) : version;
        Path target = dir.resolve(name + "_" + noEpoch + "_" + arch + ".deb");
        try {
            DebArchiveWriter.builder().timestamp(TIME).build()
                    .write(target, control.getBytes(StandardCharsets.UTF_8), Map.of(), entries);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return target;
    }

    private static byte[] gzip(String s) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
                gz.write(s.getBytes(StandardCharsets.UTF_8));
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
