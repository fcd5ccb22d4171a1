package io.github.jpackagedeb.core.app;

import io.github.jpackagedeb.core.assembly.TestJars;
import io.github.jpackagedeb.core.DebException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.tools.ToolProvider;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MainMethodTest {

    @TempDir
    Path tmp;

    /** Compiles the sources (file name → text) with javac --release 17 into one jar. */
    private Jar compiled(String jarName, String... namesAndSources) throws IOException {
        Path src = Files.createDirectories(tmp.resolve("src-" + jarName));
        Path classes = Files.createDirectories(tmp.resolve("classes-" + jarName));
        String[] args = new String[namesAndSources.length / 2 + 4];
        args[0] = "--release";
        args[1] = "17";
        args[2] = "-d";
        args[3] = classes.toString();
        for (int i = 0; i < namesAndSources.length; i += 2) {
            Path f = src.resolve(namesAndSources[i]);
            Files.createDirectories(f.getParent());
            Files.writeString(f, namesAndSources[i + 1]);
            args[4 + i / 2] = f.toString();
        }
        assertEquals(0, ToolProvider.getSystemJavaCompiler().run(null, null, null, args));
        Path jar = tmp.resolve(jarName);
        try (OutputStream os = Files.newOutputStream(jar); JarOutputStream jos = new JarOutputStream(os);
             Stream<Path> files = Files.walk(classes)) {
            for (Path c : files.filter(Files::isRegularFile).sorted().toList()) {
                jos.putNextEntry(new JarEntry(classes.relativize(c).toString()));
                jos.write(Files.readAllBytes(c));
                jos.closeEntry();
            }
        }
        return new Jar(jar, jarName);
    }

    private Jar synthetic(String jarName, String entry, byte[] bytes) throws IOException {
        Path jar = tmp.resolve(jarName);
        try (OutputStream os = Files.newOutputStream(jar); JarOutputStream jos = new JarOutputStream(os)) {
            jos.putNextEntry(new JarEntry(entry));
            jos.write(bytes);
            jos.closeEntry();
        }
        return new Jar(jar, jarName);
    }

    @Test
    void aClassicMainPasses() throws IOException {
        Jar app = compiled("app.jar", "a/Main.java", "package a; public class Main {"
                + " static final long BIG = 1L << 40; static final double D = 2.5; static final String S = \"s\";"
                + " public static void main(String[] args) { System.out.println(S + BIG + D); } }");
        assertDoesNotThrow(() -> MainMethod.check("a.Main", List.of(app), 17));
    }

    @Test
    void aMainInheritedFromASuperClassInAnotherJarPasses() throws IOException {
        Jar lib = compiled("lib.jar", "b/Base.java", "package b; public class Base { public static void main(String[] a) { } }");
        Path libClasses = tmp.resolve("classes-lib.jar");
        Path src = Files.createDirectories(tmp.resolve("src-sub/a"));
        Files.writeString(src.resolve("Sub.java"), "package a; public class Sub extends b.Base { }");
        Path out = Files.createDirectories(tmp.resolve("classes-sub"));
        assertEquals(0, ToolProvider.getSystemJavaCompiler().run(null, null, null, "--release", "17", "-cp",
                libClasses.toString(), "-d", out.toString(), src.resolve("Sub.java").toString()));
        Jar app = synthetic("app.jar", "a/Sub.class", Files.readAllBytes(out.resolve("a/Sub.class")));
        assertDoesNotThrow(() -> MainMethod.check("a.Sub", List.of(app, lib), 17));
        DebException e = assertThrows(DebException.class, () -> MainMethod.check("a.Sub", List.of(app,
                synthetic("other.jar", "b/Base.class", TestJars.classWithMain("b/Base", "java/lang/Object", -1))), 17));
        assertTrue(e.problem().contains("neither a.Sub nor its super classes declare a main method"), e.problem());
    }

    @Test
    void aClassWithoutMainIsAnErrorWithTheFix() throws IOException {
        Jar app = compiled("app.jar", "a/Tool.java", "package a; public class Tool { public void run() { } }");
        DebException e = assertThrows(DebException.class, () -> MainMethod.check("a.Tool", List.of(app), 21));
        assertEquals("mainClass", e.field());
        assertEquals("a.Tool", e.value());
        assertTrue(e.problem().contains("Main method not found"), e.problem());
        assertTrue(e.fix().contains("public static void main(String[] args)"), e.fix());
    }

    @Test
    void aNonPublicOrInstanceMainNeedsJava25() throws IOException {
        Jar app = compiled("app.jar", "a/Hello.java",
                "package a; public class Hello { void main(String[] args) { } }");
        DebException e = assertThrows(DebException.class, () -> MainMethod.check("a.Hello", List.of(app), 21));
        assertTrue(e.problem().contains("needs Java 25 or later (JEP 512)"), e.problem());
        assertTrue(e.fix().contains("target Java 25"), e.fix());
        assertDoesNotThrow(() -> MainMethod.check("a.Hello", List.of(app), 25),
                "JEP 512: an instance main with the default constructor launches on 25");
        Jar noCtor = synthetic("n.jar", "a/N.class", TestJars.classWithMain("a/N", "java/lang/Object", 0x0001));
        DebException c = assertThrows(DebException.class, () -> MainMethod.check("a.N", List.of(noCtor), 25));
        assertTrue(c.problem().contains("no non-private constructor"), c.problem());
        Jar privateMain = synthetic("p.jar", "a/P.class", TestJars.classWithMain("a/P", "java/lang/Object", 0x000A));
        assertThrows(DebException.class, () -> MainMethod.check("a.P", List.of(privateMain), 25),
                "a private main is never an entry point");
    }

    @Test
    void superClassesOutsideTheClassPathAndJavaFxAreNotGuessedAt() throws IOException {
        Jar fx = synthetic("fx.jar", "a/App.class", TestJars.classWithMain("a/App", "javafx/application/Application", -1));
        assertDoesNotThrow(() -> MainMethod.check("a.App", List.of(fx), 17));
        Jar thread = synthetic("t.jar", "a/T.class", TestJars.classWithMain("a/T", "java/lang/Thread", -1));
        assertDoesNotThrow(() -> MainMethod.check("a.T", List.of(thread), 17));
    }

    @Test
    void aBrokenClassFileIsAnErrorNamingTheJar() throws IOException {
        Jar broken = synthetic("broken.jar", "a/B.class", new byte[] {(byte) 0xCA, (byte) 0xFE, 0, 1});
        DebException e = assertThrows(DebException.class, () -> MainMethod.check("a.B", List.of(broken), 17));
        assertEquals("jar", e.field());
        assertTrue(e.value().contains("a/B.class in broken.jar"), e.value());
    }
}
