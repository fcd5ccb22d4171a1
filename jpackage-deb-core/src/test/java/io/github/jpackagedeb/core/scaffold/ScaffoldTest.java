package io.github.jpackagedeb.core.scaffold;

import io.github.jpackagedeb.core.Setting;
import io.github.jpackagedeb.core.testing.Integration;

import io.github.jpackagedeb.core.DebException;
import io.github.jpackagedeb.core.assembly.License;
import io.github.jpackagedeb.core.debiandir.Deb822;
import io.github.jpackagedeb.core.debiandir.DebianChangelog;
import io.github.jpackagedeb.core.debiandir.DebianControl;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Integration
class ScaffoldTest {

    @TempDir
    Path project;

    static ScaffoldSpec.Builder tiny() {
        return ScaffoldSpec.builder().packageName("tiny-app").upstreamVersion("1.0.0").maintainer("Tiny Tester <tiny@example.org>")
                .synopsis("Prints a greeting").longDescription("Used by the tests.").homepage("https://example.org/tiny")
                .license(new License("MIT License", "https://opensource.org/licenses/MIT"))
                .copyrightHolder("Tiny Tester").timestamp(Instant.parse("2026-01-01T00:00:00Z"))
                .changelogMessage("Add a greeting.");
    }

    static Map<String, Scaffold.File> byPath(List<Scaffold.File> files) {
        return files.stream().collect(Collectors.toMap(Scaffold.File::path, f -> f));
    }

    @Test
    void theFilesOfAJarOnlyApplication() {
        Map<String, Scaffold.File> files = byPath(Scaffold.render(tiny().build()));
        assertEquals(List.of("debian/changelog", "debian/control", "debian/copyright", "debian/rules",
                "debian/source/format", "debian/tiny-app.default", "debian/tiny-app.lintian-overrides",
                "debian/tiny-app.postinst.ex", "debian/tiny-app.postrm.ex", "debian/tiny-app.prerm.ex"),
                files.keySet().stream().sorted().toList());
        DebianControl control = DebianControl.parse(files.get("debian/control").content(), "control");
        Deb822.Paragraph src = control.source().orElseThrow();
        // the JDK the project builds with, and Debian's Maven (the wrapper would download one)
        assertEquals("debhelper-compat (= 13), openjdk-17-jdk-headless, maven", src.value("Build-Depends").orElseThrow());
        assertEquals("no", src.value("Rules-Requires-Root").orElseThrow());
        Deb822.Paragraph bin = control.binary(null);
        assertEquals("all", bin.value("Architecture").orElseThrow());
        assertEquals("${misc:Depends}, default-jre-headless (>= 2:1.17) | java17-runtime-headless",
                bin.value("Depends").orElseThrow());
        DebianChangelog log = DebianChangelog.parse(files.get("debian/changelog").content(), "changelog");
        assertEquals("1.0.0-1", log.newest().version().toString());
        assertEquals(List.of("  * Add a greeting."), log.newest().changes());
        assertEquals(Instant.parse("2026-01-01T00:00:00Z"), log.newest().date());
        assertEquals("3.0 (quilt)\n", files.get("debian/source/format").content());
        assertTrue(files.get("debian/rules").executable());
        assertTrue(files.get("debian/rules").content().contains("\n\tdh $@\n"), "make needs tabs");
        for (String s : List.of("postinst", "prerm", "postrm")) {
            Scaffold.File f = files.get("debian/tiny-app." + s + ".ex");
            assertTrue(f.executable() && f.content().contains("\n#DEBHELPER#\n") && f.content().startsWith("#!/bin/sh\n"), s);
        }
        List<Deb822.Paragraph> copyright = Deb822.parse(files.get("debian/copyright").content(), "copyright");
        assertEquals(4, copyright.size());
        assertEquals("Expat", copyright.get(1).value("License").orElseThrow());
        assertEquals("2026 Tiny Tester", copyright.get(1).value("Copyright").orElseThrow());
        assertTrue(copyright.get(3).field("License").orElseThrow().value().contains("https://opensource.org/licenses/MIT"));
    }

