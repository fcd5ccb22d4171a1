package io.github.jpackagedeb.core.version;

import io.github.jpackagedeb.core.DebException;
import io.github.jpackagedeb.core.Setting;

import java.util.Objects;

/**
 * A Debian package version, {@code [epoch:]upstream_version[-debian_revision]}, as defined by
 * Debian Policy 5.6.12 ("Version"), ordered exactly as {@code dpkg --compare-versions} orders it.
 *
 * <p>The syntax accepted by {@link #parse(String)} and {@link #of(int, String, String)}:
 * <ul>
 *   <li>{@code epoch}: an unsigned decimal integer (at most {@link Integer#MAX_VALUE}, like dpkg);
 *       omitted means 0.</li>
 *   <li>{@code upstream_version}: mandatory; starts with a digit; only {@code A-Za-z0-9} and
 *       {@code . + - ~}; a hyphen only when a revision is present. Policy 4.6 no longer allows a
 *       colon in it (older policies allowed one when an epoch was present), so a colon is refused.
 *       Policy says the upstream version "should" start with a digit; this class requires it, since
 *       lintian and dpkg warn otherwise.</li>
 *   <li>{@code debian_revision}: optional; only {@code A-Za-z0-9} and {@code + . ~}. The string
 *       is split at its <em>last</em> hyphen. A version without revision is a native package.</li>
 * </ul>
 * Spaces, an empty string, an empty epoch, upstream version or revision are refused. Every
 * refusal is a {@link DebException} with field {@code version}.
 *
 * <p>{@link #compareTo} is dpkg's algorithm: epochs numerically, then the upstream versions,
 * then the revisions (an absent revision counts as {@code "0"}), each with dpkg's "verrevcmp":
 * alternating runs of non-digits, compared character by character with {@code ~} before
 * everything (even the end of the string) and letters before all other characters, and runs of
 * digits, compared numerically (of any length).
 *
 * <p>The ordering is <em>inconsistent with equals</em> (like {@link java.math.BigDecimal}):
 * {@code 1.0}, {@code 1.00}, {@code 0:1.0} and {@code 1.0-0} compare as equal but are different
 * strings and so different values for {@link #equals(Object)}, which compares the canonical
 * text ({@link #toString()}).
 *
 * <p>Hand-written: no library on the class path implements dpkg's ordering (Maven's ComparableVersion orders
 * {@code ~}, letters and separators differently), and apt and dpkg decide upgrades by it.
 */
public final class DebianVersion implements Comparable<DebianVersion> {

    private static final Setting FIELD = Setting.VERSION;

    private final int epoch;
    private final String upstream;
    private final String revision;

    private DebianVersion(int epoch, String upstream, String revision) {
        this.epoch = epoch;
        this.upstream = upstream;
        this.revision = revision;
    }

    /**
     * Parses a version string such as {@code 1.2.3-1}, {@code 2:1.0~rc1-0+deb12u1} or {@code 4.5}.
     *
     * @throws DebException (field {@code version}) when the string is not a valid Debian version
     */
    public static DebianVersion parse(String text) {
        if (text == null) {
            throw new DebException(FIELD, null, "the version is missing.",
                    "give a version such as 1.0.0-1.");
        }
        if (text.isEmpty()) {
            throw new DebException(FIELD, text, "the version is empty.", "give a version such as 1.0.0-1.");
        }
        for (int i = 0; i < text.length(); i++) {
            if (Character.isWhitespace(text.charAt(i))) {
                throw new DebException(FIELD, text, "a Debian version cannot contain spaces or other whitespace.",
                        "remove the whitespace, e.g. 1.0.0-1.");
            }
        }
        int epoch = 0;
        String rest = text;
        int colon = text.indexOf(':');
        if (colon >= 0) {
            epoch = parseEpoch(text, text.substring(0, colon));
            rest = text.substring(colon + 1);
        }
        String upstream = rest;
        String revision = "";
        int hyphen = rest.lastIndexOf('-');
        if (hyphen >= 0) {
            upstream = rest.substring(0, hyphen);
            revision = rest.substring(hyphen + 1);
            if (revision.isEmpty()) {
                throw new DebException(FIELD, text, "the Debian revision after the last '-' is empty (Debian Policy 5.6.12).",
                        "remove the trailing '-' or add a revision, e.g. " + upstream + "-1.");
            }
        }
        checkUpstream(text, upstream, hyphen >= 0);
        checkRevision(text, revision);
        return new DebianVersion(epoch, upstream, revision);
    }

