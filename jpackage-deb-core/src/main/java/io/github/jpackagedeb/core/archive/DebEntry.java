package io.github.jpackagedeb.core.archive;

import java.util.Objects;

/**
 * One entry of data.tar: a directory, a regular file or a symbolic link, at a path relative to the
 * installation root written without a leading slash ({@code usr/bin/hello}). The writer turns it
 * into {@code ./usr/bin/hello}, adds missing parent directories, and checks every rule of
 * docs/architecture.md#the-archive (no absolute or {@code ..} paths, no link escaping the root, modes).
 *
 * @param path   relative path, '/'-separated, no leading '/', no trailing '/'
 * @param type   the kind of entry
 * @param mode   permission bits (e.g. 0644, 0755); setuid/setgid/sticky/world-writable are refused
 *               by the writer unless allowed explicitly
 * @param content the bytes of a FILE; null otherwise
 * @param linkTarget the target of a SYMLINK as it will be stored (relative or absolute inside the
 *               package root); null otherwise
 * @param conffile whether the file is listed in DEBIAN/conffiles (only FILE entries under etc/)
 */
public record DebEntry(String path, EntryType type, int mode, Content content, String linkTarget, boolean conffile) {

    public static final int FILE_MODE = 0644;
    public static final int EXEC_MODE = 0755;
    public static final int DIR_MODE = 0755;

    public DebEntry {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(type, "type");
        if (type == EntryType.FILE && content == null) {
            throw new IllegalArgumentException("a FILE entry needs content: " + path);
        }
        if (type == EntryType.SYMLINK && linkTarget == null) {
            throw new IllegalArgumentException("a SYMLINK entry needs a target: " + path);
        }
        if (conffile && type != EntryType.FILE) {
            throw new IllegalArgumentException("only files can be conffiles: " + path);
        }
    }

    public static DebEntry directory(String path) {
        return new DebEntry(path, EntryType.DIRECTORY, DIR_MODE, null, null, false);
    }

    public static DebEntry file(String path, Content content) {
        return new DebEntry(path, EntryType.FILE, FILE_MODE, content, null, false);
    }

    public static DebEntry executable(String path, Content content) {
        return new DebEntry(path, EntryType.FILE, EXEC_MODE, content, null, false);
    }

    public static DebEntry conffile(String path, Content content) {
        return new DebEntry(path, EntryType.FILE, FILE_MODE, content, null, true);
    }

    public static DebEntry symlink(String path, String target) {
        return new DebEntry(path, EntryType.SYMLINK, 0777, null, target, false);
    }

    public DebEntry withMode(int newMode) {
        return new DebEntry(path, type, newMode, content, linkTarget, conffile);
    }
}
