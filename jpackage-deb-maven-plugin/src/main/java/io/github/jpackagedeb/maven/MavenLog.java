package io.github.jpackagedeb.maven;

import io.github.jpackagedeb.core.DebLog;
import org.apache.maven.plugin.logging.Log;

/** Core's log, written to Maven's. */
record MavenLog(Log log) implements DebLog {
    @Override
    public void debug(String message) {
        log.debug(message);
    }

    @Override
    public void info(String message) {
        log.info(message);
    }

    @Override
    public void warn(String message) {
        log.warn(message);
    }
}
