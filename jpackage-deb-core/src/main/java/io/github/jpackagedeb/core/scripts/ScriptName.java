package io.github.jpackagedeb.core.scripts;

import java.util.List;
import java.util.Locale;

/**
 * The four maintainer scripts and every action dpkg passes to each as {@code $1} (Debian Policy 6.5-6.8,
 * checked against dpkg 1.21: see docs/services.md#how-the-maintainer-scripts-are-assembled).
 */
public enum ScriptName {
    /** Runs before unpacking: {@code install}, {@code upgrade OLD}, {@code abort-upgrade NEW}. */
    PREINST(List.of("install", "upgrade", "abort-upgrade"), false),
    /** Runs after unpacking: {@code configure OLD}, and the {@code abort-*} unwinding of a failed step. */
    POSTINST(List.of("configure", "abort-upgrade", "abort-remove", "abort-deconfigure"), false),
    /** Runs before files are replaced or removed. */
    PRERM(List.of("remove", "upgrade", "deconfigure", "failed-upgrade"), true),
    /** Runs after files were replaced or removed. */
    POSTRM(List.of("remove", "purge", "upgrade", "failed-upgrade", "abort-install", "abort-upgrade", "disappear"),
            true);

    private final List<String> actions;
    private final boolean reverse;

    ScriptName(List<String> actions, boolean reverse) {
        this.actions = actions;
        this.reverse = reverse;
    }

    /** The control member name: {@code postinst}. */
    public String fileName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Every action dpkg may pass as {@code $1}, in Policy order. */
    public List<String> actions() {
        return actions;
    }

    /**
     * Whether snippets run in the reverse of the order they were added: undoing (prerm, postrm) goes backwards,
     * as in debhelper, so that what was set up last is taken down first.
     */
    public boolean reversed() {
        return reverse;
    }

    /** The script for a control member name, e.g. {@code postinst}; null if it is none of the four. */
    public static ScriptName ofFileName(String name) {
        for (ScriptName s : values()) {
            if (s.fileName().equals(name)) {
                return s;
            }
        }
        return null;
    }
}
