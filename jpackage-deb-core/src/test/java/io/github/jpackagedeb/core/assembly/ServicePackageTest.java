package io.github.jpackagedeb.core.assembly;

import io.github.jpackagedeb.core.app.AppSpec;
import io.github.jpackagedeb.core.app.Jar;
import io.github.jpackagedeb.core.debiandir.DebianDir;
import io.github.jpackagedeb.core.testing.Integration;

import io.github.jpackagedeb.core.DebException;
import io.github.jpackagedeb.core.archive.Compression;
import io.github.jpackagedeb.core.scripts.Cmd;
import io.github.jpackagedeb.core.service.DataOnPurge;
import io.github.jpackagedeb.core.service.ServiceSpec;
import io.github.jpackagedeb.core.control.PackageSpec;
import io.github.jpackagedeb.core.version.DebianVersion;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The service archetype end to end in core: a real package is built, unpacked with {@code dpkg-deb -x} into a
 * staging tree, and its unit checked there with the real {@code systemd-analyze verify} and
 * {@code systemd-analyze security --offline=true} (exposure at most 3.0); the unit is pinned by a golden file
 * ({@code -Dgolden.update=true} rewrites it); extra files, conffiles, debian/ overrides and their errors.
 */
@Integration
class ServicePackageTest {

    static final Path GOLDEN_UNIT = Path.of(System.getProperty("basedir", "."))
            .resolve("src/test/resources/golden/systemd/hello.service");
    private static final Instant T = Instant.parse("2026-01-02T03:04:05Z");
    /** The exposure systemd-analyze may report at most (0-10); the issue asks for 3.0 or lower. */
    static final double MAX_EXPOSURE = 3.0;

    @TempDir
    Path tmp;
    Path appJar;

    @BeforeEach
    void jars() throws IOException {
        appJar = TestJars.jar(tmp.resolve("in/hello-1.0.jar"), "com.example.Main", "com/example/Main.class", "x");
    }

    static PackageSpec spec(String name) {
        return PackageSpec.builder().name(name).version(DebianVersion.parse("1.0-1"))
                .maintainer("Jane Doe <jane@example.org>").synopsis("says hello over HTTP")
                .longDescription("Says hello to the world, as a service.").homepage("https://example.org").build();
    }

    DebBuilder.Builder builder(String name) {
        return DebBuilder.builder().spec(spec(name))
                .app(AppSpec.builder().mainJar(new Jar(appJar, "com.example:hello:1.0")).build())
                .outputDirectory(tmp.resolve("out")).timestamp(T).compression(Compression.GZIP)
                .service(ServiceSpec.builder().build());
    }

    Path staged(Path deb) {
        Path dir = tmp.resolve("staging-" + deb.getFileName());
        Cmd.ok("dpkg-deb", "-x", deb.toString(), dir.toString());
        return dir;
    }

    @Test
    void theUnitPassesSystemdAnalyzeVerifyAndItsExposureIsAtMost3() throws IOException {
        Cmd.require("dpkg-deb", "systemd-analyze");
        Path deb = builder("hello").build().build().deb();
        Path staging = staged(deb);
        String unit = "/lib/systemd/system/hello.service";
        assertTrue(Files.isRegularFile(staging.resolve(unit.substring(1))));
        Cmd.Result verify = Cmd.run(null, Map.of(), "systemd-analyze", "verify", "--man=no",
                "--recursive-errors=no", "--root=" + staging, unit);
        assertEquals(0, verify.exit(), "systemd-analyze verify:\n" + verify.all());
        assertEquals("", verify.all().strip(), "verify prints nothing for a good unit");

        Cmd.Result security = Cmd.run(null, Map.of(), "systemd-analyze", "security", "--offline=true",
                "--root=" + staging, "--threshold=" + (int) (MAX_EXPOSURE * 10), unit);
        Matcher m = Pattern.compile("Overall exposure level for hello\\.service: (\\d+\\.\\d)").matcher(security.out());
        assertTrue(m.find(), security.all());
        double exposure = Double.parseDouble(m.group(1));
        System.out.println("[ServicePackageTest] systemd-analyze security --offline: exposure " + exposure);
        assertTrue(exposure <= MAX_EXPOSURE, "exposure " + exposure + ":\n" + security.out());
        assertEquals(0, security.exit(), "--threshold=30 passes:\n" + security.all());

        String text = Files.readString(staging.resolve(unit.substring(1)));
        assertFalse(text.contains("\nMemoryDenyWriteExecute="), "never for a JVM: it breaks the JIT");
        for (String line : List.of("User=hello", "Group=hello", "EnvironmentFile=-/etc/default/hello",
                "ExecStart=/usr/bin/hello", "WorkingDirectory=/var/lib/hello", "StateDirectory=hello",
                "LogsDirectory=hello", "Restart=on-failure", "SuccessExitStatus=143", "NoNewPrivileges=yes",
                "ProtectSystem=strict", "WantedBy=multi-user.target")) {
            assertTrue(text.contains("\n" + line + "\n"), line + " missing in\n" + text);
        }
    }

