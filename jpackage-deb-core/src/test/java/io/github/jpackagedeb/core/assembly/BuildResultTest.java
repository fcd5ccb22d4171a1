package io.github.jpackagedeb.core.assembly;

import io.github.jpackagedeb.core.app.AppSpec;
import io.github.jpackagedeb.core.app.Jar;
import io.github.jpackagedeb.core.archive.Compression;
import io.github.jpackagedeb.core.debfile.DebFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * A build hands back the package's changelog, so that .changes can be written without decompressing the package
 * again: {@link DebFile#readWritten} with it sees what {@link DebFile#read} sees.
 */
class BuildResultTest {

    @TempDir
    Path tmp;

    @Test
    void theChangelogOfTheResultIsTheOneInThePackage() throws Exception {
        Path app = TestJars.compiledMain(tmp.resolve("src"), "demo.Main", """
                package demo;
                public class Main {
                    public static void main(String[] a) {
                    }
                }
                """);
        DebBuilder.Result r = DebBuilder.builder().spec(DebBuilderTest.spec())
                .app(AppSpec.builder().mainJar(Jar.of(app)).build())
                .outputDirectory(tmp.resolve("out")).timestamp(Instant.EPOCH).compression(Compression.XZ)
                .build().build();
        assertNotNull(r.changelogGz());
        DebFile read = DebFile.read(r.deb());
        DebFile written = DebFile.readWritten(r.deb(), r.changelogGz());
        assertArrayEquals(read.changelogGz().orElseThrow(), written.changelogGz().orElseThrow());
        assertEquals(read.control().toString(), written.control().toString());
        assertEquals(read.members(), written.members());
        assertEquals(read.sha256(), written.sha256());
        assertEquals(r.archive().sha256(), written.sha256());
        assertEquals(read.md5(), written.md5());
        assertEquals(read.sha1(), written.sha1());
    }
}
