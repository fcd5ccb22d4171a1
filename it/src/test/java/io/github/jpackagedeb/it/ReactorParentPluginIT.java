package io.github.jpackagedeb.it;

import io.github.jpackagedeb.it.support.DebInspector;
import io.github.jpackagedeb.it.support.Env;
import io.github.jpackagedeb.it.support.MavenRunner;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Multi-module reactors (issue 16, point 6): {@code it/src/it/projects/reactor-parent-plugin} declares the plugin in
 * the parent's {@code <build><plugins>}, so it runs in the parent (packaging pom) too. The parent is skipped with one
 * info line and each of the two jar modules makes its own .deb in one {@code mvn package}, serially and with
 * {@code -T 2}; {@code -Djpackage-deb.skipPom=false} makes the parent fail, naming its packaging.
 */
class ReactorParentPluginIT {

    static Path copy() throws IOException {
        return ConcurrentReactorIT.copyProject("reactor-parent-plugin");
    }

    @Test
    void eachJarModuleMakesItsDebAndTheParentIsSkipped() throws IOException {
        Env.requireTool("dpkg-deb");
        Path serial = copy();
        Path parallel = copy();
        MavenRunner.Result s = MavenRunner.runIn(serial, "package").assertSuccess();
        MavenRunner.Result p = MavenRunner.runIn(parallel, "-T", "2", "package").assertSuccess();
        assertTrue(p.log().contains("using a thread pool with size 2") || p.log().contains("MultiThreaded"),
                "Maven ran multi-threaded");
        for (MavenRunner.Result r : List.of(s, p)) {
            assertEquals(1, ConcurrentReactorIT.count(r.log(), "Skipping reactor-parent: packaging pom"), r.log());
            assertEquals(List.of(), PluginBuildIT.targetFiles(r.dir().resolve("target")), "no .deb for the parent");
        }
        for (String m : List.of("app-one", "app-two")) {
            Path a = PluginBuildIT.onlyDeb(serial.resolve(m).resolve("target"));
            Path b = PluginBuildIT.onlyDeb(parallel.resolve(m).resolve("target"));
            assertEquals(m + "_1.0.0-1_all.deb", a.getFileName().toString());
            assertArrayEquals(Files.readAllBytes(a), Files.readAllBytes(b), m + ": -T 2 and serial differ");
            DebInspector deb = DebInspector.of(a);
            assertEquals(m, deb.field("Package").orElseThrow());
            assertEquals("Reactor Tester <reactor@example.org>", deb.field("Maintainer").orElseThrow(),
                    "the reactor's parent counts as the project's own pom");
        }
    }

    @Test
    void withoutSkipPomTheParentFailsNamingItsPackaging() throws IOException {
        Env.requireTool("dpkg-deb");
        MavenRunner.Result r = MavenRunner.runIn(copy(), "package", "-Djpackage-deb.skipPom=false").assertFailure();
        assertTrue(r.log().contains("packaging 'pom'"), r.log());
    }
}
