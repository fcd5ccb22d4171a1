package io.github.jpackagedeb.core.debiandir;

import io.github.jpackagedeb.core.DebException;
import io.github.jpackagedeb.core.Setting;
import io.github.jpackagedeb.core.WordWrap;
import io.github.jpackagedeb.core.version.DebianVersion;

import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@code debian/changelog} (Debian Policy 4.4): entries, newest first, each
 * <pre>
 * package (version) distribution(s); urgency=urgency
 *
 *   * change details
 *
 *  -- Maintainer Name &lt;email&gt;  Day, dd Mon yyyy hh:mm:ss +zzzz
 * </pre>
 * The newest entry gives the package's version (as dpkg-gencontrol takes it) and, in a
 * {@code dpkg-buildpackage} build, {@code SOURCE_DATE_EPOCH} (its date). The newest entry must be well-formed; after
 * it, parsing stops quietly at the first line that belongs to no entry (old formats, editor variables), as
 * dpkg-parsechangelog warns and goes on.
 *
 * @param entries the entries, newest first; never empty
 * @param text    the file as read, for {@code /usr/share/doc/<pkg>/changelog.Debian.gz}
 * @param file    the file name, for messages
 */
public record DebianChangelog(List<Entry> entries, String text, String file) {

    private static final Pattern HEADER = Pattern.compile(
            "([a-z0-9][a-z0-9+.-]+) \\(([^ ()]+)\\) ([^;]+); ?(.*)");
    private static final Pattern TRAILER = Pattern.compile(" -- (.+ <[^<>]+>)  (\\S.*)");
    private static final DateTimeFormatter RFC_5322 = DateTimeFormatter.RFC_1123_DATE_TIME;

    public DebianChangelog {
        entries = List.copyOf(entries);
        if (entries.isEmpty()) {
            throw new IllegalArgumentException("a changelog has entries");
        }
    }

    /**
     * One entry.
     *
     * @param pkg           the (source) package name
     * @param version       its version
     * @param distributions e.g. {@code unstable}
     * @param options       the keyword part after {@code ;}, e.g. {@code urgency=medium}
     * @param changes       the change lines, as written (with their indentation)
     * @param maintainer    {@code Full Name <email>}
     * @param date          the date of the trailer line
     * @param line          the 1-based line of the header
     */
    public record Entry(String pkg, DebianVersion version, String distributions, String options, List<String> changes,
                        String maintainer, Instant date, int line) {
        public Entry {
            changes = List.copyOf(changes);
        }
    }

    /** The newest entry. */
    public Entry newest() {
        return entries.get(0);
    }

