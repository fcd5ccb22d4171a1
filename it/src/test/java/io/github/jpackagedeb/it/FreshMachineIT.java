package io.github.jpackagedeb.it;

import io.github.jpackagedeb.it.support.DebianRoot;
import io.github.jpackagedeb.it.support.Env;
import io.github.jpackagedeb.it.support.Proc;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The README's main command on a new user's machine: a Debian 12 root with only {@code openjdk-17-jdk-headless} and
 * {@code git} (no binutils, no shellcheck, no lintian, no Maven, an empty ~/.m2), a clean clone of this commit, then
 * {@code ./mvnw -B package -pl examples/hello-cli -am} exactly as README.md says. Everything (Maven itself, plugins,
 * dependencies) is downloaded inside the root. The time is printed for the closing note, never asserted.
 */
class FreshMachineIT {

    /** The README's main command, word for word. */
    static final String MAIN_COMMAND = "./mvnw -B package -pl examples/hello-cli -am";

    @Test
    void theReadmesMainCommandBuildsTheExamplePackageOnAMachineWithOnlyAJdkAndGit() throws Exception {
        Env.requireRoot();
        Env.requireTool("git");
        Path project = Env.pathProperty("it.projectRoot");
        String readme = Files.readString(project.resolve("README.md"));
        assertTrue(readme.contains(MAIN_COMMAND), "README.md no longer says " + MAIN_COMMAND + ": update this test");
        try (DebianRoot.Copy root = DebianRoot.jdkAndGit().fresh()) {
            // the root has no git clone of its own to make from the host's checkout: clone on the host into the
            // transfer directory (a clean clone of HEAD, as a new user gets), then build inside the root
            Path xfer = root.dir().resolve("xfer");
            Proc.of("git", "clone", "-q", "--no-hardlinks", project.toString(), xfer.resolve("project").toString())
                    .timeout(Duration.ofMinutes(2)).run();
            // the machine's own network set-up, as a new user's machine of this kind has it: its resolver, and the
            // certificate authorities it trusts locally (a site's TLS proxy), made known to Java by ca-certificates
            Files.copy(Path.of("/etc/resolv.conf"), xfer.resolve("resolv.conf"));
            root.sh("cp " + DebianRoot.XFER + "/resolv.conf /etc/resolv.conf");
            Path localCas = Path.of("/usr/local/share/ca-certificates");
            if (Files.isDirectory(localCas)) {
                Proc.of("cp", "-r", localCas.toString(), xfer.resolve("local-cas").toString()).run();
                root.sh("cp -r " + DebianRoot.XFER + "/local-cas/. /usr/local/share/ca-certificates/"
                        + " && update-ca-certificates >/dev/null");
            }
            Proc.Result bare = root.exec("sh", "-c", "command -v objcopy || command -v strip || command -v mvn"
                    + " || command -v shellcheck || command -v lintian || command -v dpkg-buildpackage");
            assertNotEquals(0, bare.exit(), () -> "the root must be bare: " + bare.describe());
            long start = System.nanoTime();
            Proc.Result r = root.proc("sh", "-c", "cd " + DebianRoot.XFER + "/project && " + MAIN_COMMAND)
                    .timeout(Duration.ofMinutes(20)).exec();
            long seconds = (System.nanoTime() - start) / 1_000_000_000L;
            System.out.println("[FreshMachineIT] '" + MAIN_COMMAND + "' on a fresh Debian 12 root (JDK and git only,"
                    + " empty ~/.m2) took " + seconds + " s, exit " + r.exit());
            assertEquals(0, r.exit(), () -> r.describe());
            Path target = xfer.resolve("project/examples/hello-cli/target");
            Path deb;
            try (var s = Files.list(target)) {
                deb = s.filter(p -> p.getFileName().toString().matches("hello-cli_.*\\.deb")).findFirst()
                        .orElseThrow(() -> new AssertionError("no hello-cli .deb in " + target));
            }
            String pkg = root.run("dpkg-deb", "-f", DebianRoot.XFER + "/project/examples/hello-cli/target/"
                    + deb.getFileName(), "Package").stdout().strip();
            assertEquals("hello-cli", pkg);
            // the second run is the warm one (Maven, plugins, dependencies and the runtime cache in place)
            start = System.nanoTime();
            Proc.Result warm = root.proc("sh", "-c", "cd " + DebianRoot.XFER + "/project && " + MAIN_COMMAND)
                    .timeout(Duration.ofMinutes(10)).exec();
            System.out.println("[FreshMachineIT] the same command warm took "
                    + (System.nanoTime() - start) / 1_000_000_000L + " s, exit " + warm.exit());
            assertEquals(0, warm.exit(), () -> warm.describe());
        }
    }
}
