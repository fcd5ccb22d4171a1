package io.github.jpackagedeb.core;

import java.util.Objects;
import java.util.function.Function;

/**
 * Every error core reports about its input. It carries the {@link Setting} it is about, the bad value and how to fix
 * it, so that each front end can word it for its users (a pom element, a command-line flag). When the fix is to
 * change another setting ("set allowSpecialModes to true"), that setting travels typed as a {@link Change}, so a
 * front end words it from its own table too, never by editing the text.
 */
public class DebException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * A fix that asks the user to give {@code setting} the value {@code value}.
     *
     * @param setting the setting to change
     * @param value   the value to give it, as the user writes it ({@code true})
     */
    public record Change(Setting setting, String value) implements java.io.Serializable {
        public Change {
            Objects.requireNonNull(setting, "setting");
            Objects.requireNonNull(value, "value");
        }

        /** Core's wording: {@code set allowSpecialModes to true}. */
        @Override
        public String toString() {
            return "set " + setting.key() + " to " + value;
        }
    }

    private final Setting setting;
    private final String value;
    private final String fix;
    private final Change change;

    public DebException(Setting setting, String value, String problem, String fix) {
        this(setting, value, problem, fix, null, null);
    }

    public DebException(Setting setting, String value, String problem, String fix, Throwable cause) {
        this(setting, value, problem, fix, null, cause);
    }

    /**
     * An error whose fix ends by changing another setting: the fix reads {@code fix + change + "."}, e.g.
     * {@code "give permission bits only; or, if the file needs it, "} and {@code set allowSpecialModes to true}.
     *
     * @param fix    the fix up to the change (may be empty), or null for a fix that is the change alone
     * @param change the setting to change and its value
     */
    public DebException(Setting setting, String value, String problem, String fix, Change change, Throwable cause) {
        super(Objects.requireNonNull(problem, "problem"), cause);
        this.setting = Objects.requireNonNull(setting, "setting");
        this.value = value;
        this.fix = fix;
        this.change = change;
    }

    /** The setting at fault, e.g. {@link Setting#VERSION}. */
    public Setting setting() {
        return setting;
    }

    /** The core name of the setting at fault ({@code setting().key()}), e.g. {@code version}, {@code packageName}. */
    public String field() {
        return setting.key();
    }

    /** The offending value as given (may be null when the value is missing). */
    public String value() {
        return value;
    }

    /** What the user should do, in core's words, or null. */
    public String fix() {
        return fix(Change::toString);
    }

    /**
     * What the user should do, with the {@link #change()} (if any) worded by {@code wording}, e.g. as a pom element;
     * null when there is no fix.
     */
    public String fix(Function<Change, String> wording) {
        if (change == null) {
            return fix;
        }
        return (fix == null ? "" : fix) + wording.apply(change) + ".";
    }

    /** The other setting the fix asks the user to change, or null. */
    public Change change() {
        return change;
    }

    /**
     * This error restated about {@code setting} (e.g. the file a bad value came from), with another problem text and
     * the same fix and change; this error becomes the cause.
     */
    public DebException restate(Setting setting, String value, String problem) {
        return new DebException(setting, value, problem, fix, change, this);
    }

    /** The problem alone, without field, value or fix. */
    public String problem() {
        return super.getMessage();
    }

    @Override
    public String getMessage() {
        StringBuilder sb = new StringBuilder();
        sb.append(setting.key()).append(": ");
        if (value == null) {
            sb.append("(missing)");
        } else {
            sb.append('\'').append(printable(value)).append('\'');
        }
        sb.append(": ").append(problem());
        String f = fix();
        if (f != null && !f.isEmpty()) {
            sb.append(" Fix: ").append(f);
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
