package io.github.jpackagedeb.core.debiandir;

import io.github.jpackagedeb.core.DebException;
import io.github.jpackagedeb.core.Setting;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The fields {@code debian/control} may hold, per paragraph, so that a misspelt field ({@code Recomends:}) is an
 * error naming the closest known one instead of a relationship silently lost. The lists are Debian Policy 5.2 (the
 * source package control file, {@code debian/control}) with the fields of 5.6 it allows in each paragraph, and the
 * fields dpkg-source and dpkg-gencontrol accept there (deb-src-control(5)). User-defined fields (Policy 5.7) are
 * always allowed: {@code X[BCS]*-} followed by a name.
 */
public final class ControlFields {

    /** Policy 5.2 (source paragraph) and deb-src-control(5). */
    static final Set<String> SOURCE = names(
            "Source", "Maintainer", "Uploaders", "Section", "Priority", "Homepage", "Bugs", "Origin",
            "Standards-Version", "Rules-Requires-Root", "Testsuite", "Testsuite-Triggers",
            "Build-Depends", "Build-Depends-Arch", "Build-Depends-Indep",
            "Build-Conflicts", "Build-Conflicts-Arch", "Build-Conflicts-Indep",
            "Vcs-Arch", "Vcs-Bzr", "Vcs-Cvs", "Vcs-Darcs", "Vcs-Git", "Vcs-Hg", "Vcs-Mtn", "Vcs-Svn", "Vcs-Browser",
            "Description");

    /**
     * Policy 5.2 (binary paragraphs), 5.6 and 7.1 (relationships), and deb-src-control(5); and Maintainer, which
     * Policy 5.3 puts in every binary control file and this tool takes from the binary paragraph before the source one.
     */
    static final Set<String> BINARY = names(
            "Package", "Maintainer", "Package-Type", "Architecture", "Section", "Priority", "Homepage", "Description",
            "Essential", "Protected", "Important", "Build-Essential", "Build-Profiles", "Multi-Arch", "Tag",
            "Depends", "Pre-Depends", "Recommends", "Suggests", "Breaks", "Enhances", "Replaces", "Conflicts",
            "Provides", "Built-Using", "Static-Built-Using", "Subarchitecture", "Kernel-Version",
            "Installer-Menu-Item");

    /** Policy 5.7: X, then any of B, C and S, then a hyphen and a name. */
    private static final Pattern USER_DEFINED = Pattern.compile("(?i)X[BCS]*-.+");

    private ControlFields() {
    }

    private static Set<String> names(String... names) {
        return new LinkedHashSet<>(List.of(names));
    }

    /**
     * Checks every field of a paragraph of {@code debian/control}.
     *
     * @param p      the paragraph
     * @param source whether it is the source paragraph
     * @throws DebException (field {@code debianControl}) on a field that is not allowed there, naming the closest
     *                      known field (or the paragraph it belongs in)
     */
    static void check(Deb822.Paragraph p, boolean source) {
        Set<String> allowed = source ? SOURCE : BINARY;
        Set<String> other = source ? BINARY : SOURCE;
        for (Deb822.Field f : p.fields().values()) {
            String name = f.name();
            if (USER_DEFINED.matcher(name).matches() || known(allowed, name) != null) {
                continue;
            }
            String where = p.source() + " line " + f.line();
            String there = known(other, name);
            if (there != null) {
                throw new DebException(Setting.DEBIAN_CONTROL, name, where + ": the field " + name + " belongs in "
                        + (source ? "a binary package paragraph (Package: …)" : "the source paragraph (Source: …)")
                        + ", not in the " + (source ? "source" : "binary") + " paragraph, where it would be ignored.",
                        "move '" + there + ":' to " + (source ? "the Package paragraph" : "the Source paragraph")
                                + " (Debian Policy 5.2).");
            }
            String closest = closest(name, allowed);
            throw new DebException(Setting.DEBIAN_CONTROL, name, where + ": '" + name + "' is not a field of a "
                    + (source ? "source" : "binary package") + " paragraph of debian/control"
                    + (closest == null ? "" : "; did you mean " + closest + "?")
                    + " An unknown field would be dropped, and its value lost.",
                    (closest == null ? "" : "write '" + closest + ":', or ")
                            + "rename it to X-" + name + " if it is a field of your own (Debian Policy 5.2, 5.7).");
        }
    }

    /** The known field spelt as Policy spells it, matched case-insensitively, or null. */
    private static String known(Set<String> names, String name) {
        for (String n : names) {
            if (n.equalsIgnoreCase(name)) {
                return n;
            }
        }
        return null;
    }

    /** The known field closest to {@code name} by edit distance (case-insensitive), if close enough to be a typo. */
    static String closest(String name, Set<String> names) {
        String lower = name.toLowerCase(Locale.ROOT);
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String n : names) {
            int d = distance(lower, n.toLowerCase(Locale.ROOT));
            if (d < bestDistance) {
                best = n;
                bestDistance = d;
            }
        }
        // a typo changes a few letters; beyond a third of the name it is another word
        return bestDistance <= Math.max(2, name.length() / 3) ? best : null;
    }

    /** Damerau-Levenshtein (optimal string alignment) distance: a swap of two letters counts as one edit. */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
