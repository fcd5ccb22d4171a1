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
class AppCdsTest {

    @Test
    void absentOrSwitchedOffMeansNone() {
        assertNull(AppCds.spec(null));
        AppCds off = new AppCds();
        off.enabled = false;
        off.trainingArgs = List.of("--version");
        assertNull(AppCds.spec(off));
    }

    @Test
    void trainingArgsAndTimeoutReachCore() {
        AppCds c = new AppCds();
        c.trainingArgs = List.of("--version");
        AppCdsSpec spec = AppCds.spec(c);
        assertEquals(List.of("--version"), spec.trainingArgs());
        assertEquals(AppCdsSpec.DEFAULT_TIMEOUT, spec.timeout());
        c.timeoutSeconds = 5;
        assertEquals(Duration.ofSeconds(5), AppCds.spec(c).timeout());
        assertEquals(List.of(), AppCds.spec(new AppCds()).trainingArgs(), "no arguments is allowed");
    }

    @Test
    void aBadTimeoutIsWordedForThePom() {
        AppCds c = new AppCds();
        c.timeoutSeconds = 0;
        DebException e = assertThrows(DebException.class, () -> AppCds.spec(c));
        String text = PomWording.describe(e);
        assertTrue(text.contains("<appCds><timeoutSeconds> = '0'"), text);
        assertTrue(text.contains("Fix:"), text);
    }
}