    /**
     * Builds a version from its parts.
     *
     * @param epoch    0 for none
     * @param upstream the upstream version, e.g. {@code 1.2.3~rc1}
     * @param revision the Debian revision, or null or empty for none (a native package)
     * @throws DebException (field {@code version}) when a part is invalid
     */
    public static DebianVersion of(int epoch, String upstream, String revision) {
        String rev = revision == null ? "" : revision;
        String shown = (epoch != 0 ? epoch + ":" : "") + (upstream == null ? "" : upstream)
                + (rev.isEmpty() ? "" : "-" + rev);
        if (epoch < 0) {
            throw new DebException(FIELD, shown, "the epoch " + epoch + " is negative; it must be an unsigned integer (Debian Policy 5.6.12).",
                    "use 0 (no epoch) or a positive epoch.");
        }
        if (upstream == null || upstream.isEmpty()) {
            throw new DebException(FIELD, upstream == null ? null : shown, "the upstream version is missing (Debian Policy 5.6.12).",
                    "give an upstream version starting with a digit, e.g. 1.0.0.");
        }
        checkUpstream(shown, upstream, !rev.isEmpty());
        checkRevision(shown, rev);
        return new DebianVersion(epoch, upstream, rev);
    }

    private static int parseEpoch(String text, String epochText) {
        if (epochText.isEmpty()) {
            throw new DebException(FIELD, text, "the epoch before ':' is empty (Debian Policy 5.6.12).",
                    "remove the leading ':' or put an unsigned integer before it, e.g. 1:" + text.substring(1) + ".");
        }
        for (int i = 0; i < epochText.length(); i++) {
            char c = epochText.charAt(i);
            if (c < '0' || c > '9') {
                throw new DebException(FIELD, text, "the epoch '" + epochText + "' is not an unsigned integer (Debian Policy 5.6.12).",
                        "write the epoch as digits only, e.g. 1:1.0-1, or drop the epoch.");
            }
        }
        String digits = epochText.replaceFirst("^0+(?=.)", "");
        if (digits.length() > 10 || Long.parseLong(digits) > Integer.MAX_VALUE) {
            throw new DebException(FIELD, text, "the epoch '" + epochText + "' is too big (dpkg allows at most " + Integer.MAX_VALUE + ").",
                    "use a small epoch such as 1.");
        }
        return Integer.parseInt(digits);
    }

    private static void checkUpstream(String text, String upstream, boolean hasRevision) {
        if (upstream.isEmpty()) {
            throw new DebException(FIELD, text, "the upstream version is empty (Debian Policy 5.6.12).",
                    "give an upstream version starting with a digit, e.g. 1.0.0-1.");
        }
        char first = upstream.charAt(0);
        if (first < '0' || first > '9') {
            throw new DebException(FIELD, text, "the upstream version '" + upstream + "' does not start with a digit (Debian Policy 5.6.12).",
                    "start the version with a digit, e.g. 0~" + upstream + " or 1.0.0.");
        }
        for (int i = 0; i < upstream.length(); i++) {
            char c = upstream.charAt(i);
            if (isAlnum(c) || c == '.' || c == '+' || c == '~') {
                continue;
            }
            if (c == '-') {
                if (hasRevision) {
                    continue;
                }
                throw new DebException(FIELD, text, "the upstream version '" + upstream + "' contains a '-' but there is no Debian revision (Debian Policy 5.6.12).",
                        "add a revision, e.g. " + upstream + "-1, or replace the '-'.");
            }
            if (c == ':') {
                throw new DebException(FIELD, text, "the upstream version '" + upstream + "' contains a ':'; only the epoch is followed by a colon (Debian Policy 5.6.12).",
                        "remove the extra ':' (write [epoch:]upstream[-revision]).");
            }
            throw new DebException(FIELD, text, "the upstream version '" + upstream + "' contains the character '" + DebException.printable(String.valueOf(c))
                    + "'; only A-Z, a-z, 0-9, '.', '+', '~' and '-' are allowed (Debian Policy 5.6.12).",
                    "replace or remove that character, e.g. use '.' or '+' instead.");
        }
    }

