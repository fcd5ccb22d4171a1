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
 * The whole life of the hello-service package under a real, booted systemd (docs/services.md#how-it-is-tested): a copy
 * of the systemd + JRE base boots with {@code systemd-nspawn --boot}; a oneshot unit runs
 * {@code lifecycle-boot.sh} (install, conffile edit, upgrade, same-version reinstall, rollback, a 2.1.0 whose postinst
 * fails and the rollback from it, remove, reinstall, purge; at each step: service active, /health answers with the
 * right version, user, directories, the edited /etc/default file and the data in /var/lib), then powers off. dpkg
 * runs with {@code --force-confdef --force-confold}, as unattended deployments must. In the same boot, the Spring Boot
 * example: install (and the time from {@code dpkg -i} to the first HTTP 200), upgrade, rollback, purge, running as its
 * own user and answering /health with the right version at each step.
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
        Path bootV1 = SpringBootDebs.v1();
        Path bootV2 = SpringBootDebs.v2();
        try (DebianRoot.Copy root = DebianRoot.withSystemd().fresh()) {
            BootScript.Result r = BootScript.run(root, LifecycleBootIT.class, "lifecycle-boot.sh",
                            Map.of("v1", v1, "v2", v2, "v2-broken", broken, "sb-v1", bootV1, "sb-v2", bootV2));
            r.log().lines().filter(l -> l.contains("first HTTP 200")).forEach(l -> System.out.println("[LifecycleBootIT] " + l));
            r.assertPassed()
                    .assertChecked(List.of("install", "edit", "upgrade", "reinstall-same-version", "rollback",
                            "broken-upgrade", "rollback-from-broken", "remove", "reinstall", "purge",
                            "boot-install", "boot-upgrade", "boot-rollback", "boot-purge"), "");
        }
    }
}
