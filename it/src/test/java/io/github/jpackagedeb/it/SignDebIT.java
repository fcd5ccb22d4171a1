package io.github.jpackagedeb.it;

import io.github.jpackagedeb.it.support.DebInspector;
import io.github.jpackagedeb.it.support.Env;
import io.github.jpackagedeb.it.support.GpgKey;
import io.github.jpackagedeb.it.support.MavenRunner;
import io.github.jpackagedeb.it.support.Proc;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code mvn package} with a {@code <signing>} block: the .deb carries a debsigs origin signature that the real
 * {@code debsig-verify} accepts under a policy for the key (and refuses once the package is tampered with), and the
 * .changes/.buildinfo beside it are clearsigned ({@code gpgv}, {@code dscverify}). Two builds give the same bytes.
 * Missing key, wrong passphrase: the build fails naming the pom element, shows no passphrase, and writes no .deb.
 */
class SignDebIT {

    static final String PASS = "it passphrase 42";
    static Path work;
    static GpgKey key;

    @BeforeAll
    static void setUp() throws IOException {
        for (String tool : List.of("gpg", "gpgv", "debsig-verify", "dscverify", "dpkg-deb")) {
            Env.requireTool(tool);
        }
        work = Files.createDirectories(Env.pathProperty("it.workDir").resolve("sign-it"));
        key = GpgKey.generate(Files.createTempDirectory(work, "keys-"), "signer", PASS);
    }

    /** A copy of tiny-app whose plugin configuration has {@code signingXml} added. */
    static Path tinyWith(String signingXml) throws IOException {
        Path tiny = Env.pathProperty("it.projectRoot").resolve("it/src/it/projects/tiny-app");
        Path copy = MavenRunner.copyProject(tiny);
        Path pom = copy.resolve("pom.xml");
        String text = Files.readString(pom).replace("@jpackagedeb.version@", Env.property("it.pluginVersion"));
        String anchor = "<runtime>none</runtime>";
        assertTrue(text.contains(anchor), "tiny-app's plugin configuration holds " + anchor);
        Files.writeString(pom, text.replace(anchor, anchor + signingXml));
        return copy;
    }

    static String signing(Path keyring) {
        return "<signing><keyring>" + keyring + "</keyring>"
                + "<passphraseEnvironmentVariable>IT_SIGNING_PASSPHRASE</passphraseEnvironmentVariable></signing>";
    }

    /** Maven as {@link MavenRunner} runs it, plus environment variables (the passphrase). */
    static MavenRunner.Result mvn(Path dir, Map<String, String> env, String... args) {
        Path mvn = Env.pathProperty("maven.home").resolve("bin").resolve("mvn");
        List<String> cmd = new ArrayList<>(List.of(mvn.toString(), "-B", "-e",
                "-Dmaven.repo.local=" + Env.property("it.localRepo"),
                "-Dmaven.repo.local.tail=" + Env.property("it.mavenRepoTail")));
        cmd.addAll(Arrays.asList(args));
        Proc p = Proc.of(cmd).in(dir).timeout(MavenRunner.TIMEOUT);
        for (Map.Entry<String, String> e : env.entrySet()) {
            p = p.env(e.getKey(), e.getValue());
        }
        return new MavenRunner.Result(dir, p.exec());
    }

    /** debsig-verify with a policy trusting {@code k}, in a private policies/keyrings directory. */
    static Proc.Result debsigVerify(Path deb, GpgKey k) throws IOException {
        Path root = Files.createTempDirectory(work, "debsig-");
        Path pol = Files.createDirectories(root.resolve("policies").resolve(k.keyId()));
        Path ring = Files.createDirectories(root.resolve("keyrings").resolve(k.keyId()));
        Files.copy(k.publicKey(), ring.resolve("debsig.gpg"));
        Files.writeString(pol.resolve("jpackage-deb.pol"), String.join("\n",
                "<?xml version=\"1.0\"?>",
                "<!DOCTYPE Policy SYSTEM \"https://www.debian.org/debsig/1.0/policy.dtd\">",
                "<Policy xmlns=\"https://www.debian.org/debsig/1.0/\">",
                "  <Origin Name=\"jpackage-deb IT\" id=\"" + k.keyId() + "\" Description=\"IT signing key\"/>",
                "  <Selection><Required Type=\"origin\" File=\"debsig.gpg\" id=\"" + k.keyId() + "\"/></Selection>",
                "  <Verification MinOptional=\"0\"><Required Type=\"origin\" File=\"debsig.gpg\" id=\"" + k.keyId()
                        + "\"/></Verification>",
                "</Policy>", ""));
        return Proc.of("debsig-verify", "--policies-dir", root.resolve("policies").toString(), "--keyrings-dir",
                root.resolve("keyrings").toString(), deb.toString()).exec();
    }

