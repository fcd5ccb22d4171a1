package io.github.jpackagedeb.maven;

import io.github.jpackagedeb.core.DebException;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class PomWordingTest {

    @Test
    void namesThePomElementTheValueAndTheFix() {
        DebException e = new DebException("maintainer", "Jane", "not of the form 'Full Name <email@example.org>'.",
                "give a name and an email address.");
        assertEquals("Cannot build the Debian package: <maintainer> (default: the first <developer> with <name> and <email>)"
                + " = 'Jane': not of the form 'Full Name <email@example.org>'.\n  Fix: give a name and an email address.",
                PomWording.describe(e));
    }

    @Test
    void aMissingValueIsSaidToBeUnset() {
        DebException e = new DebException("description", null, "the package has no description.", "add one.");
        assertEquals("Cannot build the Debian package: <synopsis> (default: the first sentence of the project <description>) is not set:"
                + " the package has no description.\n  Fix: add one.", PomWording.describe(e));
    }

    @Test
    void relationshipFieldsMapToTheirElements() {
        assertEquals("<preDepends> (the Pre-Depends field)", PomWording.element("Pre-Depends"));
        assertEquals("<depends> (the Depends field)", PomWording.element("Depends"));
    }

    @Test
    void controlCharactersInValuesAreShown() {
        DebException e = new DebException("description", "a\nDepends: x", "one line only.", null);
        assertEquals("Cannot build the Debian package: <synopsis> (default: the first sentence of the project <description>) = "
                + "'a\\nDepends: x': one line only.", PomWording.describe(e));
    }
}
