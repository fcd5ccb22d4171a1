package io.github.jpackagedeb.core.control;

import io.github.jpackagedeb.core.Setting;

/**
 * The binary package relationship fields of Debian Policy 7.1–7.6, in the order they are written
 * to the control file. The names are Debian's, verbatim.
 */
public enum Relation {
    PRE_DEPENDS(Setting.PRE_DEPENDS),
    DEPENDS(Setting.DEPENDS),
    RECOMMENDS(Setting.RECOMMENDS),
    SUGGESTS(Setting.SUGGESTS),
    ENHANCES(Setting.ENHANCES),
    BREAKS(Setting.BREAKS),
    CONFLICTS(Setting.CONFLICTS),
    REPLACES(Setting.REPLACES),
    PROVIDES(Setting.PROVIDES);

    private final Setting setting;

    Relation(Setting setting) {
        this.setting = setting;
    }

    /** The setting of this field, e.g. {@link Setting#PRE_DEPENDS}. */
    public Setting setting() {
        return setting;
    }

    /** The control field name, e.g. {@code Pre-Depends}. */
    public String field() {
        return setting.key();
    }

    /** Parses a field name case-insensitively ({@code depends}, {@code Pre-Depends}, {@code pre_depends}). */
    public static Relation ofField(String name) {
        String n = name.trim().replace('_', '-');
        for (Relation r : values()) {
            if (r.field().equalsIgnoreCase(n)) {
                return r;
            }
        }
        return null;
    }

    /** The relationship field of {@code setting}, or null when it is none. */
    public static Relation of(Setting setting) {
        for (Relation r : values()) {
            if (r.setting == setting) {
                return r;
            }
        }
        return null;
    }
}
