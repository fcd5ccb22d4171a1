package io.github.jpackagedeb.it;

import io.github.jpackagedeb.it.support.DebInspector;
import io.github.jpackagedeb.it.support.Env;
import io.github.jpackagedeb.it.support.Lintian;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The hello-service package as the reactor built it: lintian clean (no error, no warning), the service
 * archetype's files, conffiles and scripts, as dpkg-deb sees them.
 */
class ServicePackageIT {

    @Test
    void lintianFindsNoErrorOrWarning() {
        Lintian.assertClean(ServiceDebs.v1());
    }

    @Test
    void theServiceArchetypeIsInThePackage() {
        Env.requireTool("dpkg-deb");
        DebInspector deb = DebInspector.of(ServiceDebs.v1());
        Map<String, String> f = deb.fields();
        assertEquals("hello-service", f.get("Package"));
        assertEquals("1.0.0-1", f.get("Version"));
        assertTrue(f.get("Depends").endsWith(", adduser"), f.get("Depends"));
        assertEquals("/etc/default/hello-service\n", deb.controlFile("conffiles").orElseThrow());
        DebInspector.Entry unit = deb.entry("/lib/systemd/system/hello-service.service").orElseThrow();
        assertEquals("0644", unit.octal());
        assertTrue(deb.entry("/usr/share/doc/hello-service/README.Debian").isPresent(), "the <extraFiles> entry");
        assertTrue(deb.contents().stream().allMatch(e -> e.owner().equals("root") && e.group().equals("root")));
        assertTrue(deb.contents().stream().filter(DebInspector.Entry::isRegularFile)
                .filter(e -> e.path().contains("/lib/") && e.path().endsWith(".jar")).count() >= 40,
                "a realistic closure: 40+ jars");
        Map<String, String> ctl = deb.controlFiles();
        assertFalse(ctl.containsKey("preinst"));
        for (String s : List.of("postinst", "prerm", "postrm")) {
            assertTrue(ctl.get(s).startsWith("#!/bin/sh\n"), s);
        }
        assertTrue(ctl.get("postinst").contains("adduser --system"), ctl.get("postinst"));
        assertTrue(ctl.get("prerm").contains("deb-systemd-invoke stop hello-service.service"), ctl.get("prerm"));
        assertTrue(ctl.get("postrm").contains("rmdir --ignore-fail-on-non-empty"), ctl.get("postrm"));
    }
}
