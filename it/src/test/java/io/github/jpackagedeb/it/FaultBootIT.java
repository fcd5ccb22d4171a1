package io.github.jpackagedeb.it;

import io.github.jpackagedeb.it.support.DebianRoot;
import io.github.jpackagedeb.it.support.Env;
import io.github.jpackagedeb.it.support.Proc;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
            Path script = Files.createTempFile(Env.pathProperty("it.workDir"), "fault-boot", ".sh");
            try (InputStream in = FaultBootIT.class.getResourceAsStream("fault-boot.sh")) {
                Files.write(script, in.readAllBytes());
            }
            Path unit = Files.writeString(Env.pathProperty("it.workDir").resolve("it-fault.service"), String.join("\n",
                    "[Unit]", "Description=jpackage-deb install fault test", "After=multi-user.target", "",
                    "[Service]", "Type=oneshot", "ExecStart=/usr/local/sbin/it.sh",
                    "ExecStopPost=/bin/systemctl --no-block poweroff", "",
                    "[Install]", "WantedBy=multi-user.target", ""));
            root.sh("mkdir -p /root/debs"
                    + " && cp " + root.put(v1) + " /root/debs/v1.deb"
                    + " && cp " + root.put(v2) + " /root/debs/v2.deb"
                    + " && install -m 0755 " + root.put(script) + " /usr/local/sbin/it.sh"
                    + " && install -m 0644 " + root.put(unit) + " /etc/systemd/system/it.service"
                    + " && ln -sf /etc/systemd/system/it.service /etc/systemd/system/multi-user.target.wants/it.service"
                    + " && rm -f /root/it.log");
            long start = System.nanoTime();
            // as in LifecycleBootIT: nspawn needs a tmpfs at /run/systemd/nspawn on this (containerised) host
            Proc.Result boot = root.onTree("mkdir -p /run/systemd/nspawn\n"
                    + "mount -t tmpfs tmpfs /run/systemd/nspawn\n"
                    + "exec systemd-nspawn -q -D \"$ROOT\" --register=no --keep-unit --boot\n")
                    .timeout(Duration.ofMinutes(12)).exec();
            long seconds = (System.nanoTime() - start) / 1_000_000_000;
            String log = root.exists("/root/it.log") ? root.read("/root/it.log") : "(no /root/it.log)";
            System.out.println("[FaultBootIT] boot, 4 staged dpkg kills, recoveries and poweroff took " + seconds
                    + " s; log:\n" + log);
            List<String> failed = new ArrayList<>();
            for (String line : log.split("\n")) {
                if (line.startsWith("FAIL: ")) {
                    failed.add(line);
                }
            }
            assertTrue(log.contains("\nEND"), "the fault script did not finish:\n" + log + "\n" + boot.describe());
            assertEquals(List.of(), failed, log);
            for (String step : List.of("first-install-killed-in-postinst", "upgrade-killed-in-unpack",
                    "rollback-killed-in-postinst", "upgrade-killed-in-postinst")) {
                assertTrue(log.contains("\nok: " + step + ": " + "hello-service is active"), step + ":\n" + log);
                assertTrue(log.contains("\nok: " + step + ": /health answers "), step + ":\n" + log);
                assertTrue(log.contains("\nfault: " + step + ": killed in "), step + ":\n" + log);
            }
            assertEquals(0, boot.exit(), boot.describe());
        }
    }
}
