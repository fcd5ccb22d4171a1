package io.github.jpackagedeb.it;

import io.github.jpackagedeb.it.support.Env;
import io.github.jpackagedeb.it.support.MavenRunner;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Concurrency (issue 8): the three-module reactor {@code it/src/it/projects/multi-app}, each module packaged by our
 * plugin, built with {@code mvn -T 2} gives the same .debs, byte for byte, as a serial build, and leaves no
 * temporary file.
 */
class ConcurrentReactorIT {

    static Path copy() throws IOException {
        Path copy = MavenRunner.copyProject(Env.pathProperty("it.projectRoot").resolve("it/src/it/projects/multi-app"));
        try (Stream<Path> s = Files.walk(copy)) {
            for (Path pom : s.filter(p -> p.getFileName().toString().equals("pom.xml")).toList()) {
                Files.writeString(pom, Files.readString(pom).replace("@jpackagedeb.version@",
                        Env.property("it.pluginVersion")));
            }
        }
        return copy;
    }

    @Test
    void aParallelBuildGivesTheSameDebsAsASerialOne() throws IOException {
        Env.requireTool("dpkg-deb");
        Path serial = copy();
        Path parallel = copy();
        long t0 = System.nanoTime();
        MavenRunner.runIn(serial, "package", "-DskipTests").assertSuccess();
        long t1 = System.nanoTime();
        MavenRunner.Result p = MavenRunner.runIn(parallel, "-T", "2", "package", "-DskipTests").assertSuccess();
        long t2 = System.nanoTime();
        for (String m : List.of("app-a", "app-b", "app-c")) {
            Path a = PluginBuildIT.onlyDeb(serial.resolve(m).resolve("target"));
            Path b = PluginBuildIT.onlyDeb(parallel.resolve(m).resolve("target"));
            assertEquals(a.getFileName(), b.getFileName());
            assertArrayEquals(Files.readAllBytes(a), Files.readAllBytes(b), m + ": -T 2 and serial differ");
            assertEquals(List.of(), PluginBuildIT.targetFiles(parallel.resolve(m).resolve("target")).stream()
                    .filter(n -> n.endsWith(".tmp")).toList());
        }
        System.out.printf("[ConcurrentReactorIT] 3 packages: serial %d ms, -T 2 %d ms; identical%n",
                (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000);
        assertEquals(true, p.log().contains("using a thread pool with size 2") || p.log().contains("MultiThreaded"),
                "Maven ran multi-threaded");
    }
}
