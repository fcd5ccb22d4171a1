package io.github.jpackagedeb.examples.hello;

/**
 * A job that could not be done (unreadable file, malformed CSV...). {@link HelloCli} prints
 * the message, without a stack trace, and exits with status 1.
 */
public final class HelloCliException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what went wrong and, where it helps, how to fix it
     */
    public HelloCliException(String message) {
        super(message);
    }

    /**
     * Creates the exception with its cause.
     *
     * @param message what went wrong and, where it helps, how to fix it
     * @param cause the underlying error
     */
    public HelloCliException(String message, Throwable cause) {
        super(message, cause);
    }
}
