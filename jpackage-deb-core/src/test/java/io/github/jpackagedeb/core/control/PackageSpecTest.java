package io.github.jpackagedeb.core.control;

import io.github.jpackagedeb.core.DebException;
import io.github.jpackagedeb.core.version.DebianVersion;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.function.UnaryOperator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PackageSpecTest {

    static PackageSpec.Builder valid() {
        return PackageSpec.builder().name("hello-cli").version(DebianVersion.parse("1.0.0-1"))
                .maintainer("Jane Doe <jane@example.org>").synopsis("prints greetings and CSV statistics")
                .longDescription("A small tool.\n\nIt does two things.").homepage("https://example.org/hello");
    }

    private static DebException bad(UnaryOperator<PackageSpec.Builder> change) {
        return assertThrows(DebException.class, () -> change.apply(valid()).build());
    }

    @Test
    void buildsAndKeepsValues() {
        PackageSpec s = valid().relation(Relation.DEPENDS, "adduser").relation(Relation.RECOMMENDS, "curl | wget").build();
        assertEquals("hello-cli", s.name());
        assertEquals("1.0.0-1", s.version().toString());
        assertEquals("misc", s.section());
        assertEquals("optional", s.priority());
        assertEquals("all", s.architecture());
        assertEquals(List.of("adduser"), s.relation(Relation.DEPENDS));
        assertEquals(List.of("curl | wget"), s.relation(Relation.RECOMMENDS));
        assertEquals("hello-cli_1.0.0-1_all.deb", s.debFileName());
        assertEquals(s, s.toBuilder().build());
    }

    @Test
    void fileNameLeavesTheEpochOut() {
        assertEquals("hello-cli_1.0.0-1_all.deb", valid().version(DebianVersion.parse("2:1.0.0-1")).build().debFileName());
    }

    @Test
    void everyRelationFieldIsKept() {
        PackageSpec.Builder b = valid();
        for (Relation r : Relation.values()) {
            b.relation(r, r == Relation.PROVIDES ? "virtual-thing" : "libfoo1 (>= 1.2~rc1-1)");
        }
        PackageSpec s = b.build();
        assertEquals(Relation.values().length, s.relations().size());
    }

    @Test
    void missingMaintainerNamesTheFix() {
        DebException e = bad(b -> b.maintainer(null));
        assertEquals("maintainer", e.field());
        assertTrue(e.getMessage().contains("Full Name <email@example.org>"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"jane@example.org", "Jane Doe", "Jane <jane>", "<jane@example.org>", "Jane, Doe <j@example.org>",
            "Jane <j@example.org>\nDepends: evil"})
    void badMaintainers(String m) {
        DebException e = bad(b -> b.maintainer(m));
        assertEquals("maintainer", e.field());
        assertEquals(m, e.value());
    }

    @Test
    void synopsisRules() {
        assertEquals("description", bad(b -> b.synopsis(null)).field());
        assertEquals("description", bad(b -> b.synopsis("  ")).field());
        assertTrue(bad(b -> b.synopsis("x".repeat(81))).getMessage().contains("81 characters"));
        assertTrue(bad(b -> b.synopsis("hello-cli prints greetings")).getMessage().contains("starts with the package name"));
        DebException inject = bad(b -> b.synopsis("ok\nDepends: evil"));
        assertTrue(inject.getMessage().contains("ok\\nDepends: evil"), inject.getMessage());
        assertEquals("a trailing dot is dropped", valid().synopsis("a trailing dot is dropped.").build().synopsis());
    }

    @Test
    void longDescriptionMayHaveParagraphsButNoControlCharacters() {
        assertEquals("longDescription", bad(b -> b.longDescription("bell\u0007")).field());
    }

    @ParameterizedTest
    @ValueSource(strings = {"Depends: x", "libfoo (>= )", "Foo", "libfoo (~ 1.0)", "a,b"})
    void badRelations(String entry) {
        DebException e = bad(b -> b.relation(Relation.DEPENDS, entry));
        assertEquals("Depends", e.field());
        assertEquals(entry, e.value());
    }

    @Test
    void providesAllowsOnlyExactVersions() {
        bad(b -> b.relation(Relation.PROVIDES, "foo (>= 1)"));
        bad(b -> b.relation(Relation.PROVIDES, "foo | bar"));
        valid().relation(Relation.PROVIDES, "foo (= 1.0)").build();
    }

    @Test
    void otherFields() {
        assertEquals("priority", bad(b -> b.priority("urgent")).field());
        assertEquals("section", bad(b -> b.section("Bad Section")).field());
        assertEquals("homepage", bad(b -> b.homepage("example.org")).field());
        assertEquals("architecture", bad(b -> b.architecture("AMD64")).field());
        assertEquals("version", bad(b -> b.version(null)).field());
        assertEquals("packageName", bad(b -> b.name("Hello_CLI")).field());
    }
}
