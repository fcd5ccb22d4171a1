package io.github.jpackagedeb.core.assembly;

import io.github.jpackagedeb.core.app.AppSpec;
import io.github.jpackagedeb.core.app.Jar;
import io.github.jpackagedeb.core.testing.Integration;

import io.github.jpackagedeb.core.DebException;
import io.github.jpackagedeb.core.archive.Compression;
import io.github.jpackagedeb.core.control.PackageSpec;
import io.github.jpackagedeb.core.version.DebianVersion;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** Builds real packages from real (small) jars and reads them back with the real dpkg-deb. */
@Integration
class DebBuilderTest {

    private static final Instant T = Instant.parse("2026-01-02T03:04:05Z");

    @TempDir
    Path tmp;
    Path out;
    Path appJar;
    Path depJar;

    @BeforeEach
    void jars() throws IOException {
        out = tmp.resolve("out");
        appJar = TestJars.jar(tmp.resolve("in/hello-1.0.jar"), "com.example.Main", "com/example/Main.class", "x");
        depJar = TestJars.jar(tmp.resolve("in/dep-2.0.jar"), null, "dep/Dep.class", "y");
    }

    static PackageSpec spec() {
        return PackageSpec.builder().name("hello").version(DebianVersion.parse("1.0-1"))
                .maintainer("Jane Doe <jane@example.org>").synopsis("says hello")
                .longDescription("Says hello to the world.").homepage("https://example.org").build();
    }

    DebBuilder.Builder builder(Path... deps) {
        AppSpec.Builder app = AppSpec.builder().mainJar(new Jar(appJar, "com.example:hello:1.0"));
        for (Path d : deps) {
            app.dependency(new Jar(d, "dep:" + d.getFileName()));
        }
        return DebBuilder.builder().spec(spec()).app(app.build()).outputDirectory(out).timestamp(T)
                .compression(Compression.GZIP)
                .docs(new PackageDocs("hello", "https://example.org", List.of("Jane Doe"),
                        List.of(new License("Apache License, Version 2.0", null)), List.of(), null));
    }

