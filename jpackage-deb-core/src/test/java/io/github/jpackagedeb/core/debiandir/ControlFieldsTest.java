package io.github.jpackagedeb.core.debiandir;

import io.github.jpackagedeb.core.DebException;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ControlFieldsTest {

    private static final String SOURCE = "Source: app\nSection: utils\nMaintainer: J <j@example.org>\n\n";

    private static DebException fails(String text) {
        return assertThrows(DebException.class, () -> DebianControl.parse(text, "debian/control"));
    }

    @Test
    void aMisspeltBinaryFieldNamesTheClosestOne() {
        DebException e = fails(SOURCE + "Package: app\nArchitecture: all\nRecomends: curl\nDescription: x\n");
        assertEquals("debianControl", e.field());
        assertEquals("Recomends", e.value());
        assertTrue(e.problem().contains("debian/control line 7"), e.problem());
        assertTrue(e.problem().contains("did you mean Recommends?"), e.problem());
        assertTrue(e.fix().contains("'Recommends:'") && e.fix().contains("X-Recomends"), e.fix());
    }

    @Test
    void aMisspeltSourceFieldNamesTheClosestOne() {
        DebException e = fails("Source: app\nSectoin: utils\n\nPackage: app\nArchitecture: all\nDescription: x\n");
        assertEquals("Sectoin", e.value());
        assertTrue(e.problem().contains("did you mean Section?"), e.problem());
        assertTrue(e.problem().contains("line 2"), e.problem());
    }

    @Test
    void aBinaryFieldInTheSourceParagraphSaysWhereItBelongs() {
        DebException e = fails("Source: app\nDepends: curl\n\nPackage: app\nArchitecture: all\nDescription: x\n");
        assertEquals("Depends", e.value());
        assertTrue(e.problem().contains("belongs in a binary package paragraph"), e.problem());
        assertTrue(e.fix().contains("move 'Depends:' to the Package paragraph"), e.fix());
        DebException s = fails("Package: app\nArchitecture: all\nbuild-depends: x\nDescription: x\n");
        assertTrue(s.fix().contains("move 'Build-Depends:' to the Source paragraph"), s.fix());
    }

    @Test
    void somethingFarFromEveryFieldHasNoGuess() {
        DebException e = fails("Package: app\nArchitecture: all\nFrobnicate-Everything: yes\nDescription: x\n");
        assertTrue(e.problem().contains("'Frobnicate-Everything' is not a field"), e.problem());
        assertTrue(!e.problem().contains("did you mean"), e.problem());
    }

    @Test
    void userDefinedAndEveryKnownFieldPass() {
        StringBuilder src = new StringBuilder("Source: app\n");
        ControlFields.SOURCE.stream().filter(f -> !f.equals("Source")).forEach(f -> src.append(f).append(": x\n"));
        src.append("XS-Go-Import-Path: x\nX-Python-Version: x\nXSBC-Original-Maintainer: x\n\n");
        StringBuilder bin = new StringBuilder("Package: app\n");
        ControlFields.BINARY.stream().filter(f -> !f.equals("Package")).forEach(f -> bin.append(f.toLowerCase())
                .append(": x\n"));
        bin.append("XB-Ruby-Versions: all\nxc-thing: y\n");
        DebianControl c = DebianControl.parse(src.toString() + bin, "debian/control");
        assertEquals(1, c.binaries().size());
    }

    @Test
    void distanceCountsASwapAsOneEdit() {
        assertEquals(1, ControlFields.distance("sectoin", "section"));
        assertEquals(1, ControlFields.distance("recomends", "recommends"));
        assertEquals(0, ControlFields.distance("", ""));
        assertEquals(3, ControlFields.distance("abc", ""));
        assertEquals("Pre-Depends", ControlFields.closest("PreDepends", ControlFields.BINARY));
        assertNull(ControlFields.closest("Zzzzzzzzzzzz", ControlFields.BINARY));
    }
}
