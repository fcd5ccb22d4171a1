package io.github.jpackagedeb.it;

import io.github.jpackagedeb.it.support.DebInspector;
import io.github.jpackagedeb.it.support.Env;
import io.github.jpackagedeb.it.support.MavenRunner;
import io.github.jpackagedeb.it.support.Proc;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipFile;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The class-path rules of issue 16 (point 3) with real Maven builds of tiny-app: a jar made by maven-shade-plugin
 * (which replaces the project's main artifact) ships alone, without a second copy of the dependencies it holds; and
 * {@code <excludes>} drops the matching dependencies, keeps a jar that the project still needs, and warns about a
 * pattern that matches nothing. The inner builds resolve what they lack like any user's build (no {@code -o}).
 */
class ClosureRulesIT {

    static final String LIB = "/usr/share/java/tiny-app/lib/";

    @BeforeAll
    static void prepare() {
        Env.requireTool("dpkg-deb");
        PluginBuildIT.tiny = Env.pathProperty("it.projectRoot").resolve("it/src/it/projects/tiny-app");
    }

    /** The file names of the jars the package puts on the class path. */
    static List<String> libJars(DebInspector deb) {
        return deb.contents().stream().map(DebInspector.Entry::absolutePath)
                .filter(p -> p.startsWith(LIB) && p.endsWith(".jar"))
                .map(p -> p.substring(LIB.length())).sorted().toList();
    }

    @Test
    void aShadedJarShipsAloneWithoutItsDependenciesASecondTime() throws IOException {
        // shade runs in package before our plugin (declared first), so the project's artifact is the shaded jar
        String ours = "<plugin>\n        <groupId>io.github.jpackagedeb</groupId>";
        Path p = PluginBuildIT.tinyCopy(ours, "<plugin>\n        <artifactId>maven-shade-plugin</artifactId>"
                + "<version>3.6.0</version>\n        <executions><execution><phase>package</phase><goals><goal>shade"
                + "</goal></goals></execution></executions>\n      </plugin>\n      " + ours);
        addDependencies(p, "<dependency><groupId>org.apache.commons</groupId><artifactId>commons-lang3</artifactId>"
                + "<version>3.17.0</version></dependency>");
        MavenRunner.Result r = MavenRunner.runIn(p, "package").assertSuccess();
        assertTrue(r.log().contains("Replacing original artifact with shaded artifact."), "shade ran:\n" + r.log());
        Path shaded = r.target().resolve("tiny-app-1.0.0.jar");
        assertTrue(Files.isRegularFile(r.target().resolve("original-tiny-app-1.0.0.jar")), "shade kept the original");
        try (ZipFile z = new ZipFile(shaded.toFile())) {
            assertNotNull(z.getEntry("org/apache/commons/lang3/StringUtils.class"), "commons-lang3 is shaded in");
            assertNotNull(z.getEntry("picocli/CommandLine.class"), "picocli is shaded in");
        }
        assertTrue(r.log().contains("tiny-app-1.0.0.jar already holds 2 of its 2 dependencies (a shaded or uber jar):"
                + " they are not shipped a second time."), r.log());

        DebInspector deb = DebInspector.of(PluginBuildIT.onlyDeb(r.target()));
        assertEquals(List.of("tiny-app-1.0.0.jar"), libJars(deb), "the shaded jar alone");
        Path root = Files.createTempDirectory(r.dir(), "data-");
        Proc.of("dpkg-deb", "-x", deb.deb().toString(), root.toString()).run();
        assertArrayEquals(Files.readAllBytes(shaded), Files.readAllBytes(root.resolve(LIB.substring(1) + "tiny-app-1.0.0.jar")),
                "the package's jar is the shaded jar");
        String launcher = Files.readString(root.resolve("usr/share/java/tiny-app/bin/tiny-app"));
        assertTrue(!launcher.contains("picocli") && !launcher.contains("commons-lang3"),
                "no dependency jar on the launcher's class path:\n" + launcher);
    }

    @Test
    void excludesDropTheMatchingJarsKeepWhatIsStillNeededAndWarnAboutAPatternThatMatchesNothing() throws IOException {
        // commons-beanutils needs commons-logging and commons-collections; the project uses commons-logging itself
        Path p = PluginBuildIT.tinyCopy("<runtime>none</runtime>", """
                <runtime>none</runtime>
                          <excludes>
                            <exclude>commons-beanutils:commons-beanutils</exclude>
                            <exclude>commons-collections:*</exclude>
                            <exclude>org.nowhere:*</exclude>
                          </excludes>""".strip());
        addDependencies(p, "<dependency><groupId>commons-beanutils</groupId><artifactId>commons-beanutils</artifactId>"
                + "<version>1.11.0</version></dependency>\n    <dependency><groupId>commons-logging</groupId>"
                + "<artifactId>commons-logging</artifactId><version>1.3.5</version></dependency>");
        MavenRunner.Result r = MavenRunner.runIn(p, "package").assertSuccess();
        String log = r.log();
        assertTrue(log.contains("[WARNING] The exclude 'org.nowhere:*' matches none of the 4 runtime dependencies"), log);
        assertTrue(log.contains("Left out commons-beanutils:commons-beanutils:1.11.0: excluded by"
                + " commons-beanutils:commons-beanutils."), log);
        assertTrue(log.contains("Left out commons-collections:commons-collections:3.2.2: excluded by"
                + " commons-collections:*."), log);

        DebInspector deb = DebInspector.of(PluginBuildIT.onlyDeb(r.target()));
        assertEquals(List.of("commons-logging-1.3.5.jar", "picocli-4.7.7.jar", "tiny-app-1.0.0.jar"), libJars(deb));
    }

    @Test
    void aJarNeededOnlyByAnExcludedOneGoesWithIt() throws IOException {
        Path p = PluginBuildIT.tinyCopy("<runtime>none</runtime>", """
                <runtime>none</runtime>
                          <excludes><exclude>commons-beanutils:commons-beanutils</exclude></excludes>""".strip());
        addDependencies(p, "<dependency><groupId>commons-beanutils</groupId><artifactId>commons-beanutils</artifactId>"
                + "<version>1.11.0</version></dependency>");
        MavenRunner.Result r = MavenRunner.runIn(p, "package").assertSuccess();
        assertTrue(r.log().contains("Left out commons-logging:commons-logging:1.3.5: needed only by excluded"
                + " dependencies."), r.log());
        assertTrue(!r.log().contains("matches none of"), r.log());
        DebInspector deb = DebInspector.of(PluginBuildIT.onlyDeb(r.target()));
        assertEquals(List.of("picocli-4.7.7.jar", "tiny-app-1.0.0.jar"), libJars(deb));
    }

    /** Adds dependencies to the copy's pom, after picocli. */
    static void addDependencies(Path project, String dependencies) throws IOException {
        Path pom = project.resolve("pom.xml");
        String text = Files.readString(pom);
        String anchor = "<version>4.7.7</version>\n    </dependency>";
        assertTrue(text.contains(anchor), "tiny-app's pom depends on picocli 4.7.7");
        Files.writeString(pom, text.replace(anchor, anchor + "\n    " + dependencies));
    }
}
