package io.github.jpackagedeb.core.version;

import io.github.jpackagedeb.core.DebException;
import io.github.jpackagedeb.core.Setting;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Maps a Maven project version to a Debian version (Debian Policy 5.6.12) so that dpkg orders the
 * mapped versions the way Maven's {@code ComparableVersion} orders the originals, as far as
 * dpkg's algorithm allows. Immutable; configure it with {@link #withRevision(String)} and
 * {@link #withEpoch(int)}.
 *
 * <p>The Maven version is read the way Maven 3.9's ComparableVersion reads it ({@link MavenOrder}); the leading
 * numbers are kept as written, and each later item is written with a marker that dpkg orders as Maven orders the
 * item (see {@code encode}): {@code 1.2.3} → {@code 1.2.3-1}, {@code 1.2.3-rc1} → {@code 1.2.3~rc1-1},
 * {@code 1.2.3-SNAPSHOT} → {@code 1.2.3~snapshot.20250102030405-1} (the build time, {@code yyyyMMddHHmmss} UTC,
 * makes successive snapshots sort upward), {@code 1.2.3.Final} → {@code 1.2.3-1}, {@code 31.1-jre} →
 * {@code 31.1+jre-1}, {@code 1.2.3-2} → {@code 1.2.3-2-1}, {@code 1.2.3-ga-2} → {@code 1.2.3-~2-1},
 * {@code 2.0.0.BUILD-SNAPSHOT} → {@code 2.0.0-build~snapshot.…-1}. The full table, and the documented classes of
 * pairs whose Maven order dpkg cannot keep (trailing zeros, Maven's own cycles around the release, {@code sp}
 * against other words, …), are in docs/versions.md; VersionOrderPropertyTest checks both on random pairs. In
 * those cases, or for any version that cannot be mapped, set the Debian version explicitly.
 *
 * <p>Only ASCII letters, digits, {@code .} and {@code -} are mapped; any other character (such as
 * {@code _} or {@code +}) has no order-keeping Debian equivalent and is refused with a
 * {@link DebException} (field {@code version}), as are empty parts ({@code 1..0}, a trailing
 * {@code -}) and versions not starting with a digit.
 */
public final class MavenVersionMapper {

    /** The Debian revision used unless configured: {@value}. */
    public static final String DEFAULT_REVISION = "1";

    private static final Setting FIELD = Setting.VERSION;

    private static final DateTimeFormatter SNAPSHOT_TIME =
            DateTimeFormatter.ofPattern("yyyyMMddHHmmss", Locale.ROOT).withZone(ZoneOffset.UTC);

    private static final Pattern SNAPSHOT_SUFFIX = Pattern.compile("(^|[.0-9-])(?i:snapshot)$");

    private static final MavenVersionMapper DEFAULTS = new MavenVersionMapper(0, DEFAULT_REVISION);

    private final int epoch;
    private final String revision;

    private MavenVersionMapper(int epoch, String revision) {
        this.epoch = epoch;
        this.revision = revision;
    }

    /** No epoch, revision {@value #DEFAULT_REVISION}. */
    public static MavenVersionMapper defaults() {
        return DEFAULTS;
    }

    /**
     * The same mapper with another Debian revision (e.g. {@code 2} for a second packaging of the
     * same upstream version).
     *
     * @throws DebException (field {@code revision}) when it is empty or has a character other than
     *                      {@code A-Za-z0-9+.~} (Debian Policy 5.6.12)
     */
    public MavenVersionMapper withRevision(String newRevision) {
        if (newRevision == null || newRevision.isEmpty()) {
            throw new DebException(Setting.REVISION, newRevision, "the Debian revision is empty.",
                    "set a revision such as " + DEFAULT_REVISION + ", or leave it unset for the default.");
        }
        for (int i = 0; i < newRevision.length(); i++) {
            char c = newRevision.charAt(i);
            if (!(isDigit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '+' || c == '.' || c == '~')) {
                throw new DebException(Setting.REVISION, newRevision,
                        "the Debian revision contains '" + DebException.printable(String.valueOf(c))
                        + "'; only A-Z, a-z, 0-9, '+', '.' and '~' are allowed (Debian Policy 5.6.12).",
                        "use a revision such as 1, 2 or 1+local1.");
            }
        }
        return new MavenVersionMapper(epoch, newRevision);
    }

    /**
     * The same mapper with an epoch (0 for none). Epochs are for leaving a broken numbering
     * behind and can never be taken back (Debian Policy 5.6.12.1).
     *
     * @throws DebException (field {@code epoch}) when negative
     */
    public MavenVersionMapper withEpoch(int newEpoch) {
        if (newEpoch < 0) {
            throw new DebException(Setting.EPOCH, Integer.toString(newEpoch),
                    "the epoch must be an unsigned integer (Debian Policy 5.6.12).",
                    "use 0 (no epoch) or a small positive number.");
        }
        return new MavenVersionMapper(newEpoch, revision);
    }

    /** The epoch this mapper puts on every version (0: none). */
    public int epoch() {
        return epoch;
    }

    /** The Debian revision this mapper appends. */
    public String revision() {
        return revision;
    }

    /** Whether Maven reads this version as a snapshot: its last word is {@code SNAPSHOT} (any case). */
    public static boolean isSnapshot(String mavenVersion) {
        return mavenVersion != null && SNAPSHOT_SUFFIX.matcher(mavenVersion).find();
    }

    /**
     * Maps a Maven version.
     *
     * @param mavenVersion the project version, e.g. {@code 1.2.3-rc1}
     * @param buildTime    the build time, put into snapshot versions ({@code yyyyMMddHHmmss}, UTC)
     * @throws DebException (field {@code version}) when the version cannot be mapped
     */
    public DebianVersion map(String mavenVersion, Instant buildTime) {
        Objects.requireNonNull(buildTime, "buildTime");
        String upstream = upstream(mavenVersion, buildTime);
        return DebianVersion.of(epoch, upstream, revision);
    }

    private static String upstream(String mavenVersion, Instant buildTime) {
        if (mavenVersion == null || mavenVersion.isEmpty()) {
            throw new DebException(FIELD, mavenVersion, "the version is missing or empty.",
                    "give the project a version such as 1.0.0.");
        }
        for (int i = 0; i < mavenVersion.length(); i++) {
            char c = mavenVersion.charAt(i);
            if (!(isDigit(c) || isLetter(c) || c == '.' || c == '-')) {
                throw unmappable(mavenVersion, "it contains '" + DebException.printable(String.valueOf(c))
                        + "', which has no Debian equivalent that keeps Maven's version order (only letters, digits, '.' and '-' are mapped).");
            }
        }
        checkParts(mavenVersion);
        List<Object> tokens = MavenOrder.tokens(mavenVersion);
        String lower = mavenVersion.toLowerCase(Locale.ROOT);
        int runEnd = 0;
        int runNumbers = 0;
        int trailingZeros = 0;
        while (runEnd < lower.length() && isDigit(lower.charAt(runEnd))) {
            int from = runEnd;
            while (runEnd < lower.length() && isDigit(lower.charAt(runEnd))) {
                runEnd++;
            }
            runNumbers++;
            trailingZeros = lower.substring(from, runEnd).matches("0+") ? trailingZeros + 1 : 0;
            if (runEnd + 1 < lower.length() && lower.charAt(runEnd) == '.' && isDigit(lower.charAt(runEnd + 1))) {
                runEnd++;
            } else {
                break;
            }
        }
        if (runEnd == 0) {
            throw unmappable(mavenVersion, "it does not start with a digit, and a Debian upstream version must (Debian Policy 5.6.12).");
        }
        // the leading numbers are written as they are; Maven drops their trailing zeros when a '-' part (or
        // nothing) follows, and keeps them before a '.word'
        int first = 0;
        while (first < tokens.size() && first < runNumbers && tokens.get(first) instanceof MavenOrder.Num) {
            first++;
        }
        StringBuilder out = new StringBuilder(mavenVersion.substring(0, runEnd));
        encode(mavenVersion, tokens, first, first == runNumbers ? trailingZeros : 0, out);
        Object last = tokens.isEmpty() ? null : tokens.get(tokens.size() - 1);
        if (last instanceof MavenOrder.Word w && w.value().equals("snapshot")) {
            out.append('.').append(SNAPSHOT_TIME.format(buildTime));
        }
        return out.toString();
    }

    /**
     * Writes Maven's items after the leading numbers so that dpkg orders them as Maven's ComparableVersion does
     * (docs/versions.md). At each place Maven puts a word before a '-' part before a number, and orders each
     * against the end by the word's rank (alpha, beta, milestone, rc, snapshot before the release; sp and other
     * words after it). The markers:
     * <ul>
     *   <li>after a {@code -} (a new Maven list): a pre-release word {@code ~word}, another word {@code +word},
     *       a number {@code -N} (directly {@code N} after a word: {@code rc1});</li>
     *   <li>after a {@code .} (the same list): a number {@code .N}; a pre-release word {@code ~~word} (below
     *       {@code ~word}), or {@code ~.word} after zeros Maven keeps (above it and above {@code ~-0}, a {@code -0} part before one); another word directly
     *       ({@code 2build}, below {@code +word}), or {@code -word} after zeros Maven keeps (above {@code -N});</li>
     *   <li>two lists in a row ({@code -ga-}, {@code -final-}, {@code -release-} before a part):
     *       {@code -~N} ({@code ~-~0} for a zero before a pre-release word), {@code ~+~word}, {@code ++word}
     *       ({@code +++word} after a word, where {@code ++word} is a {@code .word}).</li>
     * </ul>
     */
    private static void encode(String version, List<Object> tokens, int from, int zerosBefore, StringBuilder out) {
        boolean afterWord = false;
        int lists = 0;
        int zeros = zerosBefore;
        for (int i = from; i < tokens.size(); i++) {
            Object t = tokens.get(i);
            if (t == MavenOrder.LIST) {
                lists++;
                continue;
            }
            if (lists > 2) {
                throw unmappable(version, "it has three '-' parts in a row with nothing between them "
                        + "(e.g. -ga-ga-1), an order dpkg cannot follow.");
            }
            if (t instanceof MavenOrder.Num n) {
                if (lists == 0) {
                    out.append('.');
                } else if (lists == 1) {
                    if (!afterWord) {
                        // a '-0' part before a pre-release word sorts below the end, as in Maven
                        out.append(n.digits().equals("0") && tail(tokens, i) < 0 ? "~-" : "-");
                    }
                } else {
                    // a '0' two lists down before a pre-release word sorts below the end too (Maven drops the
                    // list's other zeros first): "~-~" is below the end, above "~word" and "~+~word"
                    out.append(n.digits().equals("0") && tail(tokens, i) < 0 ? "~-~" : "-~");
                }
                out.append(n.digits());
                zeros = n.digits().equals("0") ? zeros + 1 : 0;
                afterWord = false;
            } else {
                String w = ((MavenOrder.Word) t).value();
                if (w.isEmpty()) {
                    throw unmappable(version, "'ga', 'final' or 'release' is followed by more parts after a '.', which "
                            + "Maven orders as equal to nothing yet below a number, an order dpkg cannot follow.");
                }
                boolean pre = isPreRelease(w);
                if (lists == 0) {
                    if (pre) {
                        out.append(!afterWord && zeros > 0 ? "~." : "~~");
                    } else {
                        out.append(afterWord ? "++" : zeros > 0 ? "-" : "");
                    }
                } else if (lists == 1) {
                    out.append(pre ? "~" : "+");
                } else {
                    // after a word "++word" is already a '.word' in the same list: a word two lists down is "+++word"
                    out.append(pre ? "~+~" : afterWord ? "+++" : "++");
                }
                out.append(w);
                zeros = 0;
                afterWord = true;
            }
            lists = 0;
        }
    }

    /** Whether Maven sorts the items from {@code from} on below (-1) or above (1) the end, or equal to it (0). */
    static int tail(List<Object> tokens, int from) {
        for (int i = from; i < tokens.size(); i++) {
            Object t = tokens.get(i);
            if (t instanceof MavenOrder.Num n && !n.digits().equals("0")) {
                return 1;
            }
            if (t instanceof MavenOrder.Word w && !w.value().isEmpty()) {
                return isPreRelease(w.value()) ? -1 : 1;
            }
        }
        return 0;
    }

    /** Refuses empty parts, which no Debian version could express either. */
    private static void checkParts(String version) {
        for (int i = 0; i < version.length(); i++) {
            char c = version.charAt(i);
            if (c == '.' || c == '-') {
                if (i == 0) {
                    throw unmappable(version, "it starts with '" + c + "'.");
                }
                char before = version.charAt(i - 1);
                if (before == '.' || before == '-') {
                    throw unmappable(version, "it has an empty part (two separators in a row).");
                }
                if (i == version.length() - 1) {
                    throw unmappable(version, "it ends with '" + c + "'.");
                }
            }
        }
    }

    private static boolean isPreRelease(String word) {
        switch (word) {
            case "alpha":
            case "beta":
            case "milestone":
            case "rc":
            case "snapshot":
                return true;
            default:
                return false;
        }
    }

    private static DebException unmappable(String version, String why) {
        return new DebException(FIELD, version, "the Maven version cannot be mapped to a Debian version: " + why,
                "set the Debian version explicitly (e.g. 1.0.0-1), or use a project version made of numbers and words "
                        + "separated by '.' or '-', e.g. 1.2.3 or 1.2.3-rc1.");
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }
}
