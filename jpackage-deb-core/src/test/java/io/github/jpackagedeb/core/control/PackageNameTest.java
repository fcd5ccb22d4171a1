package io.github.jpackagedeb.core.control;

import io.github.jpackagedeb.core.DebException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PackageNameTest {

    @ParameterizedTest
    @ValueSource(strings = {"ab", "hello-cli", "libfoo-java", "g++", "0ad", "9x", "a.b", "a-", "x+y.z-1", "openjdk-17-jre-headless"})
    void acceptsPolicyNames(String name) {
        assertEquals(name, PackageName.validate(name));
        assertEquals(name, new PackageName(name).value());
        assertEquals(name, PackageName.of(name).toString());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        // bad name  | words the problem must contain | suggested fix (empty: the generic one)
        "Hello       | upper-case                      | hello",
        "MyApp       | upper-case                      | myapp",
        "a           | two characters                  | ''",
        "-ab         | start with a letter or digit    | ab",
        "+ab         | start with a letter or digit    | ab",
        ".ab         | start with a letter or digit    | ab",
        "my_app      | '_'                             | my-app",
        "my app      | ' '                             | my-app",
        "app/x       | '/'                             | app-x",
        "appé        | 'é'                             | app",
        "é           | 'é'                             | ''",
    })
    void refusesBadNamesWithValueAndFix(String bad, String problemWords, String suggestion) {
        DebException e = assertThrows(DebException.class, () -> PackageName.validate(bad));
        assertEquals("packageName", e.field());
        assertEquals(bad, e.value());
        assertTrue(e.getMessage().contains("'" + bad + "'"), e.getMessage());
        assertTrue(e.problem().contains(problemWords), e.problem());
        assertTrue(e.problem().contains("Debian Policy 5.6.1"), e.problem());
        assertTrue(e.fix().startsWith("set the package name explicitly"), e.fix());
        if (!suggestion.isEmpty()) {
            assertTrue(e.fix().contains("e.g. " + suggestion + "."), e.fix());
        }
        assertThrows(DebException.class, () -> new PackageName(bad));
    }

    @Test
    void refusesEmptyAndMissing() {
        for (String bad : new String[] {"", null}) {
            DebException e = assertThrows(DebException.class, () -> PackageName.validate(bad));
            assertEquals("packageName", e.field());
            assertEquals(bad, e.value());
            assertFalse(e.fix().isBlank());
        }
        assertTrue(assertThrows(DebException.class, () -> PackageName.validate(null)).getMessage().contains("(missing)"));
        assertTrue(assertThrows(DebException.class, () -> PackageName.validate("")).getMessage().contains("''"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "hello-cli          | hello-cli",
        "My_App             | my-app",
        "my__app            | my-app",
        "MY-APP_Server      | my-app-server",
        "_internal_tool_    | internal-tool",
        "--tool             | tool",
        "spring-boot-starter.web | spring-boot-starter.web",
        "commons-lang3      | commons-lang3",
        "foo bar!           | foo-bar",
        "app\u00e9x          | app-x",
        "g++                | g++",
        "a.b_c              | a.b-c",
        "X1                 | x1",
        "_Private__App_     | private-app",
    })
    void derivesNamesFromArtifactIds(String artifactId, String expected) {
        PackageName name = PackageName.fromArtifactId(artifactId);
        assertEquals(expected, name.value());
        assertEquals(expected, PackageName.validate(name.value()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "_", "a", "___", "-_-", "é", "A_", "$"})
    void saysSoWhenNoNameCanBeDerived(String artifactId) {
        DebException e = assertThrows(DebException.class, () -> PackageName.fromArtifactId(artifactId));
        assertEquals("packageName", e.field());
        assertEquals(artifactId, e.value());
        assertTrue(e.getMessage().contains("'" + artifactId + "'"), e.getMessage());
        assertTrue(e.problem().contains("artifactId"), e.problem());
        assertEquals("set the package name explicitly, e.g. my-app.", e.fix());
    }

    @Test
    void missingArtifactId() {
        DebException e = assertThrows(DebException.class, () -> PackageName.fromArtifactId(null));
        assertEquals("packageName", e.field());
        assertNull(e.value());
        assertFalse(e.fix().isBlank());
    }

    /**
     * Every artifactId Maven accepts (its model validator's pattern, [A-Za-z0-9_\-.]+) either gives a name that
     * passes Policy 5.6.1 and is derived as documented (lower case, runs of other characters as one '-', trimmed), or
     * is refused with the rule and the fix. Seeded; -Dnames.seed=N reproduces a run.
     */
    @Test
    void everyArtifactIdMavenAcceptsGivesAValidNameOrSaysWhichRule() {
        long seed = Long.getLong("names.seed", System.nanoTime());
        System.out.println("PackageNameTest seed: " + seed + " (-Dnames.seed=" + seed + " to reproduce)");
        java.util.Random r = new java.util.Random(seed);
        String alphabet = "abcXYZ019_-.";
        for (int n = 0; n < 20_000; n++) {
            StringBuilder id = new StringBuilder();
            int len = 1 + r.nextInt(r.nextInt(10) == 0 ? 90 : 8);
            for (int i = 0; i < len; i++) {
                id.append(alphabet.charAt(r.nextInt(alphabet.length())));
            }
            String artifactId = id.toString();
            String expected = artifactId.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9.+-]", "-")
                    .replaceAll("-+", "-").replaceAll("^[^a-z0-9]+", "").replaceAll("-+$", "");
            if (expected.length() >= 2) {
                assertEquals(expected, PackageName.fromArtifactId(artifactId).value(), "seed " + seed + ": " + artifactId);
            } else {
                DebException e = assertThrows(DebException.class, () -> PackageName.fromArtifactId(artifactId),
                        "seed " + seed + ": " + artifactId);
                assertTrue(e.problem().contains("Debian Policy 5.6.1"), e.problem());
                assertTrue(e.problem().contains(expected.isEmpty() ? "no letter or digit" : "at least two characters"), e.problem());
                assertEquals("set the package name explicitly, e.g. my-app.", e.fix());
            }
        }
    }
}
