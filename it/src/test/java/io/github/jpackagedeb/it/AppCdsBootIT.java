package io.github.jpackagedeb.it;

import io.github.jpackagedeb.it.support.BootScript;
import io.github.jpackagedeb.it.support.DebianRoot;
import io.github.jpackagedeb.it.support.Env;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The class-data sharing archive under a real, booted systemd (issue 17, install): examples/hello-cli as the reactor
 * built it (bundled runtime, {@code <appCds>}) in a copy of the systemd + JRE base booted with
 * {@code systemd-nspawn --boot}. postinst hands the dump to the transient unit {@code hello-cli-app-cds.service}, so
 * {@code dpkg -i} returns without waiting for it; {@code appcds-boot.sh} checks that the unit ran and the launcher
 * maps the archive it wrote, that a reinstall and a remove while a dump runs stop it first (no process, no directory
 * coming back after the remove), that a failed dump leaves its warning in the journal and no file, and that purge
 * leaves nothing. Without systemd (a chroot: {@link RuntimeHelloCliIT})
 * postinst dumps at once.
 */
class AppCdsBootIT {

    @Test
    void postinstDumpsInTheBackgroundUnderSystemd() {
        Env.requireRoot();
        Env.requireTool("systemd-nspawn");
        Env.requireTool("unshare");
        Path deb = Env.pathProperty("it.helloCliTarget").resolve("hello-cli_1.0.0-1_amd64.deb");
        assertTrue(Files.isRegularFile(deb), "the reactor builds hello-cli with a bundled runtime: " + deb);
        try (DebianRoot.Copy root = DebianRoot.withSystemd().fresh()) {
            BootScript.run(root, AppCdsBootIT.class, "appcds-boot.sh", Map.of("hello-cli", deb))
                    .assertPassed()
                    .assertChecked(List.of("install", "reinstall-during-dump", "remove-during-dump", "dump-fails",
                            "purge"), "");
        }
    }
}
