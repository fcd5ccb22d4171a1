package io.github.jpackagedeb.core.control;

import io.github.jpackagedeb.core.DebException;

import java.util.regex.Pattern;

/**
 * Checks one entry of a relationship field (Debian Policy 7.1): {@code name[:arch] [(op version)] [[arch…]] [<profile…>]}
 * alternatives joined with {@code |}. Provides only allows {@code (= version)} (Policy 7.5).
 */
final class RelationSyntax {

    private static final Pattern ALTERNATIVE = Pattern.compile(
            "[a-z0-9][a-z0-9+.-]+(:[a-z0-9-]+)?"                     // package[:arch]
            + "(\\s*\\(\\s*(<<|<=|=|>=|>>)\\s*[0-9][A-Za-z0-9.+~:-]*\\s*\\))?" // (op version)
            + "(\\s*\\[[!a-z0-9 -]+\\])?"                            // [arch restriction]
            + "(\\s*<[!a-z0-9. -]+>)*");                            // <build profiles>

    private RelationSyntax() {
    }

    static String check(Relation relation, String entry) {
        if (entry == null || entry.isBlank()) {
            throw new DebException(relation.setting(), entry, "an empty relationship entry.",
                    "remove the empty entry, or write a package name such as 'adduser' or 'libc6 (>= 2.34)'.");
        }
        String e = entry.trim().replaceAll("\\s+", " ");
        for (String alt : e.split("\\|")) {
            String a = alt.trim();
            if (!ALTERNATIVE.matcher(a).matches()) {
                throw new DebException(relation.setting(), entry,
                        "not a valid relationship (Debian Policy 7.1): '" + DebException.printable(a) + "'.",
                        "write 'package', 'package (>= version)' or alternatives 'a | b'; package names are lowercase.");
            }
            if (relation == Relation.PROVIDES && a.contains("(") && !a.matches(".*\\(\\s*=.*")) {
                throw new DebException(relation.setting(), entry,
                        "Provides only allows an exact '(= version)' (Policy 7.5).",
                        "drop the version or use '(= version)'.");
            }
        }
        if (relation == Relation.PROVIDES && e.contains("|")) {
            throw new DebException(relation.setting(), entry, "Provides cannot list alternatives (Policy 7.5).",
                    "list each provided name as its own entry.");
        }
        return e;
    }
}
