package io.github.jpackagedeb.core.assembly;

import io.github.jpackagedeb.core.app.AppSpec;
import io.github.jpackagedeb.core.app.Jar;
import io.github.jpackagedeb.core.debiandir.DebianDocs;
import io.github.jpackagedeb.core.DebException;
import io.github.jpackagedeb.core.archive.DebEntry;
import io.github.jpackagedeb.core.control.PackageSpec;
import io.github.jpackagedeb.core.version.DebianVersion;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.zip.GZIPInputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** debian/changelog, debian/copyright, &lt;pkg&gt;.lintian-overrides and &lt;pkg&gt;.conffiles in the built package. */
class DebianDocsBuildTest {

    @TempDir
    Path tmp;

    DebBuilder builder(DebianDocs docs, ExtraFile... extra) throws IOException {
        Path app = TestJars.jar(tmp.resolve("in/app-1.0.jar"), "com.example.Main", "com/example/Main.class", "x");
        PackageSpec spec = PackageSpec.builder().name("app").version(DebianVersion.parse("1.0-1"))
                .maintainer("Jane Doe <jane@example.org>").synopsis("does things").build();
        return DebBuilder.builder().spec(spec).app(AppSpec.builder().mainJar(new Jar(app, "app")).build())
                .outputDirectory(tmp.resolve("out")).timestamp(Instant.parse("2026-01-01T00:00:00Z"))
                .extraFiles(List.of(extra)).debianDocs(docs).build();
    }

    static String text(List<DebEntry> entries, String path) throws IOException {
        for (DebEntry e : entries) {
            if (e.path().equals(path)) {
                try (InputStream in = e.content().open()) {
                    byte[] b = in.readAllBytes();
                    if (path.endsWith(".gz")) {
                        b = new GZIPInputStream(new ByteArrayInputStream(b)).readAllBytes();
                    }
                    return new String(b, StandardCharsets.UTF_8);
                }
            }
        }
        throw new AssertionError("no entry " + path);
    }

    @Test
    void theAuthorsFilesReplaceOrExtendTheGeneratedOnes() throws IOException {
        String log = "app (1.0-1) unstable; urgency=medium\n\n  * Mine.\n\n -- Jane Doe <jane@example.org>  Thu, 01 Jan 2026 00:00:00 +0000\n";
        Path conf = Files.writeString(tmp.resolve("app.conf"), "a=1\n");
        DebianDocs docs = new DebianDocs(log, "Format: mine\n", "# why\napp: initial-upload-closes-no-bugs\n# reason\napp: my-tag\n",
                List.of("/usr/share/app/app.conf"), "debian");
        DebBuilder b = builder(docs, new ExtraFile(ExtraFile.Type.FILE, conf, "/usr/share/app/app.conf", null, null, null, null));
        List<DebEntry> entries = b.entries(b.effectiveSpec());
        assertEquals(log, text(entries, "usr/share/doc/app/changelog.Debian.gz"));
        assertEquals("Format: mine\n", text(entries, "usr/share/doc/app/copyright"));
        String overrides = text(entries, "usr/share/lintian/overrides/app");
        assertEquals(1, overrides.split("initial-upload-closes-no-bugs", -1).length - 1, overrides);
        assertTrue(overrides.endsWith("# reason\napp: my-tag\n"), overrides);
        assertTrue(entries.stream().anyMatch(e -> e.path().equals("usr/share/app/app.conf") && e.conffile()));
    }

    @Test
    void aChangelogForAnotherVersionGetsAnEntryForTheBuiltOneOnTop() throws IOException {
        String log = "app (0.9~snapshot-1) experimental; urgency=medium\n\n  * Initial package.\n\n"
                + " -- Jane Doe <jane@example.org>  Wed, 01 Jan 2025 00:00:00 +0000\n";
        DebBuilder b = builder(new DebianDocs(log, null, null, List.of(), "debian"));
        String shipped = text(b.entries(b.effectiveSpec()), "usr/share/doc/app/changelog.Debian.gz");
        assertTrue(shipped.startsWith("app (1.0-1) experimental; urgency=medium\n"), shipped);
        assertTrue(shipped.endsWith("\n\n" + log), "the author's entries follow, unchanged:\n" + shipped);
        io.github.jpackagedeb.core.debiandir.DebianChangelog parsed =
                io.github.jpackagedeb.core.debiandir.DebianChangelog.parse(shipped, "shipped");
        assertEquals("1.0-1", parsed.newest().version().toString());
        assertEquals(Instant.parse("2026-01-01T00:00:00Z"), parsed.newest().date(), "the build's timestamp");
        assertEquals(2, parsed.entries().size());
        assertTrue(b.build().changelogGz() != null);
    }

    @Test
    void aConffileThePackageDoesNotShipIsAnError() throws IOException {
        DebBuilder b = builder(new DebianDocs(null, null, null, List.of("/etc/nope.conf"), "debian/app.conffiles"));
        DebException e = assertThrows(DebException.class, () -> b.entries(b.effectiveSpec()));
        assertTrue(e.problem().contains("debian/app.conffiles"), e.getMessage());
        DebBuilder rel = builder(new DebianDocs(null, null, null, List.of("etc/x"), "debian/app.conffiles"));
        assertThrows(DebException.class, () -> rel.entries(rel.effectiveSpec()));
    }

    @Test
    void theGeneratedScriptCodeAloneForDebhelper() throws IOException {
        DebBuilder plain = builder(DebianDocs.NONE);
        assertTrue(plain.generatedScriptCode(plain.effectiveSpec()).values().stream().allMatch(String::isBlank));
        Path app = TestJars.jar(tmp.resolve("in/app-1.0.jar"), "com.example.Main", "com/example/Main.class", "x");
        PackageSpec spec = PackageSpec.builder().name("app").version(DebianVersion.parse("1.0-1"))
                .maintainer("Jane Doe <jane@example.org>").synopsis("does things").build();
        DebBuilder service = DebBuilder.builder().spec(spec).app(AppSpec.builder().mainJar(new Jar(app, "app")).build())
                .outputDirectory(tmp.resolve("out")).timestamp(Instant.parse("2026-01-01T00:00:00Z"))
                .service(io.github.jpackagedeb.core.service.ServiceSpec.builder().build()).build();
        java.util.Map<String, String> code = service.generatedScriptCode(service.effectiveSpec());
        assertTrue(code.get("postinst").startsWith("# Added by jpackage-deb") && code.get("postinst").contains("adduser --system"),
                code.get("postinst"));
        assertTrue(code.get("prerm").contains("deb-systemd-invoke stop app.service"), code.get("prerm"));
        assertTrue(code.values().stream().noneMatch(c -> c.startsWith("#!") || c.contains("#DEBHELPER#")), code.toString());
    }
}
