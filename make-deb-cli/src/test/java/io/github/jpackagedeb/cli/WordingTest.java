package io.github.jpackagedeb.cli;

import io.github.jpackagedeb.core.DebException;
import io.github.jpackagedeb.core.Setting;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** make-deb's wording table names every setting core can blame, and words a fix that changes one as its flag. */
class WordingTest {

    @Test
    void everySettingHasItsWording() {
        for (Setting s : Setting.values()) {
            assertTrue(Wording.worded().contains(s), "Wording.NAMES has no entry for " + s.name());
        }
    }

    @Test
    void aFixThatChangesASettingNamesTheFlag() {
        DebException e = new DebException(Setting.SERVICE_RESTART_SEC, "0", "a restart loop.", "or ",
                new DebException.Change(Setting.SERVICE_RESTART, "on-failure"), null);
        assertEquals("or set service.restart to on-failure.", e.fix(), "core's own words");
        assertEquals("or set --restart to on-failure.", Wording.fix(e));
        assertTrue(RepoCli.describe(new DebException(Setting.SIGNING_KEY, "k.asc", "no such file.", null,
                new DebException.Change(Setting.KEY_ID, "ABCD"), null)).endsWith("Fix: set --key-id to ABCD."));
    }
}
