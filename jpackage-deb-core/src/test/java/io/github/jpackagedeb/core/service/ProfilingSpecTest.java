package io.github.jpackagedeb.core.service;

import io.github.jpackagedeb.core.DebException;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The profiling setting: defaults, the cap, every bad value named, and what debian/'s /etc/default file sets. */
class ProfilingSpecTest {

    @Test
    void defaultsAndCap() {
        ProfilingSpec p = ProfilingSpec.builder().build();
        assertTrue(p.enabled());
        assertEquals("on", p.switchValue());
        assertEquals("100M", p.maxSize());
        assertEquals("24h", p.maxAge());
        assertEquals("lean", p.settings());
        assertTrue(p.settingsIsLean());
        assertEquals("/usr/lib/hello/profiling.jfc", p.jfrSettings("hello"), "the package's own, derived at build time");
        assertEquals("default", p.toBuilder().settings("default").build().jfrSettings("hello"));
        assertEquals("profile", p.toBuilder().settings("profile").build().jfrSettings("hello"));
        assertEquals(4, p.keep());
        assertEquals(100L * 1024 * 1024, p.maxSizeBytes());
        assertEquals(5L * 112 * 1024 * 1024, p.capBytes(), "(keep + 1) x (maxsize + one 12M chunk)");
        assertEquals("/var/lib/hello/profiles", ProfilingSpec.directory("hello"));
        ProfilingSpec q = ProfilingSpec.builder().maxSize("256m").maxAge("7d").settings("profile").keep("0").build();
        assertEquals(256L * 1024 * 1024, q.maxSizeBytes());
        assertEquals("/usr/share/hello/p.jfc",
                ProfilingSpec.builder().settings("/usr/share/hello/p.jfc").build().settings());
        assertFalse(ProfilingSpec.OFF.enabled());
        assertEquals(q, q.toBuilder().build());
    }

    @Test
    void badValuesAreNamed() {
        bad("service.profiling.maxSize", "256X", b -> b.maxSize("256X"));
        bad("service.profiling.maxSize", "0M", b -> b.maxSize("0M"));
        bad("service.profiling.maxSize", "512k", b -> b.maxSize("512k"));
        bad("service.profiling.maxSize", "-5M", b -> b.maxSize("-5M"));
        bad("service.profiling.maxAge", "24", b -> b.maxAge("24"));
        bad("service.profiling.maxAge", "0h", b -> b.maxAge("0h"));
        bad("service.profiling.maxAge", "1w", b -> b.maxAge("1w"));
        bad("service.profiling.settings", "fast", b -> b.settings("fast"));
        bad("service.profiling.settings", "my.jfc", b -> b.settings("my.jfc"));
        bad("service.profiling.settings", "/etc/x y.jfc", b -> b.settings("/etc/x y.jfc"));
        bad("service.profiling.settings", "/etc/x;rm.jfc", b -> b.settings("/etc/x;rm.jfc"));
        bad("service.profiling.keep", "-1", b -> b.keep("-1"));
        bad("service.profiling.keep", "many", b -> b.keep("many"));
    }

    private static void bad(String field, String value, java.util.function.Consumer<ProfilingSpec.Builder> set) {
        ProfilingSpec.Builder b = ProfilingSpec.builder();
        set.accept(b);
        DebException e = assertThrows(DebException.class, b::build);
        assertEquals(field, e.field());
        assertEquals(value, e.value());
        assertTrue(e.getMessage().contains(value), e.getMessage());
        assertFalse(e.fix().isBlank());
    }

    @Test
    void theDefaultFileOfDebianDirBuildsItInAndOverridesFieldByField() {
        String file = "# settings\nJAVA_OPTS=\"-Xmx1g\"\nPROFILING=off\nPROFILING_MAXSIZE=\"32M\"\n#PROFILING_MAXAGE=9h\n"
                + "PROFILING_KEEP=2 # two\n";
        ProfilingSpec p = ProfilingSpec.effective(null, file, "debian/hello.default");
        assertTrue(p.enabled(), "PROFILING=off builds it in, off on hosts");
        assertEquals("off", p.switchValue());
        assertEquals("32M", p.maxSize());
        assertEquals("24h", p.maxAge(), "a commented line is documentation only");
        assertEquals(2, p.keep());

        ProfilingSpec configured = ProfilingSpec.builder().maxAge("2h").build();
        ProfilingSpec q = ProfilingSpec.effective(configured, "PROFILING_SETTINGS=profile\n", "debian/hello.default");
        assertEquals("on", q.switchValue());
        assertEquals("2h", q.maxAge());
        assertEquals("profile", q.settings());
        assertSame(configured, ProfilingSpec.effective(configured, "JAVA_OPTS=-Xmx1g\n", "f"));
        assertSame(ProfilingSpec.OFF, ProfilingSpec.effective(null, "#PROFILING=on\n", "f"));
    }

    @Test
    void theDefaultFileCannotContradictTheBuild() {
        DebException e = assertThrows(DebException.class,
                () -> ProfilingSpec.effective(null, "PROFILING_MAXSIZE=10M\n", "debian/hello.default"));
        assertEquals("PROFILING_MAXSIZE=10M", e.value());
        assertTrue(e.fix().contains("PROFILING=on"), e.getMessage());

        ProfilingSpec off = ProfilingSpec.builder().enabled(false).build();
        e = assertThrows(DebException.class, () -> ProfilingSpec.effective(off, "PROFILING=on\n", "debian/hello.default"));
        assertTrue(e.getMessage().contains("debian/hello.default") && e.getMessage().contains("<enabled>false"),
                e.getMessage());

        e = assertThrows(DebException.class, () -> ProfilingSpec.effective(null, "PROFILING=yes\n", "debian/x.default"));
        assertEquals("PROFILING=yes", e.value());
        e = assertThrows(DebException.class,
                () -> ProfilingSpec.effective(null, "PROFILING=on\nPROFILING_MAXAGE=forever\n", "debian/x.default"));
        assertEquals("service.profiling.maxAge", e.field());
        assertTrue(e.problem().startsWith("in debian/x.default: "), e.problem());
    }
}
