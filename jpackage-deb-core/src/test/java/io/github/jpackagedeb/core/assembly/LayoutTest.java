package io.github.jpackagedeb.core.assembly;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class LayoutTest {

    @Test
    void standardLayout() {
        Layout l = Layout.standard("hello-cli");
        assertEquals("/usr/share/java/hello-cli/lib", l.libDir());
        assertEquals("/usr/share/java/hello-cli/bin/hello-cli", l.launcher());
        assertEquals("/usr/bin/hello-cli", l.command());
        assertEquals("/etc/default/hello-cli", l.defaultsFile());
        assertEquals("/usr/share/man/man1/hello-cli.1.gz", l.manPage());
        assertEquals("usr/bin/hello-cli", Layout.rel(l.command()));
    }

    @Test
    void linksAreRelativeWithinATopLevelDirectoryAndAbsoluteAcrossThem() {
        assertEquals("../share/java/hello-cli/bin/hello-cli",
                Layout.linkTarget("/usr/bin/hello-cli", "/usr/share/java/hello-cli/bin/hello-cli"));
        assertEquals("runtime", Layout.linkTarget("/usr/share/x/rt", "/usr/share/x/runtime"));
        assertEquals("../../../lib/x/runtime", Layout.linkTarget("/usr/share/java/x/runtime", "/usr/lib/x/runtime"));
        assertEquals("/usr/lib/x", Layout.linkTarget("/etc/x/link", "/usr/lib/x"));
    }
}
