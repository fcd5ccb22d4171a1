package io.github.jpackagedeb.core;

import io.github.jpackagedeb.core.control.Relation;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Settings: one key each, the relationship fields under Debian's names, and fixes that change a setting. */
class SettingTest {

    @Test
    void everyKeyNamesOneSetting() {
        Set<String> keys = new HashSet<>();
        for (Setting s : Setting.values()) {
            assertTrue(keys.add(s.key()), "two settings have the key " + s.key());
            assertEquals(s.key(), s.toString());
        }
    }

    @Test
    void relationshipFieldsAreTheirSettingsUnderDebiansNames() {
        for (Relation r : Relation.values()) {
            assertEquals(r.field(), r.setting().key());
            assertSame(r, Relation.of(r.setting()));
        }
        assertEquals("Pre-Depends", Setting.PRE_DEPENDS.key());
        assertNull(Relation.of(Setting.MAINTAINER));
    }

    @Test
    void anErrorNamesItsSettingAndWordsAChangeInCoresTerms() {
        DebException plain = new DebException(Setting.SERVICE_RESTART, "sometimes", "not a Restart= value.",
                "use always or on-failure.");
        assertSame(Setting.SERVICE_RESTART, plain.setting());
        assertEquals("service.restart", plain.field());
        assertNull(plain.change());
        assertEquals("service.restart: 'sometimes': not a Restart= value. Fix: use always or on-failure.",
                plain.getMessage());

        DebException.Change allow = new DebException.Change(Setting.ALLOW_SPECIAL_MODES, "true");
        DebException e = new DebException(Setting.EXTRA_FILES, "/usr/bin/x", "mode 4755 sets the setuid bit.",
                "drop it; or, ", allow, null);
        assertEquals("drop it; or, set allowSpecialModes to true.", e.fix());
        assertEquals("drop it; or, ALLOW it.", e.fix(c -> "ALLOW it"));
        assertTrue(e.getMessage().endsWith("Fix: drop it; or, set allowSpecialModes to true."), e.getMessage());

        DebException restated = e.restate(Setting.DEBIAN_CONTROL, "x", "in debian/control: " + e.problem());
        assertSame(allow, restated.change());
        assertSame(e, restated.getCause());
        assertEquals(e.fix(), restated.fix());
    }
}
