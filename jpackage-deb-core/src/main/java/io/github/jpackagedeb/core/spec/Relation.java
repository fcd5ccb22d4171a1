package io.github.jpackagedeb.core.spec;

/**
 * The binary package relationship fields of Debian Policy 7.1–7.6, in the order they are written
 * to the control file. The names are Debian's, verbatim.
 */
public enum Relation {
    PRE_DEPENDS("Pre-Depends"),
    DEPENDS("Depends"),
    RECOMMENDS("Recommends"),
    SUGGESTS("Suggests"),
    ENHANCES("Enhances"),
    BREAKS("Breaks"),
    CONFLICTS("Conflicts"),
    REPLACES("Replaces"),
    PROVIDES("Provides");

    private final String field;

    Relation(String field) {
        this.field = field;
    }

    /** The control field name, e.g. {@code Pre-Depends}. */
    public String field() {
        return field;
    }

    /** Parses a field name case-insensitively ({@code depends}, {@code Pre-Depends}, {@code pre_depends}). */
    public static Relation ofField(String name) {
        String n = name.trim().replace('_', '-');
        for (Relation r : values()) {
            if (r.field.equalsIgnoreCase(n)) {
                return r;
            }
        }
        return null;
    }
}
