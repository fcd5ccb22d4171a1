package io.github.jpackagedeb.core.runtime;

import io.github.jpackagedeb.core.testing.Integration;

import io.github.jpackagedeb.core.app.Jar;
import io.github.jpackagedeb.core.assembly.TestJars;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Headless runtimes (issue 16, point 7): a runtime with java.desktop that is not for a desktop application (the
 * default) leaves out the display, sound and font libraries, so its Depends and Recommends name no X11, ALSA or
 * FreeType package, and a headless AWT program (BufferedImage drawn with Java 2D, written as PNG by ImageIO) runs on
 * it for real. A desktop runtime keeps them (and recommends X11), which shows the check can see the difference.
 */
@Integration
class HeadlessRuntimeTest {

    /** Packages only a display, sound or fonts need: none may appear in a headless runtime's relations. */
    static final List<String> DISPLAY_PACKAGES = List.of("libx11-6", "libxext6", "libxrender1", "libxtst6", "libxi6",
            "libxrandr2", "libasound2", "libfreetype6", "libfontconfig1", "libpng16-16", "libgif7", "libharfbuzz0b");

    @TempDir
    Path tmp;

    private List<Jar> app() throws Exception {
        Path jar = TestJars.compiledMain(tmp.resolve("png"), "demo.Png", """
                package demo;
                import java.awt.Color;
                import java.awt.Graphics2D;
                import java.awt.image.BufferedImage;
                import java.io.File;
                import javax.imageio.ImageIO;
                public class Png {
                    public static void main(String[] a) throws Exception {
                        BufferedImage img = new BufferedImage(64, 32, BufferedImage.TYPE_INT_RGB);
                        Graphics2D g = img.createGraphics();
                        g.setColor(Color.ORANGE);
                        g.fillOval(4, 4, 40, 20);
                        g.dispose();
                        if (!ImageIO.write(img, "png", new File(a[0]))) throw new IllegalStateException("no PNG writer");
                        BufferedImage back = ImageIO.read(new File(a[0]));
                        System.out.println("headless=" + java.awt.GraphicsEnvironment.isHeadless() + " rgb="
                                + Integer.toHexString(back.getRGB(20, 14) & 0xffffff));
                    }
                }
                """);
        return List.of(new Jar(jar, "demo:png:1.0"));
    }

    private static RuntimeImage build(boolean desktop, List<Jar> app, Fixtures.RecordingLog log) {
        return RuntimeBuilder.build(RuntimeSpec.builder().cacheDirectory(Fixtures.sharedCache())
                .modules(List.of("java.desktop")).desktop(desktop).build(), app, 17, log);
    }

    private static boolean has(RuntimeImage image, String path) {
        return image.files().stream().anyMatch(f -> f.path().equals(path));
    }

    @Test
    void aHeadlessRuntimeHasNoDisplayLibrariesAndStillRunsHeadlessAwt() throws Exception {
        List<Jar> app = app();
        Fixtures.RecordingLog log = new Fixtures.RecordingLog();
        RuntimeImage headless = build(false, app, log);
        for (String lib : SharedLibraries.DISPLAY_LIBRARIES) {
            assertFalse(has(headless, "lib/" + lib), lib + " is left out");
        }
        assertTrue(has(headless, "lib/libawt.so") && has(headless, "lib/libawt_headless.so")
                && has(headless, "lib/libmlib_image.so"), "headless AWT's libraries stay");
        assertTrue(log.has("INFO", "Headless runtime (not a desktop application): left out lib/libawt_xawt.so"),
                log.toString());
        List<String> relations = new ArrayList<>(headless.depends());
        relations.addAll(headless.recommends());
        for (String r : relations) {
            String pkg = r.split("[ (]")[0];
            assertFalse(DISPLAY_PACKAGES.contains(pkg), pkg + " in " + relations);
        }

        System.out.println("[HeadlessRuntimeTest] headless java.desktop runtime: Depends " + headless.depends()
                + "; Recommends " + headless.recommends());
        Path png = tmp.resolve("out.png");
        ProcessBuilder pb = new ProcessBuilder(headless.image().resolve("bin/java").toString(),
                "-Djava.awt.headless=true", "-cp", app.get(0).file().toString(), "demo.Png", png.toString());
        pb.environment().remove("DISPLAY");
        pb.redirectErrorStream(true);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        assertEquals("headless=true rgb=ffc800\n", out);
        byte[] magic = java.util.Arrays.copyOf(Files.readAllBytes(png), 8);
        assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'}, magic);

        Fixtures.RecordingLog warm = new Fixtures.RecordingLog();
        RuntimeImage again = build(false, app, warm);
        assertTrue(again.reused());
        assertTrue(warm.has("INFO", "left out lib/libawt_xawt.so"), "said again when reused: " + warm);
    }

    @Test
    void aDesktopRuntimeKeepsThemAndIsCachedApart() throws Exception {
        List<Jar> app = app();
        RuntimeImage headless = build(false, app, new Fixtures.RecordingLog());
        Fixtures.RecordingLog log = new Fixtures.RecordingLog();
        RuntimeImage desktop = build(true, app, log);
        assertFalse(desktop.image().equals(headless.image()), "the cache key holds the desktop choice");
        assertTrue(has(desktop, "lib/libawt_xawt.so"));
        assertFalse(log.has("INFO", "left out"), log.toString());
        System.out.println("[HeadlessRuntimeTest] desktop runtime: Recommends " + desktop.recommends());
        assertTrue(desktop.recommends().stream().anyMatch(r -> r.startsWith("libx11-6")), desktop.recommends().toString());
    }
}
