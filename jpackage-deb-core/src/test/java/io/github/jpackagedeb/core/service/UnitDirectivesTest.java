package io.github.jpackagedeb.core.service;

import io.github.jpackagedeb.core.DebException;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The typed model of unit directives (issue 16, point 2): what systemd would refuse or ignore is a build error naming
 * the directive and the fix. it's UnitDirectivesIT checks the same directives against the real systemd-analyze.
 */
class UnitDirectivesTest {

    private static final String FIELD = "service.unitDirectives";

    private static DebException refused(String... lines) {
        DebException e = assertThrows(DebException.class, () -> ServiceSpec.builder()
                .unitDirectives(List.of(lines)).build(), String.join(" ", lines));
        assertEquals(FIELD, e.field());
        assertTrue(e.fix() != null && !e.fix().isBlank(), e.getMessage());
        return e;
    }

    @Test
    void aSecondExecStartIsRefusedWithTheFix() {
        DebException e = refused("ExecStart=/usr/bin/hello -tcp -tcpPort 9092");
        assertEquals("ExecStart=/usr/bin/hello -tcp -tcpPort 9092", e.value());
        assertTrue(e.problem().contains("more than one ExecStart="), e.problem());
        assertTrue(e.fix().contains("<arguments>") && e.fix().contains("empty ExecStart="), e.fix());
    }

    @Test
    void anEmptyExecStartFirstReplacesTheCommand() {
        ServiceSpec s = ServiceSpec.builder().unitDirectives(List.of("ExecStart=", "ExecStart=/usr/bin/hello -x"))
                .build();
        assertEquals(2, s.directives().size());
        DebException e = refused("ExecStart=", "ExecStart=/usr/bin/a", "ExecStart=/usr/bin/b");
        assertEquals("ExecStart=/usr/bin/b", e.value());
        e = refused("ExecStart=");
        assertTrue(e.problem().contains("no ExecStart= follows"), e.problem());
    }

    @Test
    void aOneshotServiceMayHaveSeveralExecStart() {
        ServiceSpec.builder().unitDirectives(List.of("Type=oneshot", "RemainAfterExit=yes",
                "ExecStart=/usr/bin/hello --migrate")).build();
        refused("Type=oneshot", "ExecStart=/usr/bin/a", "Type=simple");
    }

    @Test
    void unknownKeysAndSectionsAreRefusedWithASuggestion() {
        DebException e = refused("LimitNoFile=65536");
        assertTrue(e.problem().contains("LimitNoFile= is not a key of the [Service] section"), e.problem());
        assertTrue(e.fix().contains("did you mean LimitNOFILE?"), e.fix());
        e = refused("Wants=postgresql.service");
        assertTrue(e.problem().contains("belongs in [Unit]"), e.problem());
        e = refused("[Timer]", "OnCalendar=daily");
        assertTrue(e.problem().contains("[Timer] is not a section of a service unit"), e.problem());
        refused("[Service");
        refused("not a directive");
        refused("Environment=A=1\nExecStart=/bin/sh");
    }

    @Test
    void valuesOfTheWrongTypeAreRefused() {
        for (String bad : List.of("NoNewPrivileges=maybe", "RestartSec=soon", "TimeoutStopSec=5 parsecs",
                "LimitNOFILE=lots", "Type=daemon", "Restart=sometimes", "KillMode=all", "KillSignal=TERMINATE!",
                "WorkingDirectory=relative/dir", "StartLimitBurst=-1", "OOMScoreAdjust=high", "Nice=40", "MemoryMax=lots")) {
            DebException e = refused(bad);
            assertEquals(bad, e.value());
            assertTrue(e.problem().startsWith(bad + ": not"), e.problem());
        }
    }

    @Test
    void validDirectivesOfEverySectionAreAccepted() {
        ServiceSpec s = ServiceSpec.builder().unitDirectives(List.of(
                "LimitNOFILE=65536", "LimitCORE=infinity", "LimitNOFILE=1024:524288", "TimeoutStopSec=1min 30s",
                "RestartSec=500ms", "TimeoutStartSec=infinity", "NoNewPrivileges=true", "KillSignal=SIGINT",
                "KillMode=mixed", "Environment=\"JAVA_TOOL_OPTIONS=-Xss1m\"", "OOMScoreAdjust=-100",
                "AmbientCapabilities=CAP_NET_BIND_SERVICE", "CapabilityBoundingSet=CAP_NET_BIND_SERVICE",
                "ReadWritePaths=-/srv/data", "WorkingDirectory=~", "MemoryMax=1G", "MemoryHigh=80%", "TimeoutStopSec=",
                "[Unit]", "Wants=postgresql.service", "After=postgresql.service", "StartLimitIntervalSec=60",
                "StartLimitBurst=10", "[Install]", "Alias=h2.service", "[Service]", "Nice=5")).build();
        List<UnitDirectives.Directive> d = s.directives();
        assertEquals(24, d.size(), "the section lines are not directives");
        assertEquals(new UnitDirectives.Directive("Unit", "Wants", "postgresql.service"), d.get(18));
        assertEquals(new UnitDirectives.Directive("Install", "Alias", "h2.service"), d.get(22));
        assertEquals(new UnitDirectives.Directive("Service", "Nice", "5"), d.get(23));
    }

    @Test
    void theRenderedUnitPutsEachDirectiveInItsSection() {
        ServiceSpec s = ServiceSpec.builder().unitDirectives(List.of("LimitNOFILE=65536", "[Unit]",
                "After=postgresql.service", "[Install]", "Alias=h2.service")).build().resolve("hello", "says hello");
        String unit = SystemdUnit.render(s, "hello", "/usr/bin/hello");
        int unitSection = unit.indexOf("[Unit]");
        int service = unit.indexOf("[Service]");
        int install = unit.indexOf("[Install]");
        int after = unit.indexOf("\nAfter=postgresql.service\n");
        int limit = unit.indexOf("\nLimitNOFILE=65536\n");
        int alias = unit.indexOf("\nAlias=h2.service\n");
        assertTrue(unitSection < after && after < service, unit);
        assertTrue(service < limit && limit < install, unit);
        assertTrue(install < alias, unit);
        assertTrue(unit.contains("\nType=" + SystemdUnit.TYPE + "\n"), unit);
    }

    @Test
    void theModelKnowsSystemd252sKeys() {
        assertTrue(UnitDirectives.isKnown("Service", "ExecStart"));
        assertTrue(UnitDirectives.isKnown("Service", "ProtectProc"));
        assertTrue(UnitDirectives.isKnown("Unit", "StartLimitBurst"));
        assertTrue(UnitDirectives.isKnown("Install", "WantedBy"));
        assertTrue(!UnitDirectives.isKnown("Service", "Wants"));
        // every key of the generated unit is known, in its section
        String unit = SystemdUnit.render(ServiceSpec.builder().build().resolve("hello", "x"), "hello", "/usr/bin/hello");
        String section = null;
        for (String line : unit.split("\n")) {
            if (line.startsWith("[")) {
                section = line.substring(1, line.length() - 1);
            } else if (!line.isBlank() && !line.startsWith("#")) {
                String key = line.substring(0, line.indexOf('='));
                assertTrue(UnitDirectives.isKnown(section, key), section + " " + key);
            }
        }
    }
}
