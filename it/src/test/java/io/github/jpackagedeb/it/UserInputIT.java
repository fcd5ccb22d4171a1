package io.github.jpackagedeb.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.jpackagedeb.it.support.Env;
import io.github.jpackagedeb.it.support.Lintian;
import io.github.jpackagedeb.it.support.MavenRunner;
import io.github.jpackagedeb.it.support.Proc;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What a new user brings, built with the real plugin: artifactIds that are no package name, a package name set
 * over one, a leading underscore, a 75-character artifactId. Each package is judged by lintian and by
 * {@code make-deb check}, which must agree on the tags this concerns.
 */
class UserInputIT {

    /** The tags both checks know that these cases touch. */
    private static final Set<String> TAGS = Set.of("package-has-long-file-name", "extended-description-line-too-long",
            "bad-package-name", "synopsis-too-long");
    private static final Pattern CHECK_LINE = Pattern.compile("^([EW]): \\S+: (\\S+).*$");

    @BeforeAll
    static void tools() {
        Env.requireTool("dpkg-deb");
        Env.requireTool("lintian");
    }

    /** tiny-app with another artifactId, and extra plugin configuration. */
    private static Path project(String artifactId, String configuration) throws IOException {
        Path copy = MakeDebCli.tinyCopy();
        Path pom = copy.resolve("pom.xml");
        String text = Files.readString(pom);
        text = text.replace("<artifactId>tiny-app</artifactId>", "<artifactId>" + artifactId + "</artifactId>");
        text = text.replace("<runtime>none</runtime>", "<runtime>none</runtime>" + configuration);
        Files.writeString(pom, text);
        return copy;
    }

    private static Path onlyDeb(MavenRunner.Result r) throws IOException {
        try (Stream<Path> s = Files.list(r.target())) {
            List<Path> debs = s.filter(p -> p.getFileName().toString().endsWith(".deb")).toList();
            assertEquals(1, debs.size(), debs.toString());
            return debs.get(0);
        }
    }

    /** The tags of {@link #TAGS} that lintian reports, and those make-deb check reports: they must be equal. */
    private static Set<String> agreedTags(Path deb) {
        Set<String> theirs = new TreeSet<>();
        for (Lintian.Tag t : Lintian.check(deb).tags()) {
            if (TAGS.contains(t.name())) {
                theirs.add(t.name());
            }
        }
        Proc.Result check = MakeDebCli.make(deb.getParent(), "check", deb.toString()).exec();
        Set<String> ours = new TreeSet<>();
        for (String line : check.stdout().split("\n")) {
            Matcher m = CHECK_LINE.matcher(line.strip());
            if (m.matches() && TAGS.contains(m.group(2))) {
                ours.add(m.group(2));
            }
        }
        assertEquals(theirs, ours, "lintian and make-deb check disagree on " + deb.getFileName() + ":\n"
                + check.stdout());
        return ours;
    }

    @Test
    void anArtifactIdThatIsNoPackageNameNeedsPackageNameAndThenBuilds() throws IOException {
        MavenRunner.Result failed = MavenRunner.runIn(project("a", ""), "package").assertFailure();
        assertTrue(failed.log().contains("<packageName>") && failed.log().contains("at least two characters"), failed.log());
        assertTrue(failed.log().contains("Debian Policy 5.6.1"), failed.log());

        MavenRunner.Result built = MavenRunner.runIn(project("a", "<packageName>a-app</packageName>"), "package").assertSuccess();
        Path deb = onlyDeb(built);
        assertEquals("a-app_1.0.0-1_all.deb", deb.getFileName().toString());
        assertEquals(Set.of(), agreedTags(deb));
    }

    @Test
    void aLeadingUnderscoreMapsAsDocumentedAndItsJarIsNoDependency() throws IOException {
        MavenRunner.Result built = MavenRunner.runIn(project("_Private__App_", ""), "package").assertSuccess();
        Path deb = onlyDeb(built);
        assertEquals("private-app_1.0.0-1_all.deb", deb.getFileName().toString());
        String contents = Proc.of("dpkg-deb", "-c", deb.toString()).run().stdout();
        assertTrue(contents.contains("./usr/share/java/private-app/lib/_Private__App_-1.0.0.jar"), contents);
        assertEquals(Set.of(), agreedTags(deb));
    }

    @Test
    void aLongArtifactIdWrapsItsDescriptionAndWarnsOfTheLongFileName() throws IOException {
        String id = "a-very-long-artifact-id-" + "x".repeat(75 - "a-very-long-artifact-id-".length());
        assertEquals(75, id.length());
        MavenRunner.Result built = MavenRunner.runIn(project(id, ""), "package").assertSuccess();
        Path deb = onlyDeb(built);
        assertTrue(built.log().contains("[WARNING]") && built.log().contains("package-has-long-file-name"), built.log());
        String control = Proc.of("dpkg-deb", "-f", deb.toString(), "Description").run().stdout();
        for (String line : control.split("\n")) {
            assertTrue(line.length() <= 80, line.length() + ": " + line);
        }
        assertTrue(control.replace("\n", "").replace(" ", "").contains("it.tiny:" + id + "1.0.0"), control);
        assertEquals(Set.of("package-has-long-file-name"), agreedTags(deb));
    }
}