    static List<String> outputs(Path target) throws IOException {
        try (Stream<Path> s = Files.list(target)) {
            return s.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".deb") || n.endsWith(".changes") || n.endsWith(".buildinfo") || n.endsWith(".tmp"))
                    .sorted().toList();
        }
    }

    @Test
    void signedPackageAndChangesVerifyAndBuildsAreReproducible() throws IOException {
        Map<String, String> env = Map.of("IT_SIGNING_PASSPHRASE", PASS);
        MavenRunner.Result a = mvn(tinyWith(signing(key.secretKey())), env, "package").assertSuccess();
        assertFalse(a.log().contains(PASS), "the passphrase never appears in the build log");
        assertEquals(List.of("tiny-app_1.0.0-1_all.buildinfo", "tiny-app_1.0.0-1_all.changes", "tiny-app_1.0.0-1_all.deb"),
                outputs(a.target()));
        Path deb = a.target().resolve("tiny-app_1.0.0-1_all.deb");

        Proc.Result members = Proc.of("ar", "t", deb.toString()).run();
        assertEquals("debian-binary\ncontrol.tar.xz\ndata.tar.xz\n_gpgorigin\n", members.stdout());
        DebInspector in = DebInspector.of(deb);
        assertEquals("tiny-app", in.field("Package").orElseThrow());
        assertEquals(0, in.checkFsysTarfile().exit(), "dpkg-deb still reads the signed package");

        Proc.Result verified = debsigVerify(deb, key);
        System.out.println("[sign-it] " + verified.describe());
        assertEquals(0, verified.exit(), verified.describe());

        Path changes = a.target().resolve("tiny-app_1.0.0-1_all.changes");
        Proc.of("gpgv", "--keyring", key.publicKey().toString(), changes.toString()).run();
        Proc.Result dsc = Proc.of("dscverify", "--no-default-keyrings", "--keyring", key.publicKey().toString(),
                changes.toString()).run();
        System.out.println("[sign-it] " + dsc.describe());
        assertTrue(dsc.stdout().contains("All files validated successfully"), dsc.describe());

        // a second build from another checkout: the same bytes, signatures included (Ed25519, build timestamp)
        MavenRunner.Result b = mvn(tinyWith(signing(key.secretKey())), env, "package").assertSuccess();
        for (String f : outputs(a.target())) {
            assertArrayEquals(Files.readAllBytes(a.target().resolve(f)), Files.readAllBytes(b.target().resolve(f)), f);
        }

        // tampered: one byte of data.tar.xz changed after signing
        Path tampered = work.resolve("tampered.deb");
        byte[] bytes = Files.readAllBytes(deb);
        bytes[bytes.length / 2] ^= 0x20;
        Files.write(tampered, bytes);
        Proc.Result bad = debsigVerify(tampered, key);
        System.out.println("[sign-it] tampered: " + bad.describe());
        assertEquals(13, bad.exit(), bad.describe());

        // an unsigned build of the same project: no origin signature (debsig-verify exit 10)
        MavenRunner.Result plain = mvn(tinyWith(""), Map.of(), "package").assertSuccess();
        assertEquals(10, debsigVerify(plain.target().resolve("tiny-app_1.0.0-1_all.deb"), key).exit());
    }

    @Test
    void wrongPassphraseOrMissingKeyFailTheBuildBeforeAnyPackageIsWritten() throws IOException {
        MavenRunner.Result wrong = mvn(tinyWith(signing(key.secretKey())),
                Map.of("IT_SIGNING_PASSPHRASE", "not the passphrase"), "package").assertFailure();
        assertTrue(wrong.log().contains("Cannot build the Debian package: <signing><passphraseEnvironmentVariable>"
                + " (default: JPACKAGE_DEB_PASSPHRASE) = 'IT_SIGNING_PASSPHRASE': the passphrase from the environment "
                + "variable IT_SIGNING_PASSPHRASE does not unlock the key"), wrong.log());
        assertFalse(wrong.log().contains("not the passphrase"), "the passphrase is never printed");
        assertEquals(List.of(), outputs(wrong.target()));

        MavenRunner.Result unset = mvn(tinyWith(signing(key.secretKey())), Map.of(), "package").assertFailure();
        assertTrue(unset.log().contains("the environment variable IT_SIGNING_PASSPHRASE is not set"), unset.log());

        Path missing = work.resolve("no-such-key.asc");
        MavenRunner.Result noKey = mvn(tinyWith(signing(missing)), Map.of(), "package").assertFailure();
        assertTrue(noKey.log().contains("<signing><keyring> (or the <privateKey> of the settings.xml <server> of "
                + "<signing><serverId>) = '" + missing + "': does not exist."), noKey.log());
        assertEquals(List.of(), outputs(noKey.target()));
    }
}
