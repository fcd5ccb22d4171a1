package io.github.jpackagedeb.core.testing;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The one gate for tests that need something outside the JDK. A needed tool that is missing skips the test on a
 * developer's machine and fails it when {@code CI=true} (CI installs every tool with {@code .ci/run}). Called from a
 * unit test (one not marked {@link Integration}), it fails on every machine: such a test must be an integration
 * test, so that the README's main command ({@code mvn package}) never depends on a tool a fresh machine lacks.
 */
public final class ExternalTools {

    /** The JUnit tag of integration tests; surefire excludes it, failsafe selects it (see the root pom). */
    public static final String TAG = "integration";

    /** The system property failsafe sets to {@code integration} (see the root pom). */
    public static final String PHASE_PROPERTY = "jpackagedeb.test.phase";

    /**
     * What every Debian system has (Essential: yes, and POSIX): unit tests may use these, e.g. {@code sh -n} on a
     * rendered script. dpkg is Essential too, but a test that needs it may skip off Debian, so it is an integration
     * test.
     */
    private static final java.util.Set<String> BASE = java.util.Set.of("sh", "id", "date", "tar", "md5sum", "cat");

    private ExternalTools() {
    }

    /** Whether this run is CI's ({@code CI=true}), where nothing may be skipped for a missing tool. */
    public static boolean ci() {
        return "true".equals(System.getenv("CI"));
    }

    /** Whether the tests run in failsafe's integration phase. */
    public static boolean integrationPhase() {
        return TAG.equals(System.getProperty(PHASE_PROPERTY));
    }

    /**
     * Requires the tools on the PATH (and this to be an integration test): skips when one is missing, fails under
     * {@code CI=true}.
     */
    public static void require(String... tools) {
        for (String tool : tools) {
            if (!BASE.contains(tool)) {
                requireIntegrationPhase(tool);
            }
        }
        for (String tool : tools) {
            if (!onPath(tool)) {
                unavailable(tool + " is not installed (apt-get install the package that has it; .ci/run does)");
            }
        }
    }

    /** Requires root (mounts, chroot, dpkg --root): skips without it, fails under {@code CI=true}. */
    public static void requireRoot(String why) {
        requireIntegrationPhase("root (" + why + ")");
        if (!"root".equals(System.getProperty("user.name"))) {
            unavailable("needs root: " + why);
        }
    }

    /** Fails a unit test that needs {@code what}: only integration tests may. */
    public static void requireIntegrationPhase(String what) {
        if (!integrationPhase()) {
            Assertions.fail("this test needs " + what + ", so it must be an integration test: mark it @"
                    + Integration.class.getName() + " (failsafe runs it in verify; or run it with -D"
                    + PHASE_PROPERTY + "=" + TAG + ")");
        }
    }

    /** Skips with {@code reason}, or fails under {@code CI=true}. */
    public static void unavailable(String reason) {
        if (ci()) {
            Assertions.fail("CI=true: " + reason);
        }
        Assumptions.abort(reason);
    }

    /** Whether an executable named {@code tool} is on the PATH. */
    public static boolean onPath(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }
}
