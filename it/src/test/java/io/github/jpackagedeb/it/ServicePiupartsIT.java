package io.github.jpackagedeb.it;

import io.github.jpackagedeb.it.support.DebianRoot;
import io.github.jpackagedeb.it.support.Env;
import io.github.jpackagedeb.it.support.Proc;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Debian's own package tester on hello-service (docs/services.md#how-it-is-tested): install, remove, reinstall,
 * purge, and nothing left behind; upgrade 1.0.0 -> 2.0.0 and rollback 2.0.0 -> 1.0.0, the older or newer version
 * coming from a local apt repository. The three runs go in parallel, each from a copy of the cached systemd + JRE
 * base ({@code --existing-chroot}); piuparts never starts services (no systemd runs in its chroot), so this checks
 * files, scripts, conffiles and purge; {@link LifecycleBootIT} checks the running service.
 */
class ServicePiupartsIT {

    static Path work;
    static String mirror;

    @BeforeAll
    static void prepare() throws IOException {
        Env.requireRoot();
        Env.requireTool("piuparts");
        Env.requireTool("dpkg-scanpackages");
        work = Files.createDirectories(Env.pathProperty("it.workDir").resolve("piuparts"));
        mirror = DebianRoot.mirror();
        DebianRoot.withSystemd().tree(); // build or unpack the base once, before the parallel runs
    }

    @Test
    void installRemoveInstallUpgradeAndRollback() {
        Path v1 = ServiceDebs.v1();
        Path v2 = ServiceDebs.v2();
        Map<String, CompletableFuture<Proc.Result>> runs = new LinkedHashMap<>();
        runs.put("install-remove-install", run("install-remove-install", List.of("--install-remove-install"), v2));
        runs.put("upgrade 1.0.0 -> 2.0.0", run("upgrade", repo("repo-v1", v1), v2));
        runs.put("rollback 2.0.0 -> 1.0.0", run("rollback", repo("repo-v2", v2), v1));
        StringBuilder failures = new StringBuilder();
        runs.forEach((name, f) -> {
            Proc.Result r = f.join();
            System.out.println("[ServicePiupartsIT] " + name + ": exit " + r.exit() + " in " + r.took().toSeconds()
                    + " s");
            if (r.exit() != 0 || !r.output().contains("PASS: All tests.")) {
                failures.append("\n==== piuparts ").append(name).append(" failed:\n").append(tail(r.describe()));
            }
        });
        assertEquals("", failures.toString());
    }

    /** Options that add a flat apt repository holding {@code deb}. */
    private static List<String> repo(String name, Path deb) {
        try {
            Path dir = Files.createDirectories(work.resolve(name));
            Files.copy(deb, dir.resolve(deb.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            Proc.bash("cd \"$1\" && dpkg-scanpackages --multiversion . /dev/null > Packages 2>/dev/null",
                    dir.toString()).run();
            return List.of("--bindmount=" + dir, "--extra-repo=deb [trusted=yes] file://" + dir + " ./");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static CompletableFuture<Proc.Result> run(String name, List<String> options, Path deb) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                Path tmp = Files.createDirectories(work.resolve("tmp-" + name));
                List<String> cmd = new ArrayList<>(List.of("piuparts", "--no-adequate",
                        "--existing-chroot=" + DebianRoot.withSystemd().tree(), "-d", "bookworm", "-m", mirror,
                        "--tmpdir=" + tmp, "-l", work.resolve(name + ".log").toString()));
                cmd.addAll(options);
                cmd.add(deb.toString());
                return Proc.of(cmd).timeout(Duration.ofMinutes(10)).exec();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    private static String tail(String s) {
        return s.length() > 12000 ? "…" + s.substring(s.length() - 12000) : s;
    }
}
