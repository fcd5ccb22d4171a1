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
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An arm64 package built on this amd64 machine: tiny-app with {@code <jdkHome>} pointing at the jmods of Debian's
 * arm64 {@code openjdk-17-jdk-headless} (fetched with apt into a private directory, unpacked with dpkg-deb -x). The
 * host's jdeps and jlink (Java 17 too) do the work. Checked: the file name and Architecture, every ELF file of the
 * runtime is AArch64 (readelf), Depends computed from those files, no CDS archive (an arm64 JVM cannot run here to
 * dump one), and the warning about native files left unstripped when there is no aarch64 strip.
 */
class RuntimeCrossArchIT {

    static Path jdk;

    @BeforeAll
    static void fetchTheArm64Jdk() {
        Env.requireTool("readelf");
        jdk = RuntimeProjects.arm64Jdk();
        assertTrue(Files.isRegularFile(jdk.resolve("jmods/java.base.jmod")), jdk.toString());
        assertFalse(Files.exists(jdk.resolve("release")), "jmods only, as in openjdk-17-jdk-headless");
    }

    @Test
    void buildsAnArm64PackageOnAnAmd64Host() throws IOException {
        Path project = RuntimeProjects.tinyWithRuntime();
        MavenRunner.Result r = MavenRunner.runIn(project, "package", "-Djpackage-deb.compression=gzip",
                "-Djpackage-deb.cacheDirectory=" + RuntimeProjects.freshCache("arm64"),
                "-Djpackage-deb.jdkHome=" + jdk).assertSuccess();
        String log = r.log();
        assertTrue(log.contains("(linux-aarch64) at " + jdk), log);
        assertTrue(log.contains("with the jlink of "), "the host's jlink links the arm64 jmods:\n" + log);
        assertTrue(log.contains("No CDS archive in the runtime: a linux-aarch64 JVM cannot run"), log);
        if (Env.which("aarch64-linux-gnu-strip").isEmpty()) {
            assertTrue(log.contains("[WARNING] The runtime's") && log.contains("are left unstripped"), log);
        }

        Path deb = RuntimeProjects.deb(r);
        assertEquals("tiny-app_1.0.0-1_arm64.deb", deb.getFileName().toString());
        DebInspector in = DebInspector.of(deb);
        assertEquals("arm64", in.field("Architecture").orElseThrow());
        String depends = in.field("Depends").orElseThrow();
        assertTrue(depends.matches("libc6 \\(>= 2\\.[0-9]+\\), libgcc-s1 \\(>= 3\\.0\\), libstdc\\+\\+6 \\(>= 5\\), "
                + "zlib1g \\(>= 1:1\\.2\\.2\\)"), depends);
        assertTrue(in.entry("/usr/lib/tiny-app/runtime/lib/server/classes.jsa").isEmpty(), "no CDS archive");

        Path root = Files.createDirectories(r.dir().resolve("unpacked"));
        Proc.of("dpkg-deb", "-x", deb.toString(), root.toString()).run();
        List<Path> elf = new ArrayList<>();
        try (Stream<Path> s = Files.walk(root.resolve("usr/lib/tiny-app/runtime"))) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                byte[] head = new byte[4];
                try (var in4 = Files.newInputStream(p)) {
                    if (in4.read(head) == 4 && head[0] == 0x7f && head[1] == 'E' && head[2] == 'L' && head[3] == 'F') {
                        elf.add(p);
                    }
                }
            }
        }
        assertTrue(elf.size() >= 10, "bin/java, libjvm.so and the other native files: " + elf);
        for (Path p : elf) {
            String header = Proc.of("readelf", "-h", p.toString()).run().stdout();
            assertTrue(header.matches("(?s).*Machine:\\s+AArch64\n.*"), p + ":\n" + header);
        }
        String javaNeeds = Proc.of("readelf", "-d", root.resolve("usr/lib/tiny-app/runtime/bin/java").toString())
                .run().stdout();
        assertTrue(javaNeeds.contains("[libc.so.6]"), javaNeeds);
        System.out.println("[RuntimeCrossArchIT] " + deb.getFileName() + ": " + Files.size(deb) + " bytes, Depends: "
                + depends + ", " + elf.size() + " AArch64 ELF files");
    }
}
