package io.github.jpackagedeb.core.scripts;

import io.github.jpackagedeb.core.testing.Integration;

import io.github.jpackagedeb.core.DebException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Script assembly: golden files for every rendered script ({@code -Dgolden.update=true} rewrites
 * {@code src/test/resources/golden/scripts/}), {@code sh -n} and {@code shellcheck} on each, the case dispatch, the
 * order rules and the {@code #DEBHELPER#} merging with its errors.
 */
@Integration
class MaintainerScriptsTest {

    static final Path GOLDEN = Path.of(System.getProperty("basedir", ".")).resolve("src/test/resources/golden/scripts");
    static final String PKG = "hello-service";

    @TempDir
    Path tmp;

    /** The snippets of the service archetype, in set-up order (what Lifecycle adds). */
    static List<Snippet> service(boolean deleteData) {
        List<Snippet> s = new ArrayList<>();
        s.add(Snippets.systemUser(PKG, PKG, PKG, "/var/lib/" + PKG));
        s.add(Snippets.directories(PKG, PKG, List.of("/var/lib/" + PKG, "/var/log/" + PKG)));
        s.add(Snippets.purgeLogs("/var/log/" + PKG));
        s.add(Snippets.purgeDataDir(PKG, "/var/lib/" + PKG, deleteData));
        s.addAll(Snippets.systemd(PKG + ".service"));
        return s;
    }

    static final String USER_POSTINST = """
            #!/bin/sh
            # the author's own postinst
            set -e

            if [ "$1" = configure ]; then
                echo "before the generated code"
            fi

            #DEBHELPER#

            if [ "$1" = configure ]; then
                touch /var/lib/hello-service/.configured
            fi
            exit 0
            """;

    static final String USER_PREINST = """
            #!/bin/sh
            set -e
            case "$1" in
                upgrade)
                    echo "upgrading from $2"
                    ;;
            esac
                #DEBHELPER#
            exit 0
            """;

    /** Scenario name to the scripts it renders. */
    static Map<String, Map<String, byte[]>> scenarios() {
        Map<String, Map<String, byte[]>> m = new TreeMap<>();
        m.put("service", MaintainerScripts.assemble(PKG, service(false), Map.of()));
        m.put("service-delete-data", MaintainerScripts.assemble(PKG, service(true), Map.of()));
        List<Snippet> owners = List.of(
                Snippets.owner("/etc/hello-service/secret.conf", "hello-service", "adm", 0640),
                Snippets.owner("/srv/hello", "hello-service", "hello-service", 0750));
        m.put("owners", MaintainerScripts.assemble(PKG, owners, Map.of()));
        List<Snippet> appCds = new ArrayList<>(service(false).subList(0, 4));
        appCds.addAll(Snippets.appCds(PKG, "/usr/lib/" + PKG + "/runtime/bin/java", "/usr/lib/" + PKG
                + "/app-cds.classlist", "/var/cache/" + PKG + "/app.jsa", "/var/cache/" + PKG, "/usr/share/java/"
                + PKG, List.of(PKG + "-1.0.jar", "slf4j-api-2.0.20.jar")));
        appCds.addAll(Snippets.systemd(PKG + ".service")); // as Lifecycle orders them: the service starts last
        m.put("service-appcds", MaintainerScripts.assemble(PKG, appCds, Map.of()));
        m.put("user-scripts", MaintainerScripts.assemble(PKG, service(false), Map.of(
                ScriptName.POSTINST, new UserScript("debian/postinst", USER_POSTINST),
                ScriptName.PREINST, new UserScript("debian/preinst", USER_PREINST))));
        return m;
    }

    @Test
    void renderedScriptsMatchTheGoldenFiles() throws IOException {
        Map<String, String> actual = new TreeMap<>();
        scenarios().forEach((name, scripts) -> scripts.forEach((script, body) ->
                actual.put(name + "/" + script, new String(body, StandardCharsets.UTF_8))));
        if (Boolean.getBoolean("golden.update")) {
            if (Files.isDirectory(GOLDEN)) {
                try (var walk = Files.walk(GOLDEN)) {
                    for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                        Files.delete(p);
                    }
                }
            }
            for (Map.Entry<String, String> e : actual.entrySet()) {
                Path f = GOLDEN.resolve(e.getKey());
                Files.createDirectories(f.getParent());
                Files.writeString(f, e.getValue(), StandardCharsets.UTF_8);
            }
            return;
        }
        Map<String, String> expected = new TreeMap<>();
        if (Files.isDirectory(GOLDEN)) {
            try (var walk = Files.walk(GOLDEN)) {
                for (Path p : walk.filter(Files::isRegularFile).toList()) {
                    expected.put(GOLDEN.relativize(p).toString().replace('\\', '/'), Files.readString(p));
                }
            }
        }
        assertEquals(expected.keySet(), actual.keySet(), "the set of rendered scripts changed; if intended, rerun "
                + "with -Dgolden.update=true and review the diff of " + GOLDEN);
        for (String k : expected.keySet()) {
            assertEquals(expected.get(k), actual.get(k), k + " changed; if intended, rerun with -Dgolden.update=true "
                    + "and review the diff of " + GOLDEN.resolve(k));
        }
    }

    @Test
    void everyRenderedScriptPassesShAndShellcheck() throws IOException {
        Cmd.require("sh", "shellcheck");
        for (Map.Entry<String, Map<String, byte[]>> sc : scenarios().entrySet()) {
            for (Map.Entry<String, byte[]> s : sc.getValue().entrySet()) {
                Path f = tmp.resolve(sc.getKey() + "-" + s.getKey());
                Files.write(f, s.getValue());
                Cmd.Result syntax = Cmd.run("sh", "-n", f.toString());
                assertEquals(0, syntax.exit(), f.getFileName() + ": sh -n: " + syntax.all());
                Cmd.Result check = Cmd.run("shellcheck", "--shell=sh", "--severity=style", f.toString());
                assertEquals(0, check.exit(), f.getFileName() + ": shellcheck:\n" + check.all());
            }
        }
    }

    @Test
    void everyPolicyActionIsDispatchedAndUnknownOnesAreIgnored() {
        Map<ScriptName, String> scripts = MaintainerScripts.byName(scenarios().get("service"));
        assertEquals(List.of(ScriptName.POSTINST, ScriptName.PRERM, ScriptName.POSTRM),
                new ArrayList<>(scripts.keySet()), "no preinst: nothing to do before unpacking");
        for (Map.Entry<ScriptName, String> e : scripts.entrySet()) {
            String text = e.getValue();
            assertTrue(text.startsWith("#!/bin/sh\n"), text);
            assertTrue(text.contains("\nset -e\n"), text);
            assertTrue(text.contains("case \"$1\" in\n"), text);
            List<String> labels = new ArrayList<>();
            for (String line : text.split("\n")) {
                if (line.matches("    [a-z|-]+\\)")) {
                    labels.addAll(List.of(line.strip().replace(")", "").split("\\|")));
                }
            }
            assertEquals(new java.util.TreeSet<>(e.getKey().actions()), new java.util.TreeSet<>(labels),
                    e.getKey() + " must name every action of Policy ch. 6 exactly once:\n" + text);
            assertEquals(labels.size(), new java.util.HashSet<>(labels).size(), text);
            assertTrue(text.contains("    *)\n        ;;\nesac"), "unknown actions are ignored:\n" + text);
            assertTrue(text.endsWith("\nexit 0\n"), text);
        }
        String postinst = scripts.get(ScriptName.POSTINST);
        assertTrue(postinst.contains("    configure|abort-upgrade|abort-remove|abort-deconfigure)\n"),
                "set-up runs for configure and every abort-* (an unwound upgrade restarts the old version):\n"
                        + postinst);
        assertTrue(scripts.get(ScriptName.PRERM).contains("    remove|upgrade|deconfigure|failed-upgrade)\n"
                + "        # prerm-systemd-stop"), scripts.get(ScriptName.PRERM));
    }

    @Test
    void unknownActionsAndDpkgRootDoNothing() throws IOException {
        Cmd.require("sh");
        // run for real: an unknown action must exit 0 without running any command (PATH is empty: any command
        // other than shell built-ins would fail and, with set -e, stop the script)
        for (Map.Entry<String, byte[]> s : scenarios().get("service").entrySet()) {
            Path f = tmp.resolve(s.getKey());
            Files.write(f, s.getValue());
            Cmd.Result r = Cmd.run(null, Map.of("PATH", tmp.resolve("empty").toString()), "/bin/sh", f.toString(),
                    "some-future-action");
            assertEquals(0, r.exit(), s.getKey() + ": " + r.all());
            assertEquals("", r.all(), s.getKey());
        }
    }

    @Test
    void prermAndPostrmRunSnippetsInReverseOrder() {
        String postinst = MaintainerScripts.byName(scenarios().get("service")).get(ScriptName.POSTINST);
        assertOrder(postinst, "# postinst-user", "# postinst-dirs", "# postinst-systemd-enable",
                "# postinst-systemd-start");
        String postrm = MaintainerScripts.byName(scenarios().get("service")).get(ScriptName.POSTRM);
        // added: purge-logs, purge-datadir, systemd-reload, systemd-purge -> run in reverse
        assertOrder(postrm, "# postrm-systemd-purge", "# postrm-purge-datadir", "# postrm-purge-logs");
        assertTrue(postrm.contains("    remove)\n        # postrm-systemd-reload"), postrm);
        assertTrue(postrm.contains("    upgrade|failed-upgrade|abort-install|abort-upgrade|disappear)\n        ;;"),
                postrm);
        assertFalse(postrm.contains("deluser") || postrm.contains("userdel"), "the system user is never deleted");
    }

    private static void assertOrder(String text, String... markers) {
        int at = -1;
        for (String m : markers) {
            int i = text.indexOf(m);
            assertTrue(i > at, m + " out of order in:\n" + text);
            at = i;
        }
    }

    @Test
    void userScriptKeepsItsContentAndGetsTheCodeAtTheToken() {
        Map<ScriptName, String> s = MaintainerScripts.byName(scenarios().get("user-scripts"));
        String postinst = s.get(ScriptName.POSTINST);
        assertTrue(postinst.startsWith("#!/bin/sh\n# the author's own postinst\nset -e\n"), postinst);
        assertFalse(postinst.contains(MaintainerScripts.TOKEN), postinst);
        int before = postinst.indexOf("before the generated code");
        int generated = postinst.indexOf("# Added by jpackage-deb");
        int after = postinst.indexOf(".configured");
        assertTrue(before >= 0 && before < generated && generated < after, postinst);
        // a user preinst without snippets is shipped as written, the token line dropped (indented token allowed)
        assertEquals(USER_PREINST.replace("    #DEBHELPER#\n", ""), s.get(ScriptName.PREINST));
    }

    @Test
    void noScriptWhenThereIsNothingToDo() {
        assertEquals(Map.of(), MaintainerScripts.assemble(PKG, List.of(), Map.of()));
        assertEquals(Optional.empty(), MaintainerScripts.render(ScriptName.PREINST, PKG, service(false), null));
    }

    @Test
    void userScriptErrorsNameTheFileAndTheFix() {
        Map<String, String> bad = new LinkedHashMap<>();
        bad.put("#!/bin/sh\nset -e\necho no token\n", "has no #DEBHELPER# line");
        bad.put("#!/bin/sh\nset -e\n#DEBHELPER#\n#DEBHELPER#\n", "more than once");
        bad.put("#!/bin/sh\nset -e\necho #DEBHELPER#\n", "not on a line of its own");
        bad.put("#!/bin/sh\r\nset -e\r\n#DEBHELPER#\r\n", "CRLF");
        bad.put("#!/usr/bin/perl\n#DEBHELPER#\n", "not a POSIX shell");
        bad.put("set -e\n#DEBHELPER#\n", "'#!' interpreter line");
        for (Map.Entry<String, String> b : bad.entrySet()) {
            DebException e = assertThrows(DebException.class, () -> MaintainerScripts.assemble(PKG, service(false),
                    Map.of(ScriptName.POSTINST, new UserScript("/src/debian/postinst", b.getKey()))));
            assertEquals("maintainerScript", e.field());
            assertEquals("/src/debian/postinst", e.value(), "the error names the file");
            assertTrue(e.problem().contains(b.getValue()), e.getMessage());
            if (e.fix() == null || e.fix().isBlank()) {
                fail("no fix in " + e.getMessage());
            }
        }
    }

    @Test
    void valuesThatTheShellWouldInterpretAreRefused() {
        for (String v : List.of("a b;rm -rf /", "$(id)", "x`id`", "a\"b", "a'b", "a\nb", "", "a  b")) {
            assertThrows(DebException.class, () -> Snippets.purgeLogs(v), v);
        }
        Snippets.purgeLogs("/var/log/a.b+c_d@e:f-g");
    }

    @Test
    void aStrictRendererRefusesMissingAndUnusedValues() {
        Snippet missing = Snippet.forAll(ScriptName.POSTINST, "postinst-dirs", Map.of("USER", "a", "GROUP", "a"));
        assertThrows(IllegalStateException.class, () -> MaintainerScripts.assemble(PKG, List.of(missing), Map.of()));
        Snippet extra = Snippet.of(ScriptName.POSTRM, "postrm-purge-logs", List.of("purge"),
                Map.of("DIR", "/var/log/x", "PACKAGE", "x"));
        assertThrows(IllegalStateException.class, () -> MaintainerScripts.assemble(PKG, List.of(extra), Map.of()));
        assertThrows(IllegalArgumentException.class, () -> Snippet.of(ScriptName.PRERM, "prerm-systemd-stop",
                List.of("configure"), Map.of("UNIT", "x.service")), "configure is no prerm action");
    }
}
