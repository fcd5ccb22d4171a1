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
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The package the reactor built for examples/hello-cli (by {@code mvn package}, through our plugin): inspected with the
 * real dpkg-deb, linted with the real lintian, and installed, run, removed and purged with the real dpkg in an isolated
 * Debian 12 root.
 */
class HelloCliPackageIT {

    static Path deb;

    @BeforeAll
    static void findThePackage() throws IOException {
        Env.requireTool("dpkg-deb");
        Path target = Env.pathProperty("it.helloCliTarget");
        try (Stream<Path> s = Files.list(target)) {
            List<Path> debs = s.filter(p -> p.getFileName().toString().matches("hello-cli_1\\.0\\.0-1_[a-z0-9]+\\.deb")).toList();
            assertEquals(1, debs.size(), "exactly one hello-cli .deb in " + target + ": " + debs);
            deb = debs.get(0);
        }
    }

    @Test
    void dpkgDebReadsEveryPart() {
        DebInspector in = DebInspector.of(deb);
        assertEquals("hello-cli", in.field("Package").orElseThrow());
        assertEquals("1.0.0-1", in.field("Version").orElseThrow());
        assertTrue(in.field("Maintainer").orElseThrow().matches(".+ <.+@.+>"), in.info());
        assertTrue(in.field("Description").orElseThrow().startsWith("Greets people"), in.info());
        assertEquals(0, in.checkFsysTarfile().exit(), in.checkFsysTarfile().describe());
        assertEquals("/etc/default/hello-cli\n", in.controlFile("conffiles").orElseThrow());
        String md5sums = in.controlFile("md5sums").orElseThrow();
        assertTrue(md5sums.contains("  usr/share/java/hello-cli/lib/hello-cli-1.0.0.jar\n"), md5sums);
        long jars = in.contents().stream().filter(e -> e.path().matches("\\./usr/share/java/hello-cli/lib/[^/]+\\.jar")).count();
        assertTrue(jars >= 21, "the app jar and its 20+ runtime jars: " + jars);
        assertEquals("../share/java/hello-cli/bin/hello-cli", in.entry("/usr/bin/hello-cli").orElseThrow().linkTarget());
        for (DebInspector.Entry e : in.contents()) {
            assertEquals("root", e.owner(), e.toString());
            assertEquals("root", e.group(), e.toString());
            assertTrue(e.path().startsWith("./") && !e.path().contains("/../") && !e.path().contains("//"), e.toString());
            assertFalse(e.isHardLink(), e.toString());
            if (!e.isSymlink()) {
                assertTrue(e.octal().equals("0755") || e.octal().equals("0644"), e.toString());
            }
        }
    }

    @Test
    void lintianIsClean() {
        Lintian.Report r = Lintian.check(deb);
        assertTrue(r.passed(), r.output());
    }

    @Test
    void installRunRemovePurge() {
        DebianRoot base = deb.getFileName().toString().endsWith("_all.deb") ? DebianRoot.withJava() : DebianRoot.minimal();
        try (DebianRoot.Copy root = base.fresh()) {
            FileSnapshot before = root.listFiles();
            root.dpkgInstall(deb);
            assertEquals("hello-cli 1.0.0\n", root.run("hello-cli", "--version").stdout());
            assertEquals("Hello, Debian!\n", root.run("/usr/bin/hello-cli", "greet", "Debian").stdout());

            String csv = root.put(Env.pathProperty("it.projectRoot").resolve("examples/hello-cli/sample.csv"));
            Proc.Result stats = root.run("hello-cli", "stats", csv);
            assertTrue(stats.stdout().contains("\"temperature_c\""), stats.describe());
            assertEquals(1, root.exec("hello-cli", "stats", "/nonexistent.csv").exit(), "exit status passes through");
            assertEquals(2, root.exec("hello-cli", "--no-such-option").exit(), "usage errors exit 2");

            // /etc/default/hello-cli is read by the launcher; JAVA_OPTS from the caller adds to it
            root.sh("echo 'JAVA_OPTS=\"-DHELLO_CLI_LOG_LEVEL=debug\"' >> /etc/default/hello-cli");
            Proc.Result debug = root.run("hello-cli", "stats", csv);
            assertTrue(debug.stderr().contains("DEBUG"), debug.describe());

            root.dpkg("-r", "hello-cli");
            assertFalse(root.exists("/usr/bin/hello-cli"));
            assertFalse(root.exists("/usr/share/java/hello-cli"));
            assertTrue(root.read("/etc/default/hello-cli").contains("HELLO_CLI_LOG_LEVEL"), "remove keeps the edited conffile");
            root.dpkg("-P", "hello-cli");
            assertFalse(root.exists("/etc/default/hello-cli"));
            assertEquals(List.of(), root.listFiles().diffFrom(before), "install + purge leaves the root as it was");
        }
    }

    /** The caller's JAVA_OPTS come after those of /etc/default/hello-cli, so they win. */
    @Test
    void callerJavaOptsComeAfterTheDefaultsFile() {
        DebianRoot base = deb.getFileName().toString().endsWith("_all.deb") ? DebianRoot.withJava() : DebianRoot.minimal();
        try (DebianRoot.Copy root = base.fresh()) {
            root.dpkgInstall(deb);
            root.sh("echo 'JAVA_OPTS=\"-DHELLO_CLI_LOG_LEVEL=debug\"' >> /etc/default/hello-cli");
            String csv = root.put(Env.pathProperty("it.projectRoot").resolve("examples/hello-cli/sample.csv"));
            // the later -D wins in the JVM: the caller's level overrides the file's
            Proc.Result r = root.sh("JAVA_OPTS=-DHELLO_CLI_LOG_LEVEL=error hello-cli stats " + csv);
            assertEquals(0, r.exit(), r.describe());
            assertFalse(r.stderr().contains("DEBUG"), r.describe());
        }
    }
}
