package io.github.jpackagedeb.core.version;

import io.github.jpackagedeb.core.testing.Integration;

import io.github.jpackagedeb.core.DebException;
import org.apache.maven.artifact.versioning.ComparableVersion;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Integration
class MavenVersionMapperTest {

    private static final Instant BUILD = Instant.parse("2025-01-02T03:04:05Z");

    private static final MavenVersionMapper MAPPER = MavenVersionMapper.defaults();

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "1.2.3               | 1.2.3-1",
        "1.0                 | 1.0-1",
        "1.0.0               | 1.0.0-1",
        "1.2.3-rc1           | 1.2.3~rc1-1",
        "1.2.3-RC2           | 1.2.3~rc2-1",
        "1.2.3-rc-3          | 1.2.3~rc3-1",
        "1.2.3-cr1           | 1.2.3~rc1-1",
        "1.2.3-rc.1          | 1.2.3~rc.1-1",
        "1.2.3RC1            | 1.2.3~rc1-1",
        "1.2.3-alpha-1       | 1.2.3~alpha1-1",
        "1.2.3-alpha1        | 1.2.3~alpha1-1",
        "1.2.3-a1            | 1.2.3~alpha1-1",
        "1.2.3a1             | 1.2.3~alpha1-1",
        "1.2.3-alpha         | 1.2.3~alpha-1",
        "1.2.3-beta2         | 1.2.3~beta2-1",
        "1.2.3-b2            | 1.2.3~beta2-1",
        "1.2.3-M1            | 1.2.3~milestone1-1",
        "1.2.3.M1            | 1.2.3~milestone1-1",
        "1.2.3-milestone-1   | 1.2.3~milestone1-1",
        "6.0.0.Alpha1        | 6.0.0~alpha1-1",
        "6.0.0.CR1           | 6.0.0~rc1-1",
        "1.2.3.Final         | 1.2.3-1",
        "1.2.3-GA            | 1.2.3-1",
        "1.2.3.RELEASE       | 1.2.3-1",
        "1.2.3-release       | 1.2.3-1",
        "1.2.3-sp1           | 1.2.3+sp1-1",
        "1.2.3.SP1           | 1.2.3+sp1-1",
        "31.1-jre            | 31.1+jre-1",
        "31.1-JRE            | 31.1+jre-1",
        "1.2.3-a             | 1.2.3+a-1",
        "1.2.3-2             | 1.2.3-2-1",
        "1.2.3-ga-2          | 1.2.3-~2-1",
        "1.2.3-final-1       | 1.2.3-~1-1",
        "1.2.3-release1      | 1.2.3-~1-1",
        "2.0.0.BUILD-SNAPSHOT | 2.0.0-build~snapshot.20250102030405-1",
        "2.0.0-preview1      | 2.0.0+preview1-1",
        "1.0.0.redhat-00001  | 1.0.0-redhat1-1",
        "2.build-1           | 2build1-1",
        "1.0.alpha.1         | 1.0~.alpha.1-1",
        "1.alpha.1           | 1~~alpha.1-1",
        "1.2.3-alpha-1-2     | 1.2.3~alpha1-2-1",
        "1.2.3-alpha.beta    | 1.2.3~alpha~beta-1",
        "1.2.3-SNAPSHOT      | 1.2.3~snapshot.20250102030405-1",
        "1.2.3-snapshot      | 1.2.3~snapshot.20250102030405-1",
        "1.2.3-rc1-SNAPSHOT  | 1.2.3~rc1~snapshot.20250102030405-1",
        "007.01              | 007.01-1",
        "20250102            | 20250102-1",
    })
    void mapsMavenVersions(String maven, String debian) {
        assertEquals(debian, MAPPER.map(maven, BUILD).toString());
    }

    /** The pairs a new user found out of order (issue #15): Maven's order, and dpkg's of the mapped versions. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "2.0.0-preview1 | 2.0.0.BUILD-SNAPSHOT",
        "1.0-jre        | 1.0.BUILD-SNAPSHOT",
        "1.0-1          | 1.0.BUILD-SNAPSHOT",
        "1.0-2          | 1.0.BUILD-SNAPSHOT",
        "1.0.BUILD-SNAPSHOT | 1.0.1",
        "1.0            | 1.0-ga-2",
        "1.0-jre        | 1.0-ga-2",
        "1.0-ga-2       | 1.0-1",
        "1.0-final-1    | 1.0-1",
        "1.0-release-1  | 1.0-1",
        "1.0-ga-1       | 1.0-ga-2",
    })
    void issueExamplesKeepMavensOrder(String lower, String higher) {
        assertTrue(new ComparableVersion(lower).compareTo(new ComparableVersion(higher)) < 0, "Maven: " + lower + " < " + higher);
        DebianVersion a = MAPPER.map(lower, BUILD);
        DebianVersion b = MAPPER.map(higher, BUILD);
        assertTrue(a.compareTo(b) < 0, a + " < " + b);
    }

    @Test
    void revisionAndEpochAreConfigurable() {
        assertEquals("1.2.3-3", MAPPER.withRevision("3").map("1.2.3", BUILD).toString());
        assertEquals("2:1.2.3~rc1-1+local1", MAPPER.withEpoch(2).withRevision("1+local1").map("1.2.3-rc1", BUILD).toString());
        assertEquals("1.2.3-1", MAPPER.withEpoch(2).withEpoch(0).map("1.2.3", BUILD).toString());
        assertEquals(2, MAPPER.withEpoch(2).epoch());
        assertEquals("1", MAPPER.revision());
        for (String bad : new String[] {"", "1-2", "1_2", "1 2", "é"}) {
            DebException e = assertThrows(DebException.class, () -> MAPPER.withRevision(bad));
            assertEquals("revision", e.field());
            assertEquals(bad, e.value());
            assertTrue(e.getMessage().contains("'" + bad + "'"), e.getMessage());
            assertFalse(e.fix().isBlank());
        }
        DebException e = assertThrows(DebException.class, () -> MAPPER.withEpoch(-1));
        assertEquals("epoch", e.field());
        assertTrue(e.getMessage().contains("'-1'"), e.getMessage());
        assertFalse(e.fix().isBlank());
    }

    @Test
    void aWordTwoListsDownAfterAWordDiffersFromADotWord() {
        // found by VersionOrderPropertyTest (seed 11894393329820): both mapped to 0~milestone++j-1
        DebianVersion twoLists = MAPPER.map("0MILESTONE-FINAL.J", BUILD); // [0, [milestone, [[j]]]]
        DebianVersion sameList = MAPPER.map("0-milestone.J-0", BUILD); // [0, [milestone, j]]
        assertEquals("0~milestone+++j-1", twoLists.toString());
        assertEquals("0~milestone++j-1", sameList.toString());
        assertTrue(twoLists.compareTo(sameList) > 0, "Maven orders a nested list after a word");
        assertTrue(new ComparableVersion("0MILESTONE-FINAL.J").compareTo(new ComparableVersion("0-milestone.J-0")) > 0);
    }

    @Test
    void aZeroTwoListsDownBeforeAPreReleaseSortsBelowTheRelease() {
        // found by VersionOrderPropertyTest (seed 124): Maven reads [2, [[0, snapshot, [snapshot]]]], below 2
        DebianVersion pre = MAPPER.map("2-0-0.SNAPSHOT-SNAPSHOT", BUILD);
        DebianVersion release = MAPPER.map("2-final", BUILD);
        assertTrue(new ComparableVersion("2-final").compareTo(new ComparableVersion("2-0-0.SNAPSHOT-SNAPSHOT")) > 0);
        assertTrue(release.compareTo(pre) > 0, pre + " < " + release);
        for (String other : List.of("2-0.SNAPSHOT", "2-SNAPSHOT", "2-0-SNAPSHOT", "2-0-0.1", "2-0-1", "2-final-1", "2-final-alpha")) {
            int maven = Integer.signum(new ComparableVersion(other).compareTo(new ComparableVersion("2-0-0.SNAPSHOT-SNAPSHOT")));
            assertEquals(maven, Integer.signum(MAPPER.map(other, BUILD).compareTo(pre)), other + " against " + pre);
        }
    }

    @Test
    void snapshotDetection() {
        assertTrue(MavenVersionMapper.isSnapshot("1.0-SNAPSHOT"));
        assertTrue(MavenVersionMapper.isSnapshot("1.0.snapshot"));
        assertTrue(MavenVersionMapper.isSnapshot("1.0SNAPSHOT"));
        assertFalse(MavenVersionMapper.isSnapshot("1.0-nosnapshot"));
        assertFalse(MavenVersionMapper.isSnapshot("1.0"));
        assertFalse(MavenVersionMapper.isSnapshot(null));
    }

    @Test
    void laterSnapshotsSortUpwardAndBeforeTheRelease() throws Exception {
        Instant[] times = {
            Instant.parse("2024-12-31T23:59:59Z"), Instant.parse("2025-01-02T03:04:05Z"),
            Instant.parse("2025-01-02T03:04:06Z"), Instant.parse("2025-01-02T03:05:00Z"), Instant.parse("2026-07-01T00:00:00Z"),
        };
        List<DebianVersion> sequence = new ArrayList<>();
        sequence.add(MAPPER.map("1.0-rc2", BUILD));
        for (Instant t : times) {
            sequence.add(MAPPER.map("1.0-SNAPSHOT", t));
        }
        sequence.add(MAPPER.map("1.0", BUILD));
        sequence.add(MAPPER.map("1.0.1-SNAPSHOT", times[0]));
        sequence.add(MAPPER.map("1.0.1", times[0]));
        assertEquals("1.0~snapshot.20241231235959-1", sequence.get(1).toString());
        List<String[]> pairs = new ArrayList<>();
        for (int i = 0; i + 1 < sequence.size(); i++) {
            assertTrue(sequence.get(i).compareTo(sequence.get(i + 1)) < 0, sequence.get(i) + " < " + sequence.get(i + 1));
            pairs.add(new String[] {sequence.get(i).toString(), sequence.get(i + 1).toString()});
        }
        for (int cmp : Dpkg.compare(pairs)) {
            assertEquals(-1, cmp, "dpkg sorts each snapshot build after the previous one and before the release: " + pairs);
        }
    }

    /**
     * The corpus: Maven versions as real projects spell them. Sorted with Maven's own
     * ComparableVersion, mapped, and compared pairwise with the real dpkg.
     */
    static final List<String> CORPUS = List.of(
        "0.9", "0.9.1", "1.0-alpha-1", "1.0-alpha2", "1.0-a3", "1.0-alpha-1-SNAPSHOT", "1.0-beta-1", "1.0-beta2",
        "1.0-beta-SNAPSHOT", "1.0-M1", "1.0-rc1", "1.0-RC2", "1.0-cr3", "1.0-SNAPSHOT", "1.0", "1.0.0",
        "1.0-GA", "1.0.Final", "1.0-RELEASE", "1.0-sp1", "1.0.1", "1.0.1-1", "1.0.1-2", "1.0.1.1",
        "1.1", "1.9", "1.10", "1.10.1-SNAPSHOT", "2.0.0-beta-1", "2.0.0-beta.2", "2.0.0.M2", "2.0.0.RC1",
        "2.0.0-SNAPSHOT", "2.0.0.RELEASE", "3.0.0.Alpha1", "3.0.0.Beta2", "3.0.0.CR1", "3.0.0.Final", "3.0.0.SP1",
        "5.0.0-rc.1", "5.0.0-rc.2", "5.0.0-rc.10", "5.0.0-rc2", "7.01", "7.1", "10.0", "2024.1",
        "31.1-android", "31.1-jre", "31.1", "31.1-sp1", "1.0-alpha.beta");

    /** A pair whose Maven order the mapping cannot keep, and why. */
    private record Deviation(String a, String b, String reason) {
    }

    private static final String TRAILING_ZERO = "Maven holds 1.0 and 1.0.0 equal; dpkg orders 1.0 < 1.0.0. Numbers are kept as written.";
    private static final String SP_VS_WORD = "Maven puts every unknown word after sp; dpkg compares +sp1 and +android/+jre letter by letter.";

    static final List<Deviation> EXCEPTIONS = List.of(
        new Deviation("1.0", "1.0.0", TRAILING_ZERO),
        new Deviation("1.0-GA", "1.0.0", TRAILING_ZERO),
        new Deviation("1.0.Final", "1.0.0", TRAILING_ZERO),
        new Deviation("1.0-RELEASE", "1.0.0", TRAILING_ZERO),
        new Deviation("1.0-sp1", "1.0.0", TRAILING_ZERO),
        new Deviation("31.1-sp1", "31.1-android", SP_VS_WORD),
        new Deviation("31.1-sp1", "31.1-jre", SP_VS_WORD));

    @Test
    void corpusKeepsMavensOrderInDpkgExceptDocumentedPairs() throws Exception {
        assertTrue(CORPUS.size() >= 40, "corpus size " + CORPUS.size());
        assertEquals(CORPUS.size(), Set.copyOf(CORPUS).size(), "no duplicates");
        List<String> sorted = new ArrayList<>(CORPUS);
        sorted.sort(Comparator.comparing(ComparableVersion::new));
        Map<String, DebianVersion> mapped = new LinkedHashMap<>();
        for (String v : sorted) {
            mapped.put(v, MAPPER.map(v, BUILD));
        }
        List<String[]> pairs = new ArrayList<>();
        List<String[]> mavenPairs = new ArrayList<>();
        for (int i = 0; i < sorted.size(); i++) {
            for (int j = i + 1; j < sorted.size(); j++) {
                mavenPairs.add(new String[] {sorted.get(i), sorted.get(j)});
                pairs.add(new String[] {mapped.get(sorted.get(i)).toString(), mapped.get(sorted.get(j)).toString()});
            }
        }
        List<Integer> dpkg = Dpkg.compare(pairs);

        Map<String, String> disagreements = new TreeMap<>();
        List<String> javaVsDpkg = new ArrayList<>();
        for (int k = 0; k < pairs.size(); k++) {
            String a = mavenPairs.get(k)[0];
            String b = mavenPairs.get(k)[1];
            int maven = Integer.signum(new ComparableVersion(a).compareTo(new ComparableVersion(b)));
            int ours = Integer.signum(mapped.get(a).compareTo(mapped.get(b)));
            if (ours != dpkg.get(k)) {
                javaVsDpkg.add(pairs.get(k)[0] + " vs " + pairs.get(k)[1] + ": dpkg " + dpkg.get(k) + ", ours " + ours);
            }
            if (maven != dpkg.get(k)) {
                disagreements.put(pairKey(a, b), a + " vs " + b + ": Maven " + maven + ", dpkg " + dpkg.get(k)
                        + " (" + mapped.get(a) + " vs " + mapped.get(b) + ")");
            }
        }
        assertEquals(List.of(), javaVsDpkg, "DebianVersion.compareTo must agree with dpkg on every mapped pair");

        Map<String, String> expected = new TreeMap<>();
        for (Deviation e : EXCEPTIONS) {
            expected.put(pairKey(e.a(), e.b()), e.reason());
        }
        assertEquals(expected.keySet(), disagreements.keySet(),
                "the pairs where dpkg and Maven disagree must be exactly the documented exceptions; found:\n"
                        + String.join("\n", disagreements.values()));
    }

    /** The same key for (a, b) and (b, a). */
    private static String pairKey(String a, String b) {
        return a.compareTo(b) < 0 ? a + " | " + b : b + " | " + a;
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "", "1.0_01", "1.0+build.1", "1.0~rc1", "1.0 ", "v1.0", "RELEASE", "LATEST", "1..0", "1.0-", "-1.0", ".1",
        "1.0--rc1", "1.0-é", "${project.version}", "1:1.0",
    })
    void refusesUnmappableVersionsWithAFix(String bad) {
        DebException e = assertThrows(DebException.class, () -> MAPPER.map(bad, BUILD));
        assertEquals("version", e.field());
        assertEquals(bad, e.value());
        assertTrue(e.getMessage().contains("'" + DebException.printable(bad) + "'"), e.getMessage());
        assertFalse(e.fix().isBlank());
        if (!bad.isEmpty()) {
            assertTrue(e.fix().contains("set the Debian version explicitly"), e.fix());
        }
    }

    @Test
    void refusesMissingVersion() {
        DebException e = assertThrows(DebException.class, () -> MAPPER.map(null, BUILD));
        assertEquals("version", e.field());
        assertTrue(e.getMessage().contains("(missing)"));
        assertFalse(e.fix().isBlank());
    }
}
