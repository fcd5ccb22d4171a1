package io.github.jpackagedeb.it;

import io.github.jpackagedeb.it.support.DebInspector;
import io.github.jpackagedeb.it.support.Env;
import io.github.jpackagedeb.it.support.GpgKey;
import io.github.jpackagedeb.it.support.MavenRunner;
import io.github.jpackagedeb.it.support.Proc;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Security checks on our own output (issue 8, docs/architecture.md#the-archive): the example packages the reactor
 * built follow the writer rules; a control-field injection through a plugin parameter is refused; and neither the
 * signing passphrase nor any other environment variable ends up in the package or the build log. That the service
 * runs as its own non-root user is checked on a booted system by {@link LifecycleBootIT}; here the unit says so.
 */
class SecurityOutputIT {

    /** Every entry root:root, no setuid/setgid/sticky, files 0644/0755, directories 0755, no hard links. */
    static List<String> problems(DebInspector deb) {
        List<String> bad = new ArrayList<>();
        for (DebInspector.Entry e : deb.contents()) {
            if (!e.owner().equals("root") || !e.group().equals("root")) {
                bad.add(e.path() + " owned by " + e.owner() + ":" + e.group());
            }
            int m = e.permissions();
            if (e.isDirectory() ? m != 0755 : e.isRegularFile() ? m != 0644 && m != 0755 : !e.isSymlink()) {
                bad.add(e.mode() + " " + e.path());
            }
            if (e.isHardLink() || e.path().contains("/../") || !e.path().startsWith("./")) {
                bad.add("entry " + e.path());
            }
        }
        return bad;
    }

    @Test
    void theExamplePackagesFollowTheWriterRules() throws IOException {
        Env.requireTool("dpkg-deb");
        List<Path> debs = new ArrayList<>();
        debs.add(ServiceDebs.v1());
        try (Stream<Path> s = Files.list(Env.pathProperty("it.helloCliTarget"))) {
            s.filter(p -> p.toString().endsWith(".deb")).forEach(debs::add);
        }
        assertTrue(debs.size() >= 2, debs.toString());
        int entries = 0;
        for (Path p : debs) {
            DebInspector deb = DebInspector.of(p);
            assertEquals(List.of(), problems(deb), p.toString());
            assertEquals(0, deb.checkFsysTarfile().exit(), p.toString());
            for (Map.Entry<String, String> c : deb.controlFiles().entrySet()) {
                assertFalse(c.getValue().contains("\r"), c.getKey() + " has a CR");
            }
            entries += deb.contents().size();
        }
        // the service runs as its own system user, never root (LifecycleBootIT checks the running process)
        DebInspector svc = DebInspector.of(ServiceDebs.v1());
        Path x = Files.createTempDirectory(Env.pathProperty("it.workDir"), "unit-");
        Proc.of("dpkg-deb", "-x", svc.deb().toString(), x.toString()).run();
        String unit = Files.readString(x.resolve("lib/systemd/system/hello-service.service"));
        assertTrue(unit.contains("\nUser=hello-service\n"), unit);
        assertFalse(unit.contains("User=root"), unit);
        assertTrue(unit.contains("NoNewPrivileges=yes"), unit);
        System.out.println("[SecurityOutputIT] scanned " + debs.size() + " packages, " + entries + " entries");
    }

    /** The log lines holding either secret, with the secrets masked. */
    static List<String> leaks(String log, String... secrets) {
        return log.lines().filter(l -> Stream.of(secrets).anyMatch(l::contains))
                .map(l -> {
                    for (String s : secrets) {
                        l = l.replace(s, "***");
                    }
                    return l.length() > 300 ? l.substring(0, 300) + "..." : l;
                }).toList();
    }

    /** A newline in a plugin parameter would inject a control field: refused, nothing written. */
    @Test
    void aControlFieldInjectionThroughAPluginParameterIsRefused() throws IOException {
        String m = PluginBuildIT.failing(SignDebIT.tinyWith(""),
                "-Djpackage-deb.synopsis=tiny\nDepends: evil-package", "-Djpackage-deb.compression=gzip");
        assertTrue(m.contains("synopsis") || m.contains("description"), m);
    }

    /**
     * A signing build with a passphrase in the environment, another secret-looking variable and Maven's debug log:
     * neither value appears in the log, in any file the build wrote under target/, or in the unpacked package.
     */
    @Test
    void noSecretReachesThePackageOrTheLog() throws IOException {
        for (String tool : List.of("gpg", "dpkg-deb")) {
            Env.requireTool(tool);
        }
        String pass = "pp-" + Long.toHexString(System.nanoTime()) + "-SECRET";
        String marker = "mk-" + Long.toHexString(System.nanoTime() * 31) + "-MARKER";
        Path work = Files.createDirectories(Env.pathProperty("it.workDir").resolve("secret-it"));
        GpgKey key = GpgKey.generate(Files.createTempDirectory(work, "keys-"), "secret", pass);
        Path project = SignDebIT.tinyWith(SignDebIT.signing(key.secretKey()));
        MavenRunner.Result r = SignDebIT.mvn(project, Map.of("IT_SIGNING_PASSPHRASE", pass,
                "AWS_SECRET_ACCESS_KEY", marker, "JPACKAGE_DEB_PASSPHRASE", marker),
                "-X", "package", "-Djpackage-deb.compression=gzip").assertSuccess();
        // Maven itself (not our plugin) prints every environment variable under -X, as "[DEBUG] env.NAME: value":
        // those lines are Maven's; any other line holding a secret would be ours
        String ours = r.log().lines().filter(l -> !l.matches("\\[DEBUG] env\\.[A-Za-z0-9_]+: .*"))
                .collect(java.util.stream.Collectors.joining("\n"));
        assertTrue(r.log().contains("[DEBUG] env.IT_SIGNING_PASSPHRASE: "), "Maven -X lists the environment");
        assertEquals(List.of(), leaks(ours, pass, marker), "secrets in the build log (shown masked)");
        Path deb = PluginBuildIT.onlyDeb(r.target());
        Path tree = Files.createTempDirectory(work, "tree-");
        Proc.of("dpkg-deb", "-R", deb.toString(), tree.toString()).run();
        for (Path root : List.of(tree, r.target())) {
            String hits = Proc.of("sh", "-c", "grep -rlaF -e \"$1\" -e \"$2\" \"$3\" || true", "sh", pass, marker,
                    root.toString()).run().stdout();
            assertEquals("", hits, "files holding a secret under " + root);
        }
        // and not inside the compressed members either (dpkg-deb -R unpacked them; the gzip'd changelog too)
        String zhits = Proc.of("sh", "-c", "find \"$3\" -name '*.gz' -exec zgrep -laF -e \"$1\" -e \"$2\" {} + || true",
                "sh", pass, marker, tree.toString()).run().stdout();
        assertEquals("", zhits);
    }
}
