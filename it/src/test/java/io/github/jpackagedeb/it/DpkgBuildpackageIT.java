package io.github.jpackagedeb.it;

import io.github.jpackagedeb.it.support.DebInspector;
import io.github.jpackagedeb.it.support.DebianRoot;
import io.github.jpackagedeb.it.support.Env;
import io.github.jpackagedeb.it.support.FileSnapshot;
import io.github.jpackagedeb.it.support.Lintian;
import io.github.jpackagedeb.it.support.MavenRunner;
import io.github.jpackagedeb.it.support.Proc;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The scaffold → dpkg-buildpackage flow of issue 5: {@code make-deb init} writes debian/ for a copy of tiny-app,
 * {@code dpkg-buildpackage -us -uc -b} builds it (debian/rules runs Maven with the plugin's stage goal into
 * debian/tiny-app/, debhelper does the rest), and the .deb is checked, linted, compared with the one
 * {@code mvn package} makes from the same project, then installed, run and purged in a fresh Debian root.
 */
class DpkgBuildpackageIT {

    @Test
    void theScaffoldedProjectBuildsWithDpkgBuildpackageAndRuns() throws IOException {
        Env.requireTool("dpkg-buildpackage");
        Env.requireTool("dh");
        Path work = Files.createTempDirectory(Files.createDirectories(Env.pathProperty("it.workDir")), "dpkg-buildpackage-");
        Path project = work.resolve("tiny-app");
        Proc.of("cp", "-a", MakeDebCli.tinyCopy().toString(), project.toString()).run();
        Proc.Result init = MakeDebCli.run(project, "init", "--non-interactive");
        assertTrue(init.stderr().contains("Wrote debian/ for tiny-app 1.0.0-1 (Architecture: all)"), init.describe());

        // the stock path: Debian's own mvn (the maven package of Build-Depends, 3.8.7 on Debian 12), as debian/rules
        // runs it by default; it reads our plugin from the ITs' local repository and downloads what is missing there
        Env.requireTool("mvn");
        Proc.Result deps = Proc.of("dpkg-checkbuilddeps").in(project).exec();
        assertEquals(0, deps.exit(), "the Build-Depends of the scaffolded debian/control are installed:\n" + deps.describe());
        Proc.Result build = Proc.of("dpkg-buildpackage", "-us", "-uc", "-b").in(project)
                .env("MAVEN_ARGS", "-Dmaven.repo.local=" + Env.property("it.localRepo"))
                .timeout(Duration.ofMinutes(10)).run();
        assertTrue(build.output().contains("MAVEN_ARGS= mvn -B -ntp -Dmaven.repo.local="), build.describe());
        assertTrue(build.output().contains("Staged tiny-app 1.0.0-1 (all)"), "the stage goal ran:\n" + build.describe());
        Path deb = work.resolve("tiny-app_1.0.0-1_all.deb");
        assertTrue(Files.isRegularFile(deb), build.describe());

        DebInspector in = DebInspector.of(deb);
        assertEquals("tiny-app", in.field("Package").orElseThrow());
        assertEquals("1.0.0-1", in.field("Version").orElseThrow());
        assertEquals("Tiny Tester <tiny@example.org>", in.field("Maintainer").orElseThrow());
        assertEquals("default-jre-headless (>= 2:1.17) | java17-runtime-headless", in.field("Depends").orElseThrow());
        assertEquals("/etc/default/tiny-app\n", in.controlFile("conffiles").orElseThrow());
        assertEquals("../share/java/tiny-app/bin/tiny-app", in.entry("/usr/bin/tiny-app").orElseThrow().linkTarget());
        assertEquals("0755", in.entry("/usr/share/java/tiny-app/bin/tiny-app").orElseThrow().octal());
        Lintian.assertClean(deb);
        Proc.Result check = MakeDebCli.run(work, "check", deb.toString());
        assertTrue(check.stderr().contains("passed (0 errors, 0 warnings)"), check.describe());

        // the same project through mvn package: the same files, modes and links
        Path other = MavenRunner.copyProject(project);
        Proc.of("rm", "-rf", other.resolve("debian/tiny-app").toString()).run();
        Path mavenDeb = PluginBuildIT.onlyDeb(MavenRunner.runIn(other, "package").assertSuccess().target());
        assertEquals(layout(DebInspector.of(mavenDeb)), layout(in), "dpkg-buildpackage and mvn package lay out the same files");

        try (DebianRoot.Copy root = DebianRoot.withJava().fresh()) {
            FileSnapshot before = root.listFiles();
            root.dpkgInstall(deb);
            assertEquals("Hello, world!\n", root.run("tiny-app").stdout());
            assertEquals("Hello, Debian!\n", root.run("/usr/bin/tiny-app", "Debian").stdout());
            root.dpkg("-P", "tiny-app");
            assertFalse(root.exists("/usr/bin/tiny-app"));
            assertEquals(List.of(), root.listFiles().diffFrom(before), "install + purge leaves the root as it was");
        }
    }

