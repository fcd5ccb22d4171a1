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
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Concurrency (issue 8): the three-module reactor {@code it/src/it/projects/multi-app}, each module packaged by our
 * plugin, built with {@code mvn -T 2} gives the same .debs, byte for byte, as a serial build, and leaves no
 * temporary file; and, with a bundled runtime, two threads filling one empty shared runtime cache (issue 8, 4).
 */
class ConcurrentReactorIT {

    static Path copy() throws IOException {
        return copyProject("multi-app");
    }

    /** A copy of {@code it/src/it/projects/<name>} with our plugin's version filled into every pom. */
    static Path copyProject(String name) throws IOException {
        Path copy = MavenRunner.copyProject(Env.pathProperty("it.projectRoot").resolve("it/src/it/projects/" + name));
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

    /**
     * The same reactor with {@code <runtime>jlink</runtime>}: the three modules need the same runtime, so under
     * {@code -T 2} two threads race to fill the same entry of one EMPTY shared cache. One links, the others wait and
     * reuse it; the .debs equal those of a serial build on another empty cache, and the cache ends with one complete
     * entry (every file matches its manifest) and nothing in tmp/.
     */
    @Test
    void twoThreadsFillingOneSharedRuntimeCacheGiveTheSameDebsAsASerialBuild() throws Exception {
        Env.requireTool("dpkg-deb");
        Path serial = copyWithRuntime();
        Path parallel = copyWithRuntime();
        Path serialCache = RuntimeProjects.freshCache("reactor-serial");
        Path sharedCache = RuntimeProjects.freshCache("reactor-shared");
        long t0 = System.nanoTime();
        MavenRunner.Result s = MavenRunner.runIn(serial, "package", "-DskipTests",
                "-Djpackage-deb.cacheDirectory=" + serialCache).assertSuccess();
        long t1 = System.nanoTime();
        MavenRunner.Result p = MavenRunner.runIn(parallel, "-T", "2", "package", "-DskipTests",
                "-Djpackage-deb.cacheDirectory=" + sharedCache).assertSuccess();
        long t2 = System.nanoTime();
        assertTrue(p.log().contains("using a thread pool with size 2") || p.log().contains("MultiThreaded"),
                "Maven ran multi-threaded");
        for (String m : List.of("app-a", "app-b", "app-c")) {
            Path a = PluginBuildIT.onlyDeb(serial.resolve(m).resolve("target"));
            Path b = PluginBuildIT.onlyDeb(parallel.resolve(m).resolve("target"));
            assertEquals(m + "_1.0.0-1_amd64.deb", b.getFileName().toString(), "the runtime is bundled");
            assertEquals(a.getFileName(), b.getFileName());
            assertArrayEquals(Files.readAllBytes(a), Files.readAllBytes(b), m + ": -T 2 and serial differ");
        }
        assertEquals(1, count(s.log(), "jlink: linked"), s.log());
        assertEquals(1, count(p.log(), "jlink: linked"), "one thread links, the others wait for it:\n" + p.log());
        assertEquals(2, count(p.log(), "Reused the Java runtime from the cache"), p.log());
        Path v1 = sharedCache.resolve("v1");
        List<Path> entries = list(v1.resolve("runtimes"));
        assertEquals(1, entries.size(), "one entry in the shared cache: " + entries);
        int files = assertMatchesManifest(entries.get(0));
        assertEquals(List.of(), list(v1.resolve("tmp")), "nothing left in the cache's tmp/");
        System.out.printf("[ConcurrentReactorIT] 3 packages with a bundled runtime, one empty shared cache: serial %d ms,"
                        + " -T 2 %d ms; jlink ran once per build, 2 modules reused the entry; identical .debs; the"
                        + " cache holds 1 entry, %d files all matching its manifest%n",
                (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000, files);
    }

    static Path copyWithRuntime() throws IOException {
        Path copy = copy();
        Path pom = copy.resolve("pom.xml");
        String text = Files.readString(pom);
        assertTrue(text.contains("<runtime>none</runtime>"), "multi-app's parent pom sets <runtime>none</runtime>");
        Files.writeString(pom, text.replace("<runtime>none</runtime>", "<runtime>jlink</runtime>"));
        return copy;
    }

    static long count(String log, String fragment) {
        return log.lines().filter(l -> l.contains(fragment)).count();
    }

    static List<Path> list(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted().toList();
        }
    }

    /**
     * Checks a runtime cache entry against its {@code manifest} (format of core's RuntimeCache: a header, then
     * {@code f MODE SIZE SHA256 PATH}, {@code d PATH}, {@code l TARGET PATH}, {@code meta K=V} lines, then
     * {@code end}); returns the number of files checked.
     */
    static int assertMatchesManifest(Path entry) throws Exception {
        List<String> lines = Files.readAllLines(entry.resolve("manifest"));
        assertTrue(lines.size() > 2 && lines.get(lines.size() - 1).equals("end"), "a complete manifest");
        Path image = entry.resolve("image");
        int files = 0;
        for (String line : lines.subList(1, lines.size() - 1)) {
            String[] f = line.split(" ", 5);
            switch (f[0]) {
                case "f" -> {
                    Path file = image.resolve(f[4]);
                    assertEquals(Long.parseLong(f[2]), Files.size(file), f[4]);
                    java.security.MessageDigest md = java.security.MessageDigest.getInstance("SHA-256");
                    assertEquals(f[3], java.util.HexFormat.of().formatHex(md.digest(Files.readAllBytes(file))), f[4]);
                    files++;
                }
                case "d" -> assertTrue(Files.isDirectory(image.resolve(line.substring(2))), line);
                case "l" -> assertTrue(Files.isSymbolicLink(image.resolve(line.split(" ", 3)[2])), line);
                case "meta" -> { }
                default -> throw new AssertionError("unexpected manifest line: " + line);
            }
        }
        return files;
    }
}
