package io.github.jpackagedeb.core.archive;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The bytes of a tiny fixed package are pinned: any change to the archive format shows up here
 * and must be deliberate. Run with {@code -Dgolden.update=true} to rewrite
 * {@code src/test/resources/golden/tiny-deb.sha256} after such a change (and review the diff).
 *
 * <p>gzip is left out: its deflate bytes come from the zlib the JDK links, which differs between
 * builds (dpkg reads all of them). xz (pure Java) and zstd (libzstd bundled in zstd-jni) depend
 * only on the pinned library versions.
 */
class GoldenArchiveTest {

    static final Path GOLDEN = Path.of(System.getProperty("basedir", "."))
            .resolve("src/test/resources/golden/tiny-deb.sha256");

    @TempDir
    Path tmp;

    static Map<String, byte[]> scripts() {
        Map<String, byte[]> m = new LinkedHashMap<>();
        m.put("postinst", Sample.ascii("#!/bin/sh\nset -e\nexit 0\n"));
        return m;
    }

    static List<DebEntry> entries() {
        return List.of(
                DebEntry.executable("usr/share/tiny/bin/tiny", Content.of(Sample.ascii("#!/bin/sh\necho tiny\n"), "launcher")),
                DebEntry.symlink("usr/bin/tiny", "../share/tiny/bin/tiny"),
                DebEntry.conffile("etc/default/tiny", Content.of(Sample.ascii("TINY_OPTS=\n"), "default")),
                DebEntry.file("usr/share/doc/tiny/copyright", Content.of(Sample.ascii("Public domain.\n"), "copyright")),
                DebEntry.file("usr/share/tiny/lib/" + "long-".repeat(30) + "name.jar",
                        Content.of(Sample.bytes(7, 3000), "jar")));
    }

    @Test
    void tinyPackageBytesArePinned() throws IOException {
        byte[] control = Sample.ascii("Package: tiny\nVersion: 1.0-1\nArchitecture: all\n"
                + "Maintainer: Tiny <tiny@example.org>\nInstalled-Size: 12\nDescription: tiny\n A tiny package.\n");
        Map<String, String> actual = new TreeMap<>();
        for (Compression c : List.of(Compression.XZ, Compression.ZSTD, Compression.NONE)) {
            WriteResult r = DebArchiveWriter.builder().timestamp(1_234_567_890L).dataCompression(c)
                    .controlCompression(c).build().write(tmp.resolve(c + ".deb"), control, scripts(), entries());
            actual.put(c.dpkgName(), r.sha256());
        }
        StringBuilder text = new StringBuilder();
        actual.forEach((k, v) -> text.append(k).append(' ').append(v).append('\n'));

        if (Boolean.getBoolean("golden.update")) {
            Files.createDirectories(GOLDEN.getParent());
            Files.writeString(GOLDEN, text.toString(), StandardCharsets.UTF_8);
            return;
        }
        assertTrue(Files.exists(GOLDEN), GOLDEN + " is missing; run the tests once with -Dgolden.update=true");
        assertEquals(Files.readString(GOLDEN, StandardCharsets.UTF_8), text.toString(),
                "the archive bytes changed; if that is intended, rerun with -Dgolden.update=true and commit "
                        + GOLDEN.getFileName());
    }
}
