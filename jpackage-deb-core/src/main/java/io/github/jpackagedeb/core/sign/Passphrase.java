package io.github.jpackagedeb.core.sign;

import java.util.Arrays;
import java.util.Map;
import java.util.Objects;

/**
 * The passphrase of a secret key and where it came from. The value is never part of any message, log line or
 * {@link #toString()}; only {@link #source()} (for instance "the environment variable JPACKAGE_DEB_PASSPHRASE") is.
 */
public final class Passphrase {

    private static final Passphrase NONE = new Passphrase(null, "no passphrase", null);

    private final char[] value;
    private final String source;
    private final String variable;

    private Passphrase(char[] value, String source, String variable) {
        this.value = value;
        this.source = source;
        this.variable = variable;
    }

    /** No passphrase: only an unprotected key can be used. */
    public static Passphrase none() {
        return NONE;
    }

    /**
     * The value of an environment variable; {@link #isPresent()} is false when it is not set.
     *
     * @param variable the variable's name, e.g. {@code JPACKAGE_DEB_PASSPHRASE}
     * @param env      the environment ({@code System.getenv()})
     */
    public static Passphrase fromEnvironment(String variable, Map<String, String> env) {
        Objects.requireNonNull(variable, "variable");
        String v = env.get(variable);
        return new Passphrase(v == null ? null : v.toCharArray(), "the environment variable " + variable, variable);
    }

    /** A value the front end got elsewhere (e.g. a Maven settings.xml server entry), with its source for messages. */
    public static Passphrase of(char[] value, String source) {
        return new Passphrase(value == null ? null : value.clone(), Objects.requireNonNull(source, "source"), null);
    }

    /** True when there is a value (possibly empty). */
    public boolean isPresent() {
        return value != null;
    }

    /** Where the passphrase comes from, for messages; never the value. */
    public String source() {
        return source;
    }

    /** The environment variable's name when it comes from one, else null. */
    public String variable() {
        return variable;
    }

    /** A copy of the value (callers wipe it), or null when there is none. */
    char[] chars() {
        return value == null ? null : value.clone();
    }

    static void wipe(char[] chars) {
        if (chars != null) {
            Arrays.fill(chars, '\0');
        }
    }

    @Override
    public String toString() {
        return "Passphrase[" + source + (value == null ? ", not set" : "") + "]";
    }
}
