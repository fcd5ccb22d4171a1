package io.github.jpackagedeb.it;

import io.github.jpackagedeb.it.support.DebInspector;
import io.github.jpackagedeb.it.support.Env;
import io.github.jpackagedeb.it.support.Lintian;
import io.github.jpackagedeb.it.support.Proc;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The package the reactor built for examples/hello-spring-boot, whose spring-boot-maven-plugin repackages the jar before
 * our plugin runs: the thin layout (the application's own jar and its dependencies, never the fat jar), no
 * spring-boot-devtools and no starter jars (Spring Boot leaves both out of production), no class in two jars, the
 * launcher starts the Start-Class, and lintian is clean. Its life under systemd is in {@link LifecycleBootIT}.
 */
class HelloSpringBootPackageIT {

    static final String PKG = "hello-spring-boot";
    static Path deb;

    @BeforeAll
    static void findThePackage() {
        Env.requireTool("dpkg-deb");
        deb = SpringBootDebs.v1();
    }

    @Test
    void theThinLayoutWithoutDevtoolsStartersOrAnyClassTwice() throws IOException {
        DebInspector in = DebInspector.of(deb);
        Path lib = Files.createTempDirectory("hsb-lib");
        List<String> jars = in.contents().stream().map(DebInspector.Entry::path)
                .filter(p -> p.matches("\\./usr/share/java/" + PKG + "/lib/[^/]+\\.jar")).toList();
        assertTrue(jars.contains("./usr/share/java/" + PKG + "/lib/hello-spring-boot-1.0.0.jar"), jars.toString());
        assertTrue(jars.stream().anyMatch(j -> j.contains("/spring-webmvc-")), jars.toString());
        assertTrue(jars.stream().noneMatch(j -> j.contains("devtools")), "no spring-boot-devtools: " + jars);
        assertTrue(jars.stream().noneMatch(j -> j.contains("docker-compose")), jars.toString());
        assertTrue(jars.stream().noneMatch(j -> j.contains("-starter")), "no starter (codeless) jars: " + jars);
        Proc.of("dpkg-deb", "-x", deb.toString(), lib.toString()).run();
        Map<String, String> owner = new HashMap<>();
        try (Stream<Path> s = Files.list(lib.resolve("usr/share/java/" + PKG + "/lib"))) {
            for (Path jar : s.sorted().toList()) {
                try (ZipInputStream z = new ZipInputStream(Files.newInputStream(jar))) {
                    for (ZipEntry e; (e = z.getNextEntry()) != null; ) {
                        assertFalse(e.getName().startsWith("BOOT-INF/"), "a fat jar was shipped: " + jar);
                        String n = e.getName();
                        if (n.endsWith(".class") && !n.startsWith("META-INF/") && !n.endsWith("module-info.class")) {
                            String other = owner.putIfAbsent(n, jar.getFileName().toString());
                            assertTrue(other == null, n + " is in " + other + " and " + jar.getFileName());
                        }
                    }
                }
            }
        }
        String launcher = Files.readString(lib.resolve("usr/share/java/" + PKG + "/bin/" + PKG));
        assertTrue(launcher.contains("io.github.jpackagedeb.examples.springboot.HelloSpringBoot"),
                "the launcher starts the Start-Class, not JarLauncher");
        assertFalse(launcher.contains("JarLauncher"), "no JarLauncher");
    }

    @Test
    void lintianIsClean() {
        Lintian.Report r = Lintian.check(deb);
        assertTrue(r.passed(), r.output());
    }
}
