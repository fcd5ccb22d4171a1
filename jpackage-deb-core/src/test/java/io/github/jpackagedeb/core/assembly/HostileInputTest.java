package io.github.jpackagedeb.core.assembly;

import io.github.jpackagedeb.core.app.AppSpec;
import io.github.jpackagedeb.core.app.Jar;
import io.github.jpackagedeb.core.debiandir.DebianDir;
import io.github.jpackagedeb.core.testing.Integration;

import io.github.jpackagedeb.core.DebException;
import io.github.jpackagedeb.core.archive.Compression;
import io.github.jpackagedeb.core.check.DebContents;
import io.github.jpackagedeb.core.debfile.Deb822;
import io.github.jpackagedeb.core.control.PackageSpec;
import io.github.jpackagedeb.core.control.Relation;
import io.github.jpackagedeb.core.version.DebianVersion;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Hostile input through the whole build (issue 8): each is refused with a {@link DebException} that names the
 * field and the value, and nothing is left in the output directory; or, where the input is harmless once
 * normalised (hard-linked or setuid source files), the package provably carries only the normalised form.
 * Path, symlink-target, mode and control-member checks of the archive writer itself are in
 * {@code archive.ValidationTest}.
 */
@Integration
class HostileInputTest {

    private static final Instant T = Instant.parse("2026-01-02T03:04:05Z");

    @TempDir
    Path tmp;
    Path out;
    Path appJar;

    @BeforeEach
    void jars() throws IOException {
        out = tmp.resolve("out");
        appJar = TestJars.jar(tmp.resolve("in/hello-1.0.jar"), "com.example.Main", "com/example/Main.class", "x");
    }

    static PackageSpec.Builder spec() {
        return PackageSpec.builder().name("hello").version(DebianVersion.parse("1.0-1"))
                .maintainer("Jane Doe <jane@example.org>").synopsis("says hello")
                .longDescription("Says hello to the world.").homepage("https://example.org");
    }

    DebBuilder.Builder builder(Path mainJar, List<Path> deps) {
        AppSpec.Builder app = AppSpec.builder().mainJar(new Jar(mainJar, "com.example:hello:1.0"));
        deps.forEach(d -> app.dependency(Jar.of(d)));
        return DebBuilder.builder().spec(spec().build()).app(app.build()).outputDirectory(out).timestamp(T)
                .compression(Compression.GZIP);
    }

    /** Runs the build, expects a DebException, checks nothing was written, returns it. */
    DebException refused(DebBuilder.Builder b) throws IOException {
        DebException e = assertThrows(DebException.class, () -> b.build().build());
        assertNotNull(e.field(), e.getMessage());
        assertNotNull(e.problem(), e.getMessage());
        assertNoOutput();
        return e;
    }

    void assertNoOutput() throws IOException {
        if (Files.exists(out)) {
            try (Stream<Path> s = Files.list(out)) {
                assertEquals(List.of(), s.toList(), "nothing may be left in the output directory");
            }
        }
    }

