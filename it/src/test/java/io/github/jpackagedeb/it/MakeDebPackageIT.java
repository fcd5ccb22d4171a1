package io.github.jpackagedeb.it;

import io.github.jpackagedeb.it.support.DebInspector;
import io.github.jpackagedeb.it.support.DebianRoot;
import io.github.jpackagedeb.it.support.Env;
import io.github.jpackagedeb.it.support.Lintian;
import io.github.jpackagedeb.it.support.Proc;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The make-deb CLI ships as a .deb built by our own plugin: it installs in a Debian root and runs there. */
class MakeDebPackageIT {

    static Path cliDeb() throws IOException {
        Env.requireTool("dpkg-deb");
        Path target = Env.pathProperty("it.makeDebTarget");
        try (Stream<Path> s = Files.list(target)) {
            List<Path> debs = s.filter(p -> p.getFileName().toString().matches("make-deb_[^_]+_all\\.deb")).toList();
            assertEquals(1, debs.size(), "one make-deb .deb in " + target + ": " + debs);
            return debs.get(0);
        }
    }

    /** A real JDK Flight Recorder recording of a busy loop, made by this JVM's java. */
    static Path recording() throws IOException {
        Path dir = Files.createTempDirectory("flame-it");
        Path src = Files.writeString(dir.resolve("Busy.java"), """
                public class Busy {
                    static volatile long sink;
                    public static void main(String[] a) {
                        long end = System.nanoTime() + 1_500_000_000L;
                        while (System.nanoTime() < end) sink += busyWork(10_000);
                    }
                    static long busyWork(int n) {
                        long s = 0;
                        for (int i = 1; i < n; i++) s += Long.numberOfTrailingZeros(i * 31L + s) % 7;
                        return s;
                    }
                }
                """);
        Path jfr = dir.resolve("busy.jfr");
        Proc.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:StartFlightRecording=filename=" + jfr + ",settings=profile", src.toString()).run();
        return jfr;
    }

    @Test
    void theCliDebInstallsAndMakeDebRuns() throws IOException {
        Path deb = cliDeb();
        DebInspector in = DebInspector.of(deb);
        assertEquals("make-deb", in.field("Package").orElseThrow());
        assertEquals("../share/java/make-deb/bin/make-deb", in.entry("/usr/bin/make-deb").orElseThrow().linkTarget());
        assertTrue(in.entry("/usr/share/bash-completion/completions/make-deb").isPresent(), "bash completion");
        assertTrue(in.entry("/usr/share/man/man1/make-deb.1.gz").isPresent(), "man page");
        assertTrue(in.contents().stream().anyMatch(e -> e.path().matches(".*/jfr-converter-[^/]+\\.jar")),
                "make-deb flamegraph's converter jar");
        Lintian.assertClean(deb);
        try (DebianRoot.Copy root = DebianRoot.withJava().fresh()) {
            root.dpkgInstall(deb);
            Proc.Result version = root.run("make-deb", "--version");
            assertTrue(version.stdout().matches("make-deb \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?\\n"), version.describe());
            assertEquals(0, root.exec("make-deb", "init", "--help").exit());
            assertEquals(2, root.exec("make-deb", "--no-such-option").exit(), "usage errors exit 2");
            Proc.Result check = root.run("make-deb", "check", root.put(deb));
            assertTrue(check.stderr().contains("passed (0 errors"), check.describe());
            assertEquals(0, root.exec("make-deb", "flamegraph", "--help").exit());
            assertEquals(root.run("make-deb", "repo", "--help").stdout(),
                    root.run("make-deb", "help", "repo").stdout(), "make-deb help COMMAND");
            // make-deb(1) is the page generated from the commands (ManPage), not the generic one of an application
            Proc.Result page = root.run("sh", "-c", "gzip -dc /usr/share/man/man1/make-deb.1.gz");
            assertTrue(page.stdout().contains("\n.SS make\\-deb repo add\n"), page.stdout());
            assertTrue(page.stdout().contains(".B \\-\\-non\\-interactive"), page.stdout());
            Proc.Result flame = root.run("make-deb", "flamegraph", root.put(recording()), "-o", "/tmp/flame");
            assertEquals("/tmp/flame.html\n/tmp/flame.collapsed\n", flame.stdout(), flame.describe());
            assertTrue(root.read("/tmp/flame.collapsed").contains("Busy.busyWork"), flame.describe());
            root.dpkg("-P", "make-deb");
            assertFalse(root.exists("/usr/bin/make-deb"));
        }
    }
}
