package io.github.jpackagedeb.cli;

import io.github.jpackagedeb.core.testing.ExternalTools;
import io.github.jpackagedeb.core.testing.Integration;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** make-deb init: golden tree, piped answers, the non-interactive list, and every bad input of the issue. */
class InitCommandTest {

    @TempDir
    Path tmp;

    static final Path GOLDEN = Path.of(System.getProperty("basedir", "."), "src/test/resources/golden/init-tiny");

    @Test
    void initWritesTheGoldenTree() throws IOException {
        Path p = Cli.project("tiny", tmp);
        Cli.Run r = Cli.run("--dir", p.toString(), "--non-interactive");
        assertEquals(0, r.exit(), r.toString());
        Map<String, String> actual = Cli.tree(p.resolve("debian"));
        if ("true".equals(System.getProperty("golden.update"))) {
            if (Files.exists(GOLDEN)) {
                try (var s = Files.walk(GOLDEN)) {
                    for (Path f : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                        Files.delete(f);
                    }
                }
            }
            Cli.copy(p.resolve("debian"), GOLDEN);
        }
        assertEquals(Cli.tree(GOLDEN), actual, "update with -Dgolden.update=true when the change is wanted");
        for (String exe : List.of("rules", "tiny-app.postinst.ex", "tiny-app.prerm.ex", "tiny-app.postrm.ex")) {
            assertEquals("rwxr-xr-x", PosixFilePermissions.toString(Files.getPosixFilePermissions(p.resolve("debian/" + exe))));
        }
        assertTrue(r.out().contains("  debian/control\n"), r.toString());
        assertTrue(r.err().contains("Wrote debian/ for tiny-app 1.0.0-1 (Architecture: all)"), r.toString());
    }

    @Test
    void makeDebAloneIsInit() {
        Path p = Cli.project("tiny", tmp);
        Cli.Run r = Cli.run("--dir", p.toString(), "--non-interactive", "-q", "--service");
        assertEquals(0, r.exit(), r.toString());
        assertTrue(Files.isRegularFile(p.resolve("debian/tiny-app.service")));
        assertEquals("", r.err(), "-q prints only results and errors");
    }

    @Test
    void nonInteractiveListsEveryMissingValueWithItsOption() throws IOException {
        Path p = Cli.project("bare", tmp);
        Cli.Run r = Cli.run("init", "--dir", p.toString());
        assertEquals(2, r.exit(), r.toString());
        assertTrue(r.err().contains("cannot write debian/ without these values; give them as options, or run make-deb in "
                + "a terminal to be asked:"), r.err());
        assertTrue(r.err().contains("--description TEXT"), r.err());
        assertTrue(r.err().contains("--maintainer 'Full Name <email@example.org>'"), r.err());
        assertTrue(r.err().contains("--license NAME"), r.err());
        assertFalse(r.err().contains("--package"), "the package name comes from the artifactId");
        assertFalse(Files.exists(p.resolve("debian")), "nothing is written");
    }

    @Test
    void pipedAnswersAreValidatedAndReasked() throws IOException {
        Path p = Cli.project("bare", tmp);
        String answers = "Bare bones application\nSkeleton application for the tests\nnobody\nBarry Bones <barry@example.org>\nFrobnicate License\nGPL-3.0\n";
        Cli.Run r = Cli.run(answers, Map.of(), "init", "--dir", p.toString(), "--interactive");
        assertEquals(0, r.exit(), r.toString());
        assertTrue(r.out().contains("One-line description (what the application does): "), r.out());
        assertTrue(r.err().contains("not of the form 'Full Name <email@example.org>'") && r.err().contains("Try again."), r.err());
        assertTrue(r.err().contains("not a license name make-deb knows"), r.err());
        assertTrue(r.err().contains("the synopsis starts with the package name"), r.err());
        String control = Files.readString(p.resolve("debian/control"));
        assertTrue(control.contains("Maintainer: Barry Bones <barry@example.org>\n"), control);
        assertTrue(control.contains("Description: Skeleton application for the tests\n"), control);
        assertTrue(Files.readString(p.resolve("debian/copyright")).contains("License: GPL-3.0\n"));
        assertTrue(Files.readString(p.resolve("debian/changelog")).startsWith("bare (2.0.0~snapshot-1) unstable;"),
                "a snapshot is written without a time stamp: each build stamps its own");
    }

