package io.github.jpackagedeb.core.assembly;

import io.github.jpackagedeb.core.app.AppSpec;
import io.github.jpackagedeb.core.app.Jar;
import io.github.jpackagedeb.core.DebException;
import io.github.jpackagedeb.core.archive.Compression;
import io.github.jpackagedeb.core.debiandir.StageTree;
import io.github.jpackagedeb.core.service.ServiceSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Launcher settings (issue 16, point 1): the configured JVM options and program arguments reach the JVM through the
 * launcher (which the service's ExecStart= runs too), before JAVA_OPTS and the caller's arguments; they are shown in
 * /etc/default/&lt;pkg&gt;, whose values win; jars in the host's extra directory join the class path. The launcher
 * runs for real with /bin/sh on a package tree laid out by core (no dpkg needed).
 */
class LauncherSettingsTest {

    @TempDir
    Path tmp;

    private Path stage(List<String> jvmOptions, List<String> arguments, ServiceSpec service) throws Exception {
        Path app = TestJars.compiledMain(tmp.resolve("src"), "demo.Main", """
                package demo;
                public class Main {
                    public static void main(String[] a) throws Exception {
                        System.out.println("args=" + String.join("|", a));
                        System.out.println("prop=" + System.getProperty("demo.prop"));
                        System.out.println("other=" + System.getProperty("demo.other"));
                        System.out.println("ext=" + (Main.class.getClassLoader().getResource("ext.txt") != null));
                    }
                }
                """);
        DebBuilder b = DebBuilder.builder().spec(DebBuilderTest.spec()).service(service)
                .app(AppSpec.builder().mainJar(Jar.of(app)).jvmOptions(jvmOptions).arguments(arguments).build())
                .outputDirectory(tmp.resolve("out")).timestamp(java.time.Instant.EPOCH).compression(Compression.GZIP)
                .build();
        Path root = tmp.resolve("root");
        StageTree.write(root, b.entries(b.effectiveSpec()), true);
        return root;
    }

    /** Runs the staged launcher with its /etc/default path pointed at {@code defaults} (the host's file). */
    private static String launch(Path root, Path defaults, String... args) throws Exception {
        String text = Files.readString(root.resolve("usr/share/java/hello/bin/hello"));
        assertTrue(text.contains("/etc/default/hello"), text);
        Path launcher = Files.createTempFile(root.resolve("usr/share/java/hello/bin"), "hello", ".sh");
        Files.writeString(launcher, text.replace("/etc/default/hello", defaults.toString())
                .replace("EXTRA_LIB_DIR=/etc/hello/lib", "EXTRA_LIB_DIR=" + root.resolve("etc/hello/lib")));
        List<String> cmd = new ArrayList<>(List.of("sh", launcher.toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().remove("JAVA_OPTS");
        pb.environment().remove("JAVA_HOME");
        pb.environment().remove("JVM_OPTIONS");
        pb.environment().remove("APP_ARGUMENTS");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), err);
        return out;
    }

    @Test
    void theConfiguredDefaultsComeBeforeTheCallersArgumentsAndWordsWithSpacesStayWhole() throws Exception {
        Path root = stage(List.of("-Ddemo.prop=a b 'c' $HOME \"q\"", "-Xss1m"), List.of("-tcp", "--name", "H2 db"), null);
        String defaults = Files.readString(root.resolve("etc/default/hello"));
        assertTrue(defaults.contains("\nJVM_OPTIONS=\"'-Ddemo.prop=a b '\\\\''c'\\\\'' \\$HOME \\\"q\\\"' -Xss1m\"\n"),
                defaults);
        assertTrue(defaults.contains("\nAPP_ARGUMENTS=\"-tcp --name 'H2 db'\"\n"), defaults);
        assertTrue(defaults.contains("/etc/hello/lib/"), defaults);
        // the package's /etc/default file as shipped: its values are the configured ones
        String out = launch(root, root.resolve("etc/default/hello"), "x y");
        assertEquals("args=-tcp|--name|H2 db|x y\nprop=a b 'c' $HOME \"q\"\nother=null\next=false\n", out);
    }

    @Test
    void theHostsDefaultsFileWinsAndExtraJarsJoinTheClassPath() throws Exception {
        Path root = stage(List.of("-Ddemo.prop=built"), List.of("--built"), null);
        Path hostFile = Files.writeString(tmp.resolve("host-default"), "JVM_OPTIONS=\"-Ddemo.prop=host "
                + "'-Ddemo.other=x y'\"\nAPP_ARGUMENTS=\"--host 'a b'\"\n");
        Path lib = Files.createDirectories(root.resolve("etc/hello/lib"));
        try (var out = new java.util.jar.JarOutputStream(Files.newOutputStream(lib.resolve("driver.jar")))) {
            out.putNextEntry(new java.util.jar.JarEntry("ext.txt"));
            out.write("x".getBytes(StandardCharsets.UTF_8));
        }
        assertEquals("args=--host|a b|z\nprop=host\nother=x y\next=true\n", launch(root, hostFile, "z"));
        // an old /etc/default file without the lines keeps the package's values
        Path old = Files.writeString(tmp.resolve("old-default"), "#JAVA_OPTS=\"-Xmx512m\"\n");
        assertEquals("args=--built\nprop=built\nother=null\next=true\n", launch(root, old));
    }

    @Test
    void theServiceRunsTheLauncherSoItGetsTheSameSettings() throws Exception {
        Path root = stage(List.of("-Xmx256m"), List.of("-tcp"), ServiceSpec.builder().build());
        String unit = Files.readString(root.resolve("lib/systemd/system/hello.service"));
        assertTrue(unit.contains("\nExecStart=/usr/bin/hello\n"), unit);
        String defaults = Files.readString(root.resolve("etc/default/hello"));
        assertTrue(defaults.contains("\nJVM_OPTIONS=\"-Xmx256m\"\n") && defaults.contains("\nAPP_ARGUMENTS=\"-tcp\"\n"),
                defaults);
    }

    @Test
    void aLineBreakInAnOptionIsRefused() {
        DebException e = assertThrows(DebException.class, () -> AppSpec.builder().jvmOptions(List.of("-Da=1\n-Db=2")));
        assertEquals("jvmOptions", e.field());
        assertEquals("arguments", assertThrows(DebException.class,
                () -> AppSpec.builder().arguments(List.of("a\tb"))).field());
    }
}