    /**
     * Parses a changelog.
     *
     * @throws DebException (field {@code debianChangelog}) naming the file, the line and the fix
     */
    public static DebianChangelog parse(String text, String file) {
        if (text.indexOf('\r') >= 0) {
            throw error(file, 0, "the file has CR (Windows or old Mac) line endings.", "convert it to LF line endings (dos2unix).");
        }
        String[] lines = text.split("\n", -1);
        List<Entry> entries = new ArrayList<>();
        int i = 0;
        while (i < lines.length) {
            String line = lines[i];
            if (line.isBlank()) {
                i++;
                continue;
            }
            Matcher h = HEADER.matcher(line);
            if (!h.matches()) {
                if (entries.isEmpty()) {
                    throw error(file, i + 1, "the first line of an entry must read 'package (version) distribution; "
                            + "urgency=medium', not '" + DebException.printable(line) + "'.",
                            "fix the header line (dch --create writes a valid one).");
                }
                break; // past the last parsable entry
            }
            boolean first = entries.isEmpty();
            int headerLine = i + 1;
            DebianVersion version;
            try {
                version = DebianVersion.parse(h.group(2));
            } catch (DebException e) {
                if (!first) {
                    break;
                }
                throw error(file, headerLine, "the version '" + h.group(2) + "' is not a Debian version: " + e.problem(),
                        e.fix());
            }
            List<String> changes = new ArrayList<>();
            String maintainer = null;
            Instant date = null;
            i++;
            for (; i < lines.length; i++) {
                String l = lines[i];
                if (l.startsWith(" -- ")) {
                    Matcher t = TRAILER.matcher(l);
                    if (!t.matches()) {
                        throw error(file, i + 1, "the trailer line must read ' -- Full Name <email>  date' (two spaces "
                                + "before the date).", "fix the line (dch writes a valid one).");
                    }
                    maintainer = t.group(1).strip();
                    try {
                        date = ZonedDateTime.parse(t.group(2).strip(), RFC_5322).toInstant();
                    } catch (DateTimeParseException e) {
                        throw error(file, i + 1, "the date '" + t.group(2) + "' is not an RFC 5322 date like "
                                + "'Thu, 01 Jan 2026 00:00:00 +0000'.", "write it as 'date -R' prints it.");
                    }
                    i++;
                    break;
                }
                if (!l.isBlank() && !l.startsWith(" ") && !l.startsWith("\t")) {
                    throw error(file, i + 1, "a change line must be indented (two spaces, then '* '), and the entry "
                            + "of line " + headerLine + " must end with a ' -- Name <email>  date' line.",
                            "indent the line, or add the trailer line.");
                }
                changes.add(l);
            }
            if (maintainer == null) {
                throw error(file, headerLine, "the entry has no trailer line (' -- Name <email>  date').",
                        "add the trailer line (dch writes it).");
            }
            while (!changes.isEmpty() && changes.get(0).isBlank()) {
                changes.remove(0);
            }
            while (!changes.isEmpty() && changes.get(changes.size() - 1).isBlank()) {
                changes.remove(changes.size() - 1);
            }
            entries.add(new Entry(h.group(1), version, h.group(3).strip(), h.group(4).strip(), changes, maintainer, date,
                    headerLine));
        }
        if (entries.isEmpty()) {
            throw error(file, 1, "the changelog has no entry.", "add one, e.g. with dch --create.");
        }
        return new DebianChangelog(entries, text, file);
    }

    /**
     * This changelog with a new entry on top (what {@code dch -v VERSION} writes): the change lines as
     * {@code "  * "} bullets wrapped at 80 columns, the trailer with {@code maintainer} and {@code date}.
     *
     * @return the new text, parsed back (so a bad version, maintainer or line is reported like a hand-made one)
     */
    public DebianChangelog withEntry(DebianVersion version, String distribution, List<String> changes, String maintainer,
                                     Instant date) {
        StringBuilder sb = new StringBuilder();
        sb.append(newest().pkg()).append(" (").append(version).append(") ").append(distribution)
                .append("; urgency=medium\n\n");
        for (String c : changes) {
            sb.append("  * ").append(wrap(c.replaceAll("\\s+", " ").strip())).append('\n');
        }
        sb.append("\n -- ").append(maintainer).append("  ").append(RFC_5322_OUT.format(date)).append("\n\n");
        return parse(sb + text, file);
    }

    /** Entry dates as {@code date -R} prints them (RFC 5322, two-digit day). */
    private static final DateTimeFormatter RFC_5322_OUT = DateTimeFormatter
            .ofPattern("EEE, dd MMM yyyy HH:mm:ss Z", java.util.Locale.ENGLISH).withZone(java.time.ZoneOffset.UTC);

    /** A bullet's text wrapped at 80 columns, continued under its text (lintian: debian-changelog-line-too-long). */
    public static String wrap(String text) {
        return wrap(text, 80);
    }

    /** A bullet's text (after {@code "  * "}) wrapped at {@code width} columns, continued under its text. */
    public static String wrap(String text, int width) {
        return String.join("\n    ", WordWrap.lines(text, width - 4, false));
    }

    private static DebException error(String file, int line, String problem, String fix) {
        return new DebException(Setting.DEBIAN_CHANGELOG, null,
                file + (line > 0 ? " line " + line : "") + ": " + problem, fix);
    }
}
