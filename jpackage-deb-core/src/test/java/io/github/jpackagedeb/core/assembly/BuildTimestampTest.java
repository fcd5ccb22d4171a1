package io.github.jpackagedeb.core.assembly;

import io.github.jpackagedeb.core.DebLog;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BuildTimestampTest {

    private static final Instant NOW = Instant.parse("2026-12-05T10:00:00.5Z");

    private static final class Recorded implements DebLog {
        final List<String> warnings = new ArrayList<>();

        @Override public void debug(String message) { }
        @Override public void info(String message) { }
        @Override public void warn(String message) {
            warnings.add(message);
        }
    }

    @Test
    void withoutEitherSourceTheBuildSaysOnceThatItIsNotReproducible() {
        Recorded log = new Recorded();
        Instant t = BuildTimestamp.resolve(null, null, NOW, log, "set the property.");
        assertEquals(Instant.parse("2026-12-05T10:00:00Z"), t);
        assertEquals(1, log.warnings.size());
        String w = log.warnings.get(0);
        assertTrue(w.contains("not reproducible") && w.contains("project.build.outputTimestamp")
                && w.contains("SOURCE_DATE_EPOCH") && w.endsWith("Fix: set the property."), w);
        // Maven's one-character value switches the property off: still not reproducible
        BuildTimestamp.resolve("a", " ", NOW, log, "x");
        assertEquals(2, log.warnings.size());
    }

    @Test
    void eitherSourceIsReproducibleAndSilent() {
        Recorded log = new Recorded();
        assertEquals(Instant.ofEpochSecond(1700000000),
                BuildTimestamp.resolve("2023-11-14T22:13:20Z", null, NOW, log, "x"));
        assertEquals(Instant.ofEpochSecond(1234), BuildTimestamp.resolve(null, "1234", NOW, log, "x"));
        assertEquals(Instant.ofEpochSecond(99), BuildTimestamp.resolve("99", "1234", NOW, log, "x"),
                "project.build.outputTimestamp wins over SOURCE_DATE_EPOCH");
        assertTrue(log.warnings.isEmpty(), log.warnings.toString());
    }
}
