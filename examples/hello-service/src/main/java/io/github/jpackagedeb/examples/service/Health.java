package io.github.jpackagedeb.examples.service;

import java.time.Instant;

/**
 * The answer to {@code GET /health}.
 *
 * @param status  always {@code UP} while the server answers
 * @param version the application version
 * @param starts  how many times the service has started on this machine (kept in its data directory)
 * @param since   when this process started
 */
public record Health(String status, String version, long starts, Instant since) {
}
