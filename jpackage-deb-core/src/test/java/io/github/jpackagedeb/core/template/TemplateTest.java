package io.github.jpackagedeb.core.template;

import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TemplateTest {

    @Test
    void rendersEveryPlaceholder() {
        Template t = Template.of("t", "a=@@A@@ b=@@B_2@@ a=@@A@@ $x");
        assertEquals(Set.of("A", "B_2"), t.placeholders());
        assertEquals("a=1 b=$2\\ a=1 $x", t.render(Map.of("A", "1", "B_2", "$2\\")));
    }

    @Test
    void missingValueIsAnError() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Template.of("t", "@@A@@ @@B@@").render(Map.of("A", "1")));
        assertTrue(e.getMessage().contains("@@B@@"));
    }

    @Test
    void unknownValueIsAnError() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Template.of("t", "@@A@@").render(Map.of("A", "1", "C", "3")));
        assertTrue(e.getMessage().contains("@@C@@"));
    }

    @Test
    void leftoverMarkersAreAnError() {
        assertThrows(IllegalStateException.class, () -> Template.of("t", "@@A@@ @@bad@@").render(Map.of("A", "1")));
    }

    @Test
    void shippedTemplatesLoad() {
        for (String name : new String[] {"launcher.sh", "default.env", "copyright", "changelog", "manpage.1"}) {
            assertTrue(!Template.load(name).placeholders().isEmpty(), name);
        }
    }
}
