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
        // java.desktop (commons-lang3 uses java.beans): the runtime is headless (hello-cli is no desktop application),
        // so nothing of X11, ALSA or FreeType is recommended; headless image I/O's libraries are (issue 16, point 7)
        String recommends = in.field("Recommends").orElse("");
        for (String display : List.of("libx11-6", "libxext6", "libxrender1", "libxtst6", "libxi6", "libasound2",
                "libfreetype6")) {
            assertFalse(recommends.contains(display), recommends);
        }
        assertTrue(in.entry("/usr/lib/hello-cli/runtime/lib/libawt_xawt.so").isEmpty(), "headless runtime");
        assertTrue(in.entry("/usr/lib/hello-cli/runtime/lib/libawt_headless.so").isPresent(), "headless AWT stays");
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
            // ... and maps the application class-data sharing archive postinst dumped (examples/hello-cli turns it on)
            Proc.Result cds = root.sh("JAVA_OPTS=-Xlog:cds=info hello-cli --version 2>&1");
            assertTrue(cds.stdout().contains("Opened archive /var/cache/hello-cli/app.jsa"), cds.describe());
            assertFalse(cds.stdout().contains("Unable to use shared archive"), cds.describe());
            // without it, the runtime's own archive
            Proc.Result base = root.sh("/usr/lib/hello-cli/runtime/bin/java -Xlog:cds=info -version 2>&1");
            assertTrue(base.stdout().contains("lib/server/classes.jsa"), base.describe());

            root.dpkg("-P", "hello-cli");
            assertFalse(root.exists("/usr/lib/hello-cli"));
            assertEquals(List.of(), root.listFiles().diffFrom(before), "install + purge leaves the root as it was");
        }
    }

    /**
     * Application class-data sharing (examples/hello-cli: {@code <appCds>} with {@code --version}): the package ships
     * the training run's class list, postinst dumps the archive with the bundled runtime, the launcher maps it (the
     * application's own classes come from it), a damaged or stale archive changes nothing the user sees, remove
     * deletes it and purge leaves nothing.
     */
    @Test
    void dumpsAnAppCdsArchiveAtInstallAndUsesItSilently() {
        DebInspector in = DebInspector.of(deb);
        assertEquals("0644", in.entry("/usr/lib/hello-cli/app-cds.classlist").orElseThrow().octal());
        Env.requireRoot();
        try (DebianRoot.Copy root = DebianRoot.minimal().fresh()) {
            FileSnapshot before = root.listFiles();
            Proc.Result install = root.dpkgInstall(deb);
            assertFalse(install.output().contains("could not write the class-data sharing archive"),
                    install.describe());
            assertTrue(root.exists("/var/cache/hello-cli/app.jsa"), "postinst dumped the archive");
            assertFalse(root.exists("/var/cache/hello-cli/app.jsa.new"));
            Proc.Result mode = root.sh("stat -c %a /var/cache/hello-cli/app.jsa");
            assertEquals("644\n", mode.stdout(), "readable by every user who runs the launcher");

            Proc.Result version = root.run("hello-cli", "--version");
            assertEquals("hello-cli 1.0.0\n", version.stdout());
            assertEquals("", version.stderr());
            Proc.Result load = root.sh("JAVA_OPTS=-Xlog:class+load=info hello-cli --version");
            assertTrue(load.stdout().contains("io.github.jpackagedeb.examples.hello.HelloCli source: shared objects file"),
                    load.describe());
            assertTrue(load.stdout().contains("picocli.CommandLine source: shared objects file"), load.describe());

            // damaged: the JVM verifies the archive, starts without it and says nothing
            root.sh("printf 'damaged-damaged-damaged-damaged-' | dd of=/var/cache/hello-cli/app.jsa bs=1 seek=200"
                    + " conv=notrunc 2>/dev/null");
            Proc.Result damaged = root.run("hello-cli", "--version");
            assertEquals("hello-cli 1.0.0\n", damaged.stdout(), damaged.describe());
            assertEquals("", damaged.stderr(), damaged.describe());
            // stale: a jar changed after the dump (another modification time)
            root.dpkgInstall(deb); // a reinstall dumps a fresh archive
            root.sh("touch /usr/share/java/hello-cli/lib/picocli-4.7.7.jar");
            Proc.Result stale = root.sh("JAVA_OPTS=-Xlog:class+load=info hello-cli --version");
            assertTrue(stale.stdout().contains("hello-cli 1.0.0\n"), stale.describe());
            assertFalse(stale.stdout().contains("HelloCli source: shared objects file"), stale.describe());
            assertEquals("", root.run("hello-cli", "--version").stderr());

            root.dpkg("-r", "hello-cli");
            assertFalse(root.exists("/var/cache/hello-cli"), "remove deletes the archive and its directory");
            root.dpkg("-P", "hello-cli");
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
