package io.github.jpackagedeb.it;

import io.github.jpackagedeb.core.DebException;
import io.github.jpackagedeb.core.service.ServiceSpec;
import io.github.jpackagedeb.core.service.SystemdUnit;
import io.github.jpackagedeb.it.support.Env;
import io.github.jpackagedeb.it.support.Proc;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Unit directives against the real systemd (issue 16, point 2): every unit the builder accepts passes
 * {@code systemd-analyze verify} without a word, and each directive it refuses makes systemd-analyze complain when
 * written into the unit anyway, so the build-time model and systemd agree.
 */
class UnitDirectivesIT {

    /** Accepted directive sets, each rendered into a whole unit. */
    static final List<List<String>> ACCEPTED = List.of(
            List.of(),
            List.of("LimitNOFILE=65536", "TimeoutStopSec=1min 30s", "KillSignal=SIGINT", "Nice=5",
                    "Environment=\"JAVA_TOOL_OPTIONS=-Xss1m\"", "ReadWritePaths=-/srv/data", "MemoryMax=1G"),
            List.of("ExecStart=", "ExecStart=/usr/bin/hello -tcp -tcpPort 9092"),
            List.of("Type=oneshot", "RemainAfterExit=yes", "ExecStart=/usr/bin/hello --migrate"),
            List.of("[Unit]", "Wants=network-online.target", "After=network-online.target", "StartLimitBurst=10",
                    "[Install]", "Alias=hello-alias.service"));

    /** Directives the builder refuses; written raw into [Service], systemd-analyze must complain about each. */
    static final List<String> REFUSED = List.of("ExecStart=/usr/bin/hello -tcp", "LimitNoFile=65536",
            "NoNewPrivileges=maybe", "RestartSec=soon", "Type=daemon", "Restart=sometimes", "KillMode=all",
            "WorkingDirectory=relative/dir", "Wants=postgresql.service", "OOMScoreAdjust=high");

    private static Proc.Result verify(String unit) throws IOException {
        Path root = Files.createTempDirectory(Files.createDirectories(Env.pathProperty("it.workDir").resolve("units")), "u-");
        Path file = Files.createDirectories(root.resolve("lib/systemd/system")).resolve("hello.service");
        Files.writeString(file, unit);
        Path bin = Files.createDirectories(root.resolve("usr/bin")).resolve("hello");
        Files.writeString(bin, "#!/bin/sh\nexit 0\n");
        bin.toFile().setExecutable(true);
        return Proc.of(List.of("systemd-analyze", "verify", "--man=no", "--recursive-errors=no", "--root=" + root,
                "/lib/systemd/system/hello.service")).exec();
    }

    @Test
    void everyAcceptedUnitPassesSystemdAnalyzeVerify() throws IOException {
        Env.requireTool("systemd-analyze");
        for (List<String> directives : ACCEPTED) {
            String unit = SystemdUnit.render(ServiceSpec.builder().unitDirectives(directives).build()
                    .resolve("hello", "says hello"), "hello", "/usr/bin/hello");
            Proc.Result r = verify(unit);
            assertEquals(0, r.exit(), directives + ":\n" + r.describe());
            assertEquals("", r.output().strip(), directives + ": verify prints nothing:\n" + unit);
        }
    }

    @Test
    void systemdAnalyzeComplainsAboutEveryDirectiveTheBuilderRefuses() throws IOException {
        Env.requireTool("systemd-analyze");
        String good = SystemdUnit.render(ServiceSpec.builder().build().resolve("hello", "says hello"), "hello",
                "/usr/bin/hello");
        for (String d : REFUSED) {
            DebException e = assertThrows(DebException.class,
                    () -> ServiceSpec.builder().unitDirective(d).build(), d);
            assertEquals("service.unitDirectives", e.field());
            String raw = good.replace("\n[Install]", d + "\n\n[Install]");
            Proc.Result r = verify(raw);
            assertFalse(r.exit() == 0 && r.output().isBlank(), d + ": systemd-analyze accepts it silently");
            assertTrue(r.output().contains("hello.service"), d + ":\n" + r.describe());
            System.out.printf("[UnitDirectivesIT] %s: refused at build time (%s); systemd-analyze: %s%n", d,
                    e.problem().lines().findFirst().orElse(""), r.output().lines().findFirst().orElse("").strip());
        }
    }
}
