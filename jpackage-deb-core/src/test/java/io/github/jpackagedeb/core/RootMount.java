package io.github.jpackagedeb.core;

import org.junit.jupiter.api.Assumptions;

import static org.junit.jupiter.api.Assertions.fail;

/** For tests that mount a small tmpfs (a full disk): they need root; on a laptop they skip, under CI=true they fail. */
public final class RootMount {

    private RootMount() {
    }

    public static void require() {
        if (!"root".equals(System.getProperty("user.name"))) {
            if ("true".equals(System.getenv("CI"))) {
                fail("CI=true: this test needs root to mount a tmpfs");
            }
            Assumptions.abort("needs root to mount a tmpfs");
        }
    }
}
