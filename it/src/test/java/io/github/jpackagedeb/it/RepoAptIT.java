package io.github.jpackagedeb.it;

import io.github.jpackagedeb.core.repo.AptRepository;
import io.github.jpackagedeb.core.sign.OpenPgpSigner;
import io.github.jpackagedeb.core.sign.Passphrase;
import io.github.jpackagedeb.core.sign.SigningKey;
import io.github.jpackagedeb.it.support.DebianRoot;
import io.github.jpackagedeb.it.support.Env;
import io.github.jpackagedeb.it.support.GpgKey;
import io.github.jpackagedeb.it.support.MavenRunner;
import io.github.jpackagedeb.it.support.Proc;
import io.github.jpackagedeb.it.support.StaticHttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.tukaani.xz.LZMA2Options;
import org.tukaani.xz.XZOutputStream;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The fleet story, end to end: {@code mvn package jpackage-deb:publish} puts tiny-app 1.0.0 and then 2.0.0 into a
 * signed apt repository directory; a tiny HTTP server on 127.0.0.1 serves it; in an isolated Debian 12 root, apt
 * (with {@code signed-by=} the repository key) installs 1.0.0, upgrades to 2.0.0 and rolls back to 1.0.0 with
 * {@code --allow-downgrades}. Then apt must refuse an unsigned repository, one signed by another key, and one whose
 * Packages index was tampered with. The apt transcript is printed to stdout.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RepoAptIT {

    static final String PASS = "repo passphrase";
    static Path work;
    static GpgKey repoKey;
    static GpgKey otherKey;
    static StaticHttpServer http;
    static final StringBuilder transcript = new StringBuilder();

    @BeforeAll
    static void setUp() throws IOException {
        Env.requireRoot();
        Env.requireTool("gpg");
        work = Files.createTempDirectory(Files.createDirectories(Env.pathProperty("it.workDir")), "repo-it-");
        repoKey = GpgKey.generate(work, "repo-key", PASS);
        otherKey = GpgKey.generate(work, "other-key", "");
        http = StaticHttpServer.start();
    }

    @AfterAll
    static void tearDown() {
        if (http != null) {
            http.close();
        }
        System.out.println("==================== apt transcript (RepoAptIT) ====================\n" + transcript
                + "====================================================================");
    }

    /** Maven: package tiny-app {@code revision} and publish it to {@code repo}, signing with the repository key. */
    static MavenRunner.Result publish(Path repo, String revision) throws IOException {
        Path project = SignDebIT.tinyWith(SignDebIT.signing(repoKey.secretKey()));
        MavenRunner.Result r = SignDebIT.mvn(project, Map.of("IT_SIGNING_PASSPHRASE", PASS), "package",
                "jpackage-deb:publish", "-Drevision=" + revision, "-Djpackage-deb.repository=" + repo,
                "-Djpackage-deb.origin=jpackage-deb-it").assertSuccess();
        assertTrue(r.log().contains("Added tiny-app " + revision + "-1 all to stable/main"), r.log());
        return r;
    }

    /** Runs a command in the root, records it in the transcript, returns the result (any exit code). */
    static Proc.Result apt(DebianRoot.Copy root, String... cmd) {
        Proc.Result r = root.proc(cmd).timeout(java.time.Duration.ofMinutes(5)).exec();
        transcript.append("# ").append(String.join(" ", cmd)).append("   (exit ").append(r.exit()).append(", ")
                .append(r.took().toMillis()).append(" ms)\n").append(r.stdout());
        if (!r.stderr().isBlank()) {
            transcript.append(r.stderr());
        }
        transcript.append('\n');
        return r;
    }

    static Proc.Result ok(DebianRoot.Copy root, String... cmd) {
        Proc.Result r = apt(root, cmd);
        assertEquals(0, r.exit(), r.describe());
        return r;
    }

    /** Points apt at {@code url} only (the base's Debian mirror is switched off), trusting {@code keyring}. */
    static void useRepository(DebianRoot.Copy root, String url, GpgKey keyring) {
        String inRoot = root.put(keyring.publicKey());
        root.run("sh", "-c", "mkdir -p /usr/share/keyrings && cp \"$1\" /usr/share/keyrings/jpackage-deb-it.gpg"
                + " && rm -f /etc/apt/sources.list /etc/apt/sources.list.d/*"
                + " && echo \"deb [signed-by=/usr/share/keyrings/jpackage-deb-it.gpg] $2 stable main\""
                + " > /etc/apt/sources.list.d/jpackage-deb-it.list"
                + " && rm -rf /var/lib/apt/lists/*", "sh", inRoot, url);
        transcript.append("# /etc/apt/sources.list.d/jpackage-deb-it.list\ndeb [signed-by=/usr/share/keyrings/"
                + "jpackage-deb-it.gpg] ").append(url).append(" stable main\n\n");
    }

    static String installedVersion(DebianRoot.Copy root) {
        return ok(root, "dpkg-query", "-W", "-f", "${Version}", "tiny-app").stdout();
    }

    @Test
    @Order(1)
    void installUpgradeAndRollBackThroughApt() throws IOException {
        Path repo = work.resolve("repo");
        publish(repo, "1.0.0");
        String url = http.mount("good", repo);
        try (DebianRoot.Copy root = DebianRoot.withJava().fresh()) {
            useRepository(root, url, repoKey);
            ok(root, "apt-get", "update");
            ok(root, "apt-get", "install", "-y", "--no-install-recommends", "tiny-app");
            assertEquals("1.0.0-1", installedVersion(root));
            assertEquals("Hello, world!\n", ok(root, "tiny-app").stdout());

            publish(repo, "2.0.0");
            ok(root, "apt-get", "update");
            Proc.Result policy = ok(root, "apt-cache", "policy", "tiny-app");
            assertTrue(policy.stdout().contains("Candidate: 2.0.0-1"), policy.stdout());
            assertTrue(policy.stdout().contains("1.0.0-1"), "the old version stays available: " + policy.stdout());
            ok(root, "apt-get", "upgrade", "-y");
            assertEquals("2.0.0-1", installedVersion(root));
            assertEquals("Hello, fleet!\n", ok(root, "tiny-app", "fleet").stdout());

            Proc.Result rollback = ok(root, "apt-get", "install", "-y", "--allow-downgrades", "tiny-app=1.0.0-1");
            assertTrue(rollback.stdout().contains("Downgrading") || rollback.stdout().contains("downgraded"),
                    rollback.stdout());
            assertEquals("1.0.0-1", installedVersion(root));
            ok(root, "tiny-app");
        }
        List<String> fetched = http.requests().stream().filter(r -> r.contains("/good/")).toList();
        transcript.append("# HTTP requests served for /good/\n").append(String.join("\n", fetched)).append("\n\n");
        assertTrue(fetched.stream().anyMatch(r -> r.startsWith("200 GET /good/dists/stable/InRelease")), fetched.toString());
        assertTrue(fetched.stream().anyMatch(r -> r.contains("/by-hash/SHA256/")), "apt fetched the index by hash: " + fetched);
    }

    @Test
    @Order(2)
    void aptRefusesUnsignedForeignAndTamperedRepositories() throws IOException {
        Path base = work.resolve("base-repo");
        MavenRunner.Result built = publish(base, "1.0.0");
        Path tinyDeb = built.target().resolve("tiny-app_1.0.0-1_all.deb");

        Path unsigned = work.resolve("unsigned-repo");
        AptRepository.at(unsigned).unsigned(true).date(Instant.now()).build().add(List.of(tinyDeb), false);
        Path foreign = work.resolve("foreign-repo");
        SigningKey other = SigningKey.load(otherKey.secretKey(), null, Passphrase.none());
        AptRepository.at(foreign).signer(new OpenPgpSigner(other, Instant.now())).date(Instant.now()).build()
                .add(List.of(tinyDeb), false);
        // a rebuild of 1.0.0 with other bytes (another build timestamp) is refused, and the repository is unchanged
        Map<String, String> before = treeHash(base);
        MavenRunner.Result again = SignDebIT.mvn(SignDebIT.tinyWith(SignDebIT.signing(repoKey.secretKey())),
                Map.of("IT_SIGNING_PASSPHRASE", PASS), "package", "jpackage-deb:publish", "-Drevision=1.0.0",
                "-Dproject.build.outputTimestamp=2026-02-01T00:00:00Z", "-Djpackage-deb.repository=" + base)
                .assertFailure();
        assertTrue(again.log().contains("Cannot publish the Debian package: the package file = '"), again.log());
        assertTrue(again.log().contains("the repository already has tiny-app 1.0.0-1 all"), again.log());
        assertEquals(before, treeHash(base));

        Path tampered = work.resolve("tampered-repo");
        copyTree(base, tampered);
        tamperPackages(tampered.resolve("dists/stable/main"));

        try (DebianRoot.Copy root = DebianRoot.withJava().fresh()) {
            useRepository(root, http.mount("unsigned", unsigned), repoKey);
            Proc.Result r1 = apt(root, "apt-get", "update");
            assertEquals(100, r1.exit(), r1.describe());
            assertTrue(r1.output().contains("is not signed"), r1.describe());
            assertNoCandidate(root);

            useRepository(root, http.mount("foreign", foreign), repoKey);
            Proc.Result r2 = apt(root, "apt-get", "update");
            assertEquals(100, r2.exit(), r2.describe());
            assertTrue(r2.output().contains("NO_PUBKEY " + otherKey.keyId()), r2.describe());
            assertTrue(r2.output().contains("is not signed"), r2.describe());
            assertNoCandidate(root);

            useRepository(root, http.mount("tampered", tampered), repoKey);
            Proc.Result r3 = apt(root, "apt-get", "update");
            assertEquals(100, r3.exit(), r3.describe());
            // apt checks size and SHA256 against the signed InRelease: a different size is reported first
            assertTrue(r3.output().contains("Failed to fetch") && (r3.output().contains("Hash Sum mismatch")
                    || r3.output().contains("File has unexpected size")), r3.describe());
            assertNoCandidate(root);

            // the untampered original is fine with the same client setup
            useRepository(root, http.mount("base", base), repoKey);
            ok(root, "apt-get", "update");
        }
    }

    static void assertNoCandidate(DebianRoot.Copy root) {
        Proc.Result r = apt(root, "apt-get", "install", "-y", "--no-install-recommends", "tiny-app");
        assertEquals(100, r.exit(), r.describe());
        assertTrue(r.output().contains("Unable to locate package tiny-app"), r.describe());
    }

    /** Rewrites every Packages index (plain, gz, xz and their by-hash copies) with one changed field. */
    static void tamperPackages(Path component) throws IOException {
        try (Stream<Path> s = Files.walk(component)) {
            for (Path bin : s.filter(p -> p.getFileName().toString().startsWith("binary-")).toList()) {
                String text = Files.readString(bin.resolve("Packages"), StandardCharsets.UTF_8);
                String evil = text.replace("Description: ", "Description: (tampered) ");
                assertTrue(!evil.equals(text), "the index has a Description to tamper with");
                byte[] plain = evil.getBytes(StandardCharsets.UTF_8);
                Map<String, byte[]> forms = Map.of("Packages", plain, "Packages.gz", gzip(plain), "Packages.xz", xz(plain));
                for (Map.Entry<String, byte[]> f : forms.entrySet()) {
                    String oldHash = sha256(Files.readAllBytes(bin.resolve(f.getKey())));
                    Files.write(bin.resolve(f.getKey()), f.getValue());
                    Files.write(bin.resolve("by-hash/SHA256/" + oldHash), f.getValue());
                }
            }
        }
    }

    /** Every file under {@code dir} with its SHA-256. */
    static Map<String, String> treeHash(Path dir) throws IOException {
        Map<String, String> m = new java.util.TreeMap<>();
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.toList()) {
                m.put(dir.relativize(p).toString(), Files.isDirectory(p) ? "dir" : sha256(Files.readAllBytes(p)));
            }
        }
        return m;
    }

    static void copyTree(Path from, Path to) {
        Proc.of("cp", "-a", from.toString(), to.toString()).run();
    }

    static byte[] gzip(byte[] b) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(b);
        }
        return out.toByteArray();
    }

    static byte[] xz(byte[] b) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (XZOutputStream x = new XZOutputStream(out, new LZMA2Options())) {
            x.write(b);
        }
        return out.toByteArray();
    }

    static String sha256(byte[] b) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
