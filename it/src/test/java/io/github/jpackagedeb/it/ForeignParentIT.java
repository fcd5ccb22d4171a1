package io.github.jpackagedeb.it;

import io.github.jpackagedeb.it.support.DebInspector;
import io.github.jpackagedeb.it.support.Env;
import io.github.jpackagedeb.it.support.MavenRunner;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Metadata only from the project's own poms (issue 16, point 5), with real Maven: tiny-app given a framework's parent
 * pom from a repository (as Spring Boot's starter parent is), which declares a long description, url, developers,
 * licenses and organization. Maven copies them into the project; the plugin does not use them, says so naming the
 * parent's G:A:V, and a value the project then lacks is an error that says where the inherited one came from.
 */
class ForeignParentIT {

    static final String GAV = "it.framework:framework-parent:3.2.0";

    @BeforeAll
    static void installTheFrameworkParent() throws IOException {
        Env.requireTool("dpkg-deb");
        PluginBuildIT.tiny = Env.pathProperty("it.projectRoot").resolve("it/src/it/projects/tiny-app");
        Path dir = Files.createDirectories(Env.pathProperty("it.workDir").resolve("framework-parent"));
        Path pom = Files.writeString(dir.resolve("framework-parent-3.2.0.pom"), """
                <?xml version="1.0" encoding="UTF-8"?>
                <project xmlns="http://maven.apache.org/POM/4.0.0">
                  <modelVersion>4.0.0</modelVersion>
                  <groupId>it.framework</groupId>
                  <artifactId>framework-parent</artifactId>
                  <version>3.2.0</version>
                  <packaging>pom</packaging>
                  <description>Parent pom providing dependency and plugin management for applications built with the framework</description>
                  <url>https://framework.example.org</url>
                  <organization><name>Framework Inc.</name></organization>
                  <licenses><license><name>Apache License, Version 2.0</name></license></licenses>
                  <developers><developer><name>Framework Team</name><email>team@framework.example.org</email></developer></developers>
                </project>
                """);
        MavenRunner.runIn(dir, "-q", "org.apache.maven.plugins:maven-install-plugin:3.1.3:install-file",
                "-Dfile=" + pom, "-DpomFile=" + pom).assertSuccess();
    }

    /** tiny-app with the framework parent, and without the given elements of its own. */
    static Path appWithParent(String... removed) throws IOException {
        Path copy = PluginBuildIT.tinyCopy("<groupId>it.tiny</groupId>", "<parent><groupId>it.framework</groupId>"
                + "<artifactId>framework-parent</artifactId><version>3.2.0</version><relativePath/></parent>\n"
                + "  <groupId>it.tiny</groupId>");
        Path pom = copy.resolve("pom.xml");
        String text = Files.readString(pom);
        for (String element : removed) {
            String t = text.replaceAll("(?s)\\s*<" + element + ">.*?</" + element + ">", "");
            assertTrue(!t.equals(text), element);
            text = t;
        }
        Files.writeString(pom, text);
        return copy;
    }

    @Test
    void aMissingDescriptionIsAnErrorThatNamesTheParentWhoseDescriptionWasNotUsed() throws IOException {
        String message = PluginBuildIT.failing(appWithParent("description"));
        assertTrue(message.contains("<synopsis> (default: the first sentence of the project <description>) is not set"),
                message);
        assertTrue(message.contains("Note: not using <description> inherited from <parent> " + GAV), message);
    }

    @Test
    void theProjectsOwnValuesAreUsedAndTheParentsAreNamedInTheLog() throws IOException {
        MavenRunner.Result r = MavenRunner.runIn(appWithParent("url", "licenses"), "package").assertSuccess();
        assertTrue(r.log().contains("[WARNING] Not using <url>, <organization>, <licenses> inherited from <parent> " + GAV), r.log());
        DebInspector deb = DebInspector.of(PluginBuildIT.onlyDeb(r.target()));
        assertEquals("Tiny Tester <tiny@example.org>", deb.field("Maintainer").orElseThrow());
        assertEquals("Prints a greeting", deb.field("Description").orElseThrow().lines().findFirst().orElseThrow());
        assertTrue(deb.field("Homepage").isEmpty(), "the framework's url is not the application's homepage");
    }
}
