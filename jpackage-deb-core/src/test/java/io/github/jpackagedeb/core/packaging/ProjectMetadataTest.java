package io.github.jpackagedeb.core.packaging;

import io.github.jpackagedeb.core.DebException;
import io.github.jpackagedeb.core.assembly.License;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The one set of rules both front ends derive a package's defaults by. */
class ProjectMetadataTest {

    private static ProjectMetadata project(String description, List<ProjectMetadata.Person> developers) {
        return new ProjectMetadata("org.example", "Hello_App", "1.2.0", description, "https://example.org/hello",
                "Example Org", developers, List.of(new License("Apache-2.0", null)), "2019");
    }

    @Test
    void synopsisIsTheFirstSentenceWithoutItsFullStop() {
        assertEquals("Greets people", project("Greets people. And more\n   on a second line.", List.of()).synopsis());
        assertEquals("Greets people", project("  Greets people.  ", List.of()).synopsis());
        assertEquals("Greets people on two lines", project("Greets people\n  on two lines", List.of()).synopsis());
        assertNull(project(" ", List.of()).synopsis());
    }

    @Test
    void longDescriptionKeepsTheDescriptionUnlessItIsTheSynopsisAlone() {
        ProjectMetadata p = project("Greets people. And more\n   on a second line.", List.of());
        assertEquals("Greets people. And more\non a second line.\n\nThis package installs the Java application "
                + "org.example:Hello_App 1.2.0 with its 3 runtime libraries, and the command hello-app.",
                p.longDescription("hello-app", 3));
        assertEquals("This package installs the Java application org.example:Hello_App with its runtime libraries, "
                + "and the command hello-app.", project("Greets people.", List.of()).longDescription("hello-app", null));
        assertEquals("This package installs the Java application with its runtime libraries, and the command solo.",
                new ProjectMetadata(null, null, null, null, null, null, null, null, null).longDescription("solo", null),
                "without a pom: no coordinates");
    }

    @Test
    void maintainerIsTheFirstDeveloperWithNameAndEmailElseTheEnvironment() {
        List<ProjectMetadata.Person> devs = List.of(new ProjectMetadata.Person("No Mail", null, null),
                new ProjectMetadata.Person(" Ada ", " ada@example.org ", null));
        Map<String, String> env = Map.of("DEBFULLNAME", "Env Dev", "DEBEMAIL", "env@example.org");
        assertEquals("Ada <ada@example.org>", project(null, devs).maintainer(env));
        assertEquals("Env Dev <env@example.org>", project(null, List.of()).maintainer(env));
        assertNull(project(null, List.of()).maintainer(Map.of("DEBFULLNAME", "Only Name")));
    }

    @Test
    void namesHomepageHoldersAndYears() {
        ProjectMetadata p = project(null, List.of(new ProjectMetadata.Person("Ada", null, null),
                new ProjectMetadata.Person(null, null, "Example Org"), new ProjectMetadata.Person(null, null, "Other")));
        assertEquals("hello-app", p.packageName());
        assertEquals("https://example.org/hello", p.homepage());
        assertNull(ProjectMetadata.httpUrl("scm:git:git@example.org:x.git"));
        assertEquals(List.of("Example Org", "Ada", "Other"), p.copyrightHolders());
        assertEquals(2019, p.since());
    }

    @Test
    void javaReleaseAsMavenWritesIt() {
        assertEquals(17, ProjectMetadata.javaRelease(null));
        assertEquals(21, ProjectMetadata.javaRelease(" 21 "));
        assertEquals(8, ProjectMetadata.javaRelease("1.8"));
        DebException e = assertThrows(DebException.class, () -> ProjectMetadata.javaRelease("seventeen"));
        assertEquals("seventeen", e.value());
        assertTrue(e.fix().contains("17"), e.fix());
    }
}
