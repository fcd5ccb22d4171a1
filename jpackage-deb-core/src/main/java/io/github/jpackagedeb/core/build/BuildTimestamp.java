package io.github.jpackagedeb.core.build;

import io.github.jpackagedeb.core.DebException;

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

    public static Instant resolve(String outputTimestamp, String sourceDateEpoch, Instant now) {
        if (outputTimestamp != null && outputTimestamp.trim().length() > 1) {
            return parse("outputTimestamp", outputTimestamp.trim(),
                    "use ISO-8601 like 2026-01-31T12:00:00Z or seconds since 1970 (Maven's project.build.outputTimestamp).");
        }
        if (sourceDateEpoch != null && !sourceDateEpoch.isBlank()) {
            String v = sourceDateEpoch.trim();
            if (!v.matches("[0-9]{1,12}")) {
                throw new DebException("SOURCE_DATE_EPOCH", v, "not a number of seconds since 1970.",
                        "export SOURCE_DATE_EPOCH=$(git log -1 --format=%ct), or unset it.");
            }
            return Instant.ofEpochSecond(Long.parseLong(v));
        }
        return Instant.ofEpochSecond(now.getEpochSecond());
    }

    private static Instant parse(String field, String v, String fix) {
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
