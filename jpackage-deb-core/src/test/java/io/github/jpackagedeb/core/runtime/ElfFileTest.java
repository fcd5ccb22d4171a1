package io.github.jpackagedeb.core.runtime;

import io.github.jpackagedeb.core.testing.Integration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Our ELF reader against binutils' readelf, on the JDK's own native files. */
@Integration
class ElfFileTest {

    @TempDir
    Path tmp;

    @Test
    void readsWhatReadelfReads() throws IOException {
        Fixtures.requireTool("readelf");
        Path home = Jdk.current().home();
        for (Path f : List.of(home.resolve("lib/server/libjvm.so"), home.resolve("bin/java"),
                home.resolve("lib/libzip.so"), home.resolve("lib/libjli.so"))) {
            ElfFile elf = ElfFile.read(f);
            String dyn = Tools.run("readelf", "-dW", f.toString());
            List<String> needed = new ArrayList<>();
            Matcher m = Pattern.compile("\\(NEEDED\\)\\s+Shared library: \\[([^\\]]+)\\]").matcher(dyn);
            while (m.find()) {
                needed.add(m.group(1));
            }
            assertEquals(needed, elf.needed(), f.toString());
            Matcher so = Pattern.compile("\\(SONAME\\)\\s+Library soname: \\[([^\\]]+)\\]").matcher(dyn);
            assertEquals(so.find() ? so.group(1) : null, elf.soname(), f.toString());
            assertEquals(readelfVersionNeeds(f), elf.versionNeeds(), f.toString());
            assertEquals(ElfFile.EM_X86_64, elf.machine());
            assertTrue(elf.is64());
        }
    }

    /** {@code readelf -V}'s "Version needs" section: file → version names (weak ones too; the JDK has none). */
    private static Map<String, Set<String>> readelfVersionNeeds(Path f) {
        Map<String, Set<String>> map = new LinkedHashMap<>();
        boolean in = false;
        String file = null;
        for (String line : Tools.run("readelf", "-VW", f.toString()).split("\n")) {
            if (line.startsWith("Version needs section")) {
                in = true;
                continue;
            }
            if (in && line.startsWith("Version ") && !line.contains("needs")) {
                break;
            }
            if (!in) {
                continue;
            }
            Matcher fm = Pattern.compile("File: (\\S+)").matcher(line);
            Matcher nm = Pattern.compile("Name: (\\S+)").matcher(line);
            if (fm.find()) {
                file = fm.group(1);
                map.computeIfAbsent(file, k -> new LinkedHashSet<>());
            } else if (nm.find() && file != null) {
                map.get(file).add(nm.group(1));
            }
        }
        return map;
    }

    @Test
    void tellsElfFromOtherFilesAndRefusesBrokenOnes() throws IOException {
        Path text = Files.writeString(tmp.resolve("a.txt"), "hello");
        assertFalse(ElfFile.isElf(text));
        assertTrue(ElfFile.isElf(Jdk.current().home().resolve("bin/java")));
        byte[] head = Files.readAllBytes(Jdk.current().home().resolve("bin/java"));
        Path cut = Files.write(tmp.resolve("cut"), java.util.Arrays.copyOf(head, 200));
        assertThrows(IOException.class, () -> ElfFile.read(cut));
    }
}