    static void sh(String script) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("sh", "-c", script).redirectErrorStream(true).start();
        String o = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
            fail(script + " failed: " + o);
        }
    }

    static Path fifo(Path p) throws IOException, InterruptedException {
        Files.createDirectories(p.getParent());
        sh("mkfifo '" + p + "'");
        assertTrue(Files.exists(p) && !Files.isRegularFile(p));
        return p;
    }

    // ---- device files and FIFOs ----------------------------------------------------------------------------------

    @Test
    void fifoOrDeviceAsAJarIsRefusedWithoutBlocking() throws Exception {
        Path fifoJar = fifo(tmp.resolve("in/pipe-1.0.jar"));
        DebException e = refused(builder(appJar, List.of(fifoJar)));
        assertEquals("jar", e.field());
        assertTrue(e.problem().contains("is not a file"), e.getMessage());

        e = refused(builder(Path.of("/dev/null"), List.of()));
        assertEquals("jar", e.field());
        assertTrue(e.problem().contains("/dev/null"), e.getMessage());

        e = refused(builder(appJar, List.of(Path.of("/dev/zero"))));
        assertTrue(e.problem().contains("/dev/zero"), e.getMessage());
    }

    @Test
    void fifoOrDeviceAsAnExtraFileSourceIsRefused() throws Exception {
        Path fifo = fifo(tmp.resolve("in/conf.fifo"));
        for (Path source : List.of(fifo, Path.of("/dev/null"), Path.of("/dev/zero"), tmp)) {
            DebException e = assertThrows(DebException.class, () -> new ExtraFile(ExtraFile.Type.CONFIG, source,
                    "/etc/hello/app.conf", null, null, null, null));
            assertEquals("extraFiles", e.field());
            assertEquals(source.toString(), e.value());
            assertTrue(e.problem().contains("is not a regular file"), e.getMessage());
        }
    }

    // ---- hard links, setuid and world-writable sources -------------------------------------------------------------

    /**
     * A hard-linked source (here: a second name of a jar, and of the extra file) is read as the plain file it is:
     * the package has regular-file entries only, never a tar hard link, which dpkg would follow anywhere (see
     * docs/architecture.md#the-archive: a hard link to /etc/shadow). Refusing link counts above 1 would break
     * hard-linking build caches for no gain, since the bytes are read through the link exactly like through the first
     * name.
     */
    @Test
    void hardLinkedSourcesBecomePlainFilesNeverLinkEntries() throws Exception {
        Path dep = TestJars.jar(tmp.resolve("in/dep-1.0.jar"), null, "dep/Dep.class", "y");
        Path linked = Files.createLink(tmp.resolve("in/linked-1.0.jar"), dep);
        Path conf = Files.writeString(tmp.resolve("in/app.conf"), "a=1\n");
        Path confLink = Files.createLink(tmp.resolve("in/app-link.conf"), conf);
        DebBuilder.Result r = builder(appJar, List.of(dep, linked)).extraFiles(List.of(
                new ExtraFile(ExtraFile.Type.CONFIG, confLink, "/etc/hello/app.conf", null, null, null, null))).build()
                .build();
        DebContents c = DebContents.read(r.deb());
        assertTrue(c.data().stream().noneMatch(x -> x.type() == DebContents.Type.HARDLINK), c.data().toString());
        assertEquals(DebContents.Type.FILE, entry(c, "/usr/share/java/hello/lib/linked-1.0.jar").type());
        assertEquals(Files.size(dep), entry(c, "/usr/share/java/hello/lib/linked-1.0.jar").size());
        assertEquals(DebContents.Type.FILE, entry(c, "/etc/hello/app.conf").type());
    }

    /** Source files with setuid, setgid, sticky or world-writable modes on disk are shipped 0644/0755, root:root. */
    @Test
    void setuidAndWorldWritableSourceModesAreNotCarriedIntoThePackage() throws Exception {
        Path dep = TestJars.jar(tmp.resolve("in/dep-1.0.jar"), null, "dep/Dep.class", "y");
        Path tool = Files.writeString(tmp.resolve("in/tool"), "#!/bin/sh\necho hi\n");
        Path data = Files.writeString(tmp.resolve("in/data.txt"), "x\n");
        sh("chmod 6777 '" + dep + "' '" + tool + "' && chmod 1666 '" + data + "' && chmod 4777 '" + appJar + "'");
        DebBuilder.Result r = builder(appJar, List.of(dep)).extraFiles(List.of(
                new ExtraFile(ExtraFile.Type.FILE, tool, "/usr/lib/hello/tool", null, 0755, null, null),
                new ExtraFile(ExtraFile.Type.FILE, data, "/usr/share/hello/data.txt", null, null, null, null)))
                .build().build();
        DebContents c = DebContents.read(r.deb());
        SecurityScan.assertSafe(c);
        assertEquals(0644, entry(c, "/usr/share/java/hello/lib/dep-1.0.jar").mode());
        assertEquals(0755, entry(c, "/usr/lib/hello/tool").mode());
        assertEquals(0644, entry(c, "/usr/share/hello/data.txt").mode());
    }

    /** Asking for setuid/setgid/sticky or world-writable modes on an extra file is refused (no opt-in there). */
    @ParameterizedTest
    @ValueSource(ints = {04755, 02755, 01755, 06777, 0666, 0777, 0646, 0002})
    void specialModesOnExtraFilesAreRefused(int mode) {
        Path conf = tmp.resolve("in/hello-1.0.jar");
        DebException e = assertThrows(DebException.class, () -> new ExtraFile(ExtraFile.Type.FILE, conf,
                "/usr/lib/hello/x", null, mode, null, null));
        assertEquals("/usr/lib/hello/x", e.value());
        assertNotNull(e.fix());
    }

    // ---- odd file names on disk ----------------------------------------------------------------------------------

    @Test
    void jarNamesWithLineBreaksControlCharactersOrNonUtf8BytesAreRefused() throws Exception {
        for (String name : List.of("evil\nDepends: x.jar", "tab\there.jar", "cr\rhere.jar", "sp ace.jar",
                "quote'here.jar", "$(reboot).jar", "-rf.jar", ".hidden.jar")) {
            Path bad = Files.copy(appJar, Files.createDirectories(tmp.resolve("names")).resolve(name));
            DebException e = refused(builder(appJar, List.of(bad)));
            assertEquals("jar", e.field(), name);
            assertTrue(e.problem().contains("unsafe") || e.problem().contains("not a"), e.getMessage());
            Files.delete(bad);
        }
        // a name that is not valid UTF-8 (byte 0xff), made by the shell and found by listing the directory
        Path dir = Files.createDirectories(tmp.resolve("latin1"));
        sh("cp '" + appJar + "' \"" + dir + "/$(printf 'caf\\351-1.0.jar')\"");
        List<Path> found;
        try (Stream<Path> s = Files.list(dir)) {
            found = s.toList();
        }
        assertEquals(1, found.size());
        DebException e = refused(builder(appJar, found));
        assertEquals("jar", e.field());
    }

    /**
     * The application's own jar is judged as such (field mainJar, not a dependency), by the rule it breaks; a
     * leading '_' (an artifactId such as _Private__App_) is safe and builds.
     */
    @Test
    void theApplicationJarNameIsJudgedByTheRuleItBreaks() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("own"));
        Path underscore = Files.copy(appJar, dir.resolve("_Private__App_-1.0.jar"));
        builder(underscore, List.of()).build().build();
        for (Path f : Files.list(out).toList()) {
            Files.delete(f);
        }
        Path dash = Files.copy(appJar, dir.resolve("-app-1.0.jar"));
        DebException e = refused(builder(dash, List.of()));
        assertEquals("mainJar", e.field());
        assertTrue(e.problem().contains("the application jar's file name '-app-1.0.jar' starts with '-'"), e.problem());
        Path space = Files.copy(appJar, dir.resolve("my app.jar"));
        e = refused(builder(space, List.of()));
        assertEquals("mainJar", e.field());
        assertTrue(e.problem().contains("contains ' '"), e.problem());
        Path dep = Files.copy(appJar, dir.resolve(".dep-1.0.jar"));
        e = refused(builder(appJar, List.of(dep)));
        assertEquals("jar", e.field());
        assertTrue(e.problem().contains("the dependency's file name '.dep-1.0.jar' starts with '.'"), e.problem());
    }

    @ParameterizedTest
    @ValueSource(strings = {"/etc/hello/a\nb.conf", "/etc/hello/a\rb", "/etc/hello/\u0007", "/etc/hello/x\u0000"})
    void extraFileDestinationsWithLineBreaksOrControlCharactersAreRefused(String destination) throws Exception {
        Path conf = Files.writeString(tmp.resolve("in/app.conf"), "a=1\n");
        DebException e = refused(builder(appJar, List.of()).extraFiles(List.of(
                new ExtraFile(ExtraFile.Type.FILE, conf, destination, null, null, null, null))));
        assertTrue(e.getMessage().contains(io.github.jpackagedeb.core.DebException.printable(
                destination.substring(1))), e.getMessage());
    }

    // ---- control field injection ---------------------------------------------------------------------------------

    @Test
    void lineBreaksInSingleLineFieldsAreRefused() throws IOException {
        List<UnaryOperator<PackageSpec.Builder>> bad = List.of(
                b -> b.synopsis("x\nDepends: evil"),
                b -> b.synopsis("x\rDepends: evil"),
                b -> b.maintainer("Jane <jane@example.org>\nPre-Depends: evil"),
                b -> b.homepage("https://example.org\nEssential: yes"),
                b -> b.relation(Relation.DEPENDS, "libc6\nEssential: yes"),
                b -> b.relation(Relation.RECOMMENDS, "foo,\n bar\nPackage: evil"),
                b -> b.section("misc\nEssential: yes"));
        for (UnaryOperator<PackageSpec.Builder> f : bad) {
            DebException e = assertThrows(DebException.class, () -> f.apply(spec()).build());
            assertNotNull(e.field(), e.getMessage());
            assertNotNull(e.fix(), e.getMessage());
        }
        assertNoOutput();
    }

    /**
     * A multi-line long description cannot start a field: every line is rendered as a continuation line (blank lines
     * as " ."), so the control file keeps exactly its own fields, as dpkg-deb reads them.
     */
    @Test
    void aLongDescriptionCannotInjectFieldsOrParagraphs() throws Exception {
        String hostile = "First line.\nDepends: evil\n\nPackage: evil\nEssential: yes\n.\n \tindented";
        DebBuilder.Builder b = builder(appJar, List.of());
        DebBuilder.Result r = b.spec(spec().longDescription(hostile).build()).build().build();
        String control = DebContents.read(r.deb()).controlText("control").orElseThrow();
        List<Deb822.Paragraph> ps = Deb822.parse(control, "control");
        assertEquals(1, ps.size(), control);
        assertEquals("hello", ps.get(0).get("Package").orElseThrow());
        assertFalse(ps.get(0).get("Essential").isPresent(), control);
        assertTrue(ps.get(0).get("Depends").map(d -> !d.contains("evil")).orElse(true), control);
        String dpkg = DebBuilderTest.run("dpkg-deb", "-f", r.deb().toString(), "Package", "Essential");
        assertEquals("Package: hello\n", dpkg);
    }

    // ---- scripts with CRLF ---------------------------------------------------------------------------------------

    @Test
    void aDebianPostinstWithCrlfLineEndingsIsRefused() throws IOException {
        Path debian = Files.createDirectories(tmp.resolve("debian"));
        Path postinst = Files.writeString(debian.resolve("postinst"), "#!/bin/sh\r\nset -e\r\n#DEBHELPER#\r\nexit 0\r\n");
        DebException e = refused(builder(appJar, List.of()).debianDir(DebianDir.read(debian, "hello")));
        assertTrue(e.getMessage().contains(postinst.toString()), e.getMessage());
        assertTrue(e.problem().contains("CRLF"), e.getMessage());
        // a lone CR in the middle is as bad
        Files.writeString(postinst, "#!/bin/sh\nset -e\n#DEBHELPER#\necho a\rb\nexit 0\n");
        e = refused(builder(appJar, List.of()).debianDir(DebianDir.read(debian, "hello")));
        assertTrue(e.problem().contains("CR"), e.getMessage());
    }

    // ---- empty and hollow app jars -------------------------------------------------------------------------------

    @Test
    void anEmptyAppJarIsRefused() throws Exception {
        Path empty = Files.createFile(Files.createDirectories(tmp.resolve("empty")).resolve("hello-1.0.jar"));
        DebException e = refused(builder(empty, List.of()));
        assertEquals("jar", e.field());
        assertTrue(e.problem().contains("is not a jar"), e.getMessage());

        // a valid jar without classes or Main-Class
        Path hollow = TestJars.jar(tmp.resolve("hollow/hello-1.0.jar"), null);
        e = refused(builder(hollow, List.of()));
        assertEquals("mainClass", e.field());
        // ... and with a Main-Class that is not inside
        Path liar = TestJars.jar(tmp.resolve("liar/hello-1.0.jar"), "com.example.Main");
        e = refused(builder(liar, List.of()));
        assertEquals("mainClass", e.field());
        assertEquals("com.example.Main", e.value());
        // a truncated zip
        Path cut = tmp.resolve("cut/hello-1.0.jar");
        Files.createDirectories(cut.getParent());
        byte[] whole = Files.readAllBytes(appJar);
        Files.write(cut, java.util.Arrays.copyOf(whole, whole.length / 2));
        e = refused(builder(cut, List.of()));
        assertEquals("jar", e.field());
    }

    // ---- helpers -------------------------------------------------------------------------------------------------

    static DebContents.Entry entry(DebContents c, String absolute) {
        return c.data().stream().filter(x -> x.absolutePath().equals(absolute)).findFirst()
                .orElseThrow(() -> new AssertionError(absolute + " not in " + c.data().stream()
                        .map(DebContents.Entry::absolutePath).collect(Collectors.toList())));
    }
}