    @Test
    void theEndOfInputStopsAskingAndListsWhatIsLeft() {
        Path p = Cli.project("bare", tmp);
        Cli.Run r = Cli.run("Skeleton application for the tests\n", Map.of(), "init", "--dir", p.toString(), "--interactive");
        assertEquals(2, r.exit(), r.toString());
        assertTrue(r.err().contains("--maintainer") && r.err().contains("--license"), r.err());
        assertFalse(r.err().contains("--description TEXT"), r.err());
    }

    @Test
    void debfullnameAndDebemailAndOptionsFillTheGaps() throws IOException {
        Path p = Cli.project("bare", tmp);
        Cli.Run r = Cli.run("", Map.of("DEBFULLNAME", "Env Person", "DEBEMAIL", "env@example.org"), "init",
                "--dir", p.toString(), "--description", "Skeleton application for the tests", "--license", "MIT",
                "--message", "First upload.");
        assertEquals(0, r.exit(), r.toString());
        assertTrue(Files.readString(p.resolve("debian/control")).contains("Maintainer: Env Person <env@example.org>"));
        assertTrue(Files.readString(p.resolve("debian/changelog")).contains("  * First upload.\n"));
    }

    @Test
    void theParentChainGivesVersionLicenseDevelopersAndProperties() throws IOException {
        Path root = Cli.project("parent", tmp);
        Cli.Run r = Cli.run("init", "--dir", root.resolve("app").toString(), "--non-interactive", "-v");
        assertEquals(0, r.exit(), r.toString());
        String control = Files.readString(root.resolve("app/debian/control"));
        assertTrue(control.contains("Source: family-app\n"), control);
        assertTrue(control.contains("Maintainer: Lead Developer <lead@example.org>\n"), "developer name from a parent property: " + control);
        assertTrue(control.contains("Description: Runs the family's jobs, version 3.1.0\n"), control);
        assertTrue(control.contains("Homepage: https://example.org/family/Family_App\n"), "an inherited url gets the artifactId: " + control);
        assertTrue(control.contains("openjdk-21-jdk-headless"), control);
        assertTrue(control.contains("Architecture: any\nDepends: ${jpackage-deb:Depends},\n         ${misc:Depends}\n"
                        + "Recommends: ${jpackage-deb:Recommends}\n"),
                "the plugin bundles a runtime unless <runtime>none</runtime>: " + control);
        String copyright = Files.readString(root.resolve("app/debian/copyright"));
        assertTrue(copyright.contains("Copyright: 2026 Example Org\n           Lead Developer\n"), copyright);
        assertTrue(copyright.contains("License: Apache-2.0\n On Debian systems"), copyright);
        assertTrue(Files.readString(root.resolve("app/debian/changelog")).startsWith("family-app (3.1.0-1) unstable;"));
        assertTrue(Files.readString(root.resolve("app/debian/rules"))
                .contains("io.github.jpackagedeb:jpackage-deb-maven-plugin:"), "the pom does not declare the plugin");
        assertTrue(r.err().contains("parent: org.example.family:family-parent:3.1.0"), r.err());
        assertTrue(r.err().contains("the pom does not use jpackage-deb-maven-plugin"), r.err());
    }

