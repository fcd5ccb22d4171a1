package io.github.jpackagedeb.core.debiandir;

import io.github.jpackagedeb.core.DebException;
import io.github.jpackagedeb.core.Setting;
import io.github.jpackagedeb.core.scripts.ScriptName;
import io.github.jpackagedeb.core.scripts.UserScript;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * What the author put in the project's {@code debian/} directory for the build (docs/architecture.md#precedence), by
 * debhelper's names so that the same directory works with both tools:
 * <ul>
 *   <li>{@code preinst}, {@code postinst}, {@code prerm}, {@code postrm} (or {@code <pkg>.postinst} …): the
 *       author's maintainer scripts, with a {@code #DEBHELPER#} line where the generated code goes;</li>
 *   <li>{@code <pkg>.service} (or {@code service}): replaces the generated systemd unit;</li>
 *   <li>{@code <pkg>.default} (or {@code default}): replaces the generated {@code /etc/default/<pkg>}.</li>
 * </ul>
 * Other files are not read here. A missing directory is the same as an empty one.
 *
 * @param scripts     the author's scripts
 * @param unitFile    the unit override, if any
 * @param defaultFile the {@code /etc/default} override, if any
 */
public record DebianDir(Map<ScriptName, UserScript> scripts, Optional<UserScript> unitFile,
                        Optional<UserScript> defaultFile) {

    /** No overrides. */
    public static final DebianDir NONE = new DebianDir(Map.of(), Optional.empty(), Optional.empty());

    public DebianDir {
        EnumMap<ScriptName, UserScript> m = new EnumMap<>(ScriptName.class);
        m.putAll(scripts);
        scripts = Collections.unmodifiableMap(m);
    }

    /** Reads {@code dir} (which may not exist) for package {@code pkg}. */
    public static DebianDir read(Path dir, String pkg) {
        if (dir == null || !Files.isDirectory(dir)) {
            return NONE;
        }
        Map<ScriptName, UserScript> scripts = new EnumMap<>(ScriptName.class);
        for (ScriptName s : ScriptName.values()) {
            read(dir, s.fileName(), pkg).ifPresent(u -> scripts.put(s, u));
        }
        return new DebianDir(scripts, read(dir, "service", pkg), read(dir, "default", pkg));
    }

    /** {@code <pkg>.<name>} or {@code <name>}; both at once is an error. */
    private static Optional<UserScript> read(Path dir, String name, String pkg) {
        Path plain = dir.resolve(name);
        Path prefixed = dir.resolve(pkg + "." + name);
        boolean hasPlain = Files.isRegularFile(plain);
        boolean hasPrefixed = Files.isRegularFile(prefixed);
        if (hasPlain && hasPrefixed) {
            throw new DebException(Setting.DEBIAN_DIR, prefixed.toString(), "both " + plain.getFileName() + " and "
                    + prefixed.getFileName() + " exist in " + dir + "; only one of them can be used.",
                    "delete one of the two files.");
        }
        if (!hasPlain && !hasPrefixed) {
            return Optional.empty();
        }
        Path file = hasPrefixed ? prefixed : plain;
        // a file that is not there was not chosen above; text() reads it as UTF-8 or names the problem
        return DebianDirectory.text(file).map(text -> new UserScript(file.toString(), text));
    }
}
