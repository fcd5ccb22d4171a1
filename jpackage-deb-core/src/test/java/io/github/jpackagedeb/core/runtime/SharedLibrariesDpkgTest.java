package io.github.jpackagedeb.core.runtime;

import io.github.jpackagedeb.core.testing.Integration;

import io.github.jpackagedeb.core.version.DebianVersion;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Keeps {@link SharedLibraries}'s table honest against the facts of this Debian machine: which package ships each
 * library ({@code dpkg -S}), what {@code dpkg-shlibdeps} computes for the JDK's own native files, and the minimum
 * versions in Debian's {@code .symbols} files for the symbol-version nodes the table maps.
 */
@Integration
class SharedLibrariesDpkgTest {

    @TempDir
    Path tmp;

    /** Every ELF file of the running JDK (Debian's OpenJDK: what jlink copies from its jmods). */
    private static List<SharedLibraries.Input> jdkFiles(List<Path> paths) throws IOException {
        List<SharedLibraries.Input> in = new ArrayList<>();
        for (Map.Entry<Path, ElfFile> e : Jlink.elfFiles(Jdk.current().home()).entrySet()) {
            in.add(new SharedLibraries.Input(e.getKey().getFileName().toString(), e.getValue()));
            paths.add(e.getKey());
        }
        return in;
    }

    @Test
    void theComputedRelationsAreWhatDpkgShlibdepsSays() throws IOException {
        Fixtures.requireTool("dpkg-shlibdeps");
        List<Path> paths = new ArrayList<>();
        SharedLibraries.Relations ours = SharedLibraries.compute(jdkFiles(paths), new Fixtures.RecordingLog());
        assertEquals(List.of(), ours.unknownSonames());

        Files.createDirectories(tmp.resolve("debian"));
        Files.writeString(tmp.resolve("debian/control"), "Source: x\n\nPackage: x\nArchitecture: any\n");
        Path home = Jdk.current().home();
        List<String> cmd = new ArrayList<>(List.of("dpkg-shlibdeps", "-O", "-l" + home.resolve("lib"),
                "-l" + home.resolve("lib/server")));
        paths.forEach(p -> cmd.add(p.toString()));
        ToolRun r = Tools.exec(tmp, cmd.toArray(String[]::new));
        assertEquals(0, r.exit(), r.output());
        String line = r.output().lines().filter(l -> l.startsWith("shlibs:Depends=")).findFirst().orElseThrow();
        Set<String> theirs = new TreeSet<>(List.of(line.substring("shlibs:Depends=".length()).split(", ")));
        Set<String> mine = new TreeSet<>(ours.depends());
        mine.addAll(ours.recommends());
        assertEquals(theirs, mine, "Depends + Recommends must equal dpkg-shlibdeps's list for the same files");
        assertTrue(ours.depends().contains("libstdc++6 (>= 5)"), "lintian: missing-dependency-on-libstdc++");
    }

    @Test
    void eachLibraryOfTheTableComesFromThePackageTheTableNames() {
        Fixtures.requireTool("dpkg");
        Fixtures.requireTool("ldconfig");
        Map<String, Path> resolved = new HashMap<>();
        for (String l : Tools.run("ldconfig", "-p").split("\n")) {
            String s = l.strip();
            int arrow = s.indexOf(" => ");
            if (arrow > 0 && s.contains("x86-64")) {
                resolved.putIfAbsent(s.substring(0, s.indexOf(' ')), Path.of(s.substring(arrow + 4)));
            }
        }
        int checked = 0;
        for (SharedLibraries.Row row : SharedLibraries.TABLE) {
            Path p = resolved.get(row.soname());
            if (p == null) {
                continue; // not installed here (another architecture's loader, an optional library)
            }
            String real;
            try {
                real = p.toRealPath().toString();
            } catch (IOException e) {
                continue;
            }
            ToolRun r = Tools.exec(null, "dpkg", "-S", real);
            if (r.exit() != 0) {
                // merged /usr: dpkg knows /lib/x86_64-linux-gnu/... under the other name
                String other = real.startsWith("/usr/") ? real.substring(4) : "/usr" + real;
                r = Tools.exec(null, "dpkg", "-S", other);
            }
            assertEquals(0, r.exit(), "dpkg -S " + real + ":\n" + r.output());
            String pkg = r.output().strip().split(":")[0];
            assertEquals(row.pkg(), pkg, row.soname() + " (" + real + ")");
            checked++;
        }
        assertTrue(checked >= 15, "the JDK's libraries are installed here: checked only " + checked);
    }

    @Test
    void theSymbolVersionNodesMatchDebiansSymbolsFiles() throws IOException {
        Fixtures.requireTool("dpkg");
        String arch = Tools.run("dpkg", "--print-architecture").strip();
        Map<String, String> packageOfPrefix = Map.of("GLIBC_", "libc6", "GCC_", "libgcc-s1", "GLIBCXX_", "libstdc++6",
                "CXXABI_", "libstdc++6", "ZLIB_", "zlib1g");
        Map<String, Map<String, DebianVersion>> minima = new HashMap<>();
        for (String pkg : new TreeSet<>(packageOfPrefix.values())) {
            Path symbols = Path.of("/var/lib/dpkg/info/" + pkg + ":" + arch + ".symbols");
            assertTrue(Files.isRegularFile(symbols), symbols + " is missing");
            minima.put(pkg, nodeMinima(symbols));
        }
        int checked = 0;
        for (Map.Entry<String, String> prefix : packageOfPrefix.entrySet()) {
            Map<String, DebianVersion> nodes = minima.get(prefix.getValue());
            for (Map.Entry<String, DebianVersion> node : nodes.entrySet()) {
                if (!node.getKey().startsWith(prefix.getKey())) {
                    continue;
                }
                String ours = SharedLibraries.nodeVersion(prefix.getKey().equals("CXXABI_") ? "GLIBCXX_" : prefix.getKey(),
                        node.getKey());
                if (ours == null) {
                    assertFalse(node.getKey().matches("[A-Z]+_[0-9.]+"),
                            "no version for the numbered node " + node.getKey());
                    continue;
                }
                assertEquals(node.getValue(), DebianVersion.parse(ours), node.getKey() + " in " + prefix.getValue());
                checked++;
            }
        }
        assertTrue(checked > 60, "checked " + checked + " nodes");
    }

    /** node → the lowest minimum version of its symbols, from a deb-symbols(5) file. */
    private static Map<String, DebianVersion> nodeMinima(Path symbols) throws IOException {
        Map<String, DebianVersion> min = new TreeMap<>();
        for (String line : Files.readAllLines(symbols)) {
            if (!line.startsWith(" ") || line.startsWith(" (")) {
                continue;
            }
            String[] f = line.strip().split("\\s+");
            if (f.length < 2 || !f[0].contains("@")) {
                continue;
            }
            String node = f[0].substring(f[0].lastIndexOf('@') + 1);
            if (f[1].equals("0") || node.equals("Base")) {
                continue;
            }
            DebianVersion v = DebianVersion.parse(f[1]);
            min.merge(node, v, (a, b) -> a.compareTo(b) <= 0 ? a : b);
        }
        return min;
    }
}
