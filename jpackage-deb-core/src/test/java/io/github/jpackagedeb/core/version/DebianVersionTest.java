package io.github.jpackagedeb.core.version;

import io.github.jpackagedeb.core.testing.Integration;

import io.github.jpackagedeb.core.DebException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Integration
class DebianVersionTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "null", value = {
        // text             | epoch | upstream          | revision | canonical
        "1.0                | 0     | 1.0               | ''       | 1.0",
        "1.0-1              | 0     | 1.0               | 1        | 1.0-1",
        "1:1.0-1            | 1     | 1.0               | 1        | 1:1.0-1",
        "0:1.0-1            | 0     | 1.0               | 1        | 1.0-1",
        "007:1.0            | 7     | 1.0               | ''       | 7:1.0",
        "2147483647:1       | 2147483647 | 1            | ''       | 2147483647:1",
        "1.2.3~rc1-0+deb12u1 | 0    | 1.2.3~rc1         | 0+deb12u1 | 1.2.3~rc1-0+deb12u1",
        "1.0-beta-2-1       | 0     | 1.0-beta-2        | 1        | 1.0-beta-2-1",
        "1.0+dfsg-1~bpo12+1 | 0     | 1.0+dfsg          | 1~bpo12+1 | 1.0+dfsg-1~bpo12+1",
        "0                  | 0     | 0                 | ''       | 0",
        "9A.b+c~D-x.Y~z+0   | 0     | 9A.b+c~D          | x.Y~z+0  | 9A.b+c~D-x.Y~z+0",
        "1.0-a              | 0     | 1.0               | a        | 1.0-a",
    })
    void parsesAndPrintsCanonically(String text, int epoch, String upstream, String revision, String canonical) {
        DebianVersion v = DebianVersion.parse(text);
        assertEquals(epoch, v.epoch());
        assertEquals(upstream, v.upstream());
        assertEquals(revision, v.revision());
        assertEquals(revision.isEmpty(), v.isNative());
        assertEquals(canonical, v.toString());
        assertEquals(v, DebianVersion.parse(v.toString()), "round trip");
        assertEquals(v, DebianVersion.of(epoch, upstream, revision));
        assertEquals(v.hashCode(), DebianVersion.of(epoch, upstream, revision).hashCode());
    }

    @Test
    void accessorsAndWithers() {
        DebianVersion v = DebianVersion.parse("3:2.0~rc1-4");
        assertEquals("2.0~rc1-4", v.withoutEpoch());
        assertEquals("3:2.0~rc1-5", v.withRevision("5").toString());
        assertEquals("3:2.0~rc1", v.withRevision(null).toString());
        assertEquals("2.0~rc1-4", v.withEpoch(0).toString());
        assertEquals("2.0", DebianVersion.of(0, "2.0", null).toString());
        assertEquals("2.0", DebianVersion.of(0, "2.0", "").withoutEpoch());
        assertNotEquals(DebianVersion.parse("1.0"), DebianVersion.parse("1.0-0"), "equals is textual");
        assertEquals(0, DebianVersion.parse("1.0").compareTo(DebianVersion.parse("1.0-0")), "compareTo is dpkg's");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "", " ", "1.0 ", " 1.0", "1 .0", "1.0\n", "1.0\t-1",
        "a1.0", "~1", ".1", "+1", "-1", "1.0-", "1:", ":1.0", "a:1.0", "-1:1.0", "1.5:1.0", "2147483648:1.0",
        "99999999999:1", "1:2:3", "1.0:1-1", "1.0_1", "1.0/1", "1.0-1_1", "1.0-1:1", "1.0-1é", "1.0é", "1,0",
        "1.0-1-", "1.0--", "1:-1", "1:a", "1.0@1",
    })
    void refusesBadVersionsWithFieldValueAndFix(String bad) {
        DebException e = assertThrows(DebException.class, () -> DebianVersion.parse(bad));
        assertEquals("version", e.field());
        assertEquals(bad, e.value());
        assertTrue(e.getMessage().contains("'" + DebException.printable(bad) + "'"), e.getMessage());
        assertNotNull(e.fix());
        assertFalse(e.fix().isBlank());
        assertTrue(e.getMessage().contains("Fix: "), e.getMessage());
    }

    @Test
    void refusesNull() {
        DebException e = assertThrows(DebException.class, () -> DebianVersion.parse(null));
        assertEquals("version", e.field());
        assertNull(e.value());
        assertTrue(e.getMessage().contains("(missing)"));
        assertFalse(e.fix().isBlank());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "null", value = {
        "0  | 1.0-1   | null",  // hyphen without revision
        "0  | 1.0     | 1-1",   // hyphen in revision
        "-1 | 1.0     | 1",
        "0  | ''      | 1",
        "0  | null    | 1",
        "0  | a1      | 1",
        "0  | 1:0     | 1",
        "0  | 1.0     | a_b",
        "0  | 1.0_0   | null",
    })
    void ofRefusesBadParts(int epoch, String upstream, String revision) {
        DebException e = assertThrows(DebException.class, () -> DebianVersion.of(epoch, upstream, revision));
        assertEquals("version", e.field());
        assertFalse(e.fix().isBlank());
        if (upstream != null) {
            assertTrue(e.getMessage().contains(upstream), e.getMessage());
        }
    }

    /** Hand-picked pairs for every rule of dpkg's algorithm; each is checked against the real dpkg. */
    static final String[][] PAIRS = {
        {"1.0", "1.0"}, {"1.0", "1.1"}, {"1.1", "1.0"}, {"1.9", "1.10"}, {"1.10", "1.9"},
        {"1.0", "1.00"}, {"1.01", "1.1"}, {"1.0", "1.0.0"}, {"1", "1.0"}, {"1.0", "1.0-0"},
        {"1.0-1", "1.0-2"}, {"1.0-10", "1.0-9"}, {"1.0-1", "1.0"}, {"0:1.0", "1.0"}, {"1:0.1", "2.0"},
        {"2:1.0", "10:0.1"}, {"10:1", "9:99"}, {"1.0~rc1", "1.0"}, {"1.0~rc1", "1.0~rc2"}, {"1.0~", "1.0"},
        {"1.0~~", "1.0~"}, {"1.0~~a", "1.0~"}, {"1.0~~", "1.0~~a"}, {"1.0", "1.0a"}, {"1.0a", "1.0+"},
        {"1.0+", "1.0."}, {"1.0+a", "1.0.a"}, {"1.0a", "1.0A"}, {"1.0Z", "1.0a"}, {"1.0~alpha", "1.0~beta"},
        {"1.0~beta", "1.0~rc"}, {"1.0~rc", "1.0~snapshot"}, {"1.0~SNAPSHOT", "1.0~rc"}, {"1.0+sp1", "1.0.1"}, {"1.0+sp1", "1.0-1-1"},
        {"1.0-1-1", "1.0.1-1"}, {"1.0-1-1", "1.0+jre-1"}, {"1.0.0~rc1", "1.0"}, {"1.0+really0.9-1", "1.0-1"}, {"1.4-5+deb10u1", "1.4-5"},
        {"1.5-1~deb10u1", "1.5-1"}, {"1.4-5+deb10u1~bpo9u1", "1.4-5+deb10u1"}, {"1.2.3", "1.2.3.0"}, {"1a", "1b"}, {"1ab", "1b"},
        {"1a1", "1a"}, {"1a", "1a."}, {"1.a", "1a"}, {"1~a", "1"}, {"1-a", "1-0"},
        {"1-a", "1-1"}, {"1-~", "1-0"}, {"1-~", "1"}, {"1-1~b", "1-1~a"}, {"0", "0.0"},
        {"00", "0"}, {"1.000000000000000000000000000001", "1.1"}, {"1.99999999999999999999999", "1.100000000000000000000000"},
        {"123456789012345678901234567890", "123456789012345678901234567891"}, {"1.0+20250102030405", "1.0+20250102030404"},
        {"1.0~snapshot.20250102030405", "1.0~snapshot.20241231235959"}, {"1.0~snapshot.20250102030405", "1.0~rc9"},
        {"1.0~alpha1~snapshot.1", "1.0~alpha1"}, {"1.0~alpha.1", "1.0~alpha1"}, {"1.0~alpha-1-1", "1.0~alpha.1-1"},
        {"2.0-1", "2.0+b1-1"}, {"2.0-1+b1", "2.0-1"}, {"2.0-1.1", "2.0-1+b1"}, {"9:1", "10:0"}, {"1.0-0", "1.0-00"},
    };

    @Test
    void compareToAgreesWithRealDpkgOnCuratedPairs() throws Exception {
        List<String[]> pairs = new ArrayList<>(List.of(PAIRS));
        assertTrue(pairs.size() >= 60, "at least 60 pairs: " + pairs.size());
        checkAgainstDpkg(pairs);
    }

    /** Random versions over the characters that matter ("~", letters of both cases, '.', '+', '-', digits, epochs). */
    @Test
    void compareToAgreesWithRealDpkgOnRandomPairs() throws Exception {
        Random random = new Random(20250102L);
        String alphabet = "0123456789~~..++aAzZbr";
        List<String[]> pairs = new ArrayList<>();
        for (int n = 0; n < 400; n++) {
            pairs.add(new String[] {randomVersion(random, alphabet), randomVersion(random, alphabet)});
        }
        checkAgainstDpkg(pairs);
    }

    private static String randomVersion(Random random, String alphabet) {
        StringBuilder sb = new StringBuilder();
        if (random.nextInt(5) == 0) {
            sb.append(random.nextInt(3)).append(':');
        }
        sb.append(random.nextInt(3));
        int len = random.nextInt(6);
        for (int i = 0; i < len; i++) {
            sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        if (random.nextBoolean()) {
            sb.append('-');
            int rlen = 1 + random.nextInt(3);
            for (int i = 0; i < rlen; i++) {
                sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
        }
        return sb.toString();
    }

    private static void checkAgainstDpkg(List<String[]> pairs) throws Exception {
        List<Integer> dpkg = Dpkg.compare(pairs);
        List<String> wrong = new ArrayList<>();
        for (int i = 0; i < pairs.size(); i++) {
            DebianVersion a = DebianVersion.parse(pairs.get(i)[0]);
            DebianVersion b = DebianVersion.parse(pairs.get(i)[1]);
            int ours = Integer.signum(a.compareTo(b));
            int reverse = Integer.signum(b.compareTo(a));
            if (ours != dpkg.get(i) || reverse != -ours) {
                wrong.add(a + " vs " + b + ": dpkg " + dpkg.get(i) + ", ours " + ours + ", reversed " + reverse);
            }
        }
        assertEquals(List.of(), wrong, "DebianVersion.compareTo must agree with dpkg --compare-versions");
    }
}