    @Test
    void theUnitMatchesItsGoldenFile() throws IOException {
        Cmd.require("dpkg-deb");
        Path deb = builder("hello").service(ServiceSpec.builder().unitDirective("LimitNOFILE=65536").build())
                .build().build().deb();
        String unit = Files.readString(staged(deb).resolve("lib/systemd/system/hello.service"));
        if (Boolean.getBoolean("golden.update")) {
            Files.createDirectories(GOLDEN_UNIT.getParent());
            Files.writeString(GOLDEN_UNIT, unit, StandardCharsets.UTF_8);
            return;
        }
        assertEquals(Files.readString(GOLDEN_UNIT), unit, "the unit changed; if intended, rerun with "
                + "-Dgolden.update=true and review the diff of " + GOLDEN_UNIT);
    }

    @Test
    void controlScriptsConffilesAndExtraFiles() throws IOException {
        Cmd.require("dpkg-deb", "sh", "shellcheck");
        Path conf = Files.writeString(tmp.resolve("in/app.conf"), "greeting=hello\n");
        Path tool = Files.writeString(tmp.resolve("in/tool.sh"), "#!/bin/sh\necho tool\n");
        List<ExtraFile> extras = List.of(
                new ExtraFile(ExtraFile.Type.CONFIG, conf, "/etc/hello/app.conf", null, 0640, "hello", "adm"),
                new ExtraFile(ExtraFile.Type.FILE, tool, "/usr/share/hello/tool.sh", null, 0755, null, null),
                new ExtraFile(ExtraFile.Type.DIR, null, "/srv/hello", null, 0750, "hello", null),
                new ExtraFile(ExtraFile.Type.SYMLINK, null, "/usr/share/hello/conf", "/etc/hello", null, null, null));
        Path deb = builder("hello").service(ServiceSpec.builder().dataOnPurge(DataOnPurge.DELETE).build())
                .extraFiles(extras).build().build().deb();
        String fields = Cmd.ok("dpkg-deb", "-f", deb.toString(), "Depends");
        assertTrue(fields.strip().endsWith(", adduser"), "postinst uses adduser: " + fields);
        Path ctl = tmp.resolve("ctl");
        Cmd.ok("dpkg-deb", "-e", deb.toString(), ctl.toString());
        assertEquals("/etc/default/hello\n/etc/hello/app.conf\n", Files.readString(ctl.resolve("conffiles")));
        assertFalse(Files.exists(ctl.resolve("preinst")), "no preinst: nothing to do before unpacking");
        for (String s : List.of("postinst", "prerm", "postrm")) {
            Path f = ctl.resolve(s);
            assertTrue(Files.isExecutable(f), s);
            assertEquals(0, Cmd.run("sh", "-n", f.toString()).exit(), s);
            Cmd.Result check = Cmd.run("shellcheck", "--shell=sh", f.toString());
            assertEquals(0, check.exit(), s + ":\n" + check.all());
        }
        String postinst = Files.readString(ctl.resolve("postinst"));
        assertTrue(postinst.contains("chown hello:adm /etc/hello/app.conf\n"), postinst);
        assertTrue(postinst.contains("chmod 0640 /etc/hello/app.conf\n"), postinst);
        assertTrue(postinst.contains("chown hello:hello /srv/hello\n"), postinst);
        assertFalse(postinst.contains("tool.sh"), "0755 root:root needs no postinst work");
        assertTrue(postinst.indexOf("# postinst-user") < postinst.indexOf("# postinst-owner"), "user first");
        assertTrue(Files.readString(ctl.resolve("postrm")).contains("rm -rf \"${DPKG_ROOT:-}/var/lib/hello\""));

        String contents = Cmd.ok("dpkg-deb", "-c", deb.toString());
        assertTrue(contents.lines().allMatch(l -> l.contains(" root/root ")), "data.tar is root:root only");
        assertTrue(contents.contains("-rw-r--r-- root/root        15 2026-01-02 03:04 ./etc/hello/app.conf\n"), contents);
        assertTrue(contents.contains("-rwxr-xr-x root/root"), contents);
        assertTrue(contents.contains("drwxr-xr-x root/root         0 2026-01-02 03:04 ./srv/hello/\n"), contents);
        assertTrue(contents.contains("./usr/share/hello/conf -> /etc/hello\n"), contents);
        assertTrue(contents.contains("./lib/systemd/system/hello.service\n"), contents);
        String defaults = Files.readString(staged(deb).resolve("etc/default/hello"));
        assertTrue(defaults.contains("systemctl restart hello.service"), defaults);
    }

