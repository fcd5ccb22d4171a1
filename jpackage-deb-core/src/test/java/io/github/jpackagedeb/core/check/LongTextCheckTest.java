package io.github.jpackagedeb.core.check;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code make-deb check}'s rules for long description lines and long file names, which are lintian's
 * (extended-description-line-too-long, package-has-long-file-name). The agreement with the real lintian is
 * checked by the it module's LongNamesLintianIT.
 */
class LongTextCheckTest {

    @TempDir
    Path tmp;

    private static List<String> tags(Path deb) {
        return PolicyCheck.check(DebContents.read(deb)).stream().map(PolicyCheck.Finding::tag).toList();
    }

    @Test
    void aDescriptionLineOver80ColumnsIsAWarning() throws Exception {
        RawDeb d = RawDeb.good();
        d.control.put("Description", "long line\n " + "x".repeat(79) + "\n " + "y".repeat(80));
        List<PolicyCheck.Finding> f = PolicyCheck.check(DebContents.read(d.write(tmp.resolve("raw_1.0-1_all.deb"))));
        List<PolicyCheck.Finding> too = f.stream().filter(x -> x.tag().equals("extended-description-line-too-long")).toList();
        assertEquals(1, too.size(), f.toString());
        assertEquals("line 2", too.get(0).detail());
        assertEquals(PolicyCheck.Severity.WARNING, too.get(0).severity());
    }

    @Test
    void aFileNameOver80CharactersCountedAsLintianDoesIsAWarning() throws Exception {
        // lintian counts the name as if the architecture were kfreebsd-amd64 (14 characters): "all" adds 11
        String justFits = "p".repeat(80 - 11 - "_1.0-1_all.deb".length()) + "_1.0-1_all.deb";
        assertEquals(69, justFits.length());
        assertTrue(PolicyCheck.longFileName(justFits, "all").isEmpty());
        assertTrue(PolicyCheck.longFileName("p" + justFits, "all").isPresent());
        assertTrue(PolicyCheck.longFileName("p".repeat(80 - 9 - "_1.0-1_amd64.deb".length()) + "_1.0-1_amd64.deb", "amd64").isEmpty());

        assertTrue(tags(RawDeb.good().write(tmp.resolve(justFits))).stream().noneMatch(t -> t.equals("package-has-long-file-name")));
        PolicyCheck.Finding f = PolicyCheck.check(DebContents.read(RawDeb.good().write(tmp.resolve("p" + justFits)))).stream()
                .filter(x -> x.tag().equals("package-has-long-file-name")).findFirst().orElseThrow();
        assertEquals(PolicyCheck.Severity.WARNING, f.severity());
        assertEquals("p" + justFits, f.detail());
    }
}
