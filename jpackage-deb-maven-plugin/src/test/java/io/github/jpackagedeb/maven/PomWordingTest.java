package io.github.jpackagedeb.maven;

import io.github.jpackagedeb.core.DebException;
import io.github.jpackagedeb.core.Setting;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PomWordingTest {

    @Test
    void namesThePomElementTheValueAndTheFix() {
        DebException e = new DebException(Setting.MAINTAINER, "Jane",
                "not of the form 'Full Name <email@example.org>'.",
                "give a name and an email address.");
        assertEquals("Cannot build the Debian package: <maintainer> (default: the first <developer> with <name> and <email>)"
                + " = 'Jane': not of the form 'Full Name <email@example.org>'.\n  Fix: give a name and an email address.",
                PomWording.describe(e));
    }

    @Test
    void aMissingValueIsSaidToBeUnset() {
        DebException e = new DebException(Setting.DESCRIPTION, null, "the package has no description.", "add one.");
        assertEquals("Cannot build the Debian package: <synopsis> (default: the first sentence of the project <description>) is not set:"
                + " the package has no description.\n  Fix: add one.", PomWording.describe(e));
    }

    @Test
    void relationshipFieldsMapToTheirElements() {
        assertEquals("<preDepends> (the Pre-Depends field)", PomWording.element(Setting.PRE_DEPENDS));
        assertEquals("<depends> (the Depends field)", PomWording.element(Setting.DEPENDS));
    }

    @Test
    void controlCharactersInValuesAreShown() {
        DebException e = new DebException(Setting.DESCRIPTION, "a\nDepends: x", "one line only.", null);
        assertEquals("Cannot build the Debian package: <synopsis> (default: the first sentence of the project <description>) = "
                + "'a\\nDepends: x': one line only.", PomWording.describe(e));
    }

    @Test
    void everySettingHasItsWording() {
        for (Setting s : Setting.values()) {
            assertTrue(PomWording.worded().contains(s), "PomWording.ELEMENTS has no entry for " + s.name());
        }
    }

    @Test
    void aFixThatChangesASettingIsWordedAsThePomSetsIt() {
        DebException e = new DebException(Setting.EXTRA_FILES, "/usr/bin/x", "mode 4755 sets the setuid bit.",
                "give permission bits only; or, ", new DebException.Change(Setting.ALLOW_SPECIAL_MODES, "true"), null);
        assertEquals("give permission bits only; or, set allowSpecialModes to true.", e.fix(), "core's own words");
        assertTrue(PomWording.describe(e).endsWith("Fix: give permission bits only; or, set <allowSpecialModes>true"
                + "</allowSpecialModes> in the plugin configuration (or -Djpackage-deb.allowSpecialModes=true)."),
                PomWording.describe(e));
        DebException restart = new DebException(Setting.SERVICE_RESTART_SEC, "0", "a restart loop.", null,
                new DebException.Change(Setting.SERVICE_RESTART, "on-failure"), null);
        assertTrue(PomWording.describe(restart).endsWith("Fix: set <service><restart> to on-failure."),
                PomWording.describe(restart));
        assertTrue(PomWording.describe("Cannot publish the Debian package: ", restart)
                .startsWith("Cannot publish the Debian package: <service><restartSec> = '0'"));
    }
}
