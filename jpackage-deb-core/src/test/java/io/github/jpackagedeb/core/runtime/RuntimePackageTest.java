package io.github.jpackagedeb.core.runtime;

import io.github.jpackagedeb.core.testing.Integration;

import io.github.jpackagedeb.core.archive.Compression;
import io.github.jpackagedeb.core.app.AppSpec;
import io.github.jpackagedeb.core.assembly.DebBuilder;
import io.github.jpackagedeb.core.app.Jar;
import io.github.jpackagedeb.core.assembly.License;
import io.github.jpackagedeb.core.assembly.PackageDocs;
import io.github.jpackagedeb.core.control.PackageSpec;
import io.github.jpackagedeb.core.version.DebianVersion;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A package with a bundled runtime, read back with the real dpkg-deb and lintian: layout, modes, Architecture,
 * Depends, the launcher running on the bundled runtime, and byte-identical packages from two cold builds.
 */
@Integration
class RuntimePackageTest {

    private static final Instant T = Instant.parse("2026-01-02T03:04:05Z");

    @TempDir
    Path tmp;

    static DebBuilder.Builder builder(RuntimeImage runtime, Path out) {
        List<Jar> jars = Fixtures.app();
        AppSpec app = AppSpec.builder().mainJar(jars.get(0)).dependencies(jars.subList(1, jars.size())).build();
        PackageSpec spec = PackageSpec.builder().name("demo").version(DebianVersion.parse("1.0-1"))
                .maintainer("Jane Doe <jane@example.org>").synopsis("prints a timestamp")
                .longDescription("Prints a timestamp, with its own Java runtime.").homepage("https://example.org")
                .build();
        return DebBuilder.builder().spec(spec).app(app).runtime(runtime).outputDirectory(out).timestamp(T)
                .compression(Compression.GZIP)
                .docs(new PackageDocs("demo", "https://example.org", List.of("Jane Doe"),
                        List.of(new License("Apache-2.0", null)), List.of(), null));
    }

    @Test
    void installsTheRuntimeUnderUsrLibAndRunsOnIt() throws IOException {
        Fixtures.requireTool("dpkg-deb");
        RuntimeImage rt = RuntimeBuilder.build(RuntimeSpec.builder().cacheDirectory(Fixtures.sharedCache()).build(),
                Fixtures.app(), 17, new Fixtures.RecordingLog());
        DebBuilder.Result r = builder(rt, tmp.resolve("out")).build().build();
        assertEquals("demo_1.0-1_amd64.deb", r.deb().getFileName().toString());
        String control = Tools.run("dpkg-deb", "-f", r.deb().toString());
        assertTrue(control.contains("Architecture: amd64\n"), control);
        String depends = control.lines().filter(l -> l.startsWith("Depends: ")).findFirst().orElseThrow();
        assertEquals("Depends: " + String.join(", ", rt.depends()), depends);
        assertTrue(depends.contains("libc6 (>= 2.34)"), depends);
        assertFalse(depends.contains("jre"), "no Java runtime package: it is bundled");

        String list = Tools.run("dpkg-deb", "-c", r.deb().toString());
        assertTrue(list.contains("lrwxrwxrwx root/root         0 2026-01-02 03:04 ./usr/share/java/demo/runtime -> "
                + "../../../lib/demo/runtime\n"), list);
        assertTrue(lineOf(list, "./usr/lib/demo/runtime/bin/java").startsWith("-rwxr-xr-x root/root"), list);
        assertTrue(lineOf(list, "./usr/lib/demo/runtime/legal/java.base/LICENSE").startsWith("-rw-r--r-- root/root"));
        assertTrue(lineOf(list, "./usr/lib/demo/runtime/lib/server/classes.jsa").startsWith("-rw-r--r-- root/root"));
        assertTrue(lineOf(list, "./usr/lib/demo/runtime/legal/java.sql/LICENSE").startsWith("lrwxrwxrwx"),
                "jlink's links between legal notices are kept");

        Path root = Files.createDirectories(tmp.resolve("root"));
        Tools.run("dpkg-deb", "-x", r.deb().toString(), root.toString());
        ToolRun run = ToolRun.process(List.of(root.resolve("usr/share/java/demo/bin/demo").toString()), null);
        assertEquals(0, run.exit(), run.output());
        assertTrue(run.output().startsWith("demo 17"), run.output());
        ToolRun version = ToolRun.process(List.of("sh", "-c", "JAVA_OPTS=-XshowSettings:properties "
                + root.resolve("usr/share/java/demo/bin/demo") + " 2>&1 | grep java.home"), null);
        assertTrue(version.output().contains(root.resolve("usr/lib/demo/runtime").toString()),
                "the launcher picks the bundled runtime: " + version.output());

        Fixtures.requireTool("lintian");
        ToolRun lintian = Tools.exec(null, "lintian", "--fail-on", "error,warning", "-I", r.deb().toString());
        assertEquals(0, lintian.exit(), lintian.output());
        assertFalse(lintian.output().contains("unused-override"), "every override is needed:\n" + lintian.output());
        assertFalse(lintian.output().contains("binary-has-unneeded-section"), lintian.output());
    }

    private static String lineOf(String list, String path) {
        return list.lines().filter(l -> l.endsWith(" " + path) || l.contains(" " + path + " -> ")).findFirst()
                .orElseThrow(() -> new AssertionError(path + " not in\n" + list));
    }

    @Test
    void twoColdBuildsGiveByteIdenticalPackages() throws IOException {
        Fixtures.requireTool("dpkg-deb"); // reads the shipped class list back
        List<byte[]> debs = new ArrayList<>();
        List<List<String>> manifests = new ArrayList<>();
        List<String> classLists = new ArrayList<>();
        for (String run : List.of("a", "b")) {
            RuntimeImage rt = RuntimeBuilder.build(RuntimeSpec.builder().cacheDirectory(tmp.resolve("cache-" + run))
                    .build(), Fixtures.app(), 17, new Fixtures.RecordingLog());
            assertFalse(rt.reused(), "a cold build");
            assertTrue(rt.cds());
            manifests.add(Files.readAllLines(rt.image().getParent().resolve("manifest")));
            Path deb = builder(rt, tmp.resolve("out-" + run)).appCds(AppCdsSpec.builder().trainingArg("--version")
                    .build()).build().build().deb();
            debs.add(Files.readAllBytes(deb));
            classLists.add(Tools.run("sh", "-c", "dpkg-deb --fsys-tarfile '" + deb
                    + "' | tar -xO ./usr/lib/demo/app-cds.classlist"));
        }
        assertTrue(classLists.get(0).contains("\ndemo/Main\n"), "the class list of the training run is shipped");
        assertEquals(classLists.get(0), classLists.get(1), "the same class list from both training runs");
        List<String> differ = new ArrayList<>(manifests.get(0));
        differ.removeAll(manifests.get(1));
        assertEquals(List.of(), differ, "every file of the runtime, the CDS archive too, is the same in both");
        assertArrayEquals(debs.get(0), debs.get(1));
    }
}
