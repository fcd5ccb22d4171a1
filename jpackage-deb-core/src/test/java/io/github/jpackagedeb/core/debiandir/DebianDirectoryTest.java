package io.github.jpackagedeb.core.debiandir;

import io.github.jpackagedeb.core.DebException;
import io.github.jpackagedeb.core.DebLog;
import io.github.jpackagedeb.core.Setting;
import io.github.jpackagedeb.core.assembly.License;
import io.github.jpackagedeb.core.control.ControlFile;
import io.github.jpackagedeb.core.scaffold.Scaffold;
import io.github.jpackagedeb.core.scaffold.ScaffoldSpec;
import io.github.jpackagedeb.core.control.PackageSpec;
import io.github.jpackagedeb.core.control.Relation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DebianDirectoryTest {

    @TempDir
    Path project;

    static final String CHANGELOG = "app (1.0.0-3) unstable; urgency=medium\n\n  * Third packaging.\n\n"
            + " -- Jane Doe <jane@example.org>  Thu, 01 Jan 2026 00:00:00 +0000\n";

    Path debian(String control, String changelog) throws IOException {
        Path d = Files.createDirectories(project.resolve("debian"));
        if (control != null) {
            Files.writeString(d.resolve("control"), control);
        }
        if (changelog != null) {
            Files.writeString(d.resolve("changelog"), changelog);
        }
        return d;
    }

    static SpecDraft pomDerived() {
        return SpecDraft.empty()
                .derived(Setting.PACKAGE_NAME, "app", "the artifactId")
                .derived(Setting.VERSION, "1.0.0-1", "the project <version> 1.0.0")
                .derived(Setting.MAINTAINER, "Pom Dev <dev@example.org>", "the first <developer>")
                .derived(Setting.DESCRIPTION, "pom synopsis", "the project <description>")
                .derived(Setting.HOMEPAGE, "https://pom.example.org", "the project <url>");
    }

    @Test
    void debianControlOverridesDerivedValuesFieldByField() throws IOException {
        Path d = debian(DebianControlTest.CONTROL, CHANGELOG);
        PackageSpec spec = DebianDirectory.read(d).apply(pomDerived(), DebLog.SILENT).toSpec();
        assertEquals("Jane Doe <jane@example.org>", spec.maintainer());
        assertEquals("tool that does things", spec.synopsis());
        assertEquals("https://example.org/app", spec.homepage());
        assertEquals("utils", spec.section());
        assertEquals(List.of("default-jre-headless (>= 2:1.17) | java17-runtime-headless"), spec.relation(Relation.DEPENDS));
        assertEquals("1.0.0-3", spec.version().toString(), "the changelog's revision is the packager's");
    }

    @Test
    void aConfiguredValueThatDisagreesIsAConflictNamingBothSources() throws IOException {
        Path d = debian("Package: x\nArchitecture: all\nDescription: d\n", null);
        SpecDraft draft = pomDerived().configured(Setting.PACKAGE_NAME, "y", "<packageName>");
        DebException e = assertThrows(DebException.class, () -> DebianDirectory.read(d).apply(draft, DebLog.SILENT));
        assertEquals("packageName", e.field());
        assertTrue(e.problem().contains("<packageName> says 'y'") && e.problem().contains("debian/control line 1 (Package)")
                && e.problem().contains("'x'"), e.problem());
        // the same value twice is fine
        SpecDraft same = pomDerived().configured(Setting.PACKAGE_NAME, "x", "<packageName>");
        assertEquals("x", DebianDirectory.read(d).apply(same,
                DebLog.SILENT).get(Setting.PACKAGE_NAME).orElseThrow().value());
        assertEquals("x", DebianDirectory.read(d).apply(pomDerived(),
                DebLog.SILENT).get(Setting.PACKAGE_NAME).orElseThrow().value(),
                "over a derived name, debian/control wins");
    }

    @Test
    void aConfiguredRelationMustBeInDebianControlWhichMayAddToIt() throws IOException {
        Path d = debian(DebianControlTest.CONTROL, null);
        SpecDraft held = pomDerived().configured(Relation.RECOMMENDS, List.of("curl"), "<recommends>");
        assertEquals(List.of("curl"), DebianDirectory.read(d).apply(held, DebLog.SILENT).toSpec().relation(Relation.RECOMMENDS));
        SpecDraft subset = pomDerived().configured(Relation.DEPENDS, List.of("default-jre-headless (>= 2:1.17) | "
                + "java17-runtime-headless"), "<depends>");
        assertEquals(1, DebianDirectory.read(d).apply(subset, DebLog.SILENT).toSpec().relation(Relation.DEPENDS).size());
        SpecDraft missing = pomDerived().configured(Relation.DEPENDS, List.of("libfoo1"), "<depends>");
        DebException e = assertThrows(DebException.class, () -> DebianDirectory.read(d).apply(missing, DebLog.SILENT));
        assertTrue(e.problem().contains("<depends> lists 'libfoo1', but debian/control line 10 (Depends)"), e.problem());
    }

    @Test
    void architectureAnyLeavesTheChoiceToTheBuild() throws IOException {
        Path d = debian("Package: app\nArchitecture: any\nDescription: d\n", null);
        assertTrue(DebianDirectory.read(d).apply(pomDerived(), DebLog.SILENT).get(Setting.ARCHITECTURE).isEmpty());
    }

    @Test
    void aChangelogForAnotherVersionIsSaidAndTheProjectVersionBuilt() throws IOException {
        Path d = debian(null, CHANGELOG);
        SpecDraft newer = pomDerived().derived(Setting.VERSION, "1.1.0-1", "the project <version> 1.1.0");
        List<String> warnings = new java.util.ArrayList<>();
        DebLog log = new DebLog() {
            @Override public void debug(String message) { }
            @Override public void info(String message) { }
            @Override public void warn(String message) {
                warnings.add(message);
            }
        };
        assertEquals("1.1.0-1", DebianDirectory.read(d).apply(newer, log).toSpec().version().toString(),
                "another upstream version: the project's version is built (and gets its own changelog entry)");
        assertEquals(1, warnings.size());
        String w = warnings.get(0);
        assertTrue(w.contains("the newest entry of debian/changelog line 1 is for 1.0.0-3 (another upstream version)")
                && w.contains("gets a changelog entry for 1.1.0-1") && w.contains("make-deb changelog")
                && w.contains("dch -v 1.1.0-1"), w);
        // dpkg-buildpackage (the stage goal) builds the entry's version: another upstream version is an error there
        DebException exact = assertThrows(DebException.class, () -> DebianDirectory.read(d).apply(newer, log, true));
        assertTrue(exact.problem().contains("which dpkg-buildpackage would build"), exact.problem());
        assertTrue(exact.fix().contains("make-deb changelog") && exact.fix().contains("dch -v 1.1.0-1"), exact.fix());
        SpecDraft snap = pomDerived().derived(Setting.VERSION, "1.0.0~snapshot.20260101000000-1",
                "the project <version>")
                .snapshot(true);
        assertEquals("1.0.0-3", DebianDirectory.read(d).apply(snap, log, true).toSpec().version().toString(),
                "the stage goal takes the entry's version exactly, as dpkg-gencontrol does");
        SpecDraft configured = pomDerived().configured(Setting.VERSION, "2:1.0.0-1", "<debianVersion>");
        DebException c = assertThrows(DebException.class, () -> DebianDirectory.read(d).apply(configured, DebLog.SILENT));
        assertTrue(c.problem().contains("<debianVersion> says '2:1.0.0-1'"), c.getMessage());
        SpecDraft snapshot = pomDerived().derived(Setting.VERSION, "1.0.0~snapshot.20260101000000-1",
                "the project <version>")
                .snapshot(true);
        assertEquals("1.0.0~snapshot.20260101000000-3", DebianDirectory.read(d).apply(snapshot, DebLog.SILENT).toSpec().version().toString(),
                "a snapshot keeps its time stamp and takes the changelog's revision");
        SpecDraft otherName = pomDerived().configured(Setting.PACKAGE_NAME, "other", "<packageName>");
        DebException n = assertThrows(DebException.class, () -> DebianDirectory.read(d).apply(otherName, DebLog.SILENT));
        assertTrue(n.problem().contains("for package 'app'"), n.getMessage());
    }

    @Test
    void badValuesFromDebianAreReportedAgainstTheFile() throws IOException {
        Path d = debian("Package: app\nMaintainer: nobody\nArchitecture: all\nDescription: d\n", null);
        DebException e = assertThrows(DebException.class, () -> DebianDirectory.read(d).apply(pomDerived(), DebLog.SILENT).toSpec());
        assertEquals("debianControl", e.field());
        assertTrue(e.problem().startsWith("debian/control line 2 (Maintainer): "), e.problem());
    }

    @Test
    void docsLintianOverridesAndConffiles() throws IOException {
        Path d = debian(null, CHANGELOG);
        Files.writeString(d.resolve("copyright"), "Format: x\n");
        Files.writeString(d.resolve("app.lintian-overrides"), "# why\napp: some-tag\n");
        Files.writeString(d.resolve("conffiles"), "/usr/share/app/app.conf\nremove-on-upgrade /etc/old\n");
        DebianDocs docs = DebianDirectory.read(d).docs("app");
        assertEquals(CHANGELOG, docs.changelog());
        assertEquals("Format: x\n", docs.copyright());
        assertEquals("# why\napp: some-tag\n", docs.lintianOverrides());
        assertEquals(List.of("/usr/share/app/app.conf"), docs.conffiles());
        Files.writeString(d.resolve("lintian-overrides"), "x\n");
        assertThrows(DebException.class, () -> DebianDirectory.read(d).docs("app"));
        assertNull(DebianDirectory.read(project.resolve("none")).docs("app").changelog());
    }

    @Test
    void whatInitWritesReadsBackToTheSameSpec() throws IOException {
        ScaffoldSpec s = ScaffoldSpec.builder().packageName("app").upstreamVersion("2.1.0").maintainer("Jane <j@example.org>")
                .synopsis("tool that does things").longDescription("Paragraph one is long enough to be wrapped by the "
                        + "control file renderer because it goes on and on.\n\nParagraph two.")
                .homepage("https://example.org").section("utils").license(new License("Apache-2.0", null))
                .timestamp(Instant.parse("2026-01-01T00:00:00Z")).build();
        Scaffold.write(project, Scaffold.render(s), false);
        PackageSpec read = DebianDirectory.read(project.resolve("debian"))
                .apply(SpecDraft.empty().derived(Setting.VERSION, "2.1.0-1", "pom"), DebLog.SILENT).toSpec();
        PackageSpec expected = s.spec().toBuilder().architecture("all")
                .relation(Relation.DEPENDS, "default-jre-headless (>= 2:1.17) | java17-runtime-headless").build();
        // the long description comes back wrapped as the control file holds it: the same control file
        assertEquals(new String(ControlFile.render(expected, 1)), new String(ControlFile.render(read, 1)));
        assertEquals(expected.maintainer(), read.maintainer());
        assertEquals(expected.relations(), read.relations());
    }
}
