package io.github.jpackagedeb.core.control;

import io.github.jpackagedeb.core.DebException;
import io.github.jpackagedeb.core.Setting;

import java.util.Locale;

/**
 * A Debian package name, valid per Debian Policy 5.6.1 (which 5.6.7 applies to binary packages):
 * at least two characters, only lower-case letters {@code a-z}, digits {@code 0-9}, {@code +},
 * {@code -} and {@code .}, starting with a letter or digit.
 *
 * @param value the name, e.g. {@code hello-cli}
 */
public record PackageName(String value) {

    private static final Setting FIELD = Setting.PACKAGE_NAME;

    /** @throws DebException (field {@code packageName}) when the name breaks Policy 5.6.1 */
    public PackageName {
        validate(value);
    }

    /** Same as the constructor. */
    public static PackageName of(String value) {
        return new PackageName(value);
    }

    /**
     * Checks a package name against Debian Policy 5.6.1.
     *
     * @return the name, unchanged
     * @throws DebException (field {@code packageName}) naming the rule broken and, where one
     *                      exists, a valid name to use instead
     */
    public static String validate(String name) {
        if (name == null || name.isEmpty()) {
            throw new DebException(FIELD, name, "the package name is missing or empty.",
                    "set the package name explicitly, e.g. my-app.");
        }
        String problem = null;
        for (int i = 0; i < name.length() && problem == null; i++) {
            char c = name.charAt(i);
            if (c >= 'A' && c <= 'Z') {
                problem = "it contains the upper-case letter '" + c + "'; Debian package names are lower case (Debian Policy 5.6.1).";
            } else if (!isAllowed(c)) {
                problem = "it contains '" + DebException.printable(String.valueOf(c))
                        + "'; only a-z, 0-9, '+', '-' and '.' are allowed (Debian Policy 5.6.1).";
            }
        }
        if (problem == null && name.length() < 2) {
            problem = "it is shorter than two characters (Debian Policy 5.6.1).";
        }
        if (problem == null && !isAlnum(name.charAt(0))) {
            problem = "it starts with '" + name.charAt(0) + "'; it must start with a letter or digit (Debian Policy 5.6.1).";
        }
        if (problem != null) {
            String suggestion = suggest(name);
            throw new DebException(FIELD, name, "not a valid Debian package name: " + problem,
                    suggestion != null && !suggestion.equals(name)
                            ? "set the package name explicitly, e.g. " + suggestion + "."
                            : "set the package name explicitly to at least two characters of a-z, 0-9, '+', '-' and '.', starting with a letter or digit, e.g. my-app.");
        }
        return name;
    }

    /**
     * Derives a package name from a Maven artifactId (or any project name): lower-cased, {@code _}
     * and every other character not allowed by Policy 5.6.1 turned into {@code -}, runs of
     * {@code -} collapsed, leading characters other than letters and digits and trailing
     * {@code -} removed. {@code My_App} → {@code my-app}; {@code Foo Bar!} → {@code foo-bar}.
     *
     * @throws DebException (field {@code packageName}) when nothing valid is left (fewer than two characters)
     */
    public static PackageName fromArtifactId(String artifactId) {
        String name = artifactId == null ? null : sanitize(artifactId);
        if (name == null || name.length() < 2) {
            String why = name == null ? "there is no artifactId"
                    : name.isEmpty() ? "it has no letter or digit"
                    : "it gives '" + name + "', and a package name needs at least two characters";
            throw new DebException(FIELD, artifactId,
                    "no valid Debian package name (two or more of a-z, 0-9, '+', '-', '.', starting with a letter or digit; Debian Policy 5.6.1) can be derived from "
                            + (artifactId == null ? "a missing artifactId" : "the artifactId '" + DebException.printable(artifactId) + "'")
                            + ": " + why + ".",
                    "set the package name explicitly, e.g. my-app.");
        }
        return new PackageName(name);
    }

    private static String suggest(String name) {
        String s = sanitize(name);
        return s.length() >= 2 ? s : null;
    }

    private static String sanitize(String raw) {
        String lower = raw.toLowerCase(Locale.ROOT);
        StringBuilder sb = new StringBuilder(lower.length());
        for (int i = 0; i < lower.length(); i++) {
            char c = lower.charAt(i);
            char mapped = isAllowed(c) ? c : '-';
            if (mapped == '-' && sb.length() > 0 && sb.charAt(sb.length() - 1) == '-') {
                continue;
            }
            if (sb.length() == 0 && !isAlnum(mapped)) {
                continue;
            }
            sb.append(mapped);
        }
        while (sb.length() > 0 && sb.charAt(sb.length() - 1) == '-') {
            sb.setLength(sb.length() - 1);
        }
        return sb.toString();
    }

    private static boolean isAlnum(char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    }

    private static boolean isAllowed(char c) {
        return isAlnum(c) || c == '+' || c == '-' || c == '.';
    }

    /** The name itself. */
    @Override
    public String toString() {
        return value;
    }
}
