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
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Real {@code mvn} builds of real projects with our plugin: reproducibility across checkout paths, skip, attach, and
 * every bad input of the end-to-end issue, each failing with a message that names the pom element, the value and the
 * fix, and leaving no .deb and no temporary file in target/.
 */
class PluginBuildIT {

    static Path tiny;

    @BeforeAll
    static void prepare() throws IOException {
        Env.requireTool("dpkg-deb");
        tiny = Env.pathProperty("it.projectRoot").resolve("it/src/it/projects/tiny-app");
        // fake artifacts for the broken-dependency profiles, installed into the tests' local repository
        Path work = Files.createDirectories(Env.pathProperty("it.workDir").resolve("fake-artifacts"));
        Path zip = Files.write(work.resolve("native.zip"), new byte[] {'P', 'K', 3, 4, 0, 0});
        Path notZip = Files.writeString(work.resolve("corrupt.jar"), "this is not a zip file\n");
        Path emptyJar = work.resolve("dup.jar");
        try (var out = new java.util.jar.JarOutputStream(Files.newOutputStream(emptyJar))) {
            out.putNextEntry(new java.util.jar.JarEntry("dup/D.class"));
            out.write(new byte[] {(byte) 0xca, (byte) 0xfe});
        }
        installFile(work, zip, "it.bad", "native", "zip");
        installFile(work, notZip, "it.bad", "corrupt", "jar");
        installFile(work, emptyJar, "it.one", "dup", "jar");
        installFile(work, emptyJar, "it.two", "dup", "jar");
    }

    private static void installFile(Path dir, Path file, String g, String a, String packaging) {
        MavenRunner.runIn(dir, "-q", "org.apache.maven.plugins:maven-install-plugin:3.1.3:install-file",
                "-Dfile=" + file, "-DgroupId=" + g, "-DartifactId=" + a, "-Dversion=1.0", "-Dpackaging=" + packaging,
                "-DgeneratePom=true").assertSuccess();
    }

    /** A copy of tiny-app with our plugin's version filled in and an optional edit of its pom. */
    static Path tinyCopy(String from, String to) throws IOException {
        Path copy = MavenRunner.copyProject(tiny);
        Path pom = copy.resolve("pom.xml");
        String text = Files.readString(pom).replace("@jpackagedeb.version@", Env.property("it.pluginVersion"));
        if (from != null) {
            assertTrue(text.contains(from), "the pom holds " + from);
            text = text.replace(from, to);
        }
        Files.writeString(pom, text);
        return copy;
    }

