package io.github.jpackagedeb.core.assembly;

import io.github.jpackagedeb.core.app.AppSpec;
import io.github.jpackagedeb.core.app.Jar;
import io.github.jpackagedeb.core.debiandir.DebianDir;
import io.github.jpackagedeb.core.testing.Integration;

import io.github.jpackagedeb.core.DebException;
import io.github.jpackagedeb.core.archive.Compression;
import io.github.jpackagedeb.core.scaffold.Scaffold;
import io.github.jpackagedeb.core.scripts.Cmd;
import io.github.jpackagedeb.core.service.ProfilingSpec;
import io.github.jpackagedeb.core.service.ServiceSpec;
import io.github.jpackagedeb.core.template.Template;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Continuous profiling built into a service package: the rendered launcher, /etc/default file, maintainer scripts
 * and unit (shellcheck, systemd-analyze verify), the launcher's profiling code run for real in a shell (flags, the
 * prune of earlier recordings, off, bad values), the .jfc check, and debian/'s default file read back.
 */
@Integration
class ProfilingPackageTest {

    private static final Instant T = Instant.parse("2026-01-02T03:04:05Z");

    @TempDir
    Path tmp;
    Path appJar;

    @BeforeEach
    void jars() throws IOException {
        appJar = TestJars.jar(tmp.resolve("in/hello-1.0.jar"), "com.example.Main", "com/example/Main.class", "x");
    }

    DebBuilder.Builder builder(ServiceSpec service) {
        return DebBuilder.builder().spec(ServicePackageTest.spec("hello"))
                .app(AppSpec.builder().mainJar(new Jar(appJar, "com.example:hello:1.0")).build())
                .outputDirectory(tmp.resolve("out")).timestamp(T).compression(Compression.GZIP).service(service);
    }

    Path staged(Path deb, String name) {
        Path dir = tmp.resolve(name);
        Cmd.ok("dpkg-deb", "-x", deb.toString(), dir.toString());
        Cmd.ok("dpkg-deb", "-e", deb.toString(), dir.resolve("DEBIAN").toString());
        return dir;
    }

