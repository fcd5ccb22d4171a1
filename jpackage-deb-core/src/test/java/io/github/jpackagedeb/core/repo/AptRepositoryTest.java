package io.github.jpackagedeb.core.repo;

import io.github.jpackagedeb.core.testing.Integration;

import io.github.jpackagedeb.core.DebException;
import io.github.jpackagedeb.core.debfile.Deb822;
import io.github.jpackagedeb.core.sign.OpenPgpSigner;
import io.github.jpackagedeb.core.sign.Run;
import io.github.jpackagedeb.core.sign.TestDebs;
import io.github.jpackagedeb.core.sign.TestKeys;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The apt repository writer, checked with real Debian tools on the host: {@code gpgv} on InRelease and Release.gpg,
 * {@code dpkg-scanpackages} as the reference for every Packages stanza, {@code xz}/{@code gzip} for the compressed
 * indexes, and tree hashes before/after every refused operation. (apt itself reads the repository in the it module.)
 */
@Integration
class AptRepositoryTest {

    static final Instant DATE = Instant.parse("2026-11-26T00:00:00Z");

    @TempDir
    static Path tmp;
    static TestKeys key;
    static Path v1;
    static Path v2;
    static Path lib;

    @BeforeAll
    static void setUp() throws IOException {
        Run.require("gpg", "gpgv", "dpkg-scanpackages", "xz");
        key = TestKeys.generate(tmp, "repo", "ed25519", "", true);
        Path debs = Files.createDirectories(tmp.resolve("debs"));
        v1 = TestDebs.write(Files.createDirectories(debs.resolve("1")), "hello", "1.0-1", "all", "");
        v2 = TestDebs.write(Files.createDirectories(debs.resolve("2")), "hello", "2.0-1", "all", "");
        lib = TestDebs.write(Files.createDirectories(debs.resolve("3")), "libfoo-java", "3.1-2", "amd64", "");
    }

    private AptRepository.Builder repo(Path root) {
        return AptRepository.at(root).signer(new OpenPgpSigner(key.load(), DATE)).date(DATE).origin("Test Origin");
    }

    @Test
    void addWritesASignedRepositoryInDebiansLayout() throws IOException {
        Path root = tmp.resolve("r1");
        AptRepository.Result r = repo(root).build().add(List.of(v1, v2, lib), false);
        assertEquals(3, r.added().size());
        assertTrue(Files.isRegularFile(root.resolve("pool/main/h/hello/hello_1.0-1_all.deb")));
        assertTrue(Files.isRegularFile(root.resolve("pool/main/h/hello/hello_2.0-1_all.deb")));
        assertTrue(Files.isRegularFile(root.resolve("pool/main/libf/libfoo-java/libfoo-java_3.1-2_amd64.deb")));

        Path dist = root.resolve("dists/stable");
        String release = Files.readString(dist.resolve("Release"));
        Deb822.Paragraph rel = Deb822.parse(release, "Release").get(0);
        assertEquals("Test Origin", rel.get("Origin").orElseThrow());
        assertEquals("Test Origin", rel.get("Label").orElseThrow());
        assertEquals("stable", rel.get("Suite").orElseThrow());
        assertEquals("stable", rel.get("Codename").orElseThrow());
        assertEquals("Thu, 26 Nov 2026 00:00:00 UTC", rel.get("Date").orElseThrow());
        assertEquals("amd64", rel.get("Architectures").orElseThrow(), "the one arch-specific package's architecture");
        assertEquals("main", rel.get("Components").orElseThrow());
        assertEquals("yes", rel.get("Acquire-By-Hash").orElseThrow());

        // every index file named in Release exists with that size and hash, also under by-hash/SHA256
        List<String> sha = rel.lines("SHA256");
        assertEquals(3, sha.size(), sha.toString());
        for (String line : sha) {
            String[] f = line.split("\\s+");
            byte[] content = Files.readAllBytes(dist.resolve(f[2]));
            assertEquals(Long.parseLong(f[1]), content.length, f[2]);
            assertEquals(f[0], org.apache.commons.codec.digest.DigestUtils.sha256Hex(content), f[2]);
            assertArrayEquals(content, Files.readAllBytes(dist.resolve(f[2]).resolveSibling("by-hash/SHA256/" + f[0])));
        }
        for (String line : rel.lines("MD5Sum")) {
            String[] f = line.split("\\s+");
            assertEquals(f[0], org.apache.commons.codec.digest.DigestUtils.md5Hex(Files.readAllBytes(dist.resolve(f[2]))), f[2]);
        }

        // the real gpgv accepts both signatures with the public key, and the clearsigned text is the Release file
        Run.ok("gpgv", "--keyring", key.publicKey().toString(), dist.resolve("InRelease").toString());
        Run.ok("gpgv", "--keyring", key.publicKey().toString(), dist.resolve("Release.gpg").toString(),
                dist.resolve("Release").toString());
        Path out = tmp.resolve("inrelease-content");
        Run.ok("gpg", "--batch", "--no-autostart", "--homedir", key.home().toString(), "--output", out.toString(), "--decrypt",
                dist.resolve("InRelease").toString());
        assertEquals(release, Files.readString(out));

        // compressed indexes are the plain one, as xz and gzip read them
        Path bin = dist.resolve("main/binary-amd64");
        byte[] plain = Files.readAllBytes(bin.resolve("Packages"));
        assertArrayEquals(plain, Run.ok("xz", "-dc", bin.resolve("Packages.xz").toString()).out().getBytes(StandardCharsets.UTF_8));
        try (InputStream in = new GZIPInputStream(Files.newInputStream(bin.resolve("Packages.gz")))) {
            assertArrayEquals(plain, in.readAllBytes());
        }

        // each stanza has exactly the fields and values dpkg-scanpackages computes for the pool
        String scanned = Run.ok(root, Map.of(), "dpkg-scanpackages", "--multiversion", "pool").out();
        assertEquals(stanzas(scanned), stanzas(new String(plain, StandardCharsets.UTF_8)));
    }

