package io.github.jpackagedeb.core.check;

import io.github.jpackagedeb.core.testing.Integration;

import io.github.jpackagedeb.core.DebException;
import io.github.jpackagedeb.core.archive.Compression;
import io.github.jpackagedeb.core.app.AppSpec;
import io.github.jpackagedeb.core.assembly.DebBuilder;
import io.github.jpackagedeb.core.app.Jar;
import io.github.jpackagedeb.core.assembly.License;
import io.github.jpackagedeb.core.assembly.PackageDocs;
import io.github.jpackagedeb.core.assembly.TestJars;
import io.github.jpackagedeb.core.control.PackageSpec;
import io.github.jpackagedeb.core.version.DebianVersion;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Our policy check against the real lintian: on good packages both find no error; on packages broken on purpose
 * (written byte by byte) ours reports the mistake, and where lintian checks the same thing, lintian does too.
 */
@Integration
class PolicyCheckTest {

    @TempDir
    Path tmp;

    static Set<String> tags(List<PolicyCheck.Finding> findings, PolicyCheck.Severity s) {
        Set<String> out = new TreeSet<>();
        findings.stream().filter(f -> f.severity() == s).forEach(f -> out.add(f.tag()));
        return out;
    }

    /** lintian's tags for a package, by severity letter: "E:tag". */
    static Set<String> lintian(Path deb) throws IOException, InterruptedException {
        requireTool("lintian");
        Process p = new ProcessBuilder("lintian", "--no-cfg", "-I", "--tag-display-limit", "0", deb.toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        Set<String> tags = new TreeSet<>();
        for (String l : out.split("\n")) {
            if (l.matches("[EWIXP]: \\S+: \\S+.*")) {
                String[] parts = l.split(" ");
                tags.add(l.charAt(0) + ":" + parts[2]);
            }
        }
        return tags;
    }

    @Test
    void aPackageOfOurBuilderIsCleanForBothChecks() throws Exception {
        Path app = TestJars.jar(tmp.resolve("in/hello-1.0.jar"), "com.example.Main", "com/example/Main.class", "x");
        PackageSpec spec = PackageSpec.builder().name("hello").version(DebianVersion.parse("1.0-1"))
                .maintainer("Jane Doe <jane@example.org>").synopsis("says hello").longDescription("Greets everyone who runs it, in plain English.").build();
        Path deb = DebBuilder.builder().spec(spec).app(AppSpec.builder().mainJar(new Jar(app, "hello")).build())
                .outputDirectory(tmp).timestamp(Instant.parse("2026-01-01T00:00:00Z")).compression(Compression.XZ)
                .docs(new PackageDocs("hello", null, List.of("Jane Doe"), List.of(new License("Apache-2.0", null)), List.of(), null))
                .build().build().deb();
        List<PolicyCheck.Finding> findings = PolicyCheck.check(DebContents.read(deb));
        assertEquals(Set.of(), tags(findings, PolicyCheck.Severity.ERROR), findings.toString());
        assertEquals(Set.of(), tags(findings, PolicyCheck.Severity.WARNING), findings.toString());
        Set<String> l = lintian(deb);
        assertTrue(l.stream().noneMatch(t -> t.startsWith("E:")), l.toString());
        DebContents c = DebContents.read(deb);
        assertEquals(3, c.members().size());
        assertEquals("debian-binary", c.members().get(0));
        assertTrue(c.members().get(1).startsWith("control.tar."), c.members().toString());
        assertEquals("data.tar.xz", c.members().get(2));
        assertTrue(c.controlText("conffiles").orElseThrow().contains("/etc/default/hello"));
    }

    @Test
    void aHandMadeGoodPackageIsCleanToo() throws Exception {
        Path deb = RawDeb.good().write(tmp.resolve("raw.deb"));
        List<PolicyCheck.Finding> findings = PolicyCheck.check(DebContents.read(deb));
        assertFalse(PolicyCheck.hasErrors(findings), findings.toString());
        Set<String> l = lintian(deb);
        assertTrue(l.stream().noneMatch(t -> t.startsWith("E:")), l.toString());
    }

    /** Breaks the good package one way; our check must report {@code ours}, lintian {@code theirs} (if not null). */
    void broken(String ours, String theirs, Consumer<RawDeb> breakIt) throws Exception {
        RawDeb d = RawDeb.good();
        breakIt.accept(d);
        Path deb = d.write(tmp.resolve(ours + ".deb"));
        List<PolicyCheck.Finding> findings = PolicyCheck.check(DebContents.read(deb));
        Set<String> all = new TreeSet<>();
        findings.forEach(f -> all.add(f.tag()));
        assertTrue(all.contains(ours), ours + " not in " + findings);
        if (theirs != null) {
            Set<String> l = lintian(deb);
            assertTrue(l.stream().anyMatch(t -> t.endsWith(":" + theirs)), "lintian should report " + theirs + ": " + l);
        }
    }

    @Test
    void md5sumMismatch() throws Exception {
        broken("md5sum-mismatch", "md5sum-mismatch", d -> d.md5sumsOverride =
                "00000000000000000000000000000000  usr/share/doc/raw/copyright\n");
    }

    @Test
    void setuidFile() throws Exception {
        broken("setuid-binary", "elevated-privileges", d -> d.dir("./usr/bin/").file("./usr/bin/raw",
                "#!/bin/sh\necho hi\n".getBytes(StandardCharsets.UTF_8), 04755));
    }

    @Test
    void worldWritableFile() throws Exception {
        broken("world-writable-file", null, d -> d.dir("./usr/share/raw/").file("./usr/share/raw/open",
                new byte[] {1}, 0666));
    }

    @Test
    void malformedMaintainer() throws Exception {
        broken("malformed-maintainer-field", "malformed-contact", d -> d.control.put("Maintainer", "just a name"));
    }

    @Test
    void badVersionAndName() throws Exception {
        broken("bad-version-number", null, d -> d.control.put("Version", "x1.0"));
        broken("bad-package-name", null, d -> d.control.put("Package", "Raw_Pkg"));
        broken("missing-required-field", null, d -> d.control.remove("Maintainer"));
        broken("bad-relation", null, d -> d.control.put("Depends", "libc6 (>> )"));
        broken("description-synopsis-is-duplicated", "description-synopsis-is-duplicated",
                d -> d.control.put("Description", "package made byte by byte\n package made byte by byte"));
    }

    @Test
    void rootOwnership() throws Exception {
        broken("wrong-file-owner-uid-or-gid", "wrong-file-owner-uid-or-gid", d -> d.dir("./usr/share/raw/")
                .owned("./usr/share/raw/mine", new byte[] {1}, 1000, "user"));
    }

    @Test
    void fileInUsrLocal() throws Exception {
        broken("file-in-forbidden-directory", "file-in-usr-local", d -> d.dir("./usr/local/").dir("./usr/local/bin/")
                .file("./usr/local/bin/raw", "#!/bin/sh\n".getBytes(StandardCharsets.UTF_8), 0755));
    }

    @Test
    void conffiles() throws Exception {
        broken("conffile-missing-in-data", null, d -> d.conffiles = "/etc/raw/missing.conf\n");
        broken("file-in-etc-not-marked-as-conffile", "file-in-etc-not-marked-as-conffile", d -> d.dir("./etc/")
                .dir("./etc/raw/").file("./etc/raw/raw.conf", "a=1\n".getBytes(StandardCharsets.UTF_8), 0644));
    }

    @Test
    void elfInAnArchitectureAllPackage() throws Exception {
        byte[] elf = Files.readAllBytes(Path.of("/bin/true"));
        broken("arch-independent-package-contains-binary-or-object", "arch-independent-package-contains-binary-or-object",
                d -> d.dir("./usr/lib/").dir("./usr/lib/raw/").file("./usr/lib/raw/true", elf, 0755));
        broken("binary-from-other-architecture", null, d -> {
            d.control.put("Architecture", "arm64");
            d.dir("./usr/lib/").dir("./usr/lib/raw/").file("./usr/lib/raw/true", elf, 0755);
        });
    }

    @Test
    void unsafePathsAndScripts() throws Exception {
        broken("unsafe-path", null, d -> d.file("./usr/../../etc/evil", new byte[] {1}, 0644));
        broken("symlink-escapes-root", null, d -> d.link("./usr/share/doc/raw/up", "../../../../../etc/shadow"));
        broken("script-without-interpreter", null, d -> d.extraControl.put("postinst", "echo hi\n".getBytes(StandardCharsets.UTF_8)));
        broken("no-copyright-file", "no-copyright-file", d -> d.items.removeIf(i -> i.path().endsWith("/copyright")));
    }

    @Test
    void notADeb() throws IOException {
        Path junk = Files.writeString(tmp.resolve("junk.deb"), "hello\n");
        DebException e = assertThrows(DebException.class, () -> DebContents.read(junk));
        assertEquals("deb", e.field());
    }

    private static void requireTool(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, tool))) {
                return;
            }
        }
        if ("true".equals(System.getenv("CI"))) {
            Assertions.fail(tool + " is required when CI=true");
        }
        Assumptions.abort(tool + " is not installed");
    }
}
