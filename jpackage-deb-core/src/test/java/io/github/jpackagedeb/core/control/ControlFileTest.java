package io.github.jpackagedeb.core.control;

import io.github.jpackagedeb.core.testing.Integration;

import io.github.jpackagedeb.core.version.DebianVersion;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Integration
class ControlFileTest {

    @Test
    void rendersFieldsInDpkgOrderWithFoldedDescription() {
        PackageSpec spec = PackageSpec.builder().name("hello-cli").version(DebianVersion.parse("1:1.0.0~rc1-2"))
                .maintainer("Jane Doe <jane@example.org>").synopsis("prints greetings")
                .longDescription("First paragraph\nstill first.\n\nSecond  paragraph.\n  indented line")
                .homepage("https://example.org/hello")
                .relation(Relation.BREAKS, "old-hello (<< 1.0)")
                .relation(Relation.DEPENDS, "default-jre-headless (>= 2:1.17) | java17-runtime-headless")
                .relation(Relation.PRE_DEPENDS, "dpkg (>= 1.19)")
                .build();
        String expected = """
                Package: hello-cli
                Version: 1:1.0.0~rc1-2
                Architecture: all
                Maintainer: Jane Doe <jane@example.org>
                Installed-Size: 42
                Pre-Depends: dpkg (>= 1.19)
                Depends: default-jre-headless (>= 2:1.17) | java17-runtime-headless
                Breaks: old-hello (<< 1.0)
                Section: misc
                Priority: optional
                Homepage: https://example.org/hello
                Description: prints greetings
                 First paragraph
                 still first.
                 .
                 Second paragraph.
                   indented line
                """;
        assertEquals(expected, new String(ControlFile.render(spec, 42), StandardCharsets.UTF_8));
    }

    @Test
    void longLinesAreWrappedAtWordsAndVerbatimLinesKept() {
        String word = "abcdefghi";
        String longLine = (word + " ").repeat(20).trim();
        String folded = ControlFile.foldDescription(longLine + "\n  verbatim " + longLine);
        for (String line : folded.split("\n")) {
            if (!line.startsWith("   verbatim")) {
                assertTrue(line.length() <= 80, line);
            }
        }
        assertEquals(longLine, folded.lines().filter(l -> !l.startsWith("   ")).map(String::trim)
                .reduce((a, b) -> a + " " + b).orElseThrow());
        assertTrue(folded.contains("\n   verbatim " + longLine + "\n"), folded);
    }

    @Test
    void noLongDescriptionMeansNoContinuationLines() {
        PackageSpec spec = PackageSpec.builder().name("ab").version(DebianVersion.parse("1-1"))
                .maintainer("J D <j@example.org>").synopsis("does things").build();
        String text = new String(ControlFile.render(spec, 1), StandardCharsets.UTF_8);
        assertEquals("Description: does things\n", text.substring(text.indexOf("Description:")));
    }

    /** A word longer than a line (87-character Maven coordinates, a long URL) is broken too, at a ':' or '.' if it can be. */
    @Test
    void wordsLongerThanALineAreBrokenToo() {
        String coordinates = "io.github.example.group:" + "a".repeat(75) + ":1.0.0";
        String url = "https://example.org/" + "x".repeat(150);
        String folded = ControlFile.foldDescription("This package installs " + coordinates + " and " + url + " for you.");
        for (String line : folded.split("\n")) {
            assertTrue(line.length() <= 80, line.length() + ": " + line);
        }
        assertTrue(folded.contains(" io.github.example.group:\n"), folded);
        assertEquals(("This package installs " + coordinates + " and " + url + " for you.").replace(" ", ""),
                folded.replace("\n", "").replace(" ", ""), "nothing lost, only broken into lines");
    }
}
