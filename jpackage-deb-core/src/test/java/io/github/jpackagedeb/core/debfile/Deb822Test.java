package io.github.jpackagedeb.core.debfile;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The archive dialect of the one deb822 reader (debian/control's is tested in debiandir.Deb822Test). */
class Deb822Test {

    @Test
    void rendersBackWhatItRead() {
        String text = "Package: hello\nVersion: 1.0-1\nDescription: says hello\n more\n .\n\tkept with its tab\n\n"
                + "SHA256:\n abc 1 a\n def 2 b\n";
        List<Deb822.Paragraph> ps = Deb822.parse(text, "x");
        assertEquals(2, ps.size());
        assertEquals(text, Deb822.render(ps));
        assertEquals(List.of("abc 1 a", "def 2 b"), ps.get(1).lines("sha256"));
    }

    @Test
    void dropsCrAtLineEnds() {
        assertEquals("Package: a\n", Deb822.parse("Package: a\r\n", "x").get(0).render());
    }

    @Test
    void malformedLinesNameTheLine() {
        assertEquals("x line 1: a continuation line without a field before it:  y",
                assertThrows(IllegalArgumentException.class, () -> Deb822.parse(" y\n", "x")).getMessage());
        assertEquals("x line 2: not a 'Name: value' field: nocolon",
                assertThrows(IllegalArgumentException.class, () -> Deb822.parse("A: 1\nnocolon\n", "x")).getMessage());
        assertEquals("x line 1: bad field name '#A'",
                assertThrows(IllegalArgumentException.class, () -> Deb822.parse("#A: comment\n", "x")).getMessage());
        assertEquals("x line 2: field a appears twice",
                assertThrows(IllegalArgumentException.class, () -> Deb822.parse("A: 1\na: 2\n", "x")).getMessage());
    }
}
