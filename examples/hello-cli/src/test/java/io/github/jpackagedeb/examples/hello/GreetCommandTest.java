package io.github.jpackagedeb.examples.hello;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class GreetCommandTest {

    @Test
    void greetsByName() {
        Run run = Run.of("greet", "Ada");
        assertEquals(0, run.status());
        assertEquals("Hello, Ada!" + System.lineSeparator(), run.out());
    }

    @Test
    void templateReplacesName() {
        assertEquals("Good morning, Grace.", Run.of("greet", "--template", "Good morning, ${name}.", "Grace").out().strip());
    }

    @Test
    void blankNameIsAUsageError() {
        Run run = Run.of("greet", "  ");
        assertEquals(2, run.status());
        assertTrue(run.err().contains("NAME is blank"), run.err());
        assertEquals("", run.out());
    }

    @Test
    void missingNameIsAUsageError() {
        Run run = Run.of("greet");
        assertEquals(2, run.status());
        assertTrue(run.err().contains("Missing required parameter: 'NAME'"), run.err());
    }

    @Test
    void templateWithoutPlaceholderIsAUsageError() {
        Run run = Run.of("greet", "--template", "Hi", "Ada");
        assertEquals(2, run.status());
        assertTrue(run.err().contains("has no ${name} placeholder"), run.err());
    }
}
