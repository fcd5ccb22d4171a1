package io.github.jpackagedeb.core.debiandir;

import io.github.jpackagedeb.core.DebException;
import io.github.jpackagedeb.core.version.DebianVersion;
import io.github.jpackagedeb.core.version.MavenVersionMapper;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * A bounded fuzz test (issue 8): random {@code debian/control} text, changelog text, Debian versions and Maven
 * versions, from a seeded generator that mixes the grammar's own tokens with noise, go to our parsers for about a
 * second each. Every input is either accepted (and then round-trips) or rejected with a {@link DebException} that
 * names a field and a problem; any other exception fails the test with the seed and the input, so it can be replayed.
 * The seed is fixed for CI; {@code -Dfuzz.seed=N -Dfuzz.millis=M} explores further.
 */
class ParserFuzzTest {

    static final long SEED = Long.getLong("fuzz.seed", 20260801L);
    static final long MILLIS = Long.getLong("fuzz.millis", 1200L);

    static final String[] FIELDS = {"Source", "Package", "Architecture", "Depends", "Pre-Depends", "Description",
            "Maintainer", "Section", "Priority", "Homepage", "Version", "Recommends", "X-Custom", "package", "Essential",
            "Build-Depends", "Standards-Version", "Rules-Requires-Root", "Conflicts", "-Bad", "Bad Field", "#Comment"};
    static final String[] VALUES = {"hello", "all", "any", "amd64", "libc6 (>= 2.36)", "${misc:Depends}",
            "${shlibs:Depends}, foo", "foo | bar", "Jane Doe <jane@example.org>", "misc", "optional",
            "https://example.org", "1.0-1", "2:1.0~rc1+dfsg-3", "a (<< 1)", "says hello", "x, , y", "(>= 1)", "ü€",
            "\u0000", "\u0007", "foo [amd64]", "bar <!nocheck>", "${", "}", "$", "", " ", "\t"};
    static final String[] VERSION_ATOMS = {"0", "1", "9", "10", "00", ".", "-", "+", "~", ":", "a", "Z", "rc", "~~",
            "::", "--", "..", "1:", "-1", "_", " ", "ü", "/", "\n", "SNAPSHOT", "-SNAPSHOT", "beta", "alpha-1",
            "20260101.120000", "99999999999999999999", "final", "GA", "release", "M1", "sp", "x", "!", "@"};
    static final String[] CHANGELOG_LINES = {"hello (1.0-1) unstable; urgency=medium", "hello (2:1.0~rc1-1) "
            + "bookworm; urgency=low", "Hello (1.0) unstable; urgency=medium", "hello (1.0 unstable; urgency=x",
            "hello (a..b) unstable; urgency=medium", "", "  * Initial release.", "  * Fix. (Closes: #123)",
            " -- Jane Doe <jane@example.org>  Thu, 01 Jan 2026 00:00:00 +0000",
            " -- Jane Doe <jane@example.org> Thu, 01 Jan 2026 00:00:00 +0000",
            " -- Jane Doe <jane@example.org>  Fri, 32 Jan 2026 99:00:00 +0000", " -- x  y", "not indented",
            "\tindented with a tab", "Local variables:", "hello (1.0-1) unstable;", "  ", "hello (-1) unstable; x=y",
            "hello (1:) unstable; urgency=medium", "hello (1.0-1) unstable; urgency=medium\r"};

    record Stats(String name, int cases, int accepted, int rejected) {
    }

    static final List<Stats> STATS = new ArrayList<>();

    static String pick(Random r, String[] a) {
        return a[r.nextInt(a.length)];
    }

    static String noise(Random r, int max) {
        StringBuilder sb = new StringBuilder();
        int n = r.nextInt(max + 1);
        for (int i = 0; i < n; i++) {
            int k = r.nextInt(10);
            sb.append((char) (k < 6 ? 0x20 + r.nextInt(0x5f) : k < 8 ? "\n \t:#,|()<>[]{}$".charAt(r.nextInt(16))
                    : k < 9 ? r.nextInt(0x20) : 0x80 + r.nextInt(0xd000)));
        }
        return sb.toString();
    }

    static String controlText(Random r) {
        StringBuilder sb = new StringBuilder();
        int paragraphs = 1 + r.nextInt(4);
        for (int p = 0; p < paragraphs; p++) {
            int fields = r.nextInt(8);
            for (int f = 0; f < fields; f++) {
                int k = r.nextInt(20);
                if (k == 0) {
                    sb.append(noise(r, 20)).append('\n');
                } else if (k == 1) {
                    sb.append(' ').append(pick(r, VALUES)).append('\n');
                } else if (k == 2) {
                    sb.append("# comment ").append(noise(r, 5)).append('\n');
                } else {
                    sb.append(pick(r, FIELDS)).append(r.nextInt(5) == 0 ? ":" : ": ").append(pick(r, VALUES));
                    if (r.nextInt(4) == 0) {
                        sb.append("\n ").append(r.nextBoolean() ? "." : pick(r, VALUES));
                    }
                    sb.append('\n');
                }
            }
            sb.append(r.nextInt(10) == 0 ? " \n" : "\n");
        }
        return sb.toString();
    }

