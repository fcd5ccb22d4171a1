package io.github.jpackagedeb.core;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * What identifies a file's state, as git's index records it (racy-git.txt): its path, size, modification time,
 * status-change time (ctime, which no program can set back) and device and inode numbers. Any write, truncation,
 * replacement (a new inode) or {@code touch} changes one of them, so a cache keyed by it may skip reading a file whose
 * stat is the one it saw, provided the file did not change {@linkplain #racy too close} to that moment.
 *
 * @param path       the absolute, normalised path
 * @param size       bytes
 * @param mtimeNanos modification time, nanoseconds since the epoch
 * @param ctimeNanos status-change time, nanoseconds since the epoch
 * @param dev        the device number
 * @param ino        the inode number
 */
public record FileStat(String path, long size, long mtimeNanos, long ctimeNanos, Object dev, Object ino) {

    /** How close to the moment it is read a change makes a file's stat untrustworthy ("racily clean"). */
    public static final long RACY_MILLIS = 2000;

    /** The file's stat (following symbolic links), or null where the platform has no ctime or inode numbers. */
    public static FileStat of(Path file) throws IOException {
        Map<String, Object> a;
        try {
            a = Files.readAttributes(file, "unix:size,lastModifiedTime,ctime,dev,ino");
        } catch (UnsupportedOperationException | IllegalArgumentException e) {
            return null;
        }
        if (!(a.get("lastModifiedTime") instanceof FileTime m) || !(a.get("ctime") instanceof FileTime c)
                || a.get("ino") == null || !(a.get("size") instanceof Long size)) {
            return null;
        }
        return new FileStat(file.toAbsolutePath().normalize().toString(), size, m.to(TimeUnit.NANOSECONDS),
                c.to(TimeUnit.NANOSECONDS), a.get("dev"), a.get("ino"));
    }

    /**
     * Whether the file changed within {@code millis} before {@code nowMillis} (or lies in the future): a later write in
     * the same clock tick could then leave its stat alike, so what was read must not be remembered by this stat.
     */
    public boolean racy(long nowMillis, long millis) {
        return Math.max(mtimeNanos, ctimeNanos) / 1_000_000 > nowMillis - millis;
    }

    /** All of it as one line of text, for cache keys. */
    public String id() {
        return path + "\0size " + size + "\0mtime " + mtimeNanos + "\0ctime " + ctimeNanos + "\0dev " + dev + "\0ino "
                + ino;
    }
}
