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
 * The whole life of the hello-service package under a real, booted systemd (research/reliability.md 4.5, 8): a copy
 * of the systemd + JRE base boots with {@code systemd-nspawn --boot}; a oneshot unit runs
 * {@code lifecycle-boot.sh} (install, conffile edit, upgrade, same-version reinstall, rollback, a 2.1.0 whose postinst
 * fails and the rollback from it, remove, reinstall, purge; at each step: service active, /health answers with the
 * right version, user, directories, the edited /etc/default file and the data in /var/lib), then powers off. dpkg
 * runs with {@code --force-confdef --force-confold}, as unattended deployments must.
 */
class LifecycleBootIT {

    @Test
    void installUpgradeRollbackRemoveReinstallPurgeUnderSystemd() throws IOException {
        Env.requireRoot();
        Env.requireTool("systemd-nspawn");
        Env.requireTool("unshare");
        Path v1 = ServiceDebs.v1();
        Path v2 = ServiceDebs.v2();
        Path broken = ServiceDebs.v2Broken();
        try (DebianRoot.Copy root = DebianRoot.withSystemd().fresh()) {
            Path script = Files.createTempFile(Env.pathProperty("it.workDir"), "lifecycle-boot", ".sh");
            try (InputStream in = LifecycleBootIT.class.getResourceAsStream("lifecycle-boot.sh")) {
                Files.write(script, in.readAllBytes());
            }
            Path unit = Files.writeString(Env.pathProperty("it.workDir").resolve("it.service"), String.join("\n",
                    "[Unit]", "Description=jpackage-deb lifecycle test", "After=multi-user.target", "",
                    "[Service]", "Type=oneshot", "ExecStart=/usr/local/sbin/it.sh",
                    "ExecStopPost=/bin/systemctl --no-block poweroff", "",
                    "[Install]", "WantedBy=multi-user.target", ""));
            root.sh("mkdir -p /root/debs"
                    + " && cp " + root.put(v1) + " /root/debs/v1.deb"
                    + " && cp " + root.put(v2) + " /root/debs/v2.deb"
                    + " && cp " + root.put(broken) + " /root/debs/v2-broken.deb"
                    + " && install -m 0755 " + root.put(script) + " /usr/local/sbin/it.sh"
                    + " && install -m 0644 " + root.put(unit) + " /etc/systemd/system/it.service"
                    + " && ln -sf /etc/systemd/system/it.service /etc/systemd/system/multi-user.target.wants/it.service"
                    + " && rm -f /root/it.log");
            long start = System.nanoTime();
            // nspawn needs a tmpfs at /run/systemd/nspawn on this (containerised) host; it is mounted only in the
            // private mount namespace of onTree, as is the copy's overlay
            Proc.Result boot = root.onTree("mkdir -p /run/systemd/nspawn\n"
                    + "mount -t tmpfs tmpfs /run/systemd/nspawn\n"
                    + "exec systemd-nspawn -q -D \"$ROOT\" --register=no --keep-unit --boot\n")
                    .timeout(Duration.ofMinutes(12)).exec();
            long seconds = (System.nanoTime() - start) / 1_000_000_000;
            String log = root.exists("/root/it.log") ? root.read("/root/it.log") : "(no /root/it.log)";
            System.out.println("[LifecycleBootIT] boot, lifecycle and poweroff took " + seconds + " s; log:\n" + log);
            List<String> failed = new ArrayList<>();
            for (String line : log.split("\n")) {
                if (line.startsWith("FAIL: ")) {
                    failed.add(line);
                }
            }
            assertTrue(log.contains("\nEND"), "the lifecycle script did not finish:\n" + log + "\n" + boot.describe());
            assertEquals(List.of(), failed, log);
            for (String step : List.of("install", "edit", "upgrade", "reinstall-same-version", "rollback",
                    "broken-upgrade", "rollback-from-broken", "remove", "reinstall", "purge")) {
                assertTrue(log.contains("\nok: " + step + ": "), step + " made no check:\n" + log);
            }
            assertEquals(0, boot.exit(), boot.describe());
        }
    }
}