    @Test
    void aProfilingServiceShipsTheSwitchTheLauncherCodeAndTheDirectoryLifecycle() throws IOException {
        Cmd.require("dpkg-deb", "sh", "shellcheck", "systemd-analyze");
        ServiceSpec service = ServiceSpec.builder().profiling(ProfilingSpec.builder().maxSize("64M").build()).build();
        Path x = staged(builder(service).build().build().deb(), "on");

        String defaults = Files.readString(x.resolve("etc/default/hello"));
        assertTrue(defaults.contains("\nPROFILING=on\n"), defaults);
        assertTrue(defaults.contains("\n#PROFILING_MAXSIZE=64M\n#PROFILING_MAXAGE=24h\n#PROFILING_KEEP=4\n"
                + "#PROFILING_SETTINGS=default\n"), defaults);
        assertTrue(defaults.contains("about 380 MB"), "(4 + 1) x (64 + 12) MB: " + defaults);
        assertTrue(Files.readString(x.resolve("DEBIAN/conffiles")).contains("/etc/default/hello\n"));

        Path launcher = x.resolve("usr/share/java/hello/bin/hello");
        String text = Files.readString(launcher);
        assertTrue(text.contains("PROFILING=${PROFILING:-on}"), text);
        assertTrue(text.contains("[ \"$(id -un 2>/dev/null)\" = \"hello\" ]"), "only the service user records");
        assertTrue(text.contains("-XX:StartFlightRecording=name=hello,disk=true,maxsize=$jpd_size"), text);
        assertTrue(text.contains("-XX:FlightRecorderOptions=repository=$jpd_dir"), text);
        assertTrue(text.contains("jpd_size=${PROFILING_MAXSIZE:-64M}"), text);
        assertTrue(text.indexOf("StartFlightRecording") < text.indexOf("exec \"$JAVACMD\""), text);
        for (Path f : List.of(launcher, x.resolve("DEBIAN/postinst"), x.resolve("DEBIAN/prerm"),
                x.resolve("DEBIAN/postrm"))) {
            assertEquals(0, Cmd.run("sh", "-n", f.toString()).exit(), f.toString());
            // in the launcher, on purpose: it sources /etc/default (SC1091), loops over a class path that may be one
            // jar (SC2043) and splits JAVA_OPTS into words (SC2086); the profiling part alone is checked in full below
            Cmd.Result check = Cmd.run("shellcheck", "--shell=sh", "--severity=style", "--exclude=SC1091,SC2043,SC2086",
                    f.toString());
            assertEquals(0, check.exit(), f + ":\n" + check.all());
        }

        String postinst = Files.readString(x.resolve("DEBIAN/postinst"));
        assertTrue(postinst.contains("for jpd_dir in /var/lib/hello /var/log/hello /var/lib/hello/profiles; do"),
                "profiles/ is made 0750 for the user after its parent: " + postinst);
        String postrm = Files.readString(x.resolve("DEBIAN/postrm"));
        int profiles = postrm.indexOf("rm -rf \"${DPKG_ROOT:-}/var/lib/hello/profiles\"");
        int data = postrm.indexOf("rmdir --ignore-fail-on-non-empty \"${DPKG_ROOT:-}/var/lib/hello\"");
        assertTrue(profiles > 0 && data > profiles, "purge removes profiles/, then the data dir if empty:\n" + postrm);
        assertTrue(postrm.substring(postrm.lastIndexOf("purge)", profiles), profiles).contains("purge)"),
                "only on purge: " + postrm);

        String unit = "/lib/systemd/system/hello.service";
        Cmd.Result verify = Cmd.run(null, Map.of(), "systemd-analyze", "verify", "--man=no",
                "--recursive-errors=no", "--root=" + x, unit);
        assertEquals(0, verify.exit(), verify.all());
        assertEquals("", verify.all().strip());
        String u = Files.readString(x.resolve(unit.substring(1)));
        assertTrue(u.contains("\nStateDirectory=hello\n") && u.contains("\nProtectSystem=strict\n"),
                "profiles/ is under the StateDirectory, the one writable place under ProtectSystem=strict: " + u);
    }

    @Test
    void withoutProfilingNothingOfItIsShipped() throws IOException {
        Cmd.require("dpkg-deb");
        Path x = staged(builder(ServiceSpec.builder().build()).build().build().deb(), "off");
        assertFalse(Files.readString(x.resolve("usr/share/java/hello/bin/hello")).contains("FlightRecord"));
        assertFalse(Files.readString(x.resolve("etc/default/hello")).contains("PROFILING"));
        assertFalse(Files.readString(x.resolve("DEBIAN/postinst")).contains("profiles"));
        assertFalse(Files.readString(x.resolve("DEBIAN/postrm")).contains("profiles"));
        Path y = staged(builder(ServiceSpec.builder().profiling(ProfilingSpec.builder().enabled(false).build()).build())
                .build().build().deb(), "disabled");
        assertFalse(Files.readString(y.resolve("usr/share/java/hello/bin/hello")).contains("FlightRecord"));
    }

    /** The launcher's profiling code, rendered for a temporary directory and the current user, run by sh. */
    private Cmd.Result runFragment(Path dir, Map<String, String> env) throws IOException {
        String user = Cmd.ok("id", "-un").strip();
        Map<String, String> v = new LinkedHashMap<>();
        v.put("USER", user);
        v.put("PACKAGE", "hello");
        v.put("UNIT", "hello.service");
        v.put("PROFILES", dir.toString());
        v.put("SWITCH", "on");
        v.put("MAXSIZE", "100M");
        v.put("MAXAGE", "24h");
        v.put("SETTINGS", "default");
        v.put("KEEP", "2");
        Path script = tmp.resolve("fragment.sh");
        Files.writeString(script, "#!/bin/sh\n" + Template.load("launcher-profiling.sh").render(v)
                + "echo \"JAVA_OPTS=${JAVA_OPTS-}\"\n");
        if (Cmd.run("shellcheck", "--version").exit() == 0) {
            Cmd.Result check = Cmd.run("shellcheck", "--shell=sh", "--severity=style", script.toString());
            assertEquals(0, check.exit(), "the launcher's profiling code:\n" + check.all());
        }
        return Cmd.run(tmp, env, "sh", script.toString());
    }

