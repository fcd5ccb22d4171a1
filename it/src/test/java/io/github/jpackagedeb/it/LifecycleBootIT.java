package io.github.jpackagedeb.it;

import io.github.jpackagedeb.it.support.BootScript;
import io.github.jpackagedeb.it.support.DebianRoot;
import io.github.jpackagedeb.it.support.Env;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;


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
            BootScript.run(root, LifecycleBootIT.class, "lifecycle-boot.sh",
                            Map.of("v1", v1, "v2", v2, "v2-broken", broken))
                    .assertPassed()
                    .assertChecked(List.of("install", "edit", "upgrade", "reinstall-same-version", "rollback",
                            "broken-upgrade", "rollback-from-broken", "remove", "reinstall", "purge"), "");
        }
    }
}