    @Test
    void debianDirOverridesUnitDefaultsAndScripts() throws IOException {
        Cmd.require("dpkg-deb");
        Path debian = Files.createDirectories(tmp.resolve("project/debian"));
        Files.writeString(debian.resolve("hello.service"), "[Unit]\nDescription=mine\n[Service]\n"
                + "ExecStart=/usr/bin/hello --port 1\nUser=hello\n[Install]\nWantedBy=multi-user.target\n");
        Files.writeString(debian.resolve("hello.default"), "HELLO_PORT=8080\n");
        Files.writeString(debian.resolve("postinst"), "#!/bin/sh\nset -e\n#DEBHELPER#\necho configured\n");
        Path deb = DebBuilder.builder().spec(spec("hello"))
                .app(AppSpec.builder().mainJar(new Jar(appJar, "com.example:hello:1.0")).build())
                .outputDirectory(tmp.resolve("out")).timestamp(T).compression(Compression.GZIP)
                .debianDir(DebianDir.read(debian, "hello")).build().build().deb();
        Path x = staged(deb);
        assertTrue(Files.readString(x.resolve("lib/systemd/system/hello.service")).contains("--port 1"),
                "a unit in debian/ switches the service archetype on and replaces the generated unit");
        assertEquals("HELLO_PORT=8080\n", Files.readString(x.resolve("etc/default/hello")));
        Path ctl = tmp.resolve("ctl2");
        Cmd.ok("dpkg-deb", "-e", deb.toString(), ctl.toString());
        String postinst = Files.readString(ctl.resolve("postinst"));
        assertTrue(postinst.startsWith("#!/bin/sh\nset -e\n# Added by jpackage-deb"), postinst);
        assertTrue(postinst.endsWith("# End of the part added by jpackage-deb.\necho configured\n"), postinst);
    }

    @Test
    void badInputIsAClearError() throws IOException {
        Path debian = Files.createDirectories(tmp.resolve("bad/debian"));
        // a unit override with a syntax error: names the file and the line
        Files.writeString(debian.resolve("hello.service"), "[Unit]\nDescription=x\n[Service]\nExecStart /usr/bin/x\n");
        DebException e = assertThrows(DebException.class, () -> builder("hello")
                .debianDir(DebianDir.read(debian, "hello")).build().build());
        assertEquals("service.unitFile", e.field());
        assertEquals(debian.resolve("hello.service").toString(), e.value());
        assertTrue(e.problem().startsWith("line 4: "), e.getMessage());
        Files.delete(debian.resolve("hello.service"));

        // a user script without #DEBHELPER#
        Files.writeString(debian.resolve("prerm"), "#!/bin/sh\nset -e\nexit 0\n");
        e = assertThrows(DebException.class, () -> builder("hello").debianDir(DebianDir.read(debian, "hello"))
                .build().build());
        assertEquals(debian.resolve("prerm").toString(), e.value());
        assertTrue(e.fix().contains("#DEBHELPER#"), e.getMessage());
        assertFalse(Files.exists(tmp.resolve("out/hello_1.0-1_all.deb")), "nothing written");
        // both debian/prerm and debian/hello.prerm
        Files.writeString(debian.resolve("hello.prerm"), "#!/bin/sh\n#DEBHELPER#\n");
        e = assertThrows(DebException.class, () -> DebianDir.read(debian, "hello"));
        assertTrue(e.problem().contains("only one of them"), e.getMessage());

        // a conffile outside /etc
        Path conf = Files.writeString(tmp.resolve("in/x.conf"), "x\n");
        e = assertThrows(DebException.class, () -> new ExtraFile(ExtraFile.Type.CONFIG, conf, "/opt/x.conf", null,
                null, null, null));
        assertEquals("/opt/x.conf", e.value());
        assertTrue(e.problem().contains("under /etc"), e.getMessage());
        assertTrue(e.fix().contains("/etc/"), e.getMessage());
        assertThrows(DebException.class, () -> new ExtraFile(ExtraFile.Type.FILE, conf, "etc/x", null, null, null,
                null), "relative destination");
        assertThrows(DebException.class, () -> new ExtraFile(ExtraFile.Type.FILE, conf, "/etc/x", null, 04755, null,
                null), "setuid");
        assertThrows(DebException.class, () -> new ExtraFile(ExtraFile.Type.DIR, null, "/srv/x", null, 0777, null,
                null), "world-writable");
        assertThrows(DebException.class, () -> new ExtraFile(ExtraFile.Type.FILE, tmp.resolve("missing"), "/etc/x",
                null, null, null, null), "missing source");
        assertThrows(DebException.class, () -> ExtraFile.Type.parse("conf"));
        assertEquals(ExtraFile.Type.CONFIG_NOREPLACE, ExtraFile.Type.parse("config|noreplace"));

        // a package name that is no account name, with no user configured
        e = assertThrows(DebException.class, () -> builder("hello.world").build().build());
        assertEquals("service.user", e.field());
        assertTrue(e.fix().contains("hello-world"), e.getMessage());
    }

