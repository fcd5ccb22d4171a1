package io.github.jpackagedeb.it;

import io.github.jpackagedeb.it.support.DebInspector;
import io.github.jpackagedeb.it.support.DebianRoot;
import io.github.jpackagedeb.it.support.Env;
import io.github.jpackagedeb.it.support.FileSnapshot;
import io.github.jpackagedeb.it.support.Lintian;
import io.github.jpackagedeb.it.support.MavenRunner;
import io.github.jpackagedeb.it.support.Proc;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 16, point 3: a real Quarkus build (io.quarkus BOM 3.33.2, quarkus-maven-plugin's build goal declared before
 * ours) packaged as Quarkus laid it out: the fast-jar tree {@code quarkus-app/} under lib/, byte for byte, a launcher
 * that runs {@code java -jar quarkus-run.jar} with the pom's JVM options and arguments, lintian clean, and the package
 * installed in a Debian root without Java runs the application with its bundled runtime and its AppCDS archive. The
 * wrong plugin order fails the build with the fix. The inner builds resolve what they lack like any user's build.
 */
class QuarkusPackageIT {

    static final String PKG = "hello-quarkus";
    static final String LIB = "/usr/share/java/" + PKG + "/lib/";
    static Path project;
    static MavenRunner.Result built;
    static DebInspector deb;

    @BeforeAll
    static void build() throws IOException {
        Env.requireTool("dpkg-deb");
        project = copy(Env.pathProperty("it.projectRoot").resolve("it/src/it/projects/hello-quarkus"));
        built = MavenRunner.runIn(project, "package").assertSuccess();
        deb = DebInspector.of(PluginBuildIT.onlyDeb(built.target()));
    }

    /** A copy of the project with our plugin's version filled in. */
    static Path copy(Path source) throws IOException {
        Path copy = MavenRunner.copyProject(source);
        Path pom = copy.resolve("pom.xml");
        Files.writeString(pom, Files.readString(pom).replace("@jpackagedeb.version@", Env.property("it.pluginVersion")));
        return copy;
    }

    /** The regular files of Quarkus's tree, relative to it, sorted. */
    static List<String> tree(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).map(p -> dir.relativize(p).toString()).sorted().toList();
        }
    }

    @Test
    void thePackageHoldsTheFastJarTreeAsQuarkusBuiltItAndNoFlatClassPath() throws IOException {
        Path quarkusApp = built.target().resolve("quarkus-app");
        List<String> files = tree(quarkusApp);
        assertTrue(files.contains("quarkus-run.jar") && files.contains("quarkus/quarkus-application.dat")
                && files.stream().anyMatch(f -> f.startsWith("lib/boot/")), files.toString());
        List<String> shipped = deb.contents().stream().filter(DebInspector.Entry::isRegularFile)
                .map(DebInspector.Entry::absolutePath).filter(p -> p.startsWith(LIB))
                .map(p -> p.substring(LIB.length())).sorted().toList();
        assertEquals(files, shipped, "every file of quarkus-app/, at its path in the tree, and nothing else in lib/");
        assertTrue(built.log().contains("Quarkus: the package ships the fast-jar tree"), built.log());

        Path root = Files.createTempDirectory(built.dir(), "data-");
        Proc.of("dpkg-deb", "-x", deb.deb().toString(), root.toString()).run();
        for (String f : files) {
            assertArrayEquals(Files.readAllBytes(quarkusApp.resolve(f)), Files.readAllBytes(root.resolve(LIB.substring(1) + f)),
                    f + " as Quarkus built it");
        }
        String launcher = Files.readString(root.resolve("usr/share/java/" + PKG + "/bin/" + PKG));
        assertTrue(launcher.contains("set -- -jar \"$APP_HOME/lib/quarkus-run.jar\" \"$@\""), launcher);
        assertTrue(launcher.contains("\nJVM_OPTIONS=\"'-Dhello.mark=!'\"\n"), "the pom's <jvmOptions>:\n" + launcher);
        assertTrue(launcher.contains("\nAPP_ARGUMENTS=\"'the pom'\"\n"), "the pom's <arguments>:\n" + launcher);
        assertTrue(deb.entry("/usr/lib/" + PKG + "/app-cds.classlist").isPresent(), "the AppCDS class list");
    }

    @Test
    void lintianIsClean() {
        Lintian.assertClean(deb.deb());
    }

    @Test
    void runsInADebianRootWithoutJavaWithThePomsSettingsAndItsAppCdsArchive() {
        Env.requireRoot();
        try (DebianRoot.Copy root = DebianRoot.minimal().fresh()) {
            assertTrue(root.exec("sh", "-c", "command -v java").exit() != 0, "the root has no java");
            FileSnapshot before = root.listFiles();
            root.dpkgInstall(deb.deb());
            Proc.Result hello = root.run(PKG, "and you");
            assertEquals("Hello from Quarkus, the pom and you!\n", hello.stdout(), hello.describe());
            Proc.Result cds = root.sh("JAVA_OPTS=-Xlog:cds=info " + PKG + " 2>&1");
            assertTrue(cds.stdout().contains("Opened archive /var/cache/" + PKG + "/app.jsa"), cds.describe());
            assertFalse(cds.stdout().contains("Unable to use shared archive"), cds.describe());
            root.dpkg("-P", PKG);
            assertEquals(List.of(), root.listFiles().diffFrom(before), "install + purge leaves the root as it was");
        }
    }

    @Test
    void ourPluginDeclaredBeforeQuarkusFailsWithThePluginOrderToFix() throws IOException {
        Path p = copy(Env.pathProperty("it.projectRoot").resolve("it/src/it/projects/hello-quarkus"));
        Path pom = p.resolve("pom.xml");
        String text = Files.readString(pom);
        int q = text.indexOf("      <plugin>\n        <groupId>io.quarkus</groupId>");
        int ours = text.indexOf("      <plugin>\n        <groupId>io.github.jpackagedeb</groupId>");
        int end = text.indexOf("</plugin>\n", ours) + "</plugin>\n".length();
        assertTrue(q > 0 && ours > q, "the pom declares Quarkus's plugin, then ours");
        Files.writeString(pom, text.substring(0, q) + text.substring(ours, end) + text.substring(q, ours)
                + text.substring(end));
        String message = PluginBuildIT.failing(p);
        assertTrue(message.contains("quarkus-artifact.properties is missing"), message);
        assertTrue(message.contains("declare quarkus-maven-plugin (with its build goal) before"
                + " jpackage-deb-maven-plugin"), message);
    }
}
