package io.github.jpackagedeb.cli;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.tools.ToolProvider;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** make-deb build, check and inspect on packages built from real (small) jars and a scaffolded debian/. */
class BuildCommandTest {

    @TempDir
    Path tmp;
    Path project;
    Path jars;

    /** A jar holding one compiled class, with that class as Main-Class when {@code main}. */
    static Path jar(Path file, String fqcn, boolean main) throws IOException {
        Path src = file.resolveSibling("src-" + file.getFileName()).resolve(fqcn.replace('.', '/') + ".java");
        Path classes = file.resolveSibling("classes-" + file.getFileName());
        Files.createDirectories(src.getParent());
        Files.createDirectories(classes);
        String pkg = fqcn.substring(0, fqcn.lastIndexOf('.'));
        String name = fqcn.substring(fqcn.lastIndexOf('.') + 1);
        Files.writeString(src, "package " + pkg + "; public class " + name
                + " { public static void main(String[] a) { System.out.println(\"hi\"); } }");
        assertEquals(0, ToolProvider.getSystemJavaCompiler().run(null, null, null, "--release", "17", "-d",
                classes.toString(), src.toString()));
        Manifest mf = new Manifest();
        mf.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        if (main) {
            mf.getMainAttributes().put(Attributes.Name.MAIN_CLASS, fqcn);
        }
        Files.createDirectories(file.getParent());
        try (OutputStream os = Files.newOutputStream(file); JarOutputStream j = new JarOutputStream(os, mf)) {
            JarEntry e = new JarEntry(fqcn.replace('.', '/') + ".class");
            e.setLastModifiedTime(FileTime.fromMillis(0));
            j.putNextEntry(e);
            j.write(Files.readAllBytes(classes.resolve(fqcn.replace('.', '/') + ".class")));
        }
        return file;
    }

    @BeforeEach
    void scaffold() throws IOException {
        project = Cli.project("tiny", tmp);
        assertEquals(0, Cli.run("--dir", project.toString(), "--non-interactive").exit());
        jars = Files.createDirectories(tmp.resolve("jars"));
        jar(jars.resolve("tiny-app-1.0.0.jar"), "com.example.tiny.Tiny", true);
        jar(jars.resolve("lib-b-2.0.jar"), "com.example.b.B", false);
        jar(jars.resolve("lib-a-1.0.jar"), "com.example.a.A", false);
    }

    /** A jar-only build (the tiny project's debian/control says Architecture: all). */
    Cli.Run build(String... extra) {
        String[] base = {"build", "--runtime", "none", "--debian-dir", project.resolve("debian").toString(), "-o",
                tmp.resolve("out").toString(), "--timestamp", "2026-01-01T00:00:00Z"};
        String[] all = new String[base.length + extra.length];
        System.arraycopy(base, 0, all, 0, base.length);
        System.arraycopy(extra, 0, all, base.length, extra.length);
        return Cli.run(all);
    }

    @Test
    void aDirectoryOfJarsGivesTheSameBytesAsTheJarsNamedOneByOne() throws IOException {
        Cli.Run fromDir = build(jars.toString());
        assertEquals(0, fromDir.exit(), fromDir.toString());
        Path deb = tmp.resolve("out/tiny-app_1.0.0-1_all.deb");
        assertEquals(deb.toString() + "\n", fromDir.out());
        byte[] first = Files.readAllBytes(deb);
        Files.delete(deb);
        Cli.Run named = build("--jar", jars.resolve("tiny-app-1.0.0.jar").toString(),
                "--lib", jars.resolve("lib-a-1.0.jar").toString(), "--lib", jars.resolve("lib-b-2.0.jar").toString());
        assertEquals(0, named.exit(), named.toString());
        assertArrayEquals(first, Files.readAllBytes(deb), "same inputs, same bytes");

        Cli.Run check = Cli.run("check", deb.toString());
        assertEquals(0, check.exit(), check.toString());
        assertTrue(check.err().contains("passed (0 errors, 0 warnings)"), check.toString());

        Cli.Run inspect = Cli.run("inspect", "-v", deb.toString());
        assertEquals(0, inspect.exit(), inspect.toString());
        assertTrue(inspect.out().contains("control:\n  Package: tiny-app\n  Version: 1.0.0-1\n"), inspect.out());
        assertTrue(inspect.out().contains("conffiles:\n  /etc/default/tiny-app\n"), inspect.out());
        assertTrue(inspect.out().contains("lrwxrwxrwx root/root          0 ./usr/bin/tiny-app -> ../share/java/tiny-app/bin/tiny-app"),
                inspect.out());
        assertTrue(inspect.out().contains("-rwxr-xr-x root/root"), inspect.out());
        assertTrue(inspect.out().contains("scripts: none"), inspect.out());
    }

