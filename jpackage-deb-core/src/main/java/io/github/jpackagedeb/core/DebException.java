package io.github.jpackagedeb.core;

import java.util.Objects;

/**
 * Every error core reports about its input. It carries the input it is about ({@link #field()},
 * a stable core name such as {@code version} or {@code maintainer}), the bad value and how to fix
 * it, so that each front end can word it for its users (a pom element, a command-line flag).
 */
public class DebException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String field;
    private final String value;
    private final String fix;

    public DebException(String field, String value, String problem, String fix) {
        this(field, value, problem, fix, null);
    }

    public DebException(String field, String value, String problem, String fix, Throwable cause) {
        super(Objects.requireNonNull(problem, "problem"), cause);
        this.field = Objects.requireNonNull(field, "field");
        this.value = value;
        this.fix = fix;
    }

    /** The core name of the input at fault, e.g. {@code version}, {@code packageName}, {@code jar}. */
    public String field() {
        return field;
    }

    /** The offending value as given (may be null when the value is missing). */
    public String value() {
        return value;
    }

    /** What the user should do, or null. */
    public String fix() {
        return fix;
    }

    /** The problem alone, without field, value or fix. */
    public String problem() {
        return super.getMessage();
    }

    @Override
    public String getMessage() {
        StringBuilder sb = new StringBuilder();
        sb.append(field).append(": ");
        if (value == null) {
            sb.append("(missing)");
        } else {
            sb.append('\'').append(printable(value)).append('\'');
        }
        sb.append(": ").append(problem());
        if (fix != null && !fix.isEmpty()) {
            sb.append(" Fix: ").append(fix);
        }
        return sb.toString();
    }

    /** Shows control characters visibly so an injected newline cannot hide in a message. */
    public static String printable(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\n') {
                sb.append("\\n");
            } else if (c == '\r') {
                sb.append("\\r");
            } else if (c == '\t') {
                sb.append("\\t");
            } else if (c < 0x20 || c == 0x7f) {
                sb.append(String.format("\\x%02x", (int) c));
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }
}
