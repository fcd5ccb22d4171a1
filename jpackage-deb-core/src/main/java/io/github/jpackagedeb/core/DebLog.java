package io.github.jpackagedeb.core;

/**
 * The one logging interface of core. Front ends adapt it to Maven's log or to the terminal.
 */
public interface DebLog {

    void debug(String message);

    void info(String message);

    void warn(String message);

    /** A log that drops everything; for tests and library use. */
    DebLog SILENT = new DebLog() {
        @Override public void debug(String message) { }
        @Override public void info(String message) { }
        @Override public void warn(String message) { }
    };
}
