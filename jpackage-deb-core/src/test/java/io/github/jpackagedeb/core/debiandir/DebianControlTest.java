package io.github.jpackagedeb.core.debiandir;

import io.github.jpackagedeb.core.DebException;
import io.github.jpackagedeb.core.Setting;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DebianControlTest {

    static final String CONTROL = """
            Source: app
            Section: utils
            Priority: optional
            Maintainer: Jane Doe <jane@example.org>
            Homepage: https://example.org/app
            Build-Depends: debhelper-compat (= 13)

            Package: app
            Architecture: all
            Depends: ${misc:Depends},
                     default-jre-headless (>= 2:1.17) | java17-runtime-headless, ${shlibs:Depends}
            Recommends: curl
            Description: tool that does things
             It does them well.
             .
             And fast.
            """;

    @Test
    void binaryFieldsInheritFromTheSourceParagraph() {
        DebianControl c = DebianControl.parse(CONTROL, "debian/control");
        Map<Setting, SpecDraft.Value> v = c.values(null);
        assertEquals("app", v.get(Setting.PACKAGE_NAME).value());
        assertEquals("Jane Doe <jane@example.org>", v.get(Setting.MAINTAINER).value());
        assertEquals("debian/control line 4 (Maintainer)", v.get(Setting.MAINTAINER).origin().label());
        assertEquals("utils", v.get(Setting.SECTION).value());
        assertEquals("https://example.org/app", v.get(Setting.HOMEPAGE).value());
        assertEquals("all", v.get(Setting.ARCHITECTURE).value());
        assertEquals("tool that does things", v.get(Setting.DESCRIPTION).value());
        assertEquals("It does them well.\n\nAnd fast.", v.get(Setting.LONG_DESCRIPTION).value());
        assertEquals("default-jre-headless (>= 2:1.17) | java17-runtime-headless", v.get(Setting.DEPENDS).value(),
                "substitution variables are dropped: only debhelper fills them");
        assertEquals("curl", v.get(Setting.RECOMMENDS).value());
        assertFalse(v.containsKey("Build-Depends"));
    }

    @Test
    void theBinaryParagraphWins() {
        DebianControl c = DebianControl.parse("Source: s\nSection: utils\n\nPackage: p\nSection: net\n"
                + "Architecture: any\nDescription: x\n", "c");
        assertEquals("net", c.values(null).get(Setting.SECTION).value());
    }

    @Test
    void severalBinariesAreChosenByName() {
        DebianControl c = DebianControl.parse("Source: s\n\nPackage: one\nDescription: a\n\nPackage: two\nDescription: b\n", "c");
        assertEquals("b", c.values("two").get(Setting.DESCRIPTION).value());
        DebException e = assertThrows(DebException.class, () -> c.values("three"));
        assertTrue(e.problem().contains("one, two"), e.getMessage());
    }

    @Test
    void badFiles() {
        assertThrows(DebException.class, () -> DebianControl.parse("Source: s\n", "c"));
        assertThrows(DebException.class, () -> DebianControl.parse("Package: a\n\nSection: x\n", "c"));
        DebException sub = assertThrows(DebException.class, () -> DebianControl.parse(
                "Package: a\nDepends: a (= ${binary:Version})\n", "c").values(null));
        assertTrue(sub.problem().contains("substitution variable"), sub.getMessage());
    }

    /** An empty {@code Package:} (also one of blanks only, or in the second binary paragraph) is refused by name. */
    @Test
    void anEmptyPackageFieldIsRefusedNamingTheFileAndField() {
        for (String text : List.of("Package:\nArchitecture: all\n", "Package:   \nDescription: d\n",
                "Source: s\n\nPackage: a\n\nPackage:\nDescription: b\n")) {
            DebException e = assertThrows(DebException.class, () -> DebianControl.parse(text, "debian/control"),
                    text);
            assertEquals("debianControl", e.field());
            assertEquals("Package", e.value());
            assertTrue(e.problem().startsWith("debian/control line "), e.getMessage());
            assertTrue(e.problem().contains("the Package field is empty"), e.getMessage());
            assertTrue(e.fix().contains("Package: my-app"), e.getMessage());
            assertTrue(e.getMessage().contains("debian/control"), e.getMessage());
        }
        DebException e = assertThrows(DebException.class, () -> DebianControl.parse(
                "Source: s\n\nPackage: a\n\nPackage:\nDescription: b\n", "debian/control"));
        assertTrue(e.problem().startsWith("debian/control line 5:"), e.getMessage());
    }
}
