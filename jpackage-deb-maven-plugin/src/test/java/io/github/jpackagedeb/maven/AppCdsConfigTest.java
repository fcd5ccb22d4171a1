package io.github.jpackagedeb.maven;

import io.github.jpackagedeb.core.DebException;
import io.github.jpackagedeb.core.runtime.AppCdsSpec;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The {@code <appCds>} block: absent or switched off means none; its values go to core's spec; errors name it. */
class AppCdsConfigTest {

    @Test
    void absentOrSwitchedOffMeansNone() {
        assertNull(AppCdsConfig.spec(null));
        AppCdsConfig off = new AppCdsConfig();
        off.enabled = false;
        off.trainingArgs = List.of("--version");
        assertNull(AppCdsConfig.spec(off));
    }

    @Test
    void trainingArgsAndTimeoutReachCore() {
        AppCdsConfig c = new AppCdsConfig();
        c.trainingArgs = List.of("--version");
        AppCdsSpec spec = AppCdsConfig.spec(c);
        assertEquals(List.of("--version"), spec.trainingArgs());
        assertEquals(AppCdsSpec.DEFAULT_TIMEOUT, spec.timeout());
        c.timeoutSeconds = 5;
        assertEquals(Duration.ofSeconds(5), AppCdsConfig.spec(c).timeout());
        assertEquals(List.of(), AppCdsConfig.spec(new AppCdsConfig()).trainingArgs(), "no arguments is allowed");
    }

    @Test
    void aBadTimeoutIsWordedForThePom() {
        AppCdsConfig c = new AppCdsConfig();
        c.timeoutSeconds = 0;
        DebException e = assertThrows(DebException.class, () -> AppCdsConfig.spec(c));
        String text = PomWording.describe(e);
        assertTrue(text.contains("<appCds><timeoutSeconds> = '0'"), text);
        assertTrue(text.contains("Fix:"), text);
    }
}
