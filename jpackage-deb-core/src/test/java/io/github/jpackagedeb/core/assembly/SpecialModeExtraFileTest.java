package io.github.jpackagedeb.core.assembly;

import io.github.jpackagedeb.core.app.AppSpec;
import io.github.jpackagedeb.core.app.Jar;
import io.github.jpackagedeb.core.DebException;
import io.github.jpackagedeb.core.DebLog;
import io.github.jpackagedeb.core.archive.Compression;
import io.github.jpackagedeb.core.check.DebContents;
import io.github.jpackagedeb.core.control.PackageSpec;
import io.github.jpackagedeb.core.version.DebianVersion;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The explicit switch for special modes on extra files ({@link ExtraFile#allowSpecialModes()}): off, a setuid or
 * world-writable mode is refused and the fix names the switch; on, data.tar still carries 0755/0644 (Debian Policy
 * 10.9) and postinst sets the requested mode after chown (which would clear setuid), with a warning in the log.
 */
class SpecialModeExtraFileTest {

    private static final Instant T = Instant.parse("2026-01-02T03:04:05Z");

    @TempDir
    Path tmp;

    @Test
    void refusedWithoutTheSwitchAndTheFixNamesIt() throws IOException {
        Path tool = Files.writeString(tmp.resolve("tool"), "#!/bin/sh\n");
        for (int mode : new int[] {04755, 02755, 01777, 0666}) {
            DebException e = assertThrows(DebException.class, () -> new ExtraFile(ExtraFile.Type.FILE, tool,
                    "/usr/lib/hello/tool", null, mode, null, null, false));
            assertEquals("extraFiles", e.field());
            assertTrue(e.fix().contains("set allowSpecialModes to true"), e.getMessage());
        }
        assertThrows(DebException.class, () -> new ExtraFile(ExtraFile.Type.FILE, tool, "/usr/lib/hello/tool", null,
                010755, null, null, true), "not a permission mode, switch or not");
    }

    @Test
    void withTheSwitchPostinstSetsTheModeAndDataTarStaysNormal() throws IOException {
        Path appJar = TestJars.jar(tmp.resolve("in/hello-1.0.jar"), "com.example.Main", "com/example/Main.class", "x");
        Path tool = Files.writeString(tmp.resolve("tool"), "#!/bin/sh\n");
        List<String> warnings = new ArrayList<>();
        DebLog log = new DebLog() {
            @Override public void debug(String m) { }
            @Override public void info(String m) { }
            @Override public void warn(String m) { warnings.add(m); }
        };
        PackageSpec spec = PackageSpec.builder().name("hello").version(DebianVersion.parse("1.0-1"))
                .maintainer("Jane Doe <jane@example.org>").synopsis("says hello")
                .longDescription("Says hello to the world.").homepage("https://example.org").build();
        DebBuilder.Result r = DebBuilder.builder().spec(spec)
                .app(AppSpec.builder().mainJar(new Jar(appJar, "com.example:hello:1.0")).build())
                .outputDirectory(tmp.resolve("out")).timestamp(T).compression(Compression.GZIP).log(log)
                .extraFiles(List.of(
                        new ExtraFile(ExtraFile.Type.FILE, tool, "/usr/lib/hello/tool", null, 04755, null, null, true),
                        new ExtraFile(ExtraFile.Type.DIR, null, "/var/spool/hello", null, 01777, null, null, true)))
                .build().build();
        DebContents c = DebContents.read(r.deb());
        assertEquals(0755, c.data().stream().filter(e -> e.absolutePath().equals("/usr/lib/hello/tool")).findFirst()
                .orElseThrow().mode(), "data.tar: 0755");
        assertEquals(0755, c.data().stream().filter(e -> e.absolutePath().equals("/var/spool/hello")).findFirst()
                .orElseThrow().mode());
        String postinst = c.controlText("postinst").orElseThrow();
        int chown = postinst.indexOf("chown root:root /usr/lib/hello/tool");
        int chmod = postinst.indexOf("chmod 4755 /usr/lib/hello/tool");
        assertTrue(chown >= 0 && chmod > chown, "chmod after chown (chown clears setuid):\n" + postinst);
        assertTrue(postinst.contains("chmod 1777 /var/spool/hello"), postinst);
        assertEquals(2, warnings.stream().filter(w -> w.contains("as explicitly allowed (allowSpecialModes)")).count(),
                warnings.toString());
    }
}