    private static Map<String, Map<String, String>> stanzas(String packages) {
        Map<String, Map<String, String>> out = new HashMap<>();
        for (Deb822.Paragraph p : Deb822.parse(packages, "Packages")) {
            Map<String, String> fields = new HashMap<>();
            for (String n : p.names()) {
                fields.put(n, p.get(n).orElseThrow());
            }
            out.put(p.get("Filename").orElseThrow(), fields);
        }
        return out;
    }

    @Test
    void sameInputsGiveTheSameTree() {
        Path a = tmp.resolve("same-a");
        Path b = tmp.resolve("same-b");
        repo(a).build().add(List.of(v1, v2), false);
        repo(b).build().add(List.of(v2), false);
        repo(b).build().add(List.of(v1), false);
        Map<String, String> ta = TreeHash.of(a);
        Map<String, String> tb = TreeHash.of(b);
        // b went through two generations: the previous one's by-hash files stay for readers of the old InRelease
        tb.keySet().removeIf(k -> k.contains("by-hash") && !ta.containsKey(k));
        assertEquals(ta, tb);
    }

    @Test
    void incrementalAddKeepsEveryVersionAndTheTree() {
        Path root = tmp.resolve("incr");
        AptRepository r = repo(root).build();
        r.add(List.of(v1), false);
        r.add(List.of(v2), false);
        List<RepoEntry> all = r.list();
        assertEquals(List.of("hello 1.0-1 all", "hello 2.0-1 all"),
                all.stream().map(e -> e.packageName() + " " + e.version() + " " + e.architecture()).toList());
        Map<String, String> before = TreeHash.of(root);
        AptRepository.Result again = r.add(List.of(v1, v2), false);
        assertFalse(again.changed());
        assertEquals(2, again.unchanged().size());
        assertEquals(before, TreeHash.of(root), "adding the same bytes again changes nothing");
    }

    @Test
    void sameVersionWithOtherBytesIsRefusedUnlessForced() throws IOException {
        Path root = tmp.resolve("conflict");
        repo(root).build().add(List.of(v1), false);
        Path rebuilt = TestDebs.write(Files.createDirectories(tmp.resolve("rebuilt")), "hello", "1.0-1", "all", " rebuilt");
        Map<String, String> before = TreeHash.of(root);
        DebException e = assertThrows(DebException.class, () -> repo(root).build().add(List.of(rebuilt), false));
        assertEquals("deb", e.field());
        assertTrue(e.getMessage().contains("already has hello 1.0-1 all"), e.getMessage());
        assertTrue(e.getMessage().contains("--force"), e.getMessage());
        assertEquals(before, TreeHash.of(root));

        AptRepository.Result forced = repo(root).build().add(List.of(rebuilt), true);
        assertEquals(1, forced.added().size());
        assertArrayEquals(Files.readAllBytes(rebuilt), Files.readAllBytes(root.resolve("pool/main/h/hello/hello_1.0-1_all.deb")));
        assertEquals(1, repo(root).build().list().size());
    }

