package io.github.jpackagedeb.core.runtime;

import io.github.jpackagedeb.core.testing.Integration;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The mapping from sonames and symbol versions to Debian relationships, on hand-made inputs. */
@Integration
class SharedLibrariesTest {

    private static SharedLibraries.Input lib(String name, String soname, List<String> needed,
                                             Map<String, Set<String>> versions) {
        return new SharedLibraries.Input(name, new ElfFile(ElfFile.EM_X86_64, true, needed, soname, versions));
    }

    @Test
    void symbolVersionsRaiseTheMinimumVersion() {
        Fixtures.RecordingLog log = new Fixtures.RecordingLog();
        SharedLibraries.Relations r = SharedLibraries.compute(List.of(
                lib("java", null, List.of("libjli.so", "libc.so.6"), Map.of("libc.so.6", Set.of("GLIBC_2.2.5", "GLIBC_2.34"))),
                lib("libjli.so", "libjli.so", List.of("libz.so.1", "libc.so.6"),
                        Map.of("libz.so.1", Set.of("ZLIB_1.2.0", "ZLIB_1.2.2"), "libc.so.6", Set.of("GLIBC_2.14"))),
                lib("libjvm.so", "libjvm.so", List.of("libstdc++.so.6", "libgcc_s.so.1", "libm.so.6"),
                        Map.of("libstdc++.so.6", Set.of("GLIBCXX_3.4", "CXXABI_1.3"), "libgcc_s.so.1", Set.of("GCC_3.0"),
                                "libm.so.6", Set.of("GLIBC_2.29")))), log);
        assertEquals(List.of("libc6 (>= 2.34)", "libgcc-s1 (>= 3.0)", "libstdc++6 (>= 5)", "zlib1g (>= 1:1.2.2)"),
                r.depends(), "libjli.so is the runtime's own; libstdc++6's baseline 5 beats GLIBCXX_3.4's 4.1.1");
        assertEquals(List.of(), r.recommends());
        assertEquals(List.of(), r.unknownSonames());
    }

    @Test
    void newerToolchainsNeedNewerLibraries() {
        assertEquals("12", SharedLibraries.minimum(row("libstdc++.so.6"), Set.of("GLIBCXX_3.4.30", "CXXABI_1.3.9")).toString());
        assertEquals("2.17", SharedLibraries.minimum(row("libc.so.6"), Set.of("GLIBC_2.17")).toString());
        assertEquals("7", SharedLibraries.minimum(row("libgcc_s.so.1"), Set.of("GCC_3.0", "GCC_7.0.0")).toString());
        assertEquals("1:1.2.13.dfsg", SharedLibraries.minimum(row("libz.so.1"), Set.of("ZLIB_1.2.12")).toString());
        assertNull(SharedLibraries.nodeVersion("GLIBC_", "GLIBC_PRIVATE"));
        assertNull(SharedLibraries.minimum(row("libX11.so.6"), Set.of()));
    }

    private static SharedLibraries.Row row(String soname) {
        return SharedLibraries.TABLE.stream().filter(r -> r.soname().equals(soname)).findFirst().orElseThrow();
    }

    @Test
    void whatOnlyJavaDesktopNeedsIsRecommended() {
        Fixtures.RecordingLog log = new Fixtures.RecordingLog();
        SharedLibraries.Relations r = SharedLibraries.compute(List.of(
                lib("libjava.so", "libjava.so", List.of("libc.so.6"), Map.of("libc.so.6", Set.of("GLIBC_2.34"))),
                lib("libawt_xawt.so", "libawt_xawt.so", List.of("libX11.so.6", "libXext.so.6", "libc.so.6"),
                        Map.of("libc.so.6", Set.of("GLIBC_2.34"))),
                lib("libjsound.so", "libjsound.so", List.of("libasound.so.2"), Map.of()),
                lib("libfontmanager.so", "libfontmanager.so", List.of("libfreetype.so.6", "libz.so.1"), Map.of())),
                log);
        assertEquals(List.of("libc6 (>= 2.34)"), r.depends());
        assertEquals(List.of("libasound2 (>= 1.0.16)", "libfreetype6 (>= 2.3.5)", "libx11-6", "libxext6",
                "zlib1g (>= 1:1.1.4)"), r.recommends(), "libc6 is required anyway, so it is not recommended too");
    }

    @Test
    void anUnknownLibraryIsReportedNotGuessed() {
        Fixtures.RecordingLog log = new Fixtures.RecordingLog();
        SharedLibraries.Relations r = SharedLibraries.compute(List.of(
                lib("libfoo.so", "libfoo.so", List.of("libc.so.6", "libquux.so.3"), Map.of())), log);
        assertEquals(List.of("libquux.so.3"), r.unknownSonames());
        assertEquals(List.of("libc6"), r.depends());
        assertTrue(log.has("WARN", "libquux.so.3"), log.toString());
        assertTrue(log.has("WARN", "dpkg -S"), log.toString());
    }
}
