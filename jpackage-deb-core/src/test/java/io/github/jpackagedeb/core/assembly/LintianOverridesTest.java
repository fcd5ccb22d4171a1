package io.github.jpackagedeb.core.assembly;

import io.github.jpackagedeb.core.app.Jar;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The lintian overrides {@link LintianOverrides} writes: one per deliberate case, each after its reason. */
class LintianOverridesTest {

    private static final String ALWAYS = """
            # Built by jpackage-deb for direct installation, not uploaded to the Debian archive:
            # its changelog has no ITP bug to close.
            hello: initial-upload-closes-no-bugs
            """;

    @TempDir
    Path tmp;

    /** A jar with one class of the given class-file major version under META-INF/versions/N. */
    private Path multiRelease(String name, int major) throws IOException {
        Path jar = tmp.resolve(name);
        try (OutputStream os = Files.newOutputStream(jar); ZipOutputStream z = new ZipOutputStream(os)) {
            z.putNextEntry(new ZipEntry("a/A.class"));
            z.write(TestJars.classWithMain("a/A", "java/lang/Object", 0x0009));
            z.putNextEntry(new ZipEntry("META-INF/versions/" + (major - 44) + "/a/A.class"));
            z.write(new byte[] {(byte) 0xCA, (byte) 0xFE, (byte) 0xBA, (byte) 0xBE, 0, 0, 0, (byte) major});
        }
        return jar;
    }

    @Test
    void aPlainApplicationHasOnlyTheInitialUploadOverride() throws IOException {
        Jar app = new Jar(TestJars.jar(tmp.resolve("hello-1.0.jar"), "com.example.Main", "com/example/Main.class", "x"),
                "com.example:hello:1.0");
        assertEquals(ALWAYS, LintianOverrides.render(DebBuilderTest.spec(), Layout.standard("hello"), List.of(app),
                Set.of(), false));
    }

    @Test
    void codelessAndNewerMultiReleaseJarsAreNamedWithTheirReason() throws IOException {
        Jar app = new Jar(TestJars.jar(tmp.resolve("hello-1.0.jar"), "com.example.Main", "com/example/Main.class", "x"),
                "com.example:hello:1.0");
        Jar empty = new Jar(TestJars.jar(tmp.resolve("empty-1.jar"), null, "README", "none"), "e:empty:1");
        Jar newer = new Jar(multiRelease("mr-1.jar", LintianOverrides.LINTIAN_HIGHEST_CLASS_VERSION + 1), "m:mr:1");
        Jar known = new Jar(multiRelease("mr21-1.jar", LintianOverrides.LINTIAN_HIGHEST_CLASS_VERSION), "m:mr21:1");
        String s = LintianOverrides.render(DebBuilderTest.spec(), Layout.standard("hello"),
                List.of(app, empty, newer, known), Set.of(empty.file()), false);
        assertEquals(ALWAYS + """
                # e:empty:1 holds no classes by design, and is shipped as Maven resolved it.
                hello: codeless-jar [usr/share/java/hello/lib/empty-1.jar]
                # m:mr:1 is a multi-release jar: classes under META-INF/versions/N are loaded only by Java N and \
                later; some are newer than lintian's known class-file versions.
                hello: unknown-java-class-version META-INF/versions/* [usr/share/java/hello/lib/mr-1.jar]
                """, s);
    }

    @Test
    void aBundledRuntimeAddsItsThreeOverrides() throws IOException {
        Jar app = new Jar(TestJars.jar(tmp.resolve("hello-1.0.jar"), "com.example.Main", "com/example/Main.class", "x"),
                "com.example:hello:1.0");
        assertEquals(ALWAYS + """
                # The bundled Java runtime is a private jlink image, as the JDK lays it out (bin/, lib/, legal/).
                # Its legal/ notices (GPLv2 with Classpath Exception and third-party licenses) must ship with it,
                # in the place the JDK puts them.
                hello: package-contains-documentation-outside-usr-share-doc [usr/lib/hello/runtime/legal/*]
                hello: extra-license-file [usr/lib/hello/runtime/legal/*]
                # jrt-fs.jar is the runtime's own jrt: file system provider; the JVM loads it from its lib/.
                hello: jar-not-in-usr-share [usr/lib/hello/runtime/lib/jrt-fs.jar]
                """, LintianOverrides.render(DebBuilderTest.spec(), Layout.standard("hello"), List.of(app), Set.of(),
                true));
    }
}