    @Test
    void corruptPackagesAndMissingKeysChangeNothing() throws IOException {
        Path root = tmp.resolve("bad");
        repo(root).build().add(List.of(v1), false);
        Map<String, String> before = TreeHash.of(root);

        byte[] good = Files.readAllBytes(v2);
        Path truncated = tmp.resolve("truncated.deb");
        Files.write(truncated, java.util.Arrays.copyOf(good, good.length / 2));
        DebException t = assertThrows(DebException.class, () -> repo(root).build().add(List.of(v2, truncated), false));
        assertEquals("deb", t.field());
        assertEquals(before, TreeHash.of(root));

        Path garbage = tmp.resolve("garbage.deb");
        Files.writeString(garbage, "this is not a package\n");
        DebException g = assertThrows(DebException.class, () -> repo(root).build().add(List.of(garbage), false));
        assertTrue(g.getMessage().contains("not an ar archive"), g.getMessage());
        assertEquals(before, TreeHash.of(root));

        DebException unsigned = assertThrows(DebException.class,
                () -> AptRepository.at(root).date(DATE).build().add(List.of(v2), false));
        assertEquals("signingKey", unsigned.field());
        assertEquals(before, TreeHash.of(root));

        // a repository that does not exist yet is not left half-made
        Path fresh = tmp.resolve("never-made");
        assertThrows(DebException.class, () -> repo(fresh).build().add(List.of(garbage), false));
        assertFalse(Files.exists(fresh));
    }

    @Test
    void aFailureWhileSwappingFilesRollsEverythingBack() throws IOException {
        Path root = tmp.resolve("rollback");
        repo(root).build().add(List.of(v1), false);
        Map<String, String> before = TreeHash.of(root);
        for (String failAt : List.of("Packages.xz", "Release", "InRelease")) {
            List<Path> seen = new ArrayList<>();
            AptRepository r = repo(root).date(DATE.plusSeconds(60)).beforeCommitStep(p -> {
                seen.add(p);
                if (p.getFileName().toString().equals(failAt) && p.toString().contains("binary-arm64")
                        == failAt.startsWith("Packages")) {
                    throw new UncheckedIOException(new IOException("disk full (injected before " + failAt + ")"));
                }
            }).build();
            UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> r.add(List.of(v2), false));
            assertTrue(e.getMessage().contains("injected"), e.getMessage());
            assertTrue(seen.size() > 3, "steps were already done before the failure: " + seen);
            assertEquals(before, TreeHash.of(root), "rolled back after a failure at " + failAt);
        }
    }

    @Test
    void damagedIndexIsAnErrorNotAReset() throws IOException {
        Path root = tmp.resolve("damaged");
        repo(root).build().add(List.of(v1), false);
        Path packages = root.resolve("dists/stable/main/binary-amd64/Packages");
        Files.writeString(packages, "Package: hello\nthis line is not a field\n");
        Map<String, String> before = TreeHash.of(root);
        DebException e = assertThrows(DebException.class, () -> repo(root).build().add(List.of(v2), false));
        assertEquals("repository", e.field());
        assertTrue(e.getMessage().contains("damaged"), e.getMessage());
        assertEquals(before, TreeHash.of(root));
    }

    @Test
    void removeTakesOneVersionOutAndItsPoolFile() {
        Path root = tmp.resolve("remove");
        repo(root).build().add(List.of(v1, v2, lib), false);
        AptRepository.Result r = repo(root).build().remove("hello", "1.0-1", null);
        assertEquals(1, r.removed().size());
        assertFalse(Files.exists(root.resolve("pool/main/h/hello/hello_1.0-1_all.deb")));
        assertTrue(Files.exists(root.resolve("pool/main/h/hello/hello_2.0-1_all.deb")));
        assertEquals(List.of("hello 2.0-1", "libfoo-java 3.1-2"), repo(root).build().list().stream()
                .map(e -> e.packageName() + " " + e.version()).toList());
        Run.ok("gpgv", "--keyring", key.publicKey().toString(), root.resolve("dists/stable/InRelease").toString());

        Map<String, String> before = TreeHash.of(root);
        DebException e = assertThrows(DebException.class, () -> repo(root).build().remove("nope", null, null));
        assertEquals("package", e.field());
        assertEquals(before, TreeHash.of(root));

        repo(root).build().remove("libfoo-java", null, null);
        assertFalse(Files.exists(root.resolve("pool/main/libf")), "empty pool directories go too");
    }

    @Test
    void suitesShareThePool() {
        Path root = tmp.resolve("suites");
        repo(root).build().add(List.of(v1), false);
        repo(root).suite("testing").build().add(List.of(v1, v2), false);
        repo(root).suite("testing").build().remove("hello", "1.0-1", null);
        assertTrue(Files.exists(root.resolve("pool/main/h/hello/hello_1.0-1_all.deb")), "stable still lists it");
        assertEquals(List.of("stable hello 1.0-1", "testing hello 2.0-1"), AptRepository.at(root).unsigned(true).build()
                .list().stream().map(e -> e.suite() + " " + e.packageName() + " " + e.version()).toList());
    }

    @Test
    void badNamesAreRefused() {
        assertEquals("suite", assertThrows(DebException.class, () -> AptRepository.at(tmp).suite("../x")).field());
        assertEquals("architectures", assertThrows(DebException.class,
                () -> AptRepository.at(tmp).architectures(List.of("x86_64"))).field());
    }
}
