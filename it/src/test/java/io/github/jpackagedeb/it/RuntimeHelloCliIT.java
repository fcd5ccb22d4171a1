package io.github.jpackagedeb.it;

import io.github.jpackagedeb.it.support.DebInspector;
import io.github.jpackagedeb.it.support.DebianRoot;
import io.github.jpackagedeb.it.support.Env;
import io.github.jpackagedeb.it.support.FileSnapshot;
import io.github.jpackagedeb.it.support.Lintian;
import io.github.jpackagedeb.it.support.Proc;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * examples/hello-cli as the reactor built it, with its bundled Java runtime (the default): what the package declares
 * and contains for the runtime, lintian, and the package installed and run in a Debian 12 root that has no Java at all.
 */
class RuntimeHelloCliIT {

    static Path deb;

    @BeforeAll
    static void findThePackage() {
        Env.requireTool("dpkg-deb");
        deb = Env.pathProperty("it.helloCliTarget").resolve("hello-cli_1.0.0-1_amd64.deb");
        assertTrue(Files.isRegularFile(deb), "the reactor builds hello-cli with a bundled runtime: " + deb);
    }

    @Test
    void declaresTheRuntimesArchitectureAndLibraries() {
        DebInspector in = DebInspector.of(deb);
        assertEquals("amd64", in.field("Architecture").orElseThrow());
        String depends = in.field("Depends").orElseThrow();
        assertTrue(depends.matches("libc6 \\(>= 2\\.[0-9]+\\), libgcc-s1 \\(>= 3\\.0\\), libstdc\\+\\+6 \\(>= 5\\), "
                + "zlib1g \\(>= 1:1\\.2\\.2\\)"), depends);
        assertFalse(depends.contains("jre") || depends.contains("java"), "no Java package: " + depends);
        // java.desktop (commons-lang3 uses java.beans) links X11, ALSA and font libraries: recommended, not required
        String recommends = in.field("Recommends").orElseThrow();
        assertTrue(recommends.contains("libx11-6") && recommends.contains("libfreetype6 (>= 2.3.5)"), recommends);
    }

    @Test
    void laysTheRuntimeOutUnderUsrLib() {
        DebInspector in = DebInspector.of(deb);
        assertEquals("../../../lib/hello-cli/runtime",
                in.entry("/usr/share/java/hello-cli/runtime").orElseThrow().linkTarget());
        assertEquals("0755", in.entry("/usr/lib/hello-cli/runtime/bin/java").orElseThrow().octal());
        assertEquals("0644", in.entry("/usr/lib/hello-cli/runtime/lib/server/libjvm.so").orElseThrow().octal());
        assertEquals("0644", in.entry("/usr/lib/hello-cli/runtime/legal/java.base/LICENSE").orElseThrow().octal(),
                "jlink writes legal/ 0444; Policy 10.9 wants 0644");
        assertTrue(in.entry("/usr/lib/hello-cli/runtime/lib/server/classes.jsa").isPresent(), "a CDS archive");
        assertTrue(in.entry("/usr/lib/hello-cli/runtime/include").isEmpty(), "--no-header-files");
        assertTrue(in.entry("/usr/lib/hello-cli/runtime/man").isEmpty(), "--no-man-pages");
        assertTrue(in.contents().stream().noneMatch(e -> e.path().startsWith("./usr/share/java/hello-cli/runtime/")),
                "no native code under /usr/share (Policy 9.1.1)");
    }

    @Test
    void lintianIsClean() {
        Lintian.assertClean(deb);
    }

    @Test
    void runsInADebianRootWithoutAnyJava() {
        Env.requireRoot();
        try (DebianRoot.Copy root = DebianRoot.minimal().fresh()) {
            assertNotEquals(0, root.exec("sh", "-c", "command -v java").exit(), "the root has no java");
            assertNotEquals(0, root.exec("sh", "-c", "ls /usr/lib/jvm").exit(), "the root has no JVM");
            FileSnapshot before = root.listFiles();
            root.dpkgInstall(deb);
            assertEquals("hello-cli 1.0.0\n", root.run("hello-cli", "--version").stdout());

            // the launcher runs the bundled runtime, and that runtime maps its CDS archive
            Proc.Result props = root.sh("JAVA_OPTS='-XshowSettings:properties -Xshare:on' hello-cli --version 2>&1");
            assertTrue(props.stdout().contains("java.home = /usr/lib/hello-cli/runtime"), props.describe());
            Proc.Result cds = root.sh("JAVA_OPTS=-Xlog:cds=info hello-cli --version 2>&1");
            assertTrue(cds.stdout().contains("Opened archive /usr/lib/hello-cli/runtime/lib/server/classes.jsa")
                    || cds.stdout().contains("lib/server/classes.jsa"), cds.describe());
            assertFalse(cds.stdout().contains("Unable to use shared archive"), cds.describe());

            root.dpkg("-P", "hello-cli");
            assertFalse(root.exists("/usr/lib/hello-cli"));
            assertEquals(List.of(), root.listFiles().diffFrom(before), "install + purge leaves the root as it was");
        }
    }

    /** For the closing note: sizes of what the runtime adds. */
    @Test
    void reportsSizes() throws IOException {
        DebInspector in = DebInspector.of(deb);
        long runtimeBytes = in.contents().stream().filter(e -> e.path().startsWith("./usr/lib/hello-cli/runtime/"))
                .filter(DebInspector.Entry::isRegularFile).mapToLong(DebInspector.Entry::size).sum();
        System.out.println("[RuntimeHelloCliIT] " + deb.getFileName() + ": " + Files.size(deb) + " bytes; runtime "
                + runtimeBytes + " bytes unpacked; Installed-Size " + in.field("Installed-Size").orElseThrow() + " KiB");
        assertTrue(runtimeBytes > 20L * 1024 * 1024, "a real runtime: " + runtimeBytes);
    }
}
