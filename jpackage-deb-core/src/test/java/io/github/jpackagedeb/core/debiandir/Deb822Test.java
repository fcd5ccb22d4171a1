package io.github.jpackagedeb.core.debiandir;

import io.github.jpackagedeb.core.DebException;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class Deb822Test {

    @Test
    void paragraphsFieldsContinuationAndComments() {
        String text = "# a comment before anything\nSource: app\nBuild-Depends: debhelper-compat (= 13),\n"
                + "# a comment inside a continuation\n               maven\n\n\n"
                + "Package: app\ndescription: short\n line one\n .\n\tline two\n";
        List<Deb822.Paragraph> ps = Deb822.parse(text, "debian/control");
        assertEquals(2, ps.size());
        assertEquals(2, ps.get(0).line());
        assertEquals("debhelper-compat (= 13), maven", ps.get(0).value("build-depends").orElseThrow());
        Deb822.Field d = ps.get(1).field("Description").orElseThrow();
        assertEquals("description", d.name());
        assertEquals(9, d.line());
        assertEquals("short", d.firstLine());
        assertEquals(List.of("line one", ".", "line two"), d.continuation());
        assertEquals("debian/control line 9", ps.get(1).where("Description"));
    }

    @Test
    void emptyValuesAndTrailingBlankLines() {
        List<Deb822.Paragraph> ps = Deb822.parse("A:\nB: x\n\n\n  \n", "f");
        assertEquals(1, ps.size());
        assertTrue(ps.get(0).value("A").isEmpty());
        assertTrue(ps.get(0).field("A").isPresent());
    }

    @Test
    void syntaxErrorsNameTheLine() {
        DebException dup = assertThrows(DebException.class, () -> Deb822.parse("A: 1\nB: 2\na: 3\n", "f"));
        assertTrue(dup.problem().contains("f line 3") && dup.problem().contains("first at line 1"), dup.getMessage());
        DebException cont = assertThrows(DebException.class, () -> Deb822.parse(" orphan\nA: 1\n", "f"));
        assertTrue(cont.problem().contains("line 1"), cont.getMessage());
        DebException colon = assertThrows(DebException.class, () -> Deb822.parse("A: 1\nno colon here\n", "f"));
        assertTrue(colon.problem().contains("line 2"), colon.getMessage());
        DebException cr = assertThrows(DebException.class, () -> Deb822.parse("A: 1\r\n", "f"));
        assertTrue(cr.fix().contains("dos2unix"), cr.getMessage());
        assertEquals("debianControl", cr.field());
    }
}
