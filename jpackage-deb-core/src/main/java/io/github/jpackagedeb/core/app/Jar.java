package io.github.jpackagedeb.core.app;

import java.nio.file.Path;
import java.util.Objects;

/**
 * One jar of the application's class path.
 *
 * @param file   the jar on disk
 * @param origin where it comes from, for messages: Maven coordinates ({@code g:a:v}) or a path
 */
public record Jar(Path file, String origin) {
    public Jar {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(origin, "origin");
    }

    public static Jar of(Path file) {
        return new Jar(file, file.toString());
    }

    public String fileName() {
        return file.getFileName().toString();
    }
}
