package io.github.jpackagedeb.core.assembly;

import io.github.jpackagedeb.core.DebException;
import io.github.jpackagedeb.core.Setting;
import io.github.jpackagedeb.core.service.AccountName;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;

/**
 * One more file, directory or symbolic link for the package, after nfpm's file types.
 * <ul>
 *   <li>{@code file}: a file copied from {@code source}; under {@code /etc} it is a conffile like any file
 *       there (Debian Policy 10.7.2).</li>
 *   <li>{@code config}: a configuration file; must be under {@code /etc}; a conffile: dpkg keeps the
 *       administrator's changes on upgrade and downgrade.</li>
 *   <li>{@code config|noreplace}: the same for dpkg (nfpm's rpm-only distinction; dpkg never replaces a changed
 *       conffile without asking).</li>
 *   <li>{@code dir}: an (empty) directory; dpkg removes it when the package goes, if it is empty.</li>
 *   <li>{@code symlink}: a symbolic link to {@code linkTarget}.</li>
 * </ul>
 * data.tar holds only root:root entries with modes 0644/0755; another owner or mode (e.g. {@code 0640} owned by
 * the service user) is set by postinst with {@code chown}/{@code chmod}, unless the administrator set one with
 * {@code dpkg-statoverride}.
 *
 * @param type        the kind of entry
 * @param source      the file to copy (file and config types); null otherwise
 * @param destination absolute path in the installed system, e.g. {@code /etc/my-app/app.conf}
 * @param linkTarget  the target of a symlink; null otherwise
 * @param mode        permission bits, or null for the default (0644 files, 0755 directories)
 * @param owner       user name, or null for root
 * @param group       group name, or null for the owner's name (root when there is no owner)
 * @param allowSpecialModes true to accept a mode with setuid, setgid or sticky bits or write permission for others
 *                    (refused by default, Debian Policy 10.9); postinst sets it, data.tar still holds 0644/0755
 */
