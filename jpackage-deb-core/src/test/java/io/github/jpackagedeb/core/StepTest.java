package io.github.jpackagedeb.core;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StepTest {

    /** Collects the info lines. */
    static final class Lines implements DebLog {
        final List<String> info = new CopyOnWriteArrayList<>();

        @Override public void debug(String message) { }
        @Override public void info(String message) { info.add(message); }
        @Override public void warn(String message) { info.add("WARN " + message); }
    }

    @Test
    void aLongStepSaysItStartedThatItIsAliveWithItsProgressAndHowLongItTook() throws Exception {
        Lines log = new Lines();
        AtomicInteger done = new AtomicInteger();
        try (Step step = Step.start(log, "jlink", "linking 3 modules", 50).progress(() -> done.get() + " of 3")) {
            done.set(2);
            Thread.sleep(300);
            step.done("linked 3 modules");
        }
        assertEquals("jlink: linking 3 modules...", log.info.get(0));
        assertTrue(log.info.stream().anyMatch(l -> l.matches("jlink: still running after [0-9.]+ s, 2 of 3")),
                log.info.toString());
        String last = log.info.get(log.info.size() - 1);
        assertTrue(last.matches("jlink: linked 3 modules in [0-9]+\\.[0-9] s"), last);
        int lines = log.info.size();
        Thread.sleep(200);
        assertEquals(lines, log.info.size(), "no progress line after the step ended");
    }

    @Test
    void aFailedStepStopsItsProgressLinesWithoutAnEndLine() throws Exception {
        Lines log = new Lines();
        try (Step ignored = Step.start(log, "jdeps", "reading 2 jars", 50)) {
            Thread.sleep(20);
        }
        int lines = log.info.size();
        Thread.sleep(200);
        assertEquals(lines, log.info.size(), log.info.toString());
        assertTrue(log.info.stream().noneMatch(l -> l.contains(" in ") && l.endsWith(" s")), log.info.toString());
    }
}