    @Test
    void aServiceWithABundledRuntime() {
        Map<String, Scaffold.File> files = byPath(Scaffold.render(tiny().service(true).bundlesRuntime(true).mavenWrapper(true)
                .javaRelease(21).build()));
        assertTrue(files.containsKey("debian/tiny-app.service"));
        assertTrue(files.get("debian/tiny-app.service").content().contains("ExecStart=/usr/bin/tiny-app"));
        assertTrue(files.get("debian/tiny-app.default").content().contains("systemctl restart tiny-app.service"));
        Deb822.Paragraph bin = DebianControl.parse(files.get("debian/control").content(), "c").binary(null);
        assertEquals("any", bin.value("Architecture").orElseThrow());
        // the stage goal fills these (debian/tiny-app.substvars) as mvn package computes them
        assertEquals("${jpackage-deb:Depends}, ${misc:Depends}, adduser", bin.value("Depends").orElseThrow());
        assertEquals("${jpackage-deb:Recommends}", bin.value("Recommends").orElseThrow());
        assertEquals("debhelper-compat (= 13), openjdk-21-jdk-headless, maven",
                DebianControl.parse(files.get("debian/control").content(), "c").source().orElseThrow()
                        .value("Build-Depends").orElseThrow());
        String rules = files.get("debian/rules").content();
        assertTrue(rules.contains("\nMVN ?= mvn\n") && rules.contains("\nMAVEN = MAVEN_ARGS= $(MVN) -B -ntp $(MAVEN_ARGS)\n")
                && rules.contains("$(MAVEN_ARGS)") && rules.contains("\noverride_dh_shlibdeps:\n"), rules);
    }

    @Test
    void theScriptsAndRulesAreValid() throws IOException, InterruptedException {
        requireTool("make");
        Scaffold.write(project, Scaffold.render(tiny().service(true).build()), false);
        Path d = project.resolve("debian");
        for (String s : List.of("postinst", "prerm", "postrm")) {
            assertEquals(0, run(project, "sh", "-n", d.resolve("tiny-app." + s + ".ex").toString()), s);
        }
        assertEquals(0, run(project, "make", "-n", "-f", "debian/rules", "override_dh_auto_clean"));
        // MAVEN_ARGS reaches Maven on its command line, once, whatever Maven's version (only >= 3.9 reads the
        // variable itself, so mvn runs with it emptied)
        ProcessBuilder mk = new ProcessBuilder("make", "-n", "-f", "debian/rules", "override_dh_auto_build")
                .directory(project.toFile()).redirectErrorStream(true);
        mk.environment().put("MAVEN_ARGS", "-o -Dx=1");
        Process make = mk.start();
        String out = new String(make.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertEquals(0, make.waitFor(), out);
        assertEquals("MAVEN_ARGS= mvn -B -ntp -o -Dx=1 -Djpackage-deb.skip=true package\n", out);
        ProcessBuilder env = new ProcessBuilder("make", "-f", "debian/rules", "--eval", "show-env:\n\t@echo \"[$$MAVEN_ARGS]\"",
                "show-env").directory(project.toFile()).redirectErrorStream(true);
        env.environment().put("MAVEN_ARGS", "-o");
        Process q = env.start();
        String shown = new String(q.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertEquals(0, q.waitFor(), shown);
        assertEquals("[-o]\n", shown, "MAVEN_ARGS stays exported: dh runs the override targets in a new make");
        assertEquals("rwxr-xr-x", PosixFilePermissions.toString(Files.getPosixFilePermissions(d.resolve("rules"))));
        assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(d.resolve("control"))));
        if (which("dpkg-parsechangelog")) {
            ProcessBuilder pb = new ProcessBuilder("dpkg-parsechangelog", "-S", "Version").directory(project.toFile());
            Process p = pb.start();
            assertEquals("1.0.0-1", new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip());
            assertEquals(0, p.waitFor());
        }
    }

    @Test
    void anExistingDebianDirIsNeverOverwrittenWithoutForce() throws IOException {
        Path d = Files.createDirectories(project.resolve("debian"));
        Files.writeString(d.resolve("control"), "mine\n");
        Files.writeString(d.resolve("watch"), "version=4\n");
        DebException e = assertThrows(DebException.class, () -> Scaffold.write(project, Scaffold.render(tiny().build()), false));
        assertTrue(e.fix().contains("--force"), e.getMessage());
        assertEquals("mine\n", Files.readString(d.resolve("control")));
        Scaffold.write(project, Scaffold.render(tiny().build()), true);
        assertTrue(Files.readString(d.resolve("control")).contains("Package: tiny-app"));
        assertEquals("version=4\n", Files.readString(d.resolve("watch")), "--force keeps files make-deb does not write");
        assertEquals(List.of("debian"), names(project), "no temporary directory is left");
    }

