package io.github.jpackagedeb.core.archive;

import io.github.jpackagedeb.core.DebException;
import io.github.jpackagedeb.core.DebLog;
import io.github.jpackagedeb.core.Setting;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Checks every data entry before anything is written and turns the list into the exact, sorted
 * list of tar entries: the root {@code ./}, every missing parent directory, and the given entries
 * with their sizes taken once. Nothing a caller passes is trusted (docs/architecture.md#the-archive).
 */
final class EntryRules {

    /** Linux NAME_MAX: longer names cannot be unpacked on any common filesystem. */
    static final int MAX_SEGMENT_BYTES = 255;
    /** Linux PATH_MAX is 4096 including the leading '/' and the NUL. */
    static final int MAX_PATH_BYTES = 4094;

    /**
     * One tar entry as it will be written.
     *
     * @param path     relative path without {@code ./} or trailing slash; "" is the root
     * @param size     the file size read once during validation (0 for others)
     * @param implicit added by the writer (a parent directory nobody listed)
     */
    record Item(String path, EntryType type, int mode, Content content, String linkTarget,
                boolean conffile, long size, boolean implicit) {

        /** The member name in data.tar: {@code ./}, {@code ./usr/}, {@code ./usr/bin/hello}. */
        String tarName() {
            if (path.isEmpty()) {
                return "./";
            }
            return "./" + path + (type == EntryType.DIRECTORY ? "/" : "");
        }
    }

    /**
     * Paths in tree order: byte order of the UTF-8 bytes with '/' ranking below every other byte.
     * That is a plain byte order of each path segment in turn, so a directory's subtree is
     * contiguous and follows the directory itself (as in dpkg-deb's sorted tree walk).
     */
    static final Comparator<String> PATH_ORDER = (a, b) -> {
        byte[] x = a.getBytes(StandardCharsets.UTF_8);
        byte[] y = b.getBytes(StandardCharsets.UTF_8);
        int n = Math.min(x.length, y.length);
        for (int i = 0; i < n; i++) {
            int cx = x[i] == '/' ? 0 : (x[i] & 0xff) + 1;
            int cy = y[i] == '/' ? 0 : (y[i] & 0xff) + 1;
            if (cx != cy) {
                return Integer.compare(cx, cy);
            }
        }
        return Integer.compare(x.length, y.length);
    };

    private EntryRules() {
    }

    /** Validates the entries and returns the complete, sorted list of tar entries. */
    static List<Item> normalise(List<DebEntry> entries, boolean allowSpecialModes, DebLog log) {
        Objects.requireNonNull(entries, "data");
        Map<String, DebEntry> given = new HashMap<>();
        for (DebEntry e : entries) {
            Objects.requireNonNull(e, "data entry");
            checkPath(e.path());
            DebEntry earlier = given.putIfAbsent(e.path(), e);
            if (earlier != null) {
                throw new DebException(Setting.PATH, e.path(),
                        "the package would contain this path twice: from " + source(earlier)
                                + " and from " + source(e) + ".",
                        "keep only one of them (rename or drop the other).");
            }
        }
        Map<String, Item> items = new HashMap<>();
        items.put("", new Item("", EntryType.DIRECTORY, DebEntry.DIR_MODE, null, null, false, 0, true));
        for (DebEntry e : entries) {
            for (String parent = parentOf(e.path()); !parent.isEmpty(); parent = parentOf(parent)) {
                DebEntry p = given.get(parent);
                if (p == null) {
                    items.putIfAbsent(parent, new Item(parent, EntryType.DIRECTORY, DebEntry.DIR_MODE,
                            null, null, false, 0, true));
                } else if (p.type() != EntryType.DIRECTORY) {
                    throw new DebException(Setting.PATH, e.path(),
                            "its parent " + parent + " is given as a " + p.type().name().toLowerCase(Locale.ROOT)
                                    + " (" + source(p) + "), so nothing can be placed under it (source: "
                                    + source(e) + ").",
                            "make " + parent + " a directory or move this entry elsewhere.");
                }
            }
            items.put(e.path(), check(e, allowSpecialModes, log));
        }
        List<Item> sorted = new ArrayList<>(items.values());
        sorted.sort(Comparator.comparing(Item::path, PATH_ORDER));
        return List.copyOf(sorted);
    }

    private static Item check(DebEntry e, boolean allowSpecialModes, DebLog log) {
        switch (e.type()) {
            case DIRECTORY:
                checkMode(e, allowSpecialModes, log);
                return new Item(e.path(), EntryType.DIRECTORY, e.mode(), null, null, false, 0, false);
            case FILE:
                checkMode(e, allowSpecialModes, log);
                if (e.conffile() && !e.path().startsWith("etc/")) {
                    throw new DebException(Setting.CONFFILE, e.path(),
                            "a conffile must be installed under /etc (Debian Policy 10.7.2).",
                            "install it under etc/ or do not mark it as a conffile.");
                }
                return new Item(e.path(), EntryType.FILE, e.mode(), e.content(), null, e.conffile(),
                        sizeOf(e), false);
            case SYMLINK:
                checkLink(e.path(), e.linkTarget());
                return new Item(e.path(), EntryType.SYMLINK, 0777, null, e.linkTarget(), false, 0, false);
            default:
                throw new IllegalArgumentException(String.valueOf(e.type()));
        }
    }

    /** Where an entry came from, for error messages. */
    static String source(DebEntry e) {
        switch (e.type()) {
            case FILE:
                return e.content().describe();
            case SYMLINK:
                return "a symlink to " + DebException.printable(e.linkTarget());
            default:
                return "a directory entry";
        }
    }

    private static long sizeOf(DebEntry e) {
        Content c = e.content();
        if (c instanceof Content.FileContent f && !Files.isRegularFile(f.file())) {
            throw new DebException(Setting.PATH, e.path(),
                    "its source " + c.describe() + (Files.exists(f.file()) ? " is not a regular file."
                            : " does not exist."),
                    "point the entry at an existing regular file.");
        }
        try {
            long size = c.size();
            if (size < 0) {
                throw new DebException(Setting.PATH, e.path(), "its source " + c.describe()
                        + " reports a negative size " + size + ".", null);
            }
            return size;
        } catch (IOException ex) {
            throw new DebException(Setting.PATH, e.path(), "cannot read the size of " + c.describe() + ": "
                    + ex, "check that the file exists and is readable.", ex);
        }
    }

    /**
     * Debian Policy 10.9: files 0644 or 0755, directories 0755; anything else (setuid, setgid,
     * sticky, group- or world-writable, private) only when the caller allows special modes.
     */
    private static void checkMode(DebEntry e, boolean allowSpecialModes, DebLog log) {
        int m = e.mode();
        boolean dir = e.type() == EntryType.DIRECTORY;
        if (m < 0 || m > 07777) {
            throw new DebException(Setting.PATH, e.path(), "mode " + Integer.toOctalString(m)
                    + " is not a permission mode (it must be within 0000..7777 octal, without file type bits).",
                    "give the permission bits only, e.g. 0644 or 0755.");
        }
        boolean standard = dir ? m == 0755 : (m == 0644 || m == 0755);
        if (standard) {
            return;
        }
        String shown = String.format("%04o", m);
        if (!allowSpecialModes) {
            throw new DebException(Setting.PATH, e.path(),
                    "mode " + shown + " is not allowed for a " + (dir ? "directory" : "file")
                            + ": packages ship files as 0644 or 0755 and directories as 0755, without setuid, "
                            + "setgid, sticky or world-writable bits (Debian Policy 10.9).",
                    "use " + (dir ? "0755" : "0644 or 0755")
                            + ", or allow special modes explicitly if the package really needs this one.");
        }
        if ((m & 07002) != 0) {
            log.warn("packaging " + e.path() + " with special mode " + shown
                    + " (setuid, setgid, sticky or world-writable), as explicitly allowed.");
        }
    }

    /**
     * A symlink target must not leave the package root: relative targets are resolved from the
     * link's directory and may not climb above the root; absolute targets may not contain
     * {@code ..} at all. Resolution is lexical (intermediate links are not followed); an entry
     * below a symlink is refused separately, so a link cannot be used as a step out of the tree.
     */
    static void checkLink(String path, String target) {
        if (target.isEmpty()) {
            throw new DebException(Setting.PATH, path, "the symlink has an empty target.",
                    "give the symlink a target.");
        }
        String bad = badCharacter(target);
        if (bad != null) {
            throw new DebException(Setting.PATH, path, "the symlink target '" + DebException.printable(target)
                    + "' contains " + bad + ".", "use a target made of printable characters.");
        }
        if (target.getBytes(StandardCharsets.UTF_8).length > MAX_PATH_BYTES) {
            throw new DebException(Setting.PATH, path, "the symlink target is longer than " + MAX_PATH_BYTES
                    + " bytes.", "use a shorter target.");
        }
        String[] parts = target.split("/", -1);
        if (target.startsWith("/")) {
            for (String s : parts) {
                if (s.equals("..")) {
                    throw new DebException(Setting.PATH, path, "the absolute symlink target '"
                            + DebException.printable(target) + "' contains a '..' segment.",
                            "write the target without '..' (e.g. /usr/share/foo).");
                }
            }
            return;
        }
        Deque<String> dir = new ArrayDeque<>();
        String parent = parentOf(path);
        if (!parent.isEmpty()) {
            for (String s : parent.split("/")) {
                dir.addLast(s);
            }
        }
        for (String s : parts) {
            if (s.isEmpty() || s.equals(".")) {
                continue;
            }
            if (s.equals("..")) {
                if (dir.isEmpty()) {
                    throw new DebException(Setting.PATH, path, "the symlink target '" + DebException.printable(target)
                            + "' climbs above the package root when resolved from the link's directory /"
                            + parent + ".",
                            "point the link at a path inside the package (fewer '..' or an absolute target).");
                }
                dir.removeLast();
            } else {
                dir.addLast(s);
            }
        }
    }

    /** Checks one entry path; the value of every error is the path. */
    static void checkPath(String path) {
        if (path.isEmpty()) {
            throw new DebException(Setting.PATH, path, "the path is empty.",
                    "give a path relative to the root, e.g. usr/bin/hello.");
        }
        String bad = badCharacter(path);
        if (bad != null) {
            throw new DebException(Setting.PATH, path, "the path contains " + bad + ".",
                    "rename the file; package paths must be printable UTF-8.");
        }
        if (path.startsWith("/")) {
            throw new DebException(Setting.PATH, path, "the path is absolute.",
                    "write it relative to the root without the leading '/', e.g. "
                            + DebException.printable(path.replaceFirst("^/+", "")) + ".");
        }
        if (path.endsWith("/")) {
            throw new DebException(Setting.PATH, path, "the path ends with '/'.",
                    "drop the trailing slash; directories are marked by their entry type.");
        }
        if (path.endsWith(" ")) {
            throw new DebException(Setting.PATH, path, "the path ends with a space, which md5sums and conffiles "
                    + "cannot represent (deb-md5sums(5)).", "rename the file.");
        }
        byte[] bytes = path.getBytes(StandardCharsets.UTF_8);
        if (bytes.length > MAX_PATH_BYTES) {
            throw new DebException(Setting.PATH, path, "the path is " + bytes.length + " bytes long; the limit is "
                    + MAX_PATH_BYTES + " (PATH_MAX).", "shorten the path.");
        }
        for (String s : path.split("/", -1)) {
            if (s.isEmpty()) {
                throw new DebException(Setting.PATH, path, "the path has an empty segment ('//').",
                        "remove the doubled slash.");
            }
            if (s.equals(".") || s.equals("..")) {
                throw new DebException(Setting.PATH, path, "the path contains a '" + s + "' segment.",
                        "give the plain path without '.' or '..' segments.");
            }
            if (s.getBytes(StandardCharsets.UTF_8).length > MAX_SEGMENT_BYTES) {
                throw new DebException(Setting.PATH, path,
                        "the name '" + DebException.printable(s) + "' is longer than "
                        + MAX_SEGMENT_BYTES + " bytes (NAME_MAX), so it cannot be unpacked.",
                        "shorten that file or directory name.");
            }
        }
    }

    /** Describes the first character that may not appear in a path or link target, or null. */
    static String badCharacter(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == 0) {
                return "a NUL character";
            }
            if (c == '\n' || c == '\r') {
                return "a line break";
            }
            if (c < 0x20 || c == 0x7f || (c >= 0x80 && c <= 0x9f)) {
                return String.format("the control character U+%04X", (int) c);
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                    i++;
                    continue;
                }
                return "an unpaired surrogate (not valid UTF-8)";
            }
            if (Character.isLowSurrogate(c)) {
                return "an unpaired surrogate (not valid UTF-8)";
            }
        }
        return null;
    }

    static String parentOf(String path) {
        int i = path.lastIndexOf('/');
        return i < 0 ? "" : path.substring(0, i);
    }
}
