package io.github.jpackagedeb.core.assembly;

import io.github.jpackagedeb.core.app.AppSpec;
import io.github.jpackagedeb.core.app.Jar;
import io.github.jpackagedeb.core.testing.Integration;

import io.github.jpackagedeb.core.archive.Compression;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Runs the generated launcher for real with /bin/sh (dash on Debian): a real Java program, reached through a
 * symbolic link like /usr/bin/hello, with JAVA_OPTS, JAVA_HOME, arguments with blanks and an exit status.
 */
@Integration
class LauncherTest {

    @TempDir
    Path tmp;
    Path root;

    @BeforeEach
    void install() throws Exception {
        Path app = TestJars.compiledMain(tmp.resolve("src"), "demo.Main", """
                package demo;
                public class Main {
                    public static void main(String[] a) {
                        System.out.println("args=" + String.join("|", a));
                        System.out.println("prop=" + System.getProperty("demo.prop"));
                        System.exit(a.length > 0 && a[0].equals("fail") ? 7 : 0);
                    }
                }
                """);
        DebBuilder.Result r = DebBuilder.builder().spec(DebBuilderTest.spec())
                .app(AppSpec.builder().mainJar(Jar.of(app)).build())
                .outputDirectory(tmp.resolve("out")).timestamp(java.time.Instant.EPOCH).compression(Compression.GZIP)
                .build().build();
        root = tmp.resolve("root");
        DebBuilderTest.run("dpkg-deb", "-x", r.deb().toString(), root.toString());
        // the package's /usr/bin link is relative, so it works inside the extracted tree as well
    }

    private String[] launch(Map<String, String> env, String... args) throws Exception {
        List<String> cmd = new java.util.ArrayList<>(List.of(root.resolve("usr/bin/hello").toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().remove("JAVA_OPTS");
        pb.environment().remove("JAVA_HOME");
        pb.environment().putAll(env);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor(60, TimeUnit.SECONDS);
        return new String[] {Integer.toString(p.exitValue()), out, err};
    }

    @Test
    void passesArgumentsAndExitStatusThrough() throws Exception {
        String[] r = launch(Map.of(), "a b", "*", "");
        assertEquals("0", r[0], r[2]);
        assertEquals("args=a b|*|\nprop=null\n", r[1]);
        assertEquals("7", launch(Map.of(), "fail")[0]);
    }

    @Test
    void honoursJavaOpts() throws Exception {
        String[] r = launch(Map.of("JAVA_OPTS", "-Ddemo.prop=set -Xmx64m"));
        assertEquals("0", r[0], r[2]);
        assertTrue(r[1].contains("prop=set\n"), r[1]);
    }

    @Test
    void honoursJavaHome() throws Exception {
        Path fakeHome = tmp.resolve("jdk");
        Files.createDirectories(fakeHome.resolve("bin"));
        Path fakeJava = fakeHome.resolve("bin/java");
        Files.writeString(fakeJava, "#!/bin/sh\necho \"fake java $*\"\nexit 3\n");
        fakeJava.toFile().setExecutable(true);
        String[] r = launch(Map.of("JAVA_HOME", fakeHome.toString()), "x");
        assertEquals("3", r[0]);
        assertTrue(r[1].startsWith("fake java -cp " + root.resolve("usr/share/java/hello/lib/app-1.0.jar").toRealPath()
                + " demo.Main x"), r[1]);
    }

    @Test
    void prefersTheBundledRuntime() throws Exception {
        Path rt = root.resolve("usr/share/java/hello/runtime/bin");
        Files.createDirectories(rt);
        Files.writeString(rt.resolve("java"), "#!/bin/sh\necho bundled\n");
        rt.resolve("java").toFile().setExecutable(true);
        String[] r = launch(Map.of("JAVA_HOME", "/nonexistent"));
        assertEquals("bundled\n", r[1]);
    }
}
