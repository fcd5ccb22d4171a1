package io.github.jpackagedeb.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.jpackagedeb.it.support.DebInspector;
import io.github.jpackagedeb.it.support.DebianRoot;
import io.github.jpackagedeb.it.support.Env;
import io.github.jpackagedeb.it.support.FileSnapshot;
import io.github.jpackagedeb.it.support.Lintian;
import io.github.jpackagedeb.it.support.MavenRunner;
import io.github.jpackagedeb.it.support.Proc;

/**
 * Proves the test harness itself, with a package made by the real {@code dpkg-deb --root-owner-group -b} (not by
 * our writer): inspection, lintian, the isolated Debian root (install, run, remove, purge, nothing left behind)
 * and the Maven runner. When this fails, fix the harness before reading any other IT failure.
 */
class HarnessIT {

    private static final String VERSION = "1.2.3-1";

    @TempDir
    static Path tmp;

    private static Path deb;

    @BeforeAll
    static void buildPackageWithDpkgDeb() throws IOException {
        Env.requireTool("dpkg-deb");
        Path tree = tmp.resolve("hello-sh");
        Path bin = Files.createDirectories(tree.resolve("usr/bin"));
        Path debian = Files.createDirectories(tree.resolve("DEBIAN"));
        Path etc = Files.createDirectories(tree.resolve("etc"));
        Path script = bin.resolve("hello-sh");
        Files.writeString(script, "#!/bin/sh\n. /etc/hello-sh.conf\necho \"$GREETING " + VERSION + "\"\n");
        Files.writeString(etc.resolve("hello-sh.conf"), "GREETING=hello-sh\n");
        Files.writeString(debian.resolve("conffiles"), "/etc/hello-sh.conf\n");
        Files.writeString(debian.resolve("control"), String.join("\n",
                "Package: hello-sh",
                "Version: " + VERSION,
                "Architecture: all",
                "Maintainer: jpackage-deb tests <jpackage-deb@users.noreply.github.com>",
                "Section: misc",
                "Priority: optional",
                "Description: harness self-test package",
                " Prints its version. Built with dpkg-deb by HarnessIT.",
                ""));
        // @TempDir is 0700 and the umask may be 002: make the modes Policy's (dirs and executables 0755, files 0644)
        for (Path d : List.of(tree, tree.resolve("usr"), bin, etc, debian, script)) {
            Files.setPosixFilePermissions(d, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        for (Path f : List.of(etc.resolve("hello-sh.conf"), debian.resolve("control"), debian.resolve("conffiles"))) {
            Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-r--r--"));
        }
        deb = tmp.resolve("hello-sh_" + VERSION + "_all.deb");
        Proc.of("dpkg-deb", "--root-owner-group", "-Zgzip", "-b", tree.toString(), deb.toString()).run();
    }

    @Test
    void inspectorSeesWhatDpkgDebSees() throws IOException {
        DebInspector in = DebInspector.of(deb);
        assertEquals("hello-sh", in.field("Package").orElseThrow());
        assertEquals(VERSION, in.field("version").orElseThrow(), "field names are case-insensitive");
        assertTrue(in.field("Depends").isEmpty());
        assertTrue(in.field("Description").orElseThrow().contains("\n Prints its version."), in.info());
        assertEquals("all", in.fields().get("Architecture"));
        assertTrue(in.info().contains(" Package: hello-sh"), in.info());

        DebInspector.Entry script = in.entry("/usr/bin/hello-sh").orElseThrow();
        assertEquals("-rwxr-xr-x", script.mode());
        assertEquals("0755", script.octal());
        assertEquals("root", script.owner());
        assertEquals("root", script.group());
        assertEquals(Files.size(tmp.resolve("hello-sh/usr/bin/hello-sh")), script.size());
        assertEquals("./usr/bin/hello-sh", script.path());
        assertTrue(in.contents().stream().filter(DebInspector.Entry::isDirectory)
                .allMatch(e -> e.octal().equals("0755") && e.owner().equals("root")), in.contents().toString());

        Proc.Result tar = in.checkFsysTarfile();
        assertEquals(0, tar.exit(), tar.describe());
        assertTrue(in.controlFiles().get("control").startsWith("Package: hello-sh\n"));
        assertEquals("/etc/hello-sh.conf\n", in.controlFile("conffiles").orElseThrow());
    }

    @Test
    void inspectorNoticesACorruptDataMember() throws IOException {
        byte[] bytes = Files.readAllBytes(deb);
        Path broken = tmp.resolve("truncated.deb");
        Files.write(broken, java.util.Arrays.copyOf(bytes, bytes.length - 200));
        assertNotEquals(0, DebInspector.of(broken).checkFsysTarfile().exit());
    }

    @Test
    void lintianRunsAndReportsTags() {
        Lintian.Report report = Lintian.check(deb);
        // a bare hand-made package: lintian must fail it and name the tags
        assertFalse(report.passed(), report.output());
        assertTrue(report.has("no-copyright-file"), report.output());
        assertTrue(report.tags().stream().anyMatch(t -> t.severity() == 'E' && t.target().equals("hello-sh")),
                report.output());
    }

    @Test
    void installRunRemovePurgeInAnIsolatedRoot() {
        long start = System.nanoTime();
        try (DebianRoot.Copy root = DebianRoot.withJava().fresh()) {
            System.out.println("[HarnessIT] fresh() took " + (System.nanoTime() - start) / 1_000_000 + " ms");
            FileSnapshot before = root.listFiles();
            assertTrue(before.size() > 1000, "a debootstrap tree has thousands of files: " + before.size());
            assertFalse(root.exists("/usr/bin/hello-sh"));

            root.dpkgInstall(deb);
            assertEquals("ii " + VERSION, root.run("dpkg-query", "-W", "-f", "${db:Status-Abbrev}${Version}",
                    "hello-sh").stdout().replace("  ", " ").strip());
            assertEquals("hello-sh " + VERSION + "\n", root.run("/usr/bin/hello-sh").stdout());
            assertTrue(root.read("/var/lib/dpkg/info/hello-sh.list").contains("/usr/bin/hello-sh"));

            // the JRE of the base works, which needs /proc (libjli.so is found through /proc/self/exe)
            Proc.Result java = root.run("java", "-version");
            assertTrue(java.stderr().contains("openjdk version \"17"), java.describe());
            // own PID namespace: the command is PID 1, and /proc shows only this namespace
            assertEquals("1", root.run("sh", "-c", "echo $$").stdout().strip());
            // clean environment inside the root, whatever the host's is
            String env = root.run("env").stdout();
            assertFalse(env.contains("MAVEN"), env);

            root.dpkg("-r", "hello-sh");
            assertFalse(root.exists("/usr/bin/hello-sh"));
            assertTrue(root.exists("/etc/hello-sh.conf"), "remove keeps conffiles (Policy 10.7.3)");
            assertEquals("rc", root.run("dpkg-query", "-W", "-f", "${db:Status-Abbrev}", "hello-sh")
                    .stdout().strip());
            root.dpkg("-P", "hello-sh");
            assertFalse(root.exists("/etc/hello-sh.conf"), "purge deletes conffiles");
            assertNotEquals(0, root.exec("dpkg-query", "-W", "hello-sh").exit(), "purged: dpkg knows it no more");

            FileSnapshot after = root.listFiles();
            assertEquals(List.of(), after.diffFrom(before), "install + purge must leave the tree as it was");
        }
    }

    @Test
    void copiesAreIsolatedFromEachOtherAndFromTheBase() throws IOException {
        DebianRoot base = DebianRoot.withJava();
        try (DebianRoot.Copy a = base.fresh(); DebianRoot.Copy b = base.fresh()) {
            a.sh("echo a > /etc/it-marker && rm /etc/hostname");
            assertEquals("a\n", a.read("/etc/it-marker"));
            assertFalse(a.exists("/etc/hostname"));
            assertFalse(b.exists("/etc/it-marker"));
            assertTrue(b.exists("/etc/hostname"));
            assertFalse(Files.exists(Path.of("/etc/it-marker")), "the host is untouched");
            Path dir = a.dir();
            a.close();
            assertFalse(Files.exists(dir), "close() removes the copy");
        }
        try (DebianRoot.Copy c = base.fresh()) {
            assertFalse(c.exists("/etc/it-marker"));
            assertTrue(c.exists("/etc/hostname"));
        }
        assertTrue(Files.size(base.tarball()) > 100L * 1024 * 1024, "cached base tarball: " + base.tarball());
    }

    @Test
    void mavenRunnerBuildsAProject() throws IOException {
        Path project = Files.createDirectories(tmp.resolve("tiny"));
        Files.writeString(project.resolve("pom.xml"), """
                <project xmlns="http://maven.apache.org/POM/4.0.0">
                  <modelVersion>4.0.0</modelVersion>
                  <groupId>it.harness</groupId>
                  <artifactId>tiny</artifactId>
                  <version>1.0</version>
                  <properties>
                    <maven.compiler.release>17</maven.compiler.release>
                    <project.build.sourceEncoding>UTF-8</project.build.sourceEncoding>
                  </properties>
                  <build>
                    <plugins>
                      <plugin><artifactId>maven-resources-plugin</artifactId><version>3.3.1</version></plugin>
                      <plugin><artifactId>maven-compiler-plugin</artifactId><version>3.13.0</version></plugin>
                      <plugin><artifactId>maven-surefire-plugin</artifactId><version>3.5.2</version></plugin>
                      <plugin><artifactId>maven-jar-plugin</artifactId><version>3.4.2</version></plugin>
                    </plugins>
                  </build>
                </project>
                """);
        Path src = Files.createDirectories(project.resolve("src/main/java/tiny"));
        Files.writeString(src.resolve("Tiny.java"), "package tiny; public class Tiny {}\n");
        Files.createDirectories(project.resolve("target/stale"));

        MavenRunner.Result r = MavenRunner.run(project, "package").assertSuccess();
        assertNotEquals(project, r.dir(), "runs in a copy");
        assertTrue(Files.isRegularFile(r.target().resolve("tiny-1.0.jar")), r.log());
        assertFalse(Files.exists(r.target().resolve("stale")), "target/ is not copied");
        assertTrue(r.log().contains("BUILD SUCCESS"), r.log());
    }
}
