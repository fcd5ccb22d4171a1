package io.github.jpackagedeb.core.debiandir;

import io.github.jpackagedeb.core.DebException;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DebianChangelogTest {

    static final String LOG = """
            app (1:1.2.0-2) unstable; urgency=medium

              * Second packaging.
                Continued line.

             -- Jane Doe <jane@example.org>  Fri, 02 Jan 2026 10:00:00 +0100

            app (1.1.0-1) bookworm; urgency=low

              * First.

             -- Jane Doe <jane@example.org>  Thu, 1 Jan 2026 00:00:00 +0000

            Local variables:
            mode: debian-changelog
            End:
            """;

    @Test
    void entriesNewestFirst() {
        DebianChangelog c = DebianChangelog.parse(LOG, "debian/changelog");
        assertEquals(2, c.entries().size());
        DebianChangelog.Entry top = c.newest();
        assertEquals("app", top.pkg());
        assertEquals("1:1.2.0-2", top.version().toString());
        assertEquals("unstable", top.distributions());
        assertEquals("urgency=medium", top.options());
        assertEquals(List.of("  * Second packaging.", "    Continued line."), top.changes());
        assertEquals("Jane Doe <jane@example.org>", top.maintainer());
        assertEquals(Instant.parse("2026-01-02T09:00:00Z"), top.date());
        assertEquals(Instant.parse("2026-01-01T00:00:00Z"), c.entries().get(1).date());
        assertEquals(LOG, c.text());
    }

    @Test
    void theNewestEntryMustBeWellFormed() {
        DebException header = assertThrows(DebException.class, () -> DebianChangelog.parse("app 1.0 unstable\n", "c"));
        assertTrue(header.problem().contains("c line 1"), header.getMessage());
        DebException version = assertThrows(DebException.class, () -> DebianChangelog.parse(
                "app (x1.0) unstable; urgency=low\n\n  * a\n\n -- J <j@e.org>  Thu, 01 Jan 2026 00:00:00 +0000\n", "c"));
        assertTrue(version.problem().contains("not a Debian version"), version.getMessage());
        DebException trailer = assertThrows(DebException.class, () -> DebianChangelog.parse(
                "app (1.0-1) unstable; urgency=low\n\n  * a\n\n -- J <j@e.org> Thu, 01 Jan 2026 00:00:00 +0000\n", "c"));
        assertTrue(trailer.problem().contains("two spaces"), trailer.getMessage());
        DebException date = assertThrows(DebException.class, () -> DebianChangelog.parse(
                "app (1.0-1) unstable; urgency=low\n\n  * a\n\n -- J <j@e.org>  yesterday\n", "c"));
        assertTrue(date.problem().contains("RFC 5322"), date.getMessage());
        DebException open = assertThrows(DebException.class, () -> DebianChangelog.parse(
                "app (1.0-1) unstable; urgency=low\n\n  * a\n", "c"));
        assertTrue(open.problem().contains("no trailer"), open.getMessage());
        assertEquals("debianChangelog", open.field());
    }
}