    /**
     * {@code make-deb init --service}: the stage goal puts the unit in the tree and its maintainer-script code in
     * debian/tiny-app.*.debhelper, which dh_installdeb makes into the scripts (dh_installsystemd is overridden, so the
     * code is there once); installing creates the system account and the state directory.
     */
    @Test
    void aServiceBuildsWithItsMaintainerScripts() throws IOException {
        Env.requireTool("dpkg-buildpackage");
        Env.requireTool("dh");
        Path work = Files.createTempDirectory(Files.createDirectories(Env.pathProperty("it.workDir")), "dpkg-buildpackage-");
        Path project = work.resolve("tiny-app");
        Proc.of("cp", "-a", MakeDebCli.tinyCopy().toString(), project.toString()).run();
        MakeDebCli.run(project, "init", "--non-interactive", "--service");
        dpkgBuildpackage(project);
        Path deb = work.resolve("tiny-app_1.0.0-1_all.deb");
        DebInspector in = DebInspector.of(deb);
        assertTrue(in.entry("/lib/systemd/system/tiny-app.service").isPresent(), in.contents().toString());
        assertTrue(in.field("Depends").orElseThrow().contains("adduser"), in.info());
        String postinst = in.controlFile("postinst").orElseThrow();
        assertTrue(postinst.contains("Generated by jpackage-deb (the stage goal)"), postinst);
        assertTrue(postinst.contains("adduser"), postinst);
        assertFalse(postinst.contains("Automatically added by dh_installsystemd"), "no second copy from debhelper: " + postinst);
        assertEquals(0, Proc.of("sh", "-n", "-c", postinst).exec().exit(), postinst);
        Lintian.Report lint = Lintian.check(deb);
        assertTrue(lint.passed(), lint.output());
        try (DebianRoot.Copy root = DebianRoot.withJava().fresh()) {
            root.dpkgInstall(deb);
            assertEquals(0, root.exec("getent", "passwd", "tiny-app").exit(), "postinst created the system account");
            assertTrue(root.exists("/var/lib/tiny-app"));
            root.dpkg("-P", "tiny-app");
            assertFalse(root.exists("/lib/systemd/system/tiny-app.service"));
        }
    }

    /**
     * A bundled runtime with java.desktop (whose native code loads X11, fonts and sound libraries): the stage goal
     * writes the libraries to debian/tiny-app.substvars as mvn package computes them, so the two .debs declare the
     * same Depends and Recommends.
     */
    @Test
    void aBundledRuntimeGetsTheSameDependsAndRecommendsFromBothBuilds() throws IOException {
        Env.requireTool("dpkg-buildpackage");
        Env.requireTool("dh");
        Path project = RuntimeProjects.tinyWithRuntime();
        Path pom = project.resolve("pom.xml");
        Files.writeString(pom, Files.readString(pom).replace("<runtime>jlink</runtime>",
                "<runtime>jlink</runtime><addModules><addModule>java.desktop</addModule></addModules>"
                        // a desktop application: the runtime keeps java.desktop's display, sound and font libraries
                        // (headless is the default), so their packages are recommended
                        + "<desktop>true</desktop>"));
        Proc.Result init = MakeDebCli.run(project, "init", "--non-interactive");
        assertTrue(init.stderr().contains("(Architecture: any)"), init.describe());
        String control = Files.readString(project.resolve("debian/control"));
        assertTrue(control.contains("Depends: ${jpackage-deb:Depends},") && control.contains("Recommends: ${jpackage-deb:Recommends}"),
                control);

        Path other = MavenRunner.copyProject(project);
        Proc.Result build = dpkgBuildpackage(project);
        String arch = Proc.of("dpkg", "--print-architecture").run().stdout().strip();
        Path deb = project.getParent().resolve("tiny-app_1.0.0-1_" + arch + ".deb");
        assertTrue(Files.isRegularFile(deb), build.describe());
        Path mavenDeb = PluginBuildIT.onlyDeb(MavenRunner.runIn(other, "package").assertSuccess().target());

        DebInspector viaDebhelper = DebInspector.of(deb);
        DebInspector viaMaven = DebInspector.of(mavenDeb);
        String recommends = viaMaven.field("Recommends").orElseThrow();
        assertTrue(recommends.contains("libx11-6"), "java.desktop's libraries are recommended: " + viaMaven.info());
        assertTrue(viaMaven.field("Depends").orElseThrow().contains("libc6"), viaMaven.info());
        assertEquals(viaMaven.field("Depends"), viaDebhelper.field("Depends"), viaDebhelper.info());
        assertEquals(viaMaven.field("Recommends"), viaDebhelper.field("Recommends"), viaDebhelper.info());
    }

    /**
     * {@code dpkg-checkbuilddeps} (the scaffolded Build-Depends are met on a stock Debian 12 with the packages
     * .ci/run installs), then {@code dpkg-buildpackage -us -uc -b} without {@code -d}. The build runs the Maven of
     * maven.home (MVN=), since the ITs' local repository needs maven.repo.local.tail (Maven 3.9); MAVEN_ARGS goes
     * through debian/rules' command line.
     */
    static Proc.Result dpkgBuildpackage(Path project) {
        Proc.Result deps = Proc.of("dpkg-checkbuilddeps").in(project).exec();
        assertEquals(0, deps.exit(), "the Build-Depends of the scaffolded debian/control are installed:\n" + deps.describe());
        return Proc.of("dpkg-buildpackage", "-us", "-uc", "-b").in(project)
                .env("MVN", Env.pathProperty("maven.home").resolve("bin/mvn").toString())
                .env("MAVEN_ARGS", "-Dmaven.repo.local=" + Env.property("it.localRepo")
                        + " -Dmaven.repo.local.tail=" + Env.property("it.mavenRepoTail"))
                .timeout(Duration.ofMinutes(10)).run();
    }

    /** Paths, types, modes and link targets: what both builds must agree on (jars may differ: dh_strip_nondeterminism). */
    static TreeSet<String> layout(DebInspector in) {
        TreeSet<String> s = new TreeSet<>();
        for (DebInspector.Entry e : in.contents()) {
            s.add(e.mode() + " " + e.owner() + "/" + e.group() + " " + e.path()
                    + (e.linkTarget() != null ? " -> " + e.linkTarget() : ""));
        }
        return s;
    }
}
