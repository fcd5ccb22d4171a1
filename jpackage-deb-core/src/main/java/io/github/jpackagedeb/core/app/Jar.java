package io.github.jpackagedeb.core.app;

import java.nio.file.Path;
import java.util.Objects;

/**
 * One jar of the application.
 *
 * @param file   the jar on disk
 * @param origin where it comes from, for messages: Maven coordinates ({@code g:a:v}) or a path
 * @param path   where it goes, relative to the package's {@code lib/}: its file name, or for a jar of an application
 *               tree (Quarkus's {@code quarkus-app/}) its path in that tree, such as {@code lib/boot/x.jar}
 */
public record Jar(Path file, String origin, String path) {
    public Jar {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(origin, "origin");
        if (path == null) {
            path = file.getFileName().toString();
        }
    }

    /** A jar that goes into {@code lib/} under its own file name. */
    public Jar(Path file, String origin) {
        this(file, origin, null);
    }

    public static Jar of(Path file) {
        return new Jar(file, file.toString());
    }

    public String fileName() {
        return file.getFileName().toString();
    }
}
