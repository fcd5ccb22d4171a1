package io.github.jpackagedeb.maven;

import io.github.jpackagedeb.core.assembly.ExtraFile;
import io.github.jpackagedeb.core.DebException;
import org.apache.maven.project.MavenProject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code <allowSpecialModes>} (property {@code jpackage-deb.allowSpecialModes}): an {@code <extraFile>} with a
 * setuid, setgid, sticky or world-writable mode is refused by default, and the refusal names this switch as the fix;
 * with the switch on, the mode is passed to core (postinst sets it).
 */
class AllowSpecialModesTest {

    @TempDir
    Path tmp;

    private DebMojo mojo(String mode) throws IOException {
        Files.writeString(tmp.resolve("helper"), "#!/bin/sh\n");
        ExtraFileConfig f = new ExtraFileConfig();
        f.src = new File("helper");
        f.dst = "/usr/lib/app/helper";
        f.mode = mode;
        DebMojo mojo = new DebMojo();
        mojo.extraFiles = List.of(f);
        return mojo;
    }

    private PomAdapter pom(DebMojo mojo) {
        MavenProject project = new MavenProject();
        project.setFile(tmp.resolve("pom.xml").toFile());
        return new PomAdapter(project, mojo, Map.of());
    }

    @Test
    void specialModesAreRefusedByDefaultAndTheErrorNamesTheSwitch() throws IOException {
        for (String mode : List.of("4755", "2755", "1777", "0666", "0777")) {
            DebMojo mojo = mojo(mode);
            assertEquals(false, mojo.allowSpecialModes, "off by default");
            DebException e = assertThrows(DebException.class, () -> pom(mojo).extraFiles(), mode);
            String text = PomWording.describe(e);
            assertTrue(text.startsWith("Cannot build the Debian package: <extraFiles> = '/usr/lib/app/helper': mode "),
                    text);
            assertTrue(text.contains("Fix: "), text);
            assertTrue(text.contains("set <allowSpecialModes>true</allowSpecialModes> in the plugin configuration (or "
                    + "-Djpackage-deb.allowSpecialModes=true)"), text);
            System.out.println("[AllowSpecialModesTest] mode " + mode + " refused: " + text.replace("\n", " | "));
        }
    }

    @Test
    void theSwitchLetsTheModeThrough() throws IOException {
        DebMojo mojo = mojo("4755");
        mojo.allowSpecialModes = true;
        ExtraFile f = pom(mojo).extraFiles().get(0);
        assertEquals(04755, f.mode());
        assertTrue(f.allowSpecialModes());
        assertTrue(f.hasSpecialMode());
        assertEquals(tmp.resolve("helper"), f.source());
    }

    @Test
    void ordinaryModesNeedNoSwitch() throws IOException {
        ExtraFile f = pom(mojo("0750")).extraFiles().get(0);
        assertEquals(0750, f.mode());
        assertEquals(false, f.hasSpecialMode());
    }
}
