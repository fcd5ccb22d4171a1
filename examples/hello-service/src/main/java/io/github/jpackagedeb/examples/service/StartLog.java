package io.github.jpackagedeb.examples.service;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;

/**
 * The service's data in its data directory: {@code starts} (how many times it started, replaced atomically) and
 * {@code starts.log} (one line per start: time and version). Kept across upgrade, downgrade, remove and, unless
 * configured otherwise, purge.
 */
public final class StartLog {

    private final Path dir;

    public StartLog(Path dir) {
        this.dir = dir;
    }

    /** Records one start of {@code version} and returns the new number of starts. */
    public long recordStart(String version, Instant now) throws IOException {
        long starts = starts() + 1;
        Path tmp = dir.resolve("starts.tmp");
        Files.writeString(tmp, starts + "\n", StandardCharsets.UTF_8);
        Files.move(tmp, dir.resolve("starts"), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        Files.writeString(dir.resolve("starts.log"), now + " " + version + "\n", StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        return starts;
    }

    /** The number of starts recorded so far (0 when none). */
    public long starts() throws IOException {
        Path f = dir.resolve("starts");
        if (!Files.exists(f)) {
            return 0;
        }
        String s = Files.readString(f, StandardCharsets.UTF_8).strip();
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            throw new IOException(f + " does not hold a number: '" + s + "'", e);
        }
    }
}
