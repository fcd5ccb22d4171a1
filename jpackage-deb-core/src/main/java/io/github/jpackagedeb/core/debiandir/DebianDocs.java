package io.github.jpackagedeb.core.debiandir;

import io.github.jpackagedeb.core.DebException;
import io.github.jpackagedeb.core.Setting;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Files of the author's {@code debian/} directory that replace or extend generated package files
 * (docs/architecture.md#precedence), under debhelper's names: {@code changelog} (shipped as
 * {@code changelog.Debian.gz}, Policy 12.7), {@code copyright} (Policy 12.5), {@code <pkg>.lintian-overrides} (added
 * to the generated overrides) and {@code <pkg>.conffiles} (more conffiles, Policy 10.7.2). Read by
 * {@code core.debiandir.DebianDirectory}.
 *
 * @param changelog        the text of {@code debian/changelog}, or null to generate one
 * @param copyright        the text of {@code debian/copyright}, or null to generate one
 * @param lintianOverrides the author's overrides, or null
 * @param conffiles        absolute paths of files to mark as conffiles besides those under /etc
 * @param source           the directory, for messages
 */
public record DebianDocs(String changelog, String copyright, String lintianOverrides, List<String> conffiles,
                         String source) {

    /** Nothing from {@code debian/}. */
    public static final DebianDocs NONE = new DebianDocs(null, null, null, List.of(), "debian");

    public DebianDocs {
        conffiles = List.copyOf(conffiles);
    }

    /**
     * The generated overrides, then the author's lines that are not among them (comments kept with their lines).
     */
    public String mergeLintianOverrides(String generated) {
        if (lintianOverrides == null || lintianOverrides.isBlank()) {
            return generated;
        }
        Set<String> have = new LinkedHashSet<>();
        for (String l : generated.split("\n")) {
            have.add(l.strip());
        }
        StringBuilder sb = new StringBuilder(generated);
        if (sb.length() > 0 && sb.charAt(sb.length() - 1) != '\n') {
            sb.append('\n');
        }
        List<String> pendingComments = new ArrayList<>();
        for (String l : lintianOverrides.split("\n")) {
            String s = l.strip();
            if (s.isEmpty()) {
                pendingComments.clear();
            } else if (s.startsWith("#")) {
                pendingComments.add(s);
            } else if (have.add(s)) {
                pendingComments.forEach(c -> sb.append(c).append('\n'));
                pendingComments.clear();
                sb.append(s).append('\n');
            } else {
                pendingComments.clear();
            }
        }
        return sb.toString();
    }

    /** Checks a conffile path from {@code <pkg>.conffiles}. */
    public static String checkConffile(String path, String file) {
        if (!path.startsWith("/") || path.contains("/../") || path.endsWith("/..") || path.endsWith("/")) {
            throw new DebException(Setting.DEBIAN_DIR, path, file + ": a conffile must be an absolute path to a file "
                    + "(Debian Policy 10.7.2).", "write it as /etc/<pkg>/<file>.");
        }
        return path;
    }
}
