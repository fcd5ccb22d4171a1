package io.github.jpackagedeb.core.scripts;

import java.util.Objects;

/**
 * A maintainer script written by the package's author ({@code debian/postinst} …): kept as it is, with the
 * generated code put in at its {@code #DEBHELPER#} line.
 *
 * @param source where it came from, for error messages (a file path)
 * @param text   its content
 */
public record UserScript(String source, String text) {

    public UserScript {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(text, "text");
    }
}