    @Test
    void debianScriptsRenamedFromTheExamplesAreUsed() throws IOException {
        Path d = project.resolve("debian");
        Files.move(d.resolve("tiny-app.postinst.ex"), d.resolve("tiny-app.postinst"));
        Files.writeString(d.resolve("tiny-app.postinst"), Files.readString(d.resolve("tiny-app.postinst"))
                .replace("# $2 is the version configured before, empty on a first install", "echo configured"));
        assertEquals(0, build(jars.toString()).exit());
        Cli.Run inspect = Cli.run("inspect", "-v", tmp.resolve("out/tiny-app_1.0.0-1_all.deb").toString());
        assertTrue(inspect.out().contains("  postinst ("), inspect.out());
        assertTrue(inspect.out().contains("    |         echo configured\n"), inspect.out());
        assertFalse(inspect.out().contains("#DEBHELPER#"), inspect.out());
    }

    @Test
    void anOptionThatContradictsDebianControlIsAConflict() {
        Cli.Run r = build(jars.toString(), "--package", "other-name");
        assertEquals(1, r.exit(), r.toString());
        assertTrue(r.err().contains("--package 'other-name': --package says 'other-name', but debian/control line 16 "
                + "(Package) says 'tiny-app'; each field must have one source."), r.err());
    }

    @Test
    void badInputs() throws IOException {
        Cli.Run none = Cli.run("build");
        assertEquals(2, none.exit(), none.toString());
        assertTrue(none.err().contains("give the jars"), none.err());
        Cli.Run compression = build(jars.toString(), "--compression", "rar");
        assertEquals(2, compression.exit(), compression.toString());
        assertTrue(compression.err().contains("--compression 'rar'"), compression.err());
        jar(jars.resolve("second-main.jar"), "com.example.two.Two", true);
        Cli.Run two = build(jars.toString());
        assertEquals(1, two.exit(), two.toString());
        assertTrue(two.err().contains("several jars have a Main-Class") && two.err().contains("--jar"), two.err());
        Path lib = jar(tmp.resolve("only/lib.jar"), "com.example.l.L", false);
        Cli.Run noMain = build("--jar", lib.toString());
        assertEquals(1, noMain.exit(), noMain.toString());
        assertTrue(noMain.err().startsWith("make-deb: --main-class"), noMain.err());
        Path bare = tmp.resolve("no-debian");
        Cli.Run nothing = Cli.run("build", "--runtime", "none", "--debian-dir", bare.toString(), "--jar", jars.resolve("tiny-app-1.0.0.jar").toString(),
                "-o", tmp.resolve("out2").toString());
        assertEquals(1, nothing.exit(), nothing.toString());
        assertTrue(nothing.err().contains("make-deb: --package"), nothing.err());
        assertFalse(Files.exists(tmp.resolve("out2/tiny-app_1.0.0-1_all.deb")));
    }

    @Test
    void withoutDebianEverythingComesFromOptions() throws IOException {
        Cli.Run r = Cli.run("build", "--runtime", "none", "--debian-dir", tmp.resolve("none").toString(), "--jar",
                jars.resolve("tiny-app-1.0.0.jar").toString(), "--package", "solo", "--upstream-version", "2.0",
                "--maintainer", "Solo Dev <solo@example.org>", "--description", "stands alone", "--license", "MIT",
                "-o", tmp.toString(), "--timestamp", "0");
        assertEquals(0, r.exit(), r.toString());
        assertTrue(Files.isRegularFile(tmp.resolve("solo_2.0-1_all.deb")), r.toString());
        assertTrue(r.err().contains("the package's fields come from the options alone"), r.err());
    }

