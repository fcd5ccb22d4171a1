package io.github.jpackagedeb.it.support;

import io.github.jpackagedeb.core.testing.ExternalTools;


import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;


/**
 * What the machine offers. A test that needs a Debian tool or root calls {@link #requireTool} /
 * {@link #requireRoot()} first: when it is missing the test is skipped on a developer machine, and fails
 * when {@code CI=true} (the CI machine must run everything; {@code .ci/run} installs the tools).
 */
public final class Env {

    /** Debian package that ships each tool we use, for the "install it" hint. */
    private static final Map<String, String> PACKAGE_OF = Map.ofEntries(
            Map.entry("dpkg", "dpkg"),
            Map.entry("dpkg-deb", "dpkg"),
            Map.entry("dpkg-query", "dpkg"),
            Map.entry("dpkg-scanpackages", "dpkg-dev"),
            Map.entry("dpkg-shlibdeps", "dpkg-dev"),
            Map.entry("dpkg-buildpackage", "dpkg-dev"),
            Map.entry("lintian", "lintian"),
            Map.entry("debootstrap", "debootstrap"),
            Map.entry("unshare", "util-linux"),
            Map.entry("chroot", "coreutils"),
            Map.entry("tar", "tar"),
            Map.entry("shellcheck", "shellcheck"),
            Map.entry("systemd-nspawn", "systemd-container"),
            Map.entry("systemd-analyze", "systemd"),
            Map.entry("piuparts", "piuparts"),
            Map.entry("gpg", "gnupg"),
            Map.entry("gpgv", "gpgv"),
            Map.entry("debsig-verify", "debsig-verify"),
            Map.entry("dscverify", "devscripts"),
            Map.entry("dcmd", "devscripts"));

    private Env() {
    }

    /** True when the environment variable {@code CI} is exactly {@code "true"}. */
    public static boolean ci() {
        return "true".equals(System.getenv("CI"));
    }

    /** The executable {@code name} found on {@code PATH}, if any. */
    public static Optional<Path> which(String name) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(dir, name);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** Skips (or, with CI=true, fails) the test unless {@code name} is on PATH. */
    public static void requireTool(String name) {
        ExternalTools.requireIntegrationPhase(name);
        if (which(name).isEmpty()) {
            String pkg = PACKAGE_OF.getOrDefault(name, name);
            missing(name + " is not on PATH; install it: apt-get install -y --no-install-recommends " + pkg);
        }
    }

    /** Skips (or, with CI=true, fails) the test unless it runs as root (uid 0, from {@code id -u}). */
    public static void requireRoot() {
        if (!isRoot()) {
            missing("this test needs root (it runs dpkg in a chroot); run it as root, e.g. through .ci/run");
        }
    }

    /** True when {@code id -u} prints 0. */
    public static boolean isRoot() {
        return Holder.ROOT;
    }

    /** The one gate of the project's tests (core.testing.ExternalTools): skips, or fails under CI=true. */
    private static void missing(String message) {
        ExternalTools.unavailable(message);
    }

    /** A required system property (set by maven-failsafe-plugin in it/pom.xml). */
    public static String property(String name) {
        String value = System.getProperty(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("system property " + name
                    + " is not set; run the it module through Maven (./mvnw -pl it verify), which sets it in it/pom.xml");
        }
        return value;
    }

    /** A required system property holding a path. */
    public static Path pathProperty(String name) {
        return Path.of(property(name));
    }

    private static final class Holder {
        static final boolean ROOT = "0".equals(Proc.of("id", "-u").run().stdout().strip());
    }
}
