package io.github.jpackagedeb.it;

import io.github.jpackagedeb.it.support.BootScript;
import io.github.jpackagedeb.it.support.DebianRoot;
import io.github.jpackagedeb.it.support.Env;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Faults during an install with the service under a real, booted systemd (issue 8, 3): the real hello-service
 * packages (no test hook in them) in a copy of the systemd + JRE base booted with {@code systemd-nspawn --boot}; a
 * oneshot unit runs {@code fault-boot.sh}: dpkg killed with SIGKILL during postinst configure of a first install, of
 * a rollback and of an upgrade (found by polling the process list for the package's postinst), and during the
 * unpack of an upgrade; after each, the standard recovery ({@code dpkg --configure -a}, or {@code dpkg -i} again
 * after a kill in unpack) leaves the package installed, {@code dpkg --audit} clean, the service enabled, active,
 * running as its user and answering /health with the right version. {@link FaultInstallIT} covers the same faults
 * in a non-booted root (states, lock, corrupt packages).
 */
class FaultBootIT {

    @Test
    void dpkgKilledDuringPostinstOrUnpackRecoversWithTheServiceRunning() throws IOException {
        Env.requireRoot();
        Env.requireTool("systemd-nspawn");
        Env.requireTool("unshare");
        Path v1 = ServiceDebs.v1();
        Path v2 = ServiceDebs.v2();
        try (DebianRoot.Copy root = DebianRoot.withSystemd().fresh()) {
            BootScript.Result r = BootScript.run(root, FaultBootIT.class, "fault-boot.sh", Map.of("v1", v1, "v2", v2))
                    .assertPassed();
            List<String> steps = List.of("first-install-killed-in-postinst", "upgrade-killed-in-unpack",
                    "rollback-killed-in-postinst", "upgrade-killed-in-postinst");
            r.assertChecked(steps, "hello-service is active").assertChecked(steps, "/health answers ");
            for (String step : steps) {
                assertTrue(r.log().contains("\nfault: " + step + ": killed in "), step + ":\n" + r.log());
            }
        }
    }
}