    @Test
    void everyProblemOfOneRunIsListedTogether() {
        Cli.Run r = Cli.run("build", "--runtime", "jre", "--compression", "rar", "--restart", "sometimes",
                "--debian-dir", tmp.resolve("none").toString(), "--jar", jars.resolve("tiny-app-1.0.0.jar").toString(),
                "-o", tmp.resolve("out3").toString());
        assertEquals(2, r.exit(), r.toString());
        assertTrue(r.err().contains("make-deb: cannot build the package: 3 problems."), r.err());
        assertTrue(r.err().contains("make-deb: --runtime 'jre': not a runtime mode."), r.err());
        assertTrue(r.err().contains("make-deb: --compression 'rar'"), r.err());
        assertTrue(r.err().contains("make-deb: --restart 'sometimes'"), r.err());

        Cli.Run fields = Cli.run("build", "--runtime", "none", "--debian-dir", tmp.resolve("none").toString(),
                "--jar", jars.resolve("tiny-app-1.0.0.jar").toString(), "-o", tmp.resolve("out3").toString(),
                "--timestamp", "0");
        assertEquals(1, fields.exit(), fields.toString());
        for (String flag : new String[]{"--package", "the version (--upstream-version, or --deb-version)",
                "--maintainer", "--description"}) {
            assertTrue(fields.err().contains("make-deb: " + flag), flag + " in\n" + fields.err());
        }
        assertFalse(Files.exists(tmp.resolve("out3")), "nothing is written");
    }

    @Test
    void debfullnameAndDebemailGiveTheMaintainer() throws IOException {
        Cli.Run r = Cli.run("", java.util.Map.of("DEBFULLNAME", "Env Dev", "DEBEMAIL", "env@example.org"), "build",
                "--runtime", "none", "--debian-dir", tmp.resolve("none").toString(), "--jar",
                jars.resolve("tiny-app-1.0.0.jar").toString(), "--package", "solo", "--upstream-version", "2.0",
                "--description", "stands alone", "-o", tmp.toString(), "--timestamp", "0", "--no-changes");
        assertEquals(0, r.exit(), r.toString());
        Cli.Run inspect = Cli.run("inspect", tmp.resolve("solo_2.0-1_all.deb").toString());
        assertTrue(inspect.out().contains("Maintainer: Env Dev <env@example.org>"), inspect.out());
        assertFalse(Files.exists(tmp.resolve("solo_2.0-1_all.changes")), "--no-changes");
    }

    @Test
    void architectureAnyWithoutARuntimeIsAnError() throws IOException {
        Path control = project.resolve("debian/control");
        Files.writeString(control, Files.readString(control).replace("Architecture: all", "Architecture: any"));
        Cli.Run r = build(jars.toString());
        assertEquals(1, r.exit(), r.toString());
        assertTrue(r.err().contains("the architecture (debian/control) 'any'") && r.err().contains("--runtime")
                || r.err().contains("runtime none"), r.err());
        assertFalse(Files.exists(tmp.resolve("out/tiny-app_1.0.0-1_all.deb")), "never a silent _all");
    }

    @Test
    void byDefaultARuntimeIsBundledAndTheOptionsMakeAService() throws IOException {
        Cli.Run r = Cli.run("build", "--debian-dir", project.resolve("debian").toString(), "-o",
                tmp.resolve("rt").toString(), "--timestamp", "2026-01-01T00:00:00Z", "--service", "--restart", "always",
                "--no-cds", jars.toString());
        assertEquals(0, r.exit(), r.toString());
        String deb = r.out().strip();
        assertTrue(deb.endsWith(".deb") && !deb.endsWith("_all.deb"), deb);
        assertTrue(Files.isRegularFile(Path.of(deb.replace(".deb", ".changes"))), "the .changes beside it");
        Cli.Run inspect = Cli.run("inspect", "-v", deb);
        assertTrue(inspect.out().contains("./usr/lib/tiny-app/runtime/bin/java"), inspect.out());
        assertTrue(inspect.out().contains("tiny-app.service"), inspect.out());
        assertTrue(inspect.out().contains("deb-systemd-invoke"), "the service's maintainer scripts\n" + inspect.out());
    }

    @Test
    void checkAndInspectOnBadFiles() throws IOException {
        Path junk = Files.writeString(tmp.resolve("junk.deb"), "not a package\n");
        Cli.Run check = Cli.run("check", junk.toString());
        assertEquals(1, check.exit(), check.toString());
        assertTrue(check.out().startsWith("E: " + junk + ": not-a-deb"), check.out());
        assertEquals(2, Cli.run("check").exit(), "a file is required");
        Cli.Run inspect = Cli.run("inspect", junk.toString());
        assertEquals(1, inspect.exit(), inspect.toString());
        assertTrue(inspect.err().contains("not a"), inspect.err());
    }
}
