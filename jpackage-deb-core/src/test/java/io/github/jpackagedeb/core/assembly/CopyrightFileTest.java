package io.github.jpackagedeb.core.assembly;

import io.github.jpackagedeb.core.control.PackageSpec;
import io.github.jpackagedeb.core.version.DebianVersion;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The generated DEP-5 copyright file: license expressions and the copyright years. */
class CopyrightFileTest {

    private static final PackageSpec SPEC = PackageSpec.builder().name("app").version(DebianVersion.parse("1.0-1"))
            .maintainer("Jane Doe <jane@example.org>").synopsis("does things").build();

    private static String copyright(List<License> licenses, Integer since) {
        PackageDocs docs = new PackageDocs("App", null, List.of("Jane Doe"), licenses, List.of(), null, since);
        return new String(DocFiles.copyright(SPEC, docs, List.of(), 2026), StandardCharsets.UTF_8);
    }

    @Test
    void anSpdxOrExpressionKeepsEveryAlternative() {
        String c = copyright(List.of(new License("Apache-2.0 OR MIT", null)), null);
        assertTrue(c.contains("License: Apache-2.0 or Expat\n"), c);
        assertTrue(c.contains("/usr/share/common-licenses/Apache-2.0"), c);
        assertTrue(c.contains(" MIT."), "each alternative has its own text:\n" + c);
        assertEquals(List.of("Apache-2.0", "Expat"), DocFiles.alternatives(List.of(new License("(Apache-2.0 OR MIT)", null),
                new License("MIT License", null))).stream().map(License::shortName).toList(),
                "parentheses dropped, one license stated twice listed once");
    }

    @Test
    void theYearsStartAtTheInceptionYear() {
        assertTrue(copyright(List.of(new License("MIT", null)), 2019).contains("Copyright: 2019-2026 Jane Doe"),
                copyright(List.of(new License("MIT", null)), 2019));
        assertTrue(copyright(List.of(new License("MIT", null)), 2026).contains("Copyright: 2026 Jane Doe"));
        assertTrue(copyright(List.of(new License("MIT", null)), null).contains("Copyright: 2026 Jane Doe"));
    }

    @Test
    void noLicenseIsStatedAsUnknown() {
        String c = copyright(List.of(), null);
        assertTrue(c.contains("License: unknown\n"), c);
    }
}
