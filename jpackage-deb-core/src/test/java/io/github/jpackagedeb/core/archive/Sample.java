package io.github.jpackagedeb.core.archive;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A small but complete package: jars (from disk), a launcher, relative and absolute links, a
 * conffile, an empty file, an empty directory, names longer than 100 and 255 bytes, a link target
 * longer than 100 bytes, non-ASCII names with spaces, and names whose sort order differs between
 * plain byte order and tree order ({@code a-b} vs {@code a/x}).
 */
final class Sample {

    static final String LONG_100 = "usr/share/java/app/lib/" + "a".repeat(120) + ".jar";
    static final String LONG_255 = "usr/share/java/app/lib/" + "d".repeat(200) + "/" + "e".repeat(200) + ".jar";
    static final String LONG_LINK = "usr/share/java/app/long-link";
    static final String LONG_LINK_TARGET = "lib/" + "d".repeat(200) + "/" + "e".repeat(200) + ".jar";
    static final String UNICODE = "usr/share/doc/app/naïve file ü €.txt";

    final List<DebEntry> entries;
    final byte[] control;
    final Map<String, byte[]> scripts;

    private Sample(List<DebEntry> entries, byte[] control, Map<String, byte[]> scripts) {
        this.entries = entries;
        this.control = control;
        this.scripts = scripts;
    }

    /** Writes the sample's source files under {@code dir} (which must not exist yet) and describes the package. */
    static Sample create(Path dir) throws IOException {
        Files.createDirectories(dir);
        List<DebEntry> e = new ArrayList<>();
        e.add(DebEntry.file("usr/share/java/app/lib/app.jar", Content.of(write(dir, "app.jar", bytes(1, 200_000)))));
        e.add(DebEntry.file("usr/share/java/app/lib/dep-1.0.jar", Content.of(write(dir, "dep.jar", bytes(2, 70_001)))));
        e.add(DebEntry.file(LONG_100, Content.of(write(dir, "long100.jar", bytes(3, 1024)))));
        e.add(DebEntry.file(LONG_255, Content.of(write(dir, "long255.jar", bytes(4, 1025)))));
        e.add(DebEntry.symlink(LONG_LINK, LONG_LINK_TARGET));
        e.add(DebEntry.executable("usr/share/java/app/bin/app",
                Content.of(ascii("#!/bin/sh\nexec java -jar /usr/share/java/app/lib/app.jar \"$@\"\n"), "launcher")));
        e.add(DebEntry.symlink("usr/bin/app", "../share/java/app/bin/app"));
        e.add(DebEntry.symlink("usr/share/java/app/runtime", "/usr/lib/app/runtime"));
        e.add(DebEntry.file("usr/lib/app/runtime/release", Content.of(ascii("JAVA_VERSION=\"17\"\n"), "release")));
        e.add(DebEntry.conffile("etc/default/app", Content.of(ascii("JAVA_OPTS=\"-Xmx64m\"\n"), "default file")));
        e.add(DebEntry.file("usr/share/doc/app/copyright", Content.of(ascii("Format: https://www.debian.org/doc/"
                + "packaging-manuals/copyright-format/1.0/\n"), "copyright")));
        e.add(DebEntry.file(UNICODE, Content.of(write(dir, "unicode.txt", ascii("ü\n")))));
        e.add(DebEntry.file("usr/share/app/empty", Content.of(new byte[0], "empty")));
        e.add(DebEntry.file("usr/share/app/a-b", Content.of(ascii("a-b\n"), "a-b")));
        e.add(DebEntry.file("usr/share/app/a/x", Content.of(ascii("a/x\n"), "a/x")));
        e.add(DebEntry.directory("var/lib/app"));
        byte[] control = ascii("Package: app\nVersion: 1.0-1\nArchitecture: all\nMaintainer: Test <test@example.org>\n"
                + "Installed-Size: 280\nSection: java\nPriority: optional\n"
                + "Description: a sample\n A sample package written by the tests.\n");
        Map<String, byte[]> scripts = new LinkedHashMap<>();
        scripts.put("postinst", ascii("#!/bin/sh\nset -e\necho configured\nexit 0\n"));
        scripts.put("prerm", ascii("#!/bin/sh\nset -e\nexit 0\n"));
        scripts.put("postrm", ascii("#!/bin/sh\nset -e\nexit 0\n"));
        scripts.put("triggers", ascii("interest-noawait /usr/share/java/app/plugins\n"));
        return new Sample(List.copyOf(e), control, scripts);
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** Deterministic pseudo-random bytes (incompressible, like a jar). */
    static byte[] bytes(long seed, int n) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    static Path write(Path dir, String name, byte[] content) throws IOException {
        Path p = dir.resolve(name);
        Files.write(p, content);
        return p;
    }
}
