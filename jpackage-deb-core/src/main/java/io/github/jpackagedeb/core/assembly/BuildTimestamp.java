package io.github.jpackagedeb.core.assembly;

import io.github.jpackagedeb.core.DebException;
import io.github.jpackagedeb.core.DebLog;
import io.github.jpackagedeb.core.Setting;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/**
 * The one timestamp a build stamps on every archive entry, the changelog and the man page: from
 * {@code project.build.outputTimestamp} (ISO-8601 or seconds since the epoch, as Maven takes it), else
 * {@code SOURCE_DATE_EPOCH} (reproducible-builds.org), else now.
 */
public final class BuildTimestamp {

    private BuildTimestamp() {
    }

    /**
     * As {@link #resolve(String, String, Instant)}, and when neither source is set (so the package gets the current
     * time and is not reproducible), says so once on {@code log}, naming both and {@code fix}.
     *
     * @param fix how this front end's user sets the timestamp, e.g. the pom property to add
     */
    public static Instant resolve(String outputTimestamp, String sourceDateEpoch, Instant now, DebLog log, String fix) {
        if (!set(outputTimestamp) && (sourceDateEpoch == null || sourceDateEpoch.isBlank())) {
            log.warn("This build is not reproducible: neither project.build.outputTimestamp nor SOURCE_DATE_EPOCH is"
                    + " set, so the package carries the current time (its ar members, the generated changelog entry;"
                    + " files from disk keep their own mtimes, other entries the oldest of them) and two builds of the"
                    + " same sources differ. Fix: " + fix);
        }
        return resolve(outputTimestamp, sourceDateEpoch, now);
    }

    /** Maven's rule: a value of one character (e.g. "a" inherited to switch it off) does not count. */
    private static boolean set(String outputTimestamp) {
        return outputTimestamp != null && outputTimestamp.trim().length() > 1;
    }

    public static Instant resolve(String outputTimestamp, String sourceDateEpoch, Instant now) {
        if (set(outputTimestamp)) {
            return parse(Setting.OUTPUT_TIMESTAMP, outputTimestamp.trim(),
                    "use ISO-8601 like 2026-01-31T12:00:00Z or seconds since 1970 (Maven's project.build.outputTimestamp).");
        }
        if (sourceDateEpoch != null && !sourceDateEpoch.isBlank()) {
            String v = sourceDateEpoch.trim();
            if (!v.matches("[0-9]{1,12}")) {
                throw new DebException(Setting.SOURCE_DATE_EPOCH, v, "not a number of seconds since 1970.",
                        "export SOURCE_DATE_EPOCH=$(git log -1 --format=%ct), or unset it.");
            }
            return Instant.ofEpochSecond(Long.parseLong(v));
        }
        return Instant.ofEpochSecond(now.getEpochSecond());
    }

    private static Instant parse(Setting field, String v, String fix) {
        if (v.matches("[0-9]{1,12}")) {
            return Instant.ofEpochSecond(Long.parseLong(v));
        }
        try {
            return Instant.ofEpochSecond(OffsetDateTime.parse(v).toInstant().getEpochSecond());
        } catch (DateTimeParseException e) {
            throw new DebException(field, v, "not a timestamp.", fix, e);
        }
    }
}