    @Test
    void thePluginsConfigurationGoesIntoDebianControl() throws IOException {
        Path p = Cli.project("tiny", tmp);
        Path pom = p.resolve("pom.xml");
        Files.writeString(pom, Files.readString(pom).replace("<section>utils</section>", "<section>utils</section>"
                + "<depends><depend>curl</depend><depend>jq (>= 1.6)</depend></depends>"
                + "<recommends><recommend>less</recommend></recommends><priority>extra</priority>"
                + "<revision>3</revision><longDescription>Configured long text.</longDescription>"));
        Cli.Run r = Cli.run("--dir", p.toString(), "--non-interactive");
        assertEquals(0, r.exit(), r.toString());
        String control = Files.readString(p.resolve("debian/control"));
        assertTrue(control.contains("Depends: ${misc:Depends},\n         default-jre-headless (>= 2:1.17) | java17-runtime-headless,\n"
                + "         curl,\n         jq (>= 1.6)\nRecommends: less\n"), control);
        assertTrue(control.contains("Priority: extra\n"), control);
        assertTrue(control.contains("Description: Prints a greeting\n Configured long text.\n"), control);
        assertTrue(Files.readString(p.resolve("debian/changelog")).startsWith("tiny-app (1.0.0-3) unstable;"));
    }

    @Test
    void theChangelogTakesGitsLastCommitSubject() throws Exception {
        Path p = Cli.project("tiny", tmp);
        Assumptions.assumeTrue(exec(p, "git", "init", "-q") == 0, "git is not installed");
        exec(p, "git", "add", "pom.xml");
        assertEquals(0, exec(p, "git", "-c", "user.name=T", "-c", "user.email=t@example.org", "commit", "-q", "-m",
                "Greet in French too"));
        assertEquals(0, Cli.run("--dir", p.toString(), "--non-interactive").exit());
        assertTrue(Files.readString(p.resolve("debian/changelog")).contains("  * Greet in French too\n"));
    }

    @Test
    void anExistingDebianDirIsKeptUnlessForced() throws IOException {
        Path p = Cli.project("tiny", tmp);
        Files.createDirectories(p.resolve("debian"));
        Files.writeString(p.resolve("debian/control"), "mine\n");
        Files.writeString(p.resolve("debian/watch"), "version=4\n");
        Cli.Run r = Cli.run("--dir", p.toString(), "--non-interactive");
        assertEquals(1, r.exit(), r.toString());
        assertTrue(r.err().contains("debian/ '" + p.resolve("debian") + "': the directory exists; make-deb init never "
                + "overwrites it."), r.err());
        assertTrue(r.err().contains("--force"), r.err());
        assertEquals("mine\n", Files.readString(p.resolve("debian/control")));
        Cli.Run forced = Cli.run("--dir", p.toString(), "--non-interactive", "--force");
        assertEquals(0, forced.exit(), forced.toString());
        assertTrue(Files.readString(p.resolve("debian/control")).contains("Source: tiny-app"));
        assertEquals("version=4\n", Files.readString(p.resolve("debian/watch")));
    }

    @Test
    void dryRunPrintsAndWritesNothing() {
        Path p = Cli.project("tiny", tmp);
        Cli.Run r = Cli.run("--dir", p.toString(), "--non-interactive", "--dry-run");
        assertEquals(0, r.exit(), r.toString());
        assertTrue(r.out().contains("=== debian/rules (executable)\n#!/usr/bin/make -f\n"), r.out());
        assertTrue(r.out().contains("=== debian/control\n"), r.out());
        assertTrue(r.err().contains("Dry run: would write 10 files"), r.err());
        assertFalse(Files.exists(p.resolve("debian")));
    }