public record ExtraFile(Type type, Path source, String destination, String linkTarget, Integer mode, String owner,
                        String group, boolean allowSpecialModes) {

    /** The fix that allows special modes: each front end words it as its own option. */
    private static final DebException.Change ALLOW = new DebException.Change(Setting.ALLOW_SPECIAL_MODES, "true");

    private static final Setting FIELD = Setting.EXTRA_FILES;

    /** nfpm's file types as far as a .deb has them. */
    public enum Type {
        FILE("file"), CONFIG("config"), CONFIG_NOREPLACE("config|noreplace"), DIR("dir"), SYMLINK("symlink");

        private final String word;

        Type(String word) {
            this.word = word;
        }

        public String word() {
            return word;
        }

        /** {@code file} (also when null or blank), {@code config}, {@code config|noreplace}, {@code dir}, {@code symlink}. */
        public static Type parse(String value) {
            if (value == null || value.isBlank()) {
                return FILE;
            }
            String v = value.strip().toLowerCase(Locale.ROOT);
            for (Type t : values()) {
                if (t.word.equals(v)) {
                    return t;
                }
            }
            throw new DebException(FIELD, value, "not a file type.",
                    "use file, config, config|noreplace, dir or symlink.");
        }

        boolean isConfig() {
            return this == CONFIG || this == CONFIG_NOREPLACE;
        }
    }

    public ExtraFile {
        Objects.requireNonNull(type, "type");
        if (destination == null || destination.isBlank()) {
            throw new DebException(FIELD, destination, "an extra " + type.word() + " has no destination.",
                    "give the absolute path it is installed at, e.g. /etc/my-app/app.conf.");
        }
        String where = destination;
        if (!destination.startsWith("/") || destination.length() < 2 || destination.endsWith("/")
                || destination.contains("//") || ("/" + destination + "/").contains("/../")
                || ("/" + destination + "/").contains("/./")) {
            throw new DebException(FIELD, destination, "the destination must be a normalised absolute path.",
                    "write it like /etc/my-app/app.conf (no trailing '/', no '.' or '..').");
        }
        if (type.isConfig() && !destination.startsWith("/etc/")) {
            throw new DebException(FIELD, where, "a " + type.word() + " file is a conffile, and conffiles live under "
                    + "/etc (Debian Policy 10.7.2).", "install it under /etc/, or make it a plain file.");
        }
        if (type == Type.FILE || type.isConfig()) {
            if (source == null) {
                throw new DebException(FIELD, where, "no source file is given for it.",
                        "name the file to copy (<src>).");
            }
            if (!Files.isRegularFile(source)) {
                throw new DebException(FIELD, source.toString(), "the source of " + where
                        + (Files.exists(source) ? " is not a regular file." : " does not exist."),
                        "point <src> at an existing file.");
            }
        } else if (source != null) {
            throw new DebException(FIELD, where, "a " + type.word() + " takes no source file.",
                    "drop <src> (a dir is created empty; a symlink needs <linkTarget>).");
        }
        if ((type == Type.SYMLINK) != (linkTarget != null && !linkTarget.isBlank())) {
            throw new DebException(FIELD, where, type == Type.SYMLINK ? "the symlink has no target."
                    : "only a symlink has a link target.", type == Type.SYMLINK ? "give <linkTarget>."
                    : "drop <linkTarget> or make the entry a symlink.");
        }
        if (type == Type.SYMLINK && (mode != null || owner != null || group != null)) {
            throw new DebException(FIELD, where, "a symlink has no mode or owner of its own.",
                    "drop <mode>, <owner> and <group> from the symlink.");
        }
        if (mode != null && (mode < 0 || mode > 07777)) {
            throw new DebException(FIELD, where, "mode " + Integer.toOctalString(mode) + " is not a permission mode "
                    + "(0000-7777 octal).", "give permission bits only, e.g. 0640.");
        }
        if (mode != null && mode > 0777 && !allowSpecialModes) {
            throw new DebException(FIELD, where, "mode " + String.format("%04o", mode) + " sets the setuid, setgid or "
                    + "sticky bit, which packages do not ship unless explicitly allowed (Debian Policy 10.9).",
                    "give permission bits only, e.g. 0755; or, if the file really needs it, ", ALLOW, null);
        }
        if (mode != null && (mode & 0002) != 0 && !allowSpecialModes) {
            throw new DebException(FIELD, where, "mode " + String.format("%04o", mode) + " is world-writable.",
                    "drop the write bit for others, e.g. 0664 -> 0644, and give the file an owner instead; or, if it "
                            + "really must be world-writable, ", ALLOW, null);
        }
        if (owner != null) {
            checkAccount(owner, where);
        }
        if (group != null) {
            checkAccount(group, where);
        }
    }

    private static void checkAccount(String name, String where) {
        if (!name.equals("root")) {
            try {
                AccountName.validateSyntax(FIELD, name);
            } catch (DebException e) {
                throw e.restate(FIELD, where, "owner or group '" + name + "': " + e.problem());
            }
        }
    }

    /** An entry with the default rules: special modes (setuid, setgid, sticky, world-writable) are refused. */
    public ExtraFile(Type type, Path source, String destination, String linkTarget, Integer mode, String owner,
                     String group) {
        this(type, source, destination, linkTarget, mode, owner, group, false);
    }

    /** True when the mode has setuid, setgid or sticky bits or write permission for others (allowed explicitly). */
    public boolean hasSpecialMode() {
        return mode != null && (mode > 0777 || (mode & 0002) != 0);
    }

    /** Parses an octal mode such as {@code 0640} or {@code 640}; null for null or blank. */
    public static Integer parseMode(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Integer.parseInt(value.strip(), 8);
        } catch (NumberFormatException e) {
            throw new DebException(FIELD, value, "not an octal mode.", "write it like 0644 or 0750.");
        }
    }

    /** The path in data.tar (no leading slash). */
    String entryPath() {
        return destination.substring(1);
    }

    /** The mode shipped in data.tar: 0755 for directories and anything executable, else 0644. */
    int archiveMode() {
        if (type == Type.DIR) {
            return 0755;
        }
        return mode != null && (mode & 0111) != 0 ? 0755 : 0644;
    }

    /** The owner postinst sets: owner (or root) and group (or the owner's name). */
    String effectiveOwner() {
        return owner != null ? owner : "root";
    }

    String effectiveGroup() {
        return group != null ? group : effectiveOwner();
    }

    /** True when postinst must set owner or mode (they differ from what data.tar can carry). */
    boolean needsPostinst() {
        if (type == Type.SYMLINK) {
            return false;
        }
        return !effectiveOwner().equals("root") || !effectiveGroup().equals("root")
                || (mode != null && mode != archiveMode());
    }

    /** The mode postinst sets. */
    int installedMode() {
        return mode != null ? mode : archiveMode();
    }
}