    @Test
    void forceKeepsABackupOfEveryEditAndTheChangelogsEntries() throws IOException {
        Scaffold.write(project, Scaffold.render(tiny().build()), false);
        Path d = project.resolve("debian");
        String defaults = Files.readString(d.resolve("tiny-app.default")) + "JAVA_OPTS=-Xmx64m\n";
        Files.writeString(d.resolve("tiny-app.default"), defaults);
        String log = "tiny-app (0.9-1) unstable; urgency=medium\n\n  * My own entry.\n\n"
                + " -- Jane Doe <jane@example.org>  Wed, 01 Jan 2025 00:00:00 +0000\n";
        Files.writeString(d.resolve("changelog"), log);
        String control = Files.readString(d.resolve("control"));

        Scaffold.Written w = Scaffold.writeKeepingEdits(project, Scaffold.render(tiny().build()), true);
        assertEquals(defaults, Files.readString(d.resolve("tiny-app.default.~1~")), "the edit is kept beside the file");
        assertEquals("debian/tiny-app.default.~1~", w.backups().get("debian/tiny-app.default"));
        assertFalse(w.backups().containsKey("debian/control"), "an unchanged file needs no backup");
        assertEquals(control, Files.readString(d.resolve("control")));
        String merged = Files.readString(d.resolve("changelog"));
        DebianChangelog parsed = DebianChangelog.parse(merged, "debian/changelog");
        assertEquals(2, parsed.entries().size(), merged);
        assertEquals("0.9-1", parsed.entries().get(1).version().toString());
        assertTrue(merged.endsWith(log), merged);
        assertEquals(List.of("debian/changelog"), w.merged());

        // a second --force: the newest entry is already for this version, so the changelog stays; backups count up
        Files.writeString(d.resolve("tiny-app.default"), "EDITED=again\n");
        Scaffold.Written again = Scaffold.writeKeepingEdits(project, Scaffold.render(tiny().build()), true);
        assertEquals(merged, Files.readString(d.resolve("changelog")));
        assertEquals("EDITED=again\n", Files.readString(d.resolve("tiny-app.default.~2~")));
        assertEquals(defaults, Files.readString(d.resolve("tiny-app.default.~1~")));
        assertEquals(List.of(), again.merged());
    }

    @Test
    void nothingIsHalfWrittenWhenTheDirectoryIsNotWritable() throws IOException, InterruptedException {
        requireTool("chattr");
        Path ro = Files.createDirectories(project.resolve("ro"));
        boolean immutable = run(project, "chattr", "+i", ro.toString()) == 0;
        if (!immutable) {
            Files.setPosixFilePermissions(ro, PosixFilePermissions.fromString("r-xr-xr-x"));
        }
        try {
            Assumptions.assumeFalse(Files.isWritable(ro) && !immutable, "the directory stays writable (root without chattr)");
            DebException e = assertThrows(DebException.class, () -> Scaffold.write(ro, Scaffold.render(tiny().build()), false));
            assertEquals("debianDir", e.field());
            assertTrue(e.fix().contains("write"), e.getMessage());
        } finally {
            if (immutable) {
                run(project, "chattr", "-i", ro.toString());
            }
            Files.setPosixFilePermissions(ro, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        assertEquals(List.of(), names(ro));
        DebException missing = assertThrows(DebException.class,
                () -> Scaffold.write(project.resolve("no-such-dir"), Scaffold.render(tiny().build()), false));
        assertEquals("debianDir", missing.field());
    }

    @Test
    void missingValuesAndChecks() {
        ScaffoldSpec.Builder empty = ScaffoldSpec.builder().timestamp(Instant.EPOCH);
        assertEquals(List.of(Setting.PACKAGE_NAME, Setting.VERSION, Setting.DESCRIPTION, Setting.MAINTAINER,
                Setting.LICENSE), empty.missing());
        assertEquals(List.of(), tiny().missing());
        assertEquals("my-app", ScaffoldSpec.check(Setting.PACKAGE_NAME, " my-app "));
        assertThrows(DebException.class, () -> ScaffoldSpec.check(Setting.PACKAGE_NAME, "My_App"));
        assertThrows(DebException.class, () -> ScaffoldSpec.check(Setting.MAINTAINER, "jane"));
        assertThrows(DebException.class, () -> ScaffoldSpec.check(Setting.VERSION, "v1"));
        assertThrows(DebException.class, () -> ScaffoldSpec.check(Setting.DESCRIPTION, "x".repeat(90)));
        assertEquals("GPL-3.0", ScaffoldSpec.check(Setting.LICENSE, "GPL-3.0"));
        DebException unknown = assertThrows(DebException.class, () -> ScaffoldSpec.check(Setting.LICENSE,
                "Frobnicate Public License"));
        assertTrue(unknown.fix().contains("Apache-2.0") && unknown.fix().contains("MIT is Expat"), unknown.getMessage());
        assertFalse(ScaffoldSpec.isKnown(new License("WTFPL", null)));
        ScaffoldSpec.checkLicense(new License("WTFPL", "http://www.wtfpl.net/txt/copying/"));
    }

    private static List<String> names(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private static boolean which(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }

    private static void requireTool(String tool) {
        if (!which(tool)) {
            if ("true".equals(System.getenv("CI"))) {
                Assertions.fail(tool + " is required when CI=true");
            }
            Assumptions.abort(tool + " is not installed");
        }
    }

    private static int run(Path dir, String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        return p.waitFor();
    }
}