    private static List<String> names(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void theLauncherCodeStartsJfrAndKeepsOnlyTheNewestRecordings() throws IOException {
        Cmd.require("sh", "id", "date");
        Path dir = Files.createDirectories(tmp.resolve("profiles"));
        Files.writeString(dir.resolve("2026_01_01_00_00_00_11.jfr"), "old dump");
        Files.createDirectories(dir.resolve("2026_01_02_00_00_00_22")).resolve("chunk.jfr").toFile().createNewFile();
        Files.writeString(dir.resolve("2026_01_02_00_00_01_22.jfr"), ""); // the empty dump of a killed process
        Files.writeString(dir.resolve("2026_01_03_00_00_00_33.jfr"), "dump");
        Files.writeString(dir.resolve("2026_01_04_00_00_00_44.jfr"), "newest dump");
        Cmd.Result r = runFragment(dir, Map.of("PROFILING_MAXSIZE", "8M", "PROFILING_MAXAGE", "2h"));
        assertEquals(0, r.exit(), r.all());
        assertEquals(List.of("2026_01_03_00_00_00_33.jfr", "2026_01_04_00_00_00_44.jfr"), names(dir),
                "the empty dump and all but the newest PROFILING_KEEP=2 recordings are gone");
        String opts = r.out().strip();
        assertTrue(opts.matches("JAVA_OPTS= -XX:StartFlightRecording=name=hello,disk=true,maxsize=8M,maxage=2h,"
                + "settings=default,dumponexit=true,filename=" + java.util.regex.Pattern.quote(dir.toString())
                + "/[0-9]{4}(_[0-9]{2}){5}_[0-9]+\\.jfr -XX:FlightRecorderOptions=repository="
                + java.util.regex.Pattern.quote(dir.toString())), opts);
        assertEquals("", r.err());

        Cmd.Result off = runFragment(dir, Map.of("PROFILING", "off"));
        assertEquals("JAVA_OPTS=", off.out().strip(), "off: no flags");
        assertEquals(List.of("2026_01_03_00_00_00_33.jfr", "2026_01_04_00_00_00_44.jfr"), names(dir),
                "off: nothing written or deleted");

        for (Map.Entry<String, String> bad : Map.of("PROFILING_MAXSIZE", "lots", "PROFILING_MAXAGE", "24",
                "PROFILING_SETTINGS", "/no/such.jfc", "PROFILING_KEEP", "-1").entrySet()) {
            Cmd.Result b = runFragment(dir, Map.of(bad.getKey(), bad.getValue()));
            assertEquals("JAVA_OPTS=", b.out().strip(), bad + ": the service runs without profiling");
            assertTrue(b.err().contains("hello: not profiling this run: /etc/default/hello sets " + bad.getKey() + "="
                    + bad.getValue()), b.err());
        }
        Cmd.Result missing = runFragment(tmp.resolve("nope"), Map.of());
        assertEquals("JAVA_OPTS=", missing.out().strip());
        assertTrue(missing.err().contains("is missing or not writable"), missing.err());
    }

    @Test
    void aJfcMustBeShippedAndProfilingNeedsAService() throws IOException {
        ServiceSpec jfc = ServiceSpec.builder()
                .profiling(ProfilingSpec.builder().settings("/usr/share/hello/profiling.jfc").build()).build();
        DebException e = assertThrows(DebException.class, () -> builder(jfc).build().build());
        assertEquals("service.profiling.settings", e.field());
        assertEquals("/usr/share/hello/profiling.jfc", e.value());
        Path file = Files.writeString(tmp.resolve("in/p.jfc"), "<configuration version=\"2.0\"/>\n");
        builder(jfc).extraFiles(List.of(new ExtraFile(ExtraFile.Type.FILE, file, "/usr/share/hello/profiling.jfc",
                null, null, null, null))).build().build();

        Path debian = Files.createDirectories(tmp.resolve("p/debian"));
        Files.writeString(debian.resolve("hello.default"), "PROFILING=on\n");
        e = assertThrows(DebException.class, () -> builder(null).debianDir(DebianDir.read(debian, "hello"))
                .build().build());
        assertTrue(e.getMessage().contains("not a service"), e.getMessage());
    }

    @Test
    void theScaffoldedDefaultFileBuildsProfilingInWhenReadBack() throws IOException {
        io.github.jpackagedeb.core.scaffold.ScaffoldSpec s = io.github.jpackagedeb.core.scaffold.ScaffoldSpec.builder()
                .packageName("hello").upstreamVersion("1.0").synopsis("says hello")
                .maintainer("Jane Doe <jane@example.org>").timestamp(T).profiling(true)
                .license(new License("Apache-2.0", null)).build();
        Path project = Files.createDirectories(tmp.resolve("project"));
        Scaffold.write(project, Scaffold.render(s), false);
        String defaults = Files.readString(project.resolve("debian/hello.default"));
        assertTrue(defaults.contains("\nPROFILING=on\n"), defaults);
        assertTrue(Files.isRegularFile(project.resolve("debian/hello.service")), "profiling implies a service");
        DebianDir d = DebianDir.read(project.resolve("debian"), "hello");
        ProfilingSpec p = Lifecycle.profiling(null, d);
        assertTrue(p.enabled());
        assertEquals("on", p.switchValue());
        Files.writeString(project.resolve("debian/hello.default"), defaults.replace("\nPROFILING=on\n",
                "\nPROFILING=off\n").replace("#PROFILING_MAXSIZE=100M", "PROFILING_MAXSIZE=16M"));
        Path x = staged(builder(null).debianDir(DebianDir.read(project.resolve("debian"), "hello")).build().build()
                .deb(), "scaffolded");
        String launcher = Files.readString(x.resolve("usr/share/java/hello/bin/hello"));
        assertTrue(launcher.contains("PROFILING=${PROFILING:-off}") && launcher.contains("${PROFILING_MAXSIZE:-16M}"),
                launcher);
        assertTrue(Files.readString(x.resolve("DEBIAN/postinst")).contains("/var/lib/hello/profiles"));
    }

    /** A minimal bundled runtime: only the test JDK's own lib/jfr/default.jfc, which the lean settings derive from. */
    private io.github.jpackagedeb.core.runtime.RuntimeImage runtimeWithDefaultJfc() throws IOException {
        Path image = tmp.resolve("runtime");
        Files.createDirectories(image.resolve("lib/jfr"));
        Files.copy(Path.of(System.getProperty("java.home"), "lib/jfr/default.jfc"), image.resolve("lib/jfr/default.jfc"));
        List<io.github.jpackagedeb.core.runtime.RuntimeImage.RuntimeFile> files = List.of(
                new io.github.jpackagedeb.core.runtime.RuntimeImage.RuntimeFile("lib", 'd', 0755, 0, null),
                new io.github.jpackagedeb.core.runtime.RuntimeImage.RuntimeFile("lib/jfr", 'd', 0755, 0, null),
                new io.github.jpackagedeb.core.runtime.RuntimeImage.RuntimeFile("lib/jfr/default.jfc", 'f', 0644,
                        Files.size(image.resolve("lib/jfr/default.jfc")), null));
        return new io.github.jpackagedeb.core.runtime.RuntimeImage(image, files,
                new java.util.TreeSet<>(List.of("java.base", ProfilingSpec.MODULE)),
                io.github.jpackagedeb.core.runtime.Platform.host(), "amd64", List.of(), List.of(), "test", false, false,
                "configured");
    }

    @Test
    void withABundledRuntimeTheDefaultIsTheLeanSettingsDerivedFromItsDefaultJfc() throws IOException {
        Cmd.require("dpkg-deb", "sh");
        ServiceSpec service = ServiceSpec.builder().profiling(ProfilingSpec.builder().build()).build();
        io.github.jpackagedeb.core.runtime.RuntimeImage rt = runtimeWithDefaultJfc();
        Path deb = builder(service).runtime(rt).build().build().deb();
        Path x = staged(deb, "lean");

        String original = Files.readString(rt.image().resolve("lib/jfr/default.jfc"));
        Path jfc = x.resolve("usr/lib/hello/profiling.jfc");
        String lean = Files.readString(jfc);
        assertEquals(io.github.jpackagedeb.core.service.LeanJfc.derive(original, "test"), lean);
        // the same lines as the runtime's default.jfc, but for the note and the four events' enabled setting
        List<String> a = original.lines().toList();
        List<String> b = lean.lines().filter(l -> !l.startsWith("<!-- jpackage-deb:")).toList();
        assertEquals(a.size(), b.size());
        int changed = 0;
        for (int i = 0; i < a.size(); i++) {
            if (!a.get(i).equals(b.get(i))) {
                changed++;
                assertEquals(a.get(i).replace(">true<", ">false<"), b.get(i));
            }
        }
        assertEquals(4, changed);
        for (String event : io.github.jpackagedeb.core.service.LeanJfc.DISABLED) {
            assertTrue(java.util.regex.Pattern.compile("<event name=\"" + event
                    + "\">\\s*<setting name=\"enabled\">false<").matcher(lean).find(), event);
        }
        for (String kept : List.of("jdk.ExecutionSample", "jdk.ObjectAllocationSample", "jdk.JavaMonitorEnter",
                "jdk.ThreadPark")) {
            assertTrue(java.util.regex.Pattern.compile("<event name=\"" + kept
                    + "\">\\s*<setting name=\"enabled\"[^>]*>true<").matcher(lean).find(), kept + " stays on");
        }
        assertFalse(Files.readString(x.resolve("DEBIAN/conffiles")).contains("profiling.jfc"),
                "derived from the runtime, replaced with it: not a conffile");
        assertTrue(Files.readString(x.resolve("etc/default/hello")).contains("\n#PROFILING_SETTINGS=/usr/lib/hello/profiling.jfc\n"));
        String launcher = Files.readString(x.resolve("usr/share/java/hello/bin/hello"));
        assertTrue(launcher.contains("jpd_settings=${PROFILING_SETTINGS:-/usr/lib/hello/profiling.jfc}"), launcher);

        // reproducible: the same runtime gives the same package
        Path again = builder(service).runtime(rt).outputDirectory(tmp.resolve("out2")).build().build().deb();
        assertTrue(java.util.Arrays.equals(Files.readAllBytes(deb), Files.readAllBytes(again)));
    }

    @Test
    void aJarOnlyPackageFallsBackToJfrDefaultAndShipsNoSettingsFile() throws IOException {
        Cmd.require("dpkg-deb");
        Path x = staged(builder(ServiceSpec.builder().profiling(ProfilingSpec.builder().build()).build())
                .build().build().deb(), "jar-only");
        assertFalse(Files.exists(x.resolve("usr/lib/hello/profiling.jfc")));
        assertTrue(Files.readString(x.resolve("etc/default/hello")).contains("\n#PROFILING_SETTINGS=default\n"));
        assertTrue(Files.readString(x.resolve("usr/share/java/hello/bin/hello"))
                .contains("jpd_settings=${PROFILING_SETTINGS:-default}"));
        DebException e = assertThrows(DebException.class, () -> io.github.jpackagedeb.core.service.LeanJfc.derive(
                "<configuration version=\"2.0\"/>\n", "x.jfc"));
        assertEquals("service.profiling.settings", e.field());
        assertTrue(e.problem().contains("jdk.SocketRead"), e.problem());
    }
}
