package io.github.jpackagedeb.it;

import io.github.jpackagedeb.it.support.Env;
import io.github.jpackagedeb.it.support.MavenRunner;
import io.github.jpackagedeb.it.support.Proc;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The plugin reads the debian/ that make-deb init writes (docs/architecture.md#precedence), and {@code make-deb build}
 * on the same jars and the same debian/ gives the same bytes as {@code mvn package}; a pom setting that contradicts
 * debian/ fails the build naming both sources.
 */
class MakeDebIT {

    @Test
    void makeDebBuildGivesTheBytesOfMvnPackage() throws IOException {
        Path p = MakeDebCli.tinyCopy();
        MakeDebCli.run(p, "init", "--non-interactive");
        Path mavenDeb = PluginBuildIT.onlyDeb(MavenRunner.runIn(p, "package").assertSuccess().target());
        Path picocli = Env.pathProperty("it.mavenRepoTail").resolve("info/picocli/picocli/4.7.7/picocli-4.7.7.jar");
        Path out = Files.createDirectories(p.resolve("make-deb-out"));
        Proc.Result r = MakeDebCli.run(p, "build", "--runtime", "none", "--jar", "target/tiny-app-1.0.0.jar", "--lib",
                picocli.toString(), "--timestamp", "2026-01-01T00:00:00Z", "-o", out.toString());
        Path cliDeb = out.resolve(mavenDeb.getFileName());
        assertTrue(Files.isRegularFile(cliDeb), r.describe());
        assertArrayEquals(Files.readAllBytes(mavenDeb), Files.readAllBytes(cliDeb),
                "the same jars and debian/ through the plugin and through make-deb build: the same bytes");
    }

    @Test
    void withABundledRuntimeAndAServiceMakeDebBuildGivesTheBytesOfMvnPackage() throws IOException {
        Path p = MakeDebCli.tinyCopy();
        Path pom = p.resolve("pom.xml");
        Files.writeString(pom, Files.readString(pom).replace("<runtime>none</runtime>",
                "<runtime>jlink</runtime><service><restart>always</restart><dataOnPurge>delete</dataOnPurge></service>"));
        MakeDebCli.run(p, "init", "--non-interactive");
        Path cache = Files.createTempDirectory("make-deb-it-cache");
        Path mavenDeb = PluginBuildIT.onlyDeb(MavenRunner.runIn(p, "package", "-Djpackage-deb.cacheDirectory=" + cache)
                .assertSuccess().target());
        assertFalse(mavenDeb.getFileName().toString().endsWith("_all.deb"), mavenDeb.toString());
        Path picocli = Env.pathProperty("it.mavenRepoTail").resolve("info/picocli/picocli/4.7.7/picocli-4.7.7.jar");
        Path out = Files.createDirectories(p.resolve("make-deb-out"));
        Proc.Result r = MakeDebCli.run(p, "build", "--jar", "target/tiny-app-1.0.0.jar", "--lib", picocli.toString(),
                "--timestamp", "2026-01-01T00:00:00Z", "--service", "--restart", "always", "--data-on-purge", "delete",
                "--cache-dir", cache.toString(), "-o", out.toString());
        Path cliDeb = out.resolve(mavenDeb.getFileName());
        assertTrue(Files.isRegularFile(cliDeb), r.describe());
        assertEquals(sha256(mavenDeb), sha256(cliDeb), "a runtime and a service through the plugin and through"
                + " make-deb build (default --runtime jlink): the same bytes");
        String changes = mavenDeb.getFileName().toString().replace(".deb", ".changes");
        assertTrue(Files.isRegularFile(out.resolve(changes)), "make-deb writes the .changes as the plugin does");
    }

    static String sha256(Path file) throws IOException {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(Files.readAllBytes(file)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aPomSettingThatContradictsDebianControlFailsNamingBoth() throws IOException {
        Path p = MakeDebCli.tinyCopy();
        MakeDebCli.run(p, "init", "--non-interactive");
        Path pom = p.resolve("pom.xml");
        Files.writeString(pom, Files.readString(pom).replace("<runtime>none</runtime>",
                "<runtime>none</runtime><packageName>other-name</packageName>"));
        String message = PluginBuildIT.failing(p);
        assertTrue(message.contains("<packageName> says 'other-name', but debian/control line 16 (Package) says "
                + "'tiny-app'; each field must have one source."), message);
    }

    @Test
    void aChangelogForAnotherVersionIsSaidAndThePackageDescribesTheBuiltVersion() throws IOException {
        Env.requireTool("dpkg-deb");
        Path p = MakeDebCli.tinyCopy();
        MakeDebCli.run(p, "init", "--non-interactive");
        Path pom = p.resolve("pom.xml");
        Files.writeString(pom, Files.readString(pom).replace("<revision>1.0.0</revision>", "<revision>1.1.0</revision>"));
        String before = Files.readString(p.resolve("debian/changelog"));
        MavenRunner.Result r = MavenRunner.runIn(p, "package").assertSuccess();
        assertTrue(r.log().contains("maps to the Debian version 1.1.0-1, but the newest entry of debian/changelog line 1 "
                + "is for 1.0.0-1 (another upstream version)"), r.log());
        assertTrue(r.log().contains("make-deb changelog"), r.log());
        Path deb = PluginBuildIT.onlyDeb(r.target());
        assertTrue(deb.getFileName().toString().startsWith("tiny-app_1.1.0-1_"), deb.toString());
        Path x = Files.createTempDirectory("changelog");
        Proc.of("dpkg-deb", "-x", deb.toString(), x.toString()).run();
        String shipped = Proc.of("zcat", x.resolve("usr/share/doc/tiny-app/changelog.Debian.gz").toString()).run().stdout();
        assertTrue(shipped.startsWith("tiny-app (1.1.0-1) "), shipped);
        assertTrue(shipped.endsWith(before), "the author's entries follow:\n" + shipped);
        assertEquals(before, Files.readString(p.resolve("debian/changelog")), "mvn package does not rewrite debian/");
    }
}