    @Test
    void serviceSpecValidation() {
        Map<String, Runnable> bad = Map.of(
                "service.name", () -> ServiceSpec.builder().name("my app").build(),
                "service.user", () -> ServiceSpec.builder().user("Hello").build(),
                "service.group", () -> ServiceSpec.builder().group("root").build(),
                "service.restart", () -> ServiceSpec.builder().restart("sometimes").build(),
                "service.restartSec", () -> ServiceSpec.builder().restartSec("soon").build(),
                "service.unitDirectives", () -> ServiceSpec.builder().unitDirective("not a directive").build(),
                "service.dataOnPurge", () -> DataOnPurge.parse("shred"));
        bad.forEach((field, r) -> {
            DebException e = assertThrows(DebException.class, r::run, field);
            assertEquals(field, e.field());
            assertNotEquals(null, e.fix());
        });
        assertThrows(DebException.class, () -> ServiceSpec.builder().user("a".repeat(33)).build());
        assertThrows(DebException.class, () -> ServiceSpec.builder().name("tmpl@").build());
        ServiceSpec s = ServiceSpec.builder().build().resolve("hello", "says hello");
        assertEquals("hello", s.name());
        assertEquals("hello", s.user());
        assertEquals("hello", s.group());
        assertEquals("on-failure", s.restart());
        assertEquals(DataOnPurge.KEEP, s.dataOnPurge());
        assertEquals("says hello", s.description());
        ServiceSpec c = ServiceSpec.builder().name("web.service").user("_web").group("www-data").build()
                .resolve("hello", "x");
        assertEquals("web.service", c.unitFileName());
        assertEquals("_web", c.user());
    }

    @Test
    void scriptsHonourDpkgRootAndLeaveTheHostAlone() throws IOException {
        Cmd.require("dpkg", "dpkg-deb");
        String pkg = "jpd-rootless-probe";
        Path deb = builder(pkg).build().build().deb();
        Path w = tmp.resolve("rootless");
        Files.createDirectories(w.resolve("db/info"));
        Files.createDirectories(w.resolve("db/updates"));
        Files.createDirectories(w.resolve("inst"));
        Files.writeString(w.resolve("db/status"), "");
        Files.writeString(w.resolve("db/available"), "");
        String[] dpkg = {"dpkg", "--admindir=" + w.resolve("db"), "--instdir=" + w.resolve("inst"),
                "--force-script-chrootless", "--force-not-root", "--force-depends", "--no-debsig", "--log=/dev/null"};
        Cmd.Result install = Cmd.run(concat(dpkg, "-i", deb.toString()));
        assertEquals(0, install.exit(), install.all());
        assertTrue(Files.isRegularFile(w.resolve("inst/lib/systemd/system/" + pkg + ".service")));
        assertNotEquals(0, Cmd.run("getent", "passwd", pkg).exit(), "no account was made on the host");
        assertFalse(Files.exists(Path.of("/var/lib/" + pkg)), "no directory was made on the host");
        Cmd.Result again = Cmd.run(concat(dpkg, "-i", deb.toString()));
        assertEquals(0, again.exit(), "reinstall (upgrade path) is idempotent: " + again.all());
        Cmd.Result purge = Cmd.run(concat(dpkg, "-P", pkg));
        assertEquals(0, purge.exit(), purge.all());
        assertFalse(Files.exists(w.resolve("inst/lib/systemd/system/" + pkg + ".service")));
        assertFalse(Files.exists(w.resolve("inst/etc/default/" + pkg)));
    }

    private static String[] concat(String[] a, String... b) {
        String[] r = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }
}