    static String changelogText(Random r) {
        StringBuilder sb = new StringBuilder();
        int lines = r.nextInt(12);
        for (int i = 0; i < lines; i++) {
            sb.append(r.nextInt(12) == 0 ? noise(r, 30) : pick(r, CHANGELOG_LINES)).append('\n');
        }
        return sb.toString();
    }

    static String version(Random r) {
        StringBuilder sb = new StringBuilder();
        int n = r.nextInt(8);
        for (int i = 0; i < n; i++) {
            sb.append(r.nextInt(15) == 0 ? noise(r, 3) : pick(r, VERSION_ATOMS));
        }
        return sb.toString();
    }

    /** Runs {@code check} on generated inputs for the time budget; anything but a DebException fails. */
    static void fuzz(String name, java.util.function.Function<Random, String> gen, Consumer<String> check) {
        Random r = new Random(SEED ^ name.hashCode());
        long end = System.nanoTime() + MILLIS * 1_000_000;
        int cases = 0;
        int rejected = 0;
        while (System.nanoTime() < end && cases < 2_000_000) {
            String input = gen.apply(r);
            cases++;
            try {
                check.accept(input);
            } catch (DebException e) {
                rejected++;
                assertNotNull(e.field(), e.toString());
                assertNotNull(e.problem(), e.toString());
                assertFalse(e.getMessage().isBlank());
            } catch (AssertionError | RuntimeException e) {
                fail(name + ": seed " + SEED + ", case " + cases + ", input '" + DebException.printable(input)
                        + "': " + e, e);
            }
        }
        STATS.add(new Stats(name, cases, cases - rejected, rejected));
        System.out.printf("[ParserFuzzTest] %s: %d cases in %d ms (%d accepted, %d rejected with DebException), seed %d%n",
                name, cases, MILLIS, cases - rejected, rejected, SEED);
        assertTrue(cases > 1000, name + " ran only " + cases + " cases");
        assertTrue(rejected > 0 && rejected < cases, name + ": the generator should hit both outcomes ("
                + rejected + " of " + cases + " rejected)");
    }

    @Test
    void debianControl() {
        fuzz("debian/control", ParserFuzzTest::controlText, text -> {
            DebianControl c = DebianControl.parse(text, "debian/control");
            assertFalse(c.binaries().isEmpty());
            for (Deb822.Paragraph p : c.binaries()) {
                String pkg = p.field("Package").orElseThrow().value().strip();
                // every field is reachable and folds without error
                p.fields().values().forEach(f -> assertNotNull(f.folded()));
                // round-trip: the same text parses to the same paragraphs
                assertEquals(c.binaries(), DebianControl.parse(text, "debian/control").binaries());
                try {
                    // (an empty "Package:" parses; the package name check refuses it when the spec is made)
                    Map<?, ?> values = c.values(pkg);
                    assertNotNull(values);
                } catch (DebException fine) {
                    // a field value the spec refuses (e.g. a substitution variable inside an entry)
                }
            }
        });
    }

    @Test
    void deb822() {
        fuzz("deb822", ParserFuzzTest::controlText, text -> {
            List<Deb822.Paragraph> ps = Deb822.parse(text, "x");
            for (Deb822.Paragraph p : ps) {
                assertFalse(p.fields().isEmpty());
            }
            assertEquals(ps, Deb822.parse(text, "x"));
        });
    }

    @Test
    void debianChangelog() {
        fuzz("debian/changelog", ParserFuzzTest::changelogText, text -> {
            DebianChangelog c = DebianChangelog.parse(text, "debian/changelog");
            DebianChangelog.Entry e = c.newest();
            assertNotNull(e.maintainer());
            assertNotNull(e.date());
            // the version read back round-trips through its text form
            assertEquals(e.version(), DebianVersion.parse(e.version().toString()));
            assertEquals(c.entries(), DebianChangelog.parse(c.text(), "debian/changelog").entries());
        });
    }

    @Test
    void debianVersion() {
        fuzz("DebianVersion.parse", ParserFuzzTest::version, text -> {
            DebianVersion v = DebianVersion.parse(text);
            DebianVersion again = DebianVersion.parse(v.toString());
            assertEquals(v, again);
            assertEquals(0, v.compareTo(again));
            assertEquals(v.toString(), again.toString());
        });
    }

    @Test
    void mavenVersionMapper() {
        Instant t = Instant.parse("2026-01-02T03:04:05Z");
        MavenVersionMapper m = MavenVersionMapper.defaults();
        fuzz("MavenVersionMapper.map", ParserFuzzTest::version, text -> {
            DebianVersion v = m.map(text, t);
            assertEquals(v, DebianVersion.parse(v.toString()));
            assertEquals(v, m.map(text, t), "deterministic");
            if (MavenVersionMapper.isSnapshot(text)) {
                assertTrue(v.compareTo(m.map(text, t.plusSeconds(1))) < 0, "later snapshots sort higher");
            }
        });
    }
}