    static String run(String... cmd) throws IOException, InterruptedException {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/dpkg-deb")) || "true".equals(System.getenv("CI")),
                "dpkg-deb is not installed");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String s = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            fail(String.join(" ", cmd) + " failed:\n" + s);
        }
        return s;
    }

    @Test
    void buildsAnInstallableLayout() throws Exception {
        DebBuilder.Result r = builder(depJar).build().build();
        assertEquals(out.resolve("hello_1.0-1_all.deb"), r.deb());
        String info = run("dpkg-deb", "-f", r.deb().toString());
        assertTrue(info.contains("Depends: default-jre-headless (>= 2:1.17) | java17-runtime-headless\n"), info);
        assertTrue(info.contains("Architecture: all\n"), info);
        String contents = run("dpkg-deb", "-c", r.deb().toString());
        for (String p : new String[] {"./usr/share/java/hello/lib/hello-1.0.jar", "./usr/share/java/hello/lib/dep-2.0.jar",
                "./usr/share/java/hello/bin/hello", "./etc/default/hello", "./usr/share/doc/hello/copyright",
                "./usr/share/doc/hello/changelog.Debian.gz", "./usr/share/man/man1/hello.1.gz"}) {
            assertTrue(contents.contains(p + "\n"), p + " missing in\n" + contents);
        }
        assertTrue(contents.contains("./usr/bin/hello -> ../share/java/hello/bin/hello"), contents);
        assertTrue(contents.lines().allMatch(l -> l.contains(" root/root ")), contents);
        Path x = tmp.resolve("x");
        run("dpkg-deb", "-x", r.deb().toString(), x.toString());
        run("sh", "-n", x.resolve("usr/share/java/hello/bin/hello").toString());
        String launcher = Files.readString(x.resolve("usr/share/java/hello/bin/hello"));
        assertTrue(launcher.contains("com.example.Main \"$@\""), launcher);
        assertTrue(launcher.indexOf("hello-1.0.jar") < launcher.indexOf("dep-2.0.jar"), "class path order");
        Path ctl = tmp.resolve("ctl");
        run("dpkg-deb", "-e", r.deb().toString(), ctl.toString());
        assertEquals("/etc/default/hello\n", Files.readString(ctl.resolve("conffiles")));
        String changelog = run("sh", "-c", "gzip -dc " + x.resolve("usr/share/doc/hello/changelog.Debian.gz"));
        assertTrue(changelog.startsWith("hello (1.0-1) unstable; urgency=medium\n"), changelog);
        assertTrue(changelog.contains(" -- Jane Doe <jane@example.org>  Fri, 02 Jan 2026 03:04:05 +0000"), changelog);
        String copyright = Files.readString(x.resolve("usr/share/doc/hello/copyright"));
        assertTrue(copyright.contains("License: Apache-2.0"), copyright);
        assertTrue(copyright.contains("/usr/share/common-licenses/Apache-2.0"), copyright);
        assertTrue(copyright.contains(" dep-2.0.jar"), copyright);
    }

    @Test
    void sameInputsGiveTheSameBytesWhateverTheInputPathsAndMtimes() throws Exception {
        byte[] first = Files.readAllBytes(builder(depJar).build().build().deb());
        Path other = tmp.resolve("elsewhere/deeper");
        Files.createDirectories(other);
        Path app2 = Files.copy(appJar, other.resolve(appJar.getFileName()));
        Path dep2 = Files.copy(depJar, other.resolve(depJar.getFileName()));
        Files.setLastModifiedTime(app2, java.nio.file.attribute.FileTime.fromMillis(12345678));
        appJar = app2;
        out = tmp.resolve("out2");
        byte[] second = Files.readAllBytes(builder(dep2).build().build().deb());
        assertArrayEquals(first, second);
    }

    @Test
    void theMainClassComesFromTheManifestAndMustExist() throws Exception {
        DebException e = assertThrows(DebException.class, () -> builder().app(AppSpec.builder()
                .mainJar(new Jar(appJar, "app")).mainClass("com.example.Missing").build()).build().build());
        assertEquals("mainClass", e.field());
        assertEquals("com.example.Missing", e.value());
        assertNoOutput();
        Path noMain = TestJars.jar(tmp.resolve("in/nomain-1.jar"), null, "a/B.class", "z");
        e = assertThrows(DebException.class, () -> builder().app(AppSpec.builder().mainJar(new Jar(noMain, "g:nomain:1"))
                .build()).build().build());
        assertEquals("mainClass", e.field());
        assertTrue(e.getMessage().contains("no Main-Class"), e.getMessage());
        e = assertThrows(DebException.class, () -> builder().app(AppSpec.builder().mainJar(new Jar(appJar, "app"))
                .mainClass("1bad.Name").build()).build().build());
        assertTrue(e.getMessage().contains("not a valid Java class name"), e.getMessage());
    }

    @Test
    void aDependencyThatIsNotAJarIsRefused() throws Exception {
        Path zip = Files.writeString(tmp.resolve("in/native-1.0.zip"), "PK\u0003\u0004rest");
        DebException e = assertThrows(DebException.class, () -> builder(zip).build().build());
        assertEquals("jar", e.field());
        assertEquals("dep:native-1.0.zip", e.value());
        assertTrue(e.getMessage().contains("not a jar"), e.getMessage());
        Path fake = Files.writeString(tmp.resolve("in/fake-1.0.jar"), "not a zip at all");
        e = assertThrows(DebException.class, () -> builder(fake).build().build());
        assertTrue(e.getMessage().contains("is not a jar (zip) file"), e.getMessage());
        assertNoOutput();
    }

    @Test
    void anUnreadableJarIsRefused() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("in/dir-1.0.jar"));
        DebException e = assertThrows(DebException.class, () -> builder(dir).build().build());
        assertTrue(e.getMessage().contains("is not a file"), e.getMessage());
        Path missing = tmp.resolve("in/missing-1.0.jar");
        e = assertThrows(DebException.class, () -> builder(missing).build().build());
        assertTrue(e.getMessage().contains("missing-1.0.jar"), e.getMessage());
        Path locked = TestJars.jar(tmp.resolve("in/locked-1.0.jar"), null, "l/L.class", "l");
        Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("---------"));
        if (!Files.isReadable(locked)) { // root can read anything
            e = assertThrows(DebException.class, () -> builder(locked).build().build());
            assertTrue(e.getMessage().contains("cannot read"), e.getMessage());
        }
        Path corrupt = tmp.resolve("in/corrupt-1.0.jar");
        byte[] good = Files.readAllBytes(depJar);
        Files.write(corrupt, java.util.Arrays.copyOf(good, good.length / 2));
        e = assertThrows(DebException.class, () -> builder(corrupt).build().build());
        assertEquals("jar", e.field());
        assertNoOutput();
    }

    @Test
    void twoJarsWithTheSameFileNameAreRefused() throws Exception {
        Path twin = TestJars.jar(tmp.resolve("in/other/dep-2.0.jar"), null, "other/O.class", "o");
        DebException e = assertThrows(DebException.class, () -> builder(depJar, twin).build().build());
        assertTrue(e.getMessage().contains("same file name 'dep-2.0.jar'"), e.getMessage());
        assertTrue(e.getMessage().contains(depJar.toString()) || e.getMessage().contains("dep:dep-2.0.jar"), e.getMessage());
        assertNoOutput();
    }

    private void assertNoOutput() throws IOException {
        if (Files.exists(out)) {
            try (Stream<Path> s = Files.list(out)) {
                assertEquals(List.of(), s.toList(), "nothing may be left in the output directory");
            }
        }
    }
}
