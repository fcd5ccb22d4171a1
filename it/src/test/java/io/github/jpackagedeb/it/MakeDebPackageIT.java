package io.github.jpackagedeb.it;

import io.github.jpackagedeb.it.support.DebInspector;
import io.github.jpackagedeb.it.support.DebianRoot;
import io.github.jpackagedeb.it.support.Env;
import io.github.jpackagedeb.it.support.Lintian;
import io.github.jpackagedeb.it.support.Proc;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The make-deb CLI ships as a .deb built by our own plugin: it installs in a Debian root and runs there. */
class MakeDebPackageIT {

    static Path cliDeb() throws IOException {
        Env.requireTool("dpkg-deb");
        Path target = Env.pathProperty("it.makeDebTarget");
        try (Stream<Path> s = Files.list(target)) {
            List<Path> debs = s.filter(p -> p.getFileName().toString().matches("make-deb_[^_]+_all\\.deb")).toList();
            assertEquals(1, debs.size(), "one make-deb .deb in " + target + ": " + debs);
            return debs.get(0);
        }
    }

    @Test
    void theCliDebInstallsAndMakeDebRuns() throws IOException {
        Path deb = cliDeb();
        DebInspector in = DebInspector.of(deb);
        assertEquals("make-deb", in.field("Package").orElseThrow());
        assertEquals("../share/java/make-deb/bin/make-deb", in.entry("/usr/bin/make-deb").orElseThrow().linkTarget());
        assertTrue(in.entry("/usr/share/bash-completion/completions/make-deb").isPresent(), "bash completion");
        assertTrue(in.entry("/usr/share/man/man1/make-deb.1.gz").isPresent(), "man page");
        Lintian.assertClean(deb);
        try (DebianRoot.Copy root = DebianRoot.withJava().fresh()) {
            root.dpkgInstall(deb);
            Proc.Result version = root.run("make-deb", "--version");
            assertTrue(version.stdout().matches("make-deb \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?\\n"), version.describe());
            assertEquals(0, root.exec("make-deb", "init", "--help").exit());
            assertEquals(2, root.exec("make-deb", "--no-such-option").exit(), "usage errors exit 2");
            Proc.Result check = root.run("make-deb", "check", root.put(deb));
            assertTrue(check.stderr().contains("passed (0 errors"), check.describe());
            root.dpkg("-P", "make-deb");
            assertFalse(root.exists("/usr/bin/make-deb"));
        }
    }
}
