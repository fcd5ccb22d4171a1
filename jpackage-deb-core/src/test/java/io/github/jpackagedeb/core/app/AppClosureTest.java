package io.github.jpackagedeb.core.app;

import io.github.jpackagedeb.core.packaging.Packager;
import io.github.jpackagedeb.core.assembly.TestJars;
import io.github.jpackagedeb.core.DebException;
import io.github.jpackagedeb.core.DebLog;
import io.github.jpackagedeb.core.runtime.AppCdsSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AppClosureTest {

    @TempDir
    Path tmp;

    private final List<String> warnings = new ArrayList<>();
    private final DebLog log = new DebLog() {
        @Override public void debug(String message) { }
        @Override public void info(String message) { }
        @Override public void warn(String message) { warnings.add(message); }
    };

    /** A Spring Boot fat jar as the repackager writes it: BOOT-INF/classes, BOOT-INF/lib, Start-Class. */
    private Path fatJar(Path file) throws IOException {
        Manifest mf = new Manifest();
        Attributes a = mf.getMainAttributes();
        a.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        a.put(Attributes.Name.MAIN_CLASS, "org.springframework.boot.loader.launch.JarLauncher");
        a.putValue("Start-Class", "com.example.App");
        a.putValue("Spring-Boot-Version", "4.0.9");
        a.putValue("Implementation-Version", "1.0.0");
        try (OutputStream os = Files.newOutputStream(file); JarOutputStream jos = new JarOutputStream(os, mf)) {
            for (String[] e : List.of(new String[]{"BOOT-INF/classes/com/example/App.class", "app"},
                    new String[]{"BOOT-INF/classes/application.properties", "server.port=8080"},
                    new String[]{"BOOT-INF/lib/spring-boot-4.0.9.jar", "lib"},
                    new String[]{"org/springframework/boot/loader/launch/JarLauncher.class", "loader"})) {
                JarEntry je = new JarEntry(e[0]);
                je.setLastModifiedTime(FileTime.fromMillis(1_700_000_000_000L));
                jos.putNextEntry(je);
                jos.write(e[1].getBytes(StandardCharsets.UTF_8));
                jos.closeEntry();
            }
        }
        return file;
    }

    private Jar springBoot() throws IOException {
        return new Jar(TestJars.jar(tmp.resolve("repo/spring-boot-4.0.9.jar"), null,
                "org/springframework/boot/SpringApplication.class", "x"), "org.springframework.boot:spring-boot:4.0.9");
    }

    private Jar dep(String ga, String... entries) throws IOException {
        String[] p = ga.split(":");
        String[] contents = new String[entries.length * 2];
        for (int i = 0; i < entries.length; i++) {
            contents[2 * i] = entries[i];
            contents[2 * i + 1] = ga;
        }
        return new Jar(TestJars.jar(tmp.resolve("repo/" + p[1] + "-1.0.jar"), null, contents), ga + ":1.0");
    }

    private AppClosure.Result resolve(AppSpec app, AppClosure.Graph graph, List<String> excludes) {
        return AppClosure.resolve(app, () -> graph, excludes, tmp.resolve("work"), log);
    }

    private static List<String> origins(AppSpec app) {
        return app.dependencies().stream().map(Jar::origin).toList();
    }

    @Test
    void aRepackagedJarShipsItsOriginalJarWithTheClosureAndStartsStartClass() throws IOException {
        Path target = Files.createDirectories(tmp.resolve("target"));
        Path fat = fatJar(target.resolve("app-1.0.0.jar"));
        TestJars.jar(target.resolve("app-1.0.0.jar.original"), null, "com/example/App.class", "thin");
        AppSpec app = AppSpec.builder().mainJar(new Jar(fat, "com.example:app:1.0.0")).dependency(springBoot()).build();

        AppClosure.Result r = resolve(app, null, List.of());

        assertTrue(r.springBoot());
        assertEquals("com.example.App", r.app().mainClass(), "Start-Class, not JarLauncher");
        assertEquals("app-1.0.0.jar", r.app().mainJar().fileName(), "installed under the jar's own name");
        assertArrayEquals(Files.readAllBytes(target.resolve("app-1.0.0.jar.original")),
                Files.readAllBytes(r.app().mainJar().file()), "the original (thin) jar, not the fat one");
        assertEquals(List.of("org.springframework.boot:spring-boot:4.0.9"), origins(r.app()));
    }

    @Test
    void withoutTheOriginalJarTheFatJarsClassesBecomeTheApplicationJarReproducibly() throws IOException {
        Path fat = fatJar(Files.createDirectories(tmp.resolve("target")).resolve("app-1.0.0.jar"));
        AppSpec app = AppSpec.builder().mainJar(new Jar(fat, "com.example:app:1.0.0")).dependency(springBoot()).build();

        Path first = resolve(app, null, List.of()).app().mainJar().file();
        byte[] once = Files.readAllBytes(first);
        AppClosure.Result again = resolve(app, null, List.of());

        assertArrayEquals(once, Files.readAllBytes(again.app().mainJar().file()), "same fat jar, same thin jar");
        try (JarFile jf = new JarFile(again.app().mainJar().file().toFile())) {
            assertEquals("com.example.App", jf.getManifest().getMainAttributes().getValue("Main-Class"));
            assertEquals("1.0.0", jf.getManifest().getMainAttributes().getValue("Implementation-Version"));
            assertNotNull(jf.getEntry("com/example/App.class"));
            assertNotNull(jf.getEntry("application.properties"));
            assertNull(jf.getEntry("BOOT-INF/lib/spring-boot-4.0.9.jar"), "no nested jars");
            assertNull(jf.getEntry("org/springframework/boot/loader/launch/JarLauncher.class"), "no loader");
        }
        assertEquals("com.example.App", again.app().mainClass());
    }

    @Test
    void quarkusCoreAsASeparateJarWithoutQuarkusBuildOutputIsRefusedButAQuarkusUberJarShipsAlone() throws IOException {
        Jar core = dep("io.quarkus:quarkus-core", AppClosure.QUARKUS, "io/quarkus/runtime/QuarkusApplication.class");
        Jar thin = new Jar(TestJars.jar(tmp.resolve("target/hello-1.0.jar"), "com.example.Main",
                "com/example/Main.class", "main"), "com.example:hello:1.0");
        DebException e = assertThrows(DebException.class, () -> resolve(AppSpec.builder().mainJar(thin)
                .dependency(core).build(), null, List.of()));
        assertEquals("jar", e.field());
        assertEquals("io.quarkus:quarkus-core:1.0", e.value(), "the jar that makes it a Quarkus application");
        assertTrue(e.problem().contains("quarkus-artifact.properties is missing"), e.problem());
        assertTrue(e.fix().contains("declare quarkus-maven-plugin (with its build goal) before jpackage-deb-maven-plugin"),
                e.fix());

        // the uber-jar Quarkus writes holds quarkus-core itself: it is an application jar like any other
        Jar uber = new Jar(TestJars.jar(tmp.resolve("target/hello-1.0-runner.jar"), "com.example.Main",
                "com/example/Main.class", "main", AppClosure.QUARKUS, "io.quarkus:quarkus-core",
                "io/quarkus/runtime/QuarkusApplication.class", "io.quarkus:quarkus-core"), "hello-1.0-runner.jar");
        assertEquals(uber, resolve(AppSpec.builder().mainJar(uber).build(), null, List.of()).app().mainJar());
        assertEquals(List.of(), origins(resolve(AppSpec.builder().mainJar(uber).dependency(core).build(), null,
                List.of()).app()), "quarkus-core already inside the uber-jar is not shipped twice, and not refused");
    }

    @Test
    void theLauncherSettingsAndJavaReleaseSurviveTheRules() throws IOException {
        // the plugin's <jvmOptions> and <arguments> go through these rules on their way to the launcher
        Jar thin = new Jar(TestJars.jar(tmp.resolve("target/hello-1.0.jar"), "com.example.Main",
                "com/example/Main.class", "main"), "com.example:hello:1.0");
        AppSpec app = resolve(AppSpec.builder().mainJar(thin).dependency(springBoot()).jvmOptions(List.of("-Xmx1g"))
                .arguments(List.of("--port", "8080")).javaRelease(21).build(), null, List.of()).app();
        assertEquals(List.of("-Xmx1g"), app.jvmOptions());
        assertEquals(List.of("--port", "8080"), app.arguments());
        assertEquals(21, app.javaRelease());
    }

    @Test
    void aFatJarGivenAloneIsRefusedWithTheWayToUnpackIt() throws IOException {
        Path fat = fatJar(Files.createDirectories(tmp.resolve("dir")).resolve("app.jar"));
        DebException e = assertThrows(DebException.class,
                () -> resolve(AppSpec.builder().mainJar(Jar.of(fat)).build(), null, List.of()));
        assertEquals("jar", e.field());
        assertTrue(e.problem().contains("fat jar given alone"), e.getMessage());
        assertTrue(e.fix().contains("-Djarmode=tools") && e.fix().contains("extract"), e.fix());
    }

    @Test
    void devtoolsAndDockerComposeAreLeftOutOfASpringBootApplicationWithWhatOnlyTheyNeed() throws IOException {
        Jar main = new Jar(TestJars.jar(tmp.resolve("target/app-1.0.jar"), "com.example.App",
                "com/example/App.class", "x"), "com.example:app:1.0");
        Jar boot = springBoot();
        Jar devtools = dep("org.springframework.boot:spring-boot-devtools", "org/springframework/boot/devtools/A.class");
        Jar compose = dep("org.springframework.boot:spring-boot-docker-compose", "org/springframework/boot/dc/A.class");
        Jar onlyDevtools = dep("org.example:reload-agent", "org/example/reload/A.class");
        Jar shared = dep("org.example:shared", "org/example/shared/A.class");
        AppSpec app = AppSpec.builder().mainJar(main).dependencies(List.of(boot, devtools, compose, onlyDevtools,
                shared)).build();
        AppClosure.Graph graph = new AppClosure.Graph(
                Set.of("org.springframework.boot:spring-boot", "org.springframework.boot:spring-boot-devtools",
                        "org.springframework.boot:spring-boot-docker-compose"),
                Map.of("org.springframework.boot:spring-boot", Set.of("org.example:shared"),
                        "org.springframework.boot:spring-boot-devtools", Set.of("org.example:reload-agent",
                                "org.example:shared", "org.springframework.boot:spring-boot"),
                        "org.springframework.boot:spring-boot-docker-compose", Set.of(),
                        "org.example:reload-agent", Set.of(), "org.example:shared", Set.of()));

        AppClosure.Result r = resolve(app, graph, List.of());

        assertTrue(r.springBoot());
        assertEquals(List.of("org.springframework.boot:spring-boot:4.0.9", "org.example:shared:1.0"), origins(r.app()),
                "devtools, docker-compose and what only devtools needs are out; what spring-boot needs stays");
        assertTrue(r.leftOut().get("org.example:reload-agent:1.0").contains("only by excluded"), r.leftOut().toString());
        assertEquals(List.of(), warnings, "Spring Boot's own excludes need not match");
        assertEquals(List.of(AppClosure.SPRING_BOOT_TRAINING),
                Packager.appCds(r, AppCdsSpec.builder().build()).trainingJvmArgs(), "Spring Boot's own CDS training");
        assertEquals(List.of(), Packager.appCds(r, AppCdsSpec.builder().trainingArg("--x").build()).trainingJvmArgs(),
                "configured training arguments win");
    }

    @Test
    void devtoolsStaysInAnApplicationThatIsNotSpringBoot() throws IOException {
        Jar main = new Jar(TestJars.jar(tmp.resolve("target/app-1.0.jar"), "com.example.App",
                "com/example/App.class", "x"), "com.example:app:1.0");
        Jar devtools = dep("org.springframework.boot:spring-boot-devtools", "org/springframework/boot/devtools/A.class");
        AppClosure.Result r = resolve(AppSpec.builder().mainJar(main).dependency(devtools).build(), null, List.of());
        assertFalse(r.springBoot());
        assertEquals(List.of("org.springframework.boot:spring-boot-devtools:1.0"), origins(r.app()));
    }

    @Test
    void excludesAreGroupArtifactPatternsWithWildcardsAndAnUnmatchedOneIsAWarning() throws IOException {
        Jar main = new Jar(TestJars.jar(tmp.resolve("target/app-1.0.jar"), "com.example.App",
                "com/example/App.class", "x"), "com.example:app:1.0");
        Jar a = dep("com.acme:tools-dev", "com/acme/dev/A.class");
        Jar b = dep("com.acme:tools", "com/acme/tools/A.class");
        Jar c = dep("org.other:lib", "org/other/A.class");
        AppSpec app = AppSpec.builder().mainJar(main).dependencies(List.of(a, b, c)).build();

        AppClosure.Result r = resolve(app, null, AppClosure.checkExcludes(List.of("com.acme:*-dev", "org.*:lib",
                "nobody:nothing"), "<excludes>"));

        assertEquals(List.of("com.acme:tools:1.0"), origins(r.app()));
        assertEquals(1, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).contains("nobody:nothing"), warnings.get(0));
        DebException bad = assertThrows(DebException.class,
                () -> AppClosure.checkExcludes(List.of("spring-boot-devtools"), "<excludes>"));
        assertEquals("spring-boot-devtools", bad.value());
        assertTrue(bad.getMessage().contains("<excludes>") && bad.fix().contains("groupId:artifactId"),
                bad.getMessage());
    }

    @Test
    void aShadedJarShipsAloneWithoutASecondCopyOfWhatItHolds() throws IOException {
        Jar byPom = dep("org.lib:relocated", "org/lib/A.class");
        Jar byClasses = dep("org.lib:plain", "org/plain/A.class", "org/plain/B.class");
        Jar partly = dep("org.lib:partly", "org/partly/A.class", "org/partly/B.class");
        Jar main = new Jar(TestJars.jar(tmp.resolve("target/app-1.0.jar"), "com.example.App",
                "com/example/App.class", "x",
                "META-INF/maven/org.lib/relocated/pom.properties", "version=1.0",
                "shaded/org/lib/A.class", "relocated",
                "org/plain/A.class", "x", "org/plain/B.class", "x",
                "org/partly/A.class", "x"), "com.example:app:1.0");
        AppSpec app = AppSpec.builder().mainJar(main).dependencies(List.of(byPom, byClasses, partly)).build();

        AppClosure.Result r = resolve(app, null, List.of());

        assertEquals(List.of("org.lib:partly:1.0"), origins(r.app()),
                "what the jar holds is not shipped again; a jar it holds only part of is");
        assertTrue(r.leftOut().get("org.lib:plain:1.0").contains("already inside app-1.0.jar"), r.leftOut().toString());
    }

    @Test
    void theThinJarBeforeRepackageStartsItsSpringBootApplicationClass() throws IOException {
        String annotated = "....Lorg/springframework/boot/autoconfigure/SpringBootApplication;..main..([Ljava/lang/String;)V";
        Jar main = new Jar(TestJars.jar(tmp.resolve("target/app-1.0.jar"), null,
                "com/example/App.class", annotated, "com/example/Other.class", "..main..([Ljava/lang/String;)V",
                "com/example/Config.class", "..Lorg/springframework/boot/autoconfigure/SpringBootApplication;"),
                "com.example:app:1.0");
        AppClosure.Result r = resolve(AppSpec.builder().mainJar(main).dependency(springBoot()).build(), null, List.of());
        assertEquals("com.example.App", r.app().mainClass());

        Jar two = new Jar(TestJars.jar(tmp.resolve("target/two-1.0.jar"), null,
                "com/example/A.class", annotated, "com/example/B.class", annotated), "com.example:two:1.0");
        DebException e = assertThrows(DebException.class,
                () -> resolve(AppSpec.builder().mainJar(two).dependency(springBoot()).build(), null, List.of()));
        assertEquals("mainClass", e.field());
        assertTrue(e.getMessage().contains("com.example.A") && e.getMessage().contains("com.example.B"), e.getMessage());
    }
}