    static List<String> targetFiles(Path target) throws IOException {
        if (!Files.isDirectory(target)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(target)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".deb") || n.endsWith(".tmp")).toList();
        }
    }

    /** Runs a build that must fail, and checks the message and that nothing was left behind. */
    static String failing(Path project, String... options) throws IOException {
        String[] args = new String[options.length + 1];
        args[0] = "package";
        System.arraycopy(options, 0, args, 1, options.length);
        MavenRunner.Result r = MavenRunner.runIn(project, args).assertFailure();
        assertEquals(List.of(), targetFiles(r.target()), "no .deb and no temp file may be left:\n" + r.log());
        String log = r.log();
        int at = log.indexOf("Cannot build the Debian package: ");
        assertTrue(at >= 0, log);
        String message = log.substring(at, log.indexOf("\n[ERROR] ->", at) > 0 ? log.indexOf("\n[ERROR] ->", at) : log.length());
        assertTrue(message.contains("Fix: "), message);
        return message;
    }

    @Test
    void theSameInputsFromTwoCheckoutPathsGiveTheSameBytes() throws IOException {
        Path example = Env.pathProperty("it.projectRoot").resolve("examples/hello-cli");
        Path a = MavenRunner.copyProject(example);
        Path b = Files.createDirectories(MavenRunner.copyProject(example).resolve("a/much/deeper/checkout"));
        // the second copy lives deeper, and its files get other mtimes
        try (Stream<Path> s = Files.list(a)) {
            for (Path p : s.toList()) {
                Proc.of("cp", "-r", p.toString(), b.toString()).run();
            }
        }
        Proc.of("touch", "-d", "2001-02-03", b.resolve("pom.xml").toString()).run();
        MavenRunner.runIn(a, "package", "-DskipTests").assertSuccess();
        MavenRunner.runIn(b, "package", "-DskipTests").assertSuccess();
        byte[] first = Files.readAllBytes(onlyDeb(a.resolve("target")));
        byte[] second = Files.readAllBytes(onlyDeb(b.resolve("target")));
        assertArrayEquals(first, second, "two checkouts, two builds, one package");
        byte[] reactor = Files.readAllBytes(onlyDeb(Env.pathProperty("it.helloCliTarget")));
        assertArrayEquals(reactor, first, "and the same bytes as the reactor build");
    }

    static Path onlyDeb(Path target) throws IOException {
        try (Stream<Path> s = Files.list(target)) {
            List<Path> debs = s.filter(p -> p.toString().endsWith(".deb")).toList();
            assertEquals(1, debs.size(), debs.toString());
            return debs.get(0);
        }
    }

    @Test
    void installCarriesTheAttachedDebAndSkipSkips() throws IOException {
        Path p = tinyCopy(null, null);
        MavenRunner.Result r = MavenRunner.runIn(p, "install").assertSuccess();
        Path deb = onlyDeb(r.target());
        assertEquals("tiny-app_1.0.0-1_all.deb", deb.getFileName().toString());
        Path installed = Env.pathProperty("it.localRepo").resolve("it/tiny/tiny-app/1.0.0/tiny-app-1.0.0.deb");
        assertArrayEquals(Files.readAllBytes(deb), Files.readAllBytes(installed), "mvn install carries the .deb");
        DebInspector in = DebInspector.of(deb);
        assertEquals("Tiny Tester <tiny@example.org>", in.field("Maintainer").orElseThrow());
        assertEquals("https://example.org/tiny-app", in.field("Homepage").orElseThrow());
        assertEquals("Prints a greeting", in.field("Description").orElseThrow().lines().findFirst().orElseThrow());

        Path q = tinyCopy(null, null);
        MavenRunner.Result skipped = MavenRunner.runIn(q, "package", "-Djpackage-deb.skip").assertSuccess();
        assertEquals(List.of(), targetFiles(skipped.target()));
        assertTrue(skipped.log().contains("Skipping the Debian package"), skipped.log());
    }

    @Test
    void missingMaintainer() throws IOException {
        Path p = tinyCopy("<developer><name>Tiny Tester</name><email>tiny@example.org</email></developer>", "");
        String m = failing(p);
        assertTrue(m.contains("<maintainer>") && m.contains("is not set") && m.contains("Full Name <email@example.org>"), m);
    }

    @Test
    void invalidMaintainer() throws IOException {
        String m = failing(tinyCopy(null, null), "-Djpackage-deb.maintainer=Tiny Tester tiny@example.org");
        assertTrue(m.contains("<maintainer>") && m.contains("'Tiny Tester tiny@example.org'"), m);
    }

    @Test
    void invalidPackageName() throws IOException {
        String m = failing(tinyCopy(null, null), "-Djpackage-deb.packageName=Tiny_App");
        assertTrue(m.contains("<packageName>") && m.contains("'Tiny_App'"), m);
    }

    @Test
    void invalidVersion() throws IOException {
        String m = failing(tinyCopy(null, null), "-Drevision=1.0_beta");
        assertTrue(m.contains("<version>") && m.contains("1.0_beta"), m);
        m = failing(tinyCopy(null, null), "-Djpackage-deb.debianVersion=beta-1");
        assertTrue(m.contains("'beta-1'"), m);
    }

    @Test
    void missingDescription() throws IOException {
        String m = failing(tinyCopy("<description>Prints a greeting. Used by the integration tests of jpackage-deb.</description>", ""));
        assertTrue(m.contains("<synopsis>") && m.contains("<description>") && m.contains("is not set"), m);
    }

    @Test
    void invalidMainClass() throws IOException {
        String m = failing(tinyCopy(null, null), "-Djpackage-deb.mainClass=com.example.tiny.Nope");
        assertTrue(m.contains("<mainClass>") && m.contains("'com.example.tiny.Nope'") && m.contains("none of the"), m);
        m = failing(tinyCopy("<mainClass>com.example.tiny.Tiny</mainClass>", ""));
        assertTrue(m.contains("<mainClass>") && m.contains("no Main-Class"), m);
    }

    @Test
    void aDependencyThatIsNotAJar() throws IOException {
        String m = failing(tinyCopy(null, null), "-Pzip-dependency");
        assertTrue(m.contains("<dependencies>") && m.contains("it.bad:native:1.0") && m.contains("not a jar"), m);
    }

    @Test
    void anUnreadableJar() throws IOException {
        String m = failing(tinyCopy(null, null), "-Pcorrupt-dependency");
        assertTrue(m.contains("it.bad:corrupt:1.0") && m.contains("is not a jar (zip) file"), m);
    }

    @Test
    void twoJarsWithTheSameFileName() throws IOException {
        String m = failing(tinyCopy(null, null), "-Psame-file-name");
        assertTrue(m.contains("same file name 'dup-1.0.jar'") && m.contains("it.one:dup:1.0") && m.contains("it.two:dup:1.0"), m);
    }

    @Test
    void anUnknownCompression() throws IOException {
        String m = failing(tinyCopy(null, null), "-Djpackage-deb.compression=bzip9");
        assertTrue(m.contains("<compression>") && m.contains("'bzip9'") && m.contains("xz"), m);
    }
}