    @Test
    void withoutAPomEveryValueComesFromTheOptions() throws IOException {
        Path p = Files.createDirectories(tmp.resolve("gradle-project"));
        Cli.Run r = Cli.run("--dir", p.toString(), "--non-interactive", "--package", "gradle-app", "--upstream-version",
                "1.4.0", "--description", "greets from Gradle", "--maintainer", "Gra Dle <gradle@example.org>",
                "--license", "MIT", "--no-runtime");
        assertEquals(0, r.exit(), r.toString());
        assertTrue(r.err().contains("No pom.xml in"), r.err());
        assertTrue(r.err().contains("Next: make-deb build DIR"), r.err());
        String control = Files.readString(p.resolve("debian/control"));
        assertTrue(control.contains("Source: gradle-app") && control.contains("Package: gradle-app"), control);
        assertFalse(control.contains("maven"), "no Maven in Build-Depends:\n" + control);
        assertTrue(control.contains("Description: greets from Gradle"), control);
        assertTrue(Files.readString(p.resolve("debian/changelog")).startsWith("gradle-app (1.4.0-1) "));
        assertTrue(Files.readString(p.resolve("debian/copyright")).contains("License: Expat"), "MIT by its Debian name");
        assertFalse(Files.exists(p.resolve("debian/rules")), "debian/rules would run a Maven build");
    }

    @Test
    void badInput() throws IOException {
        Cli.Run none = Cli.run("--dir", tmp.toString(), "--non-interactive");
        assertEquals(2, none.exit(), "no pom: every value must come from the options\n" + none);
        for (String flag : new String[]{"--package", "--upstream-version", "--description", "--maintainer", "--license"}) {
            assertTrue(none.err().contains(flag), flag + " in\n" + none.err());
        }
        assertFalse(Files.exists(tmp.resolve("debian")));

        Cli.Run broken = Cli.run("--dir", Cli.project("broken", tmp).toString(), "--non-interactive");
        assertEquals(1, broken.exit(), broken.toString());
        assertTrue(broken.err().contains("not a valid pom:") && broken.err().contains("projekt"), broken.err());

        Cli.Run aggregator = Cli.run("--dir", Cli.project("pompkg", tmp).toString(), "--non-interactive");
        assertEquals(1, aggregator.exit(), aggregator.toString());
        assertTrue(aggregator.err().contains("<packaging>pom</packaging>"), aggregator.err());

        Path tiny = Cli.project("tiny", tmp);
        Cli.Run license = Cli.run("--dir", tiny.toString(), "--license", "Frobnicate License");
        assertEquals(2, license.exit(), license.toString());
        assertTrue(license.err().contains("--license 'Frobnicate License': not a license name make-deb knows"), license.err());
        Cli.Run maintainer = Cli.run("--dir", tiny.toString(), "--maintainer", "nobody");
        assertEquals(2, maintainer.exit(), maintainer.toString());
        assertTrue(maintainer.err().contains("--maintainer 'nobody'"), maintainer.err());
        Cli.Run both = Cli.run("--dir", tiny.toString(), "--interactive", "--non-interactive");
        assertEquals(2, both.exit(), both.toString());
        assertFalse(Files.exists(tiny.resolve("debian")));
    }

    @Test
    @Integration
    void aNonWritableDirectoryFailsWithNothingWritten() throws Exception {
        ExternalTools.requireRoot("chattr +i makes a directory read-only even for root");
        ExternalTools.require("chattr");
        Path p = Cli.project("tiny", tmp);
        boolean immutable = exec(p, "chattr", "+i", p.toString()) == 0;
        if (!immutable) {
            Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("r-xr-xr-x"));
        }
        try {
            Assumptions.assumeTrue(immutable || !Files.isWritable(p), "cannot make the directory read-only here");
            Cli.Run r = Cli.run("--dir", p.toString(), "--non-interactive");
            assertEquals(1, r.exit(), r.toString());
            assertTrue(r.err().contains("cannot create files in the project directory"), r.err());
        } finally {
            if (immutable) {
                exec(p, "chattr", "-i", p.toString());
            }
            Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        assertEquals(new TreeMap<>(Map.of("pom.xml", Files.readString(p.resolve("pom.xml")))), Cli.tree(p));
    }

    static int exec(Path dir, String... cmd) throws IOException, InterruptedException {
        try {
            Process proc = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
            proc.getInputStream().readAllBytes();
            return proc.waitFor();
        } catch (IOException e) {
            return 127;
        }
    }
}
