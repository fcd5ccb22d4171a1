package io.github.jpackagedeb.core.repo;

import io.github.jpackagedeb.core.testing.Integration;

import io.github.jpackagedeb.core.DebLog;
import io.github.jpackagedeb.core.debfile.Deb822;
import io.github.jpackagedeb.core.debfile.DebFile;
import io.github.jpackagedeb.core.sign.OpenPgpSigner;
import io.github.jpackagedeb.core.sign.Run;
import io.github.jpackagedeb.core.sign.TestDebs;
import io.github.jpackagedeb.core.sign.TestKeys;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code .changes} and {@code .buildinfo} checked against Debian's own generators ({@code dpkg-genchanges},
 * {@code dpkg-genbuildinfo}) and readers ({@code dcmd}, {@code gpgv}, {@code dscverify}).
 */
@Integration
class UploadFilesTest {

    static final Map<String, String> ENV = Map.of("SOURCE_DATE_EPOCH", Long.toString(TestDebs.TIME.getEpochSecond()));

    @TempDir
    static Path tmp;
    static TestKeys key;

    @BeforeAll
    static void tools() {
        Run.require("gpg", "gpgv", "dpkg-genchanges", "dpkg-genbuildinfo", "dcmd", "dscverify");
        key = TestKeys.generate(tmp, "upload", "ed25519", "pw", true);
    }

    private static DebFile deb(String dirName) throws IOException {
        return DebFile.read(TestDebs.write(Files.createDirectories(tmp.resolve(dirName)), "hello", "1.0-1", "all", ""));
    }

    /** A source tree dpkg-genchanges and dpkg-genbuildinfo accept for the same binary-only build. */
    private static Path sourceTree(Path dir) throws IOException {
        Path debian = Files.createDirectories(dir.resolve("src/debian"));
        Files.writeString(debian.resolve("control"), "Source: hello\nMaintainer: Test Maintainer <test@example.org>\n"
                + "Section: misc\nPriority: optional\n\nPackage: hello\nArchitecture: all\n"
                + "Description: test package hello\n A tiny package for the jpackage-deb tests.\n");
        Files.writeString(debian.resolve("changelog"), "hello (1.0-1) unstable; urgency=medium\n\n  * Release 1.0-1.\n\n"
                + " -- Test Maintainer <test@example.org>  Thu, 01 Jan 2026 00:00:00 +0000\n");
        Files.writeString(debian.resolve("files"), "hello_1.0-1_all.deb misc optional\n"
                + "hello_1.0-1_all.buildinfo misc optional\n");
        return dir.resolve("src");
    }

    @Test
    void changesIsByteForByteWhatDpkgGenchangesWrites() throws IOException {
        DebFile deb = deb("plain");
        UploadFiles.Written w = new UploadFiles(TestDebs.TIME, "amd64", ENV, null, DebLog.SILENT).write(deb);
        assertEquals("hello_1.0-1_all.changes", w.changes().getFileName().toString());
        assertEquals("hello_1.0-1_all.buildinfo", w.buildinfo().getFileName().toString());

        Path src = sourceTree(deb.path().getParent());
        Path theirs = tmp.resolve("dpkg-genchanges.changes");
        Run.ok(src, Map.of(), "dpkg-genchanges", "-b", "-O" + theirs);
        assertEquals(Files.readString(theirs), Files.readString(w.changes()));

        // dcmd reads it: the .changes names exactly the package and the .buildinfo
        String listed = Run.ok(deb.path().getParent(), Map.of(), "dcmd", "--no-changes", "echo",
                w.changes().getFileName().toString()).out().strip();
        assertEquals("hello_1.0-1_all.buildinfo hello_1.0-1_all.deb", listed);
    }

    @Test
    void buildinfoHasDpkgGenbuildinfosFieldsAndNoHostDetails() throws IOException {
        DebFile deb = deb("buildinfo");
        UploadFiles.Written w = new UploadFiles(TestDebs.TIME, "amd64", ENV, null, DebLog.SILENT).write(deb);
        Path src = sourceTree(deb.path().getParent());
        Path theirs = tmp.resolve("dpkg-genbuildinfo.buildinfo");
        Run.ok(src, Map.of("SOURCE_DATE_EPOCH", ENV.get("SOURCE_DATE_EPOCH")), "dpkg-genbuildinfo", "--build=binary",
                "-O" + theirs);
        Deb822.Paragraph d = Deb822.parse(Files.readString(theirs), "dpkg-genbuildinfo").get(0);
        Deb822.Paragraph ours = Deb822.parse(Files.readString(w.buildinfo()), "ours").get(0);
        for (String f : List.of("Format", "Source", "Binary", "Architecture", "Version", "Checksums-Md5",
                "Checksums-Sha1", "Checksums-Sha256", "Build-Architecture")) {
            assertEquals(d.get(f), ours.get(f), f);
        }
        // the names dpkg-genbuildinfo writes, in its order, less the host's Build-Origin and taint flags
        List<String> expected = d.names().stream().filter(n -> !n.equals("Build-Origin") && !n.equals("Build-Tainted-By"))
                .toList();
        assertEquals(expected, ours.names());
        assertTrue(d.lines("Environment").contains("SOURCE_DATE_EPOCH=\"1767225600\""));
        assertEquals(List.of("SOURCE_DATE_EPOCH=\"1767225600\""), ours.lines("Environment"));
        assertEquals("Thu, 01 Jan 2026 00:00:00 +0000", ours.get("Build-Date").orElseThrow());
    }

    @Test
    void signedFilesVerifyWithGpgvAndDscverifyAndAreReproducible() throws IOException {
        DebFile deb = deb("signed");
        OpenPgpSigner signer = new OpenPgpSigner(key.load(), TestDebs.TIME);
        UploadFiles.Written w = new UploadFiles(TestDebs.TIME, "amd64", ENV, signer, DebLog.SILENT).write(deb);
        Run.ok("gpgv", "--keyring", key.publicKey().toString(), w.changes().toString());
        Run.ok("gpgv", "--keyring", key.publicKey().toString(), w.buildinfo().toString());
        Run.Result dsc = Run.ok(null, Map.of(), "dscverify", "--no-default-keyrings", "--keyring",
                key.publicKey().toString(), w.changes().toString());
        assertTrue(dsc.out().contains("validating hello_1.0-1_all.deb"), dsc.describe());
        assertTrue(dsc.out().contains("validating hello_1.0-1_all.buildinfo"), dsc.describe());
        assertTrue(dsc.out().contains("All files validated successfully"), dsc.describe());

        DebFile again = deb("signed-again");
        UploadFiles.Written w2 = new UploadFiles(TestDebs.TIME, "amd64", ENV, signer, DebLog.SILENT).write(again);
        assertArrayEquals(Files.readAllBytes(w.changes()), Files.readAllBytes(w2.changes()));
        assertArrayEquals(Files.readAllBytes(w.buildinfo()), Files.readAllBytes(w2.buildinfo()));

        // a package changed after the .changes was made no longer validates
        byte[] bytes = Files.readAllBytes(deb.path());
        bytes[bytes.length - 10] ^= 1;
        Files.write(deb.path(), bytes);
        Run.Result bad = Run.exec(null, Map.of(), "dscverify", "--no-default-keyrings", "--keyring",
                key.publicKey().toString(), w.changes().toString());
        assertNotEquals(0, bad.exit(), bad.describe());
    }
}
