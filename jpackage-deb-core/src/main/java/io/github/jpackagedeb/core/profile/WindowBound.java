package io.github.jpackagedeb.core.profile;

import io.github.jpackagedeb.core.DebException;
import io.github.jpackagedeb.core.Setting;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One end of a time window: an absolute instant ({@code 2026-11-26T10:15:00Z}) or a duration from the start of each
 * recording ({@code 10m}, {@code 90s}, {@code 1h30m}, {@code 500ms}, {@code PT10M}).
 */
public final class WindowBound {

    /** The converter reads a number of milliseconds below this as an offset from the recording start. */
    private static final long ABSOLUTE_FROM = 1_500_000_000_000L;
    private static final Pattern SHORT = Pattern.compile("(?:(\\d+)h)?(?:(\\d+)m(?!s))?(?:(\\d+)s)?(?:(\\d+)ms)?");

    private final String text;
    private final Instant instant;
    private final Duration offset;

    private WindowBound(String text, Instant instant, Duration offset) {
        this.text = text;
        this.instant = instant;
        this.offset = offset;
    }

    /** An absolute instant. */
    public static WindowBound at(Instant instant) {
        return new WindowBound(instant.toString(), instant, null);
    }

    /** A duration after the start of each recording. */
    public static WindowBound after(Duration offset) {
        return new WindowBound(offset.toString(), null, offset);
    }

    /**
     * Parses {@code text} for {@code field} ({@code from} or {@code to}): an ISO-8601 instant with a zone or offset,
     * or a duration (ISO-8601 {@code PT…}, or {@code 1h30m}, {@code 10m}, {@code 90s}, {@code 500ms}).
     */
    public static WindowBound parse(Setting field, String text) {
        String t = text == null ? "" : text.strip();
        WindowBound b = null;
        if (t.contains("T") && t.contains(":")) {
            try {
                b = new WindowBound(t, OffsetDateTime.parse(t).toInstant(), null);
            } catch (DateTimeParseException e) {
                b = null;
            }
        } else if (t.toUpperCase(Locale.ROOT).startsWith("PT")) {
            try {
                b = new WindowBound(t, null, Duration.parse(t));
            } catch (DateTimeParseException e) {
                b = null;
            }
        } else if (!t.isEmpty()) {
            Matcher m = SHORT.matcher(t.toLowerCase(Locale.ROOT));
            if (m.matches()) {
                Duration d = Duration.ZERO;
                try {
                    if (m.group(1) != null) d = d.plusHours(Long.parseLong(m.group(1)));
                    if (m.group(2) != null) d = d.plusMinutes(Long.parseLong(m.group(2)));
                    if (m.group(3) != null) d = d.plusSeconds(Long.parseLong(m.group(3)));
                    if (m.group(4) != null) d = d.plusMillis(Long.parseLong(m.group(4)));
                    b = new WindowBound(t, null, d);
                } catch (ArithmeticException | NumberFormatException e) {
                    b = null;
                }
            }
        }
        if (b == null) {
            throw new DebException(field, text, "is neither an instant nor a duration.",
                    "give an ISO-8601 instant with its zone (2026-11-26T10:15:00Z, 2026-11-26T11:15:00+01:00) or a duration "
                            + "from the start of the recording (90s, 10m, 1h30m, 500ms, PT10M).");
        }
        if (b.offset != null && (b.offset.isNegative() || b.offset.toMillis() >= ABSOLUTE_FROM)) {
            throw new DebException(field, text, "is out of range for a duration from the start of the recording.",
                    "give a positive duration such as 10m.");
        }
        if (b.instant != null && b.instant.toEpochMilli() < ABSOLUTE_FROM) {
            throw new DebException(field, text, "is before July 2017, earlier than any recording this tool reads.",
                    "give the instant the recordings were made, with its zone, e.g. 2026-11-26T10:15:00Z.");
        }
        return b;
    }

    /** Whether this is an absolute instant (else a duration from the recording start). */
    public boolean absolute() {
        return instant != null;
    }

    /** The instant, or null for a duration. */
    public Instant instant() {
        return instant;
    }

    /** The duration from the recording start, or null for an instant. */
    public Duration offset() {
        return offset;
    }

    /** As jfr-converter's {@code --from}/{@code --to} read it: epoch milliseconds, or milliseconds from the start. */
    long converterMillis() {
        return instant != null ? instant.toEpochMilli() : offset.toMillis();
    }

    /** Whether both are of the same kind and this one is later than {@code other}. */
    boolean after(WindowBound other) {
        return absolute() == other.absolute() && converterMillis() > other.converterMillis();
    }

    /** As given. */
    @Override
    public String toString() {
        return text;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof WindowBound w && w.absolute() == absolute() && w.converterMillis() == converterMillis();
    }

    @Override
    public int hashCode() {
        return Long.hashCode(converterMillis()) * (absolute() ? 31 : 17);
    }
}