    private static void checkRevision(String text, String revision) {
        for (int i = 0; i < revision.length(); i++) {
            char c = revision.charAt(i);
            if (!(isAlnum(c) || c == '.' || c == '+' || c == '~')) {
                throw new DebException(FIELD, text, "the Debian revision '" + revision + "' contains the character '" + DebException.printable(String.valueOf(c))
                        + "'; only A-Z, a-z, 0-9, '+', '.' and '~' are allowed (Debian Policy 5.6.12).",
                        "replace or remove that character, e.g. use '.' or '+' instead.");
            }
        }
    }

    private static boolean isAlnum(char c) {
        return (c >= '0' && c <= '9') || isLetter(c);
    }

    private static boolean isLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** The epoch; 0 when the version has none. */
    public int epoch() {
        return epoch;
    }

    /** The upstream version, e.g. {@code 1.2.3~rc1}. */
    public String upstream() {
        return upstream;
    }

    /** The Debian revision, or the empty string when there is none (a native version). */
    public String revision() {
        return revision;
    }

    /** Whether there is no Debian revision (Policy 5.6.12: the package is native). */
    public boolean isNative() {
        return revision.isEmpty();
    }

    /** This version with another Debian revision (null or empty: none). */
    public DebianVersion withRevision(String newRevision) {
        return of(epoch, upstream, newRevision);
    }

    /** This version with another epoch (0: none). */
    public DebianVersion withEpoch(int newEpoch) {
        return of(newEpoch, upstream, revision);
    }

    /**
     * The version without its epoch, {@code upstream[-revision]}: what goes in a .deb file name
     * ({@code name_version_arch.deb}), where dpkg-deb and the Debian archive leave the epoch out.
     */
    public String withoutEpoch() {
        return revision.isEmpty() ? upstream : upstream + "-" + revision;
    }

    /**
     * The canonical text: {@code [epoch:]upstream[-revision]}, with no epoch when it is 0 and the
     * epoch written without leading zeros. {@code parse(v.toString())} equals {@code v}.
     */
    @Override
    public String toString() {
        return epoch == 0 ? withoutEpoch() : epoch + ":" + withoutEpoch();
    }

    /** dpkg's order; see the class comment. */
    @Override
    public int compareTo(DebianVersion other) {
        int c = Integer.compare(epoch, other.epoch);
        if (c != 0) {
            return c;
        }
        c = compareFragments(upstream, other.upstream);
        if (c != 0) {
            return c;
        }
        return compareFragments(revision, other.revision);
    }

    /**
     * dpkg's comparison of two upstream versions or two revisions (Debian Policy 5.6.12): the
     * strings are consumed alternately as a run of non-digits, compared with {@link #weight(char)},
     * and a run of digits, compared numerically. Returns the sign only (-1, 0, 1).
     */
    static int compareFragments(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() || j < b.length()) {
            // the non-digit run; a string that is at a digit or at its end weighs 0 here
            while ((i < a.length() && !isDigit(a.charAt(i))) || (j < b.length() && !isDigit(b.charAt(j)))) {
                int wa = i < a.length() ? weight(a.charAt(i)) : 0;
                int wb = j < b.length() ? weight(b.charAt(j)) : 0;
                if (wa != wb) {
                    return wa < wb ? -1 : 1;
                }
                i++;
                j++;
            }
            // the digit run, numerically, of any length
            while (i < a.length() && a.charAt(i) == '0') {
                i++;
            }
            while (j < b.length() && b.charAt(j) == '0') {
                j++;
            }
            int startA = i;
            int startB = j;
            while (i < a.length() && isDigit(a.charAt(i))) {
                i++;
            }
            while (j < b.length() && isDigit(b.charAt(j))) {
                j++;
            }
            int lenA = i - startA;
            int lenB = j - startB;
            if (lenA != lenB) {
                return lenA < lenB ? -1 : 1;
            }
            for (int k = 0; k < lenA; k++) {
                char ca = a.charAt(startA + k);
                char cb = b.charAt(startB + k);
                if (ca != cb) {
                    return ca < cb ? -1 : 1;
                }
            }
        }
        return 0;
    }

    /**
     * The weight of a character in a non-digit run: a digit 0 (it ends the run, like the end of
     * the string), '~' below everything, letters by ASCII code, any other character after all letters.
     */
    private static int weight(char c) {
        if (isDigit(c)) {
            return 0;
        }
        if (isLetter(c)) {
            return c;
        }
        if (c == '~') {
            return -1;
        }
        return c + 256;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DebianVersion v && epoch == v.epoch && upstream.equals(v.upstream) && revision.equals(v.revision);
    }

    @Override
    public int hashCode() {
        return Objects.hash(epoch, upstream, revision);
    }
}
