package io.github.jpackagedeb.core.service;

import io.github.jpackagedeb.core.DebException;
import io.github.jpackagedeb.core.Setting;

import java.util.Set;
import java.util.regex.Pattern;

/**
 * System user and group names as adduser accepts them for {@code --system} accounts (its SYS_NAME_REGEX
 * {@code ^[a-z_][-a-z0-9_]*$}) and within useradd's 32-character limit. Debian Policy 9.2.1 asks that names a
 * package chooses start with an underscore ({@code _myapp}); a name equal to the package name is common practice
 * and accepted too.
 */
public final class AccountName {

    private static final Pattern NAME = Pattern.compile("[a-z_][a-z0-9_-]*");
    private static final int MAX = 32;
    /** Accounts a service must never be given: root, and the shared unprivileged ones. */
    private static final Set<String> RESERVED = Set.of("root", "nobody", "nogroup", "daemon", "bin", "sys",
            "adm", "sudo", "staff", "users", "systemd-network");

    private AccountName() {
    }

    /**
     * Checks a user or group name.
     *
     * @param field the core field name for the error ({@code service.user} or {@code service.group})
     * @return the name
     */
    public static String validate(Setting field, String name) {
        return check(field, name, true);
    }

    /**
     * Checks only the syntax of an existing account's name (an owner of extra files such as {@code adm} or
     * {@code www-data}): shared system accounts are fine there.
     */
    public static String validateSyntax(Setting field, String name) {
        return check(field, name, false);
    }

    private static String check(Setting field, String name, boolean own) {
        if (name == null || name.isEmpty()) {
            throw new DebException(field, name, "the account name is empty.", "give a name such as _myapp.");
        }
        String problem = null;
        if (name.length() > MAX) {
            problem = "it is longer than " + MAX + " characters.";
        } else if (!NAME.matcher(name).matches()) {
            problem = "adduser accepts only lower-case letters, digits, '_' and '-', starting with a letter or '_' "
                    + "(its SYS_NAME_REGEX; Debian Policy 9.2.1).";
        } else if (own && RESERVED.contains(name)) {
            problem = "it is a shared system account; a service gets an account of its own (Debian Policy 9.2.2).";
        }
        if (problem != null) {
            String suggestion = suggest(name);
            throw new DebException(field, name, "not a valid system account name: " + problem,
                    "choose another name" + (suggestion != null ? ", e.g. " + suggestion : ", e.g. _myapp") + ".");
        }
        return name;
    }

    /** True when {@link #validate} would accept the name. */
    public static boolean isValid(String name) {
        return name != null && name.length() <= MAX && NAME.matcher(name).matches() && !RESERVED.contains(name);
    }

    /** A valid name close to {@code raw} (lower-cased, other characters turned into '-'), or null. */
    static String suggest(String raw) {
        String s = raw.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9_-]", "-");
        if (!s.isEmpty() && !Character.isLetter(s.charAt(0)) && s.charAt(0) != '_') {
            s = "_" + s;
        }
        if (s.length() > MAX) {
            s = s.substring(0, MAX);
        }
        return isValid(s) ? s : null;
    }
}
