package io.github.jpackagedeb.core.runtime;

import io.github.jpackagedeb.core.DebException;
import io.github.jpackagedeb.core.DebLog;
import io.github.jpackagedeb.core.Setting;

import org.apache.commons.codec.digest.DigestUtils;
import org.apache.commons.io.file.PathUtils;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Stream;

/**
 * The cache of jdeps results and runtime images, shared by every build of a user: by default
 * {@code $XDG_CACHE_HOME/jpackage-deb} or {@code ~/.cache/jpackage-deb}.
 *
 * <p>Layout (under {@code v1/}, the format revision): {@code jdeps/<key>.txt} (a module list followed by the SHA-256
 * of the text before it), {@code runtimes/<name>/} holding {@code image/} and {@code manifest} (the
 * {@link RuntimeMetadata} as {@code meta} lines, then every file with mode, size and SHA-256, every link and
 * directory; written last, so it is the completeness marker),
 * {@code locks/<name>.lock} and {@code tmp/}.
 *
 * <p>Safe for concurrent builds, in one JVM or several: an image is built under a lock (a {@link ReentrantLock} per
 * key inside the JVM, plus a {@link FileLock} across processes), into {@code tmp/} and then renamed into place
 * atomically, so a reader sees a complete entry or none. A present entry is checked against its manifest before use;
 * a corrupt or half-deleted one is removed and rebuilt, with a warning.
 *
 * <p>When the cache directory cannot be created or written, {@link #open} falls back to a build-local directory
 * (normally {@code target/jpackage-deb-cache}) with a warning.
 */
public final class RuntimeCache {

    static final String FORMAT = "v1";
    private static final String MANIFEST_HEADER = "jpackage-deb runtime manifest 1";
    private static final Map<String, ReentrantLock> JVM_LOCKS = new ConcurrentHashMap<>();

    private final Path root;
    private final boolean fallback;
    private final DebLog log;

    private RuntimeCache(Path root, boolean fallback, DebLog log) {
        this.root = root;
        this.fallback = fallback;
        this.log = log;
    }

    /** The default cache directory: {@code $XDG_CACHE_HOME/jpackage-deb}, else {@code ~/.cache/jpackage-deb}. */
    public static Path defaultDirectory(Map<String, String> env, String userHome) {
        String xdg = env.get("XDG_CACHE_HOME");
        if (xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute()) {
            return Path.of(xdg, "jpackage-deb");
        }
        return Path.of(userHome, ".cache", "jpackage-deb");
    }

    /**
     * Opens the cache in {@code directory}, or in {@code fallbackDirectory} with a warning when {@code directory}
     * cannot be created or written.
     *
     * @param directory         the cache directory (null: {@link #defaultDirectory})
     * @param fallbackDirectory a build-local directory, or null for none
     * @throws DebException (field {@code cacheDirectory}) when neither can be used
     */
    public static RuntimeCache open(Path directory, Path fallbackDirectory, DebLog log) {
        Path dir = directory != null ? directory
                : defaultDirectory(System.getenv(), System.getProperty("user.home"));
        String problem = usable(dir);
        if (problem == null) {
            return new RuntimeCache(dir.toAbsolutePath().normalize(), false, log);
        }
        if (fallbackDirectory != null) {
            String fallbackProblem = usable(fallbackDirectory);
            if (fallbackProblem == null) {
                log.warn("The cache directory " + dir + " cannot be used (" + problem + "); using the build-local cache "
                        + fallbackDirectory + " instead, so runtimes are not shared between projects. Fix: make "
                        + dir + " writable, or set the cache directory to a writable path.");
                return new RuntimeCache(fallbackDirectory.toAbsolutePath().normalize(), true, log);
            }
            problem = problem + "; the fallback " + fallbackDirectory + " cannot be used either (" + fallbackProblem + ")";
        }
        throw new DebException(Setting.CACHE_DIRECTORY, dir.toString(),
                "the cache directory cannot be used: " + problem + ".",
                "make it writable, or set the cache directory to a writable path.");
    }

    /** Null when {@code dir} can be created and written, else why not. */
    private static String usable(Path dir) {
        try {
            Path v = Files.createDirectories(dir.resolve(FORMAT));
            Path probe = Files.createTempFile(v, ".probe-", ".tmp");
            Files.delete(probe);
            return null;
        } catch (IOException | SecurityException | UnsupportedOperationException e) {
            return e.getClass().getSimpleName() + ": " + e.getMessage();
        }
    }

    /** The cache directory in use. */
    public Path root() {
        return root;
    }

    /** Whether this is the build-local fallback. */
    public boolean isFallback() {
        return fallback;
    }

    private Path base() {
        return root.resolve(FORMAT);
    }

    // ---------------------------------------------------------------- small text entries (jdeps results)

    /** A cached text, verified; empty when absent or corrupt (a corrupt one is deleted with a warning). */
    Optional<String> readText(String kind, String key) {
        Path file = base().resolve(kind).resolve(key + ".txt");
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            String all = Files.readString(file, StandardCharsets.UTF_8);
            int i = all.lastIndexOf("\n#sha256=");
            if (i >= 0) {
                String body = all.substring(0, i + 1);
                String sum = all.substring(i + "\n#sha256=".length()).strip();
                if (sum.equals(DigestUtils.sha256Hex(body.getBytes(StandardCharsets.UTF_8)))) {
                    return Optional.of(body);
                }
            }
        } catch (IOException e) {
            // unreadable: treated as corrupt below
        }
        log.warn("Ignoring the corrupt cache entry " + file + "; it is computed again.");
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // it is overwritten by the next write
        }
        return Optional.empty();
    }

    /** Stores a text atomically (temp file + rename). */
    void writeText(String kind, String key, String body) {
        String text = body.endsWith("\n") ? body : body + "\n";
        try {
            Path dir = Files.createDirectories(base().resolve(kind));
            Path tmp = Files.createTempFile(dir, "." + key + ".", ".tmp");
            try {
                String sum = DigestUtils.sha256Hex(text.getBytes(StandardCharsets.UTF_8));
                Files.writeString(tmp, text + "#sha256=" + sum + "\n", StandardCharsets.UTF_8);
                move(tmp, dir.resolve(key + ".txt"), true);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            log.warn("Cannot store " + kind + " result in the cache " + root + ": " + e.getMessage());
        }
    }

    // ---------------------------------------------------------------- runtime images

    /** Builds an image into {@code dir} (which does not exist yet) and returns its metadata. */
    @FunctionalInterface
    interface ImageBuilder {
        RuntimeMetadata build(Path dir) throws IOException;
    }

    /**
     * A complete, verified cache entry.
     *
     * @param dir      the entry ({@code runtimes/<name>})
     * @param image    {@code dir/image}, the runtime
     * @param meta     what the builder recorded
     * @param files    the image's content as recorded in the manifest
     * @param reused   true when it was in the cache, false when built now
     */
    record Entry(Path dir, Path image, RuntimeMetadata meta, List<ManifestItem> files, boolean reused) {
    }

    /**
     * One path of an image.
     *
     * @param path   relative to the image, '/'-separated
     * @param type   'd' directory, 'f' file, 'l' symbolic link
     * @param mode   0644 or 0755 for files
     * @param size   bytes (files)
     * @param sha256 of the content (files)
     * @param target the link target (links)
     */
    record ManifestItem(String path, char type, int mode, long size, String sha256, String target) {
    }

    /** The entry for {@code name}: verified from the cache, or built now under the lock. */
    Entry image(String name, ImageBuilder builder) {
        Path entry = base().resolve("runtimes").resolve(name);
        Path lockFile = base().resolve("locks").resolve(name + ".lock");
        ReentrantLock jvmLock = JVM_LOCKS.computeIfAbsent(lockFile.toString(), k -> new ReentrantLock());
        jvmLock.lock();
        try {
            Files.createDirectories(lockFile.getParent());
            try (FileChannel ch = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                 FileLock ignored = ch.lock()) {
                return imageLocked(name, entry, builder);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot use the runtime cache " + root + ": " + e.getMessage(), e);
        } finally {
            jvmLock.unlock();
        }
    }

    private Entry imageLocked(String name, Path entry, ImageBuilder builder) throws IOException {
        Path tmpBase = Files.createDirectories(base().resolve("tmp"));
        // we hold the lock for this name: any temporary directory of it is left over from a build that died
        try (Stream<Path> s = Files.list(tmpBase)) {
            for (Path p : s.filter(p -> p.getFileName().toString().startsWith(name + ".")).toList()) {
                PathUtils.delete(p); // never follows links
            }
        }
        StatDigests.trim(digests());
        if (Files.exists(entry, LinkOption.NOFOLLOW_LINKS)) {
            String problem = null;
            try {
                Entry e = verify(entry, digests());
                if (e != null) {
                    return e;
                }
                problem = "it has no manifest (a build was interrupted)";
            } catch (CorruptEntry c) {
                problem = c.getMessage();
            }
            log.warn("The cached runtime " + entry + " is damaged (" + problem + "); building it again.");
            Path trash = tmpBase.resolve(name + ".trash-" + Long.toHexString(ThreadLocalRandom.current().nextLong()));
            move(entry, trash, false);
            PathUtils.delete(trash);
        }
        Path tmp = tmpBase.resolve(name + "." + Long.toHexString(ThreadLocalRandom.current().nextLong()));
        Files.createDirectory(tmp);
        try {
            RuntimeMetadata meta = builder.build(tmp.resolve("image"));
            List<ManifestItem> items = scan(tmp.resolve("image"));
            Files.writeString(tmp.resolve("manifest"), manifest(meta, items), StandardCharsets.UTF_8);
            Files.createDirectories(entry.getParent());
            move(tmp, entry, false);
            return new Entry(entry, entry.resolve("image"), meta, items, false);
        } finally {
            if (Files.exists(tmp)) {
                PathUtils.delete(tmp);
            }
        }
    }

    /** Thrown inside the cache when an entry does not match its manifest. */
    static final class CorruptEntry extends IOException {
        private static final long serialVersionUID = 1L;

        CorruptEntry(String message) {
            super(message);
        }
    }

    /** Checks an entry against its manifest, reading every file; null when it has no manifest. */
    static Entry verify(Path entry) throws IOException {
        return verify(entry, null);
    }

    /**
     * Where the SHA-256 of files is remembered by their stat ({@link StatDigests}): a file of a cached runtime or a jar
     * not changed since an earlier build is not read again to check or key it.
     */
    Path digests() {
        return base().resolve("sha256");
    }

    /**
     * Checks an entry against its manifest; null when it has no manifest. With {@code digests}, a file whose stat is
     * that of an earlier check is not read again ({@link StatDigests}): a write, truncation or replacement changes it.
     */
    static Entry verify(Path entry, Path digests) throws IOException {
        Path manifest = entry.resolve("manifest");
        if (!Files.isRegularFile(manifest)) {
            return null;
        }
        List<String> lines = Files.readAllLines(manifest, StandardCharsets.UTF_8);
        if (lines.isEmpty() || !lines.get(0).equals(MANIFEST_HEADER) || !lines.get(lines.size() - 1).equals("end")) {
            throw new CorruptEntry("its manifest is incomplete");
        }
        Map<String, String> meta = new LinkedHashMap<>();
        List<ManifestItem> items = new ArrayList<>();
        Path image = entry.resolve("image");
        for (String line : lines.subList(1, lines.size() - 1)) {
            String[] p = line.split(" ", 2);
            if (p.length < 2) {
                throw new CorruptEntry("bad manifest line '" + line + "'");
            }
            switch (p[0]) {
                case "meta": {
                    int eq = p[1].indexOf('=');
                    if (eq < 1) {
                        throw new CorruptEntry("bad manifest line '" + line + "'");
                    }
                    meta.put(p[1].substring(0, eq), p[1].substring(eq + 1));
                    break;
                }
                case "d": {
                    Path d = image.resolve(p[1]);
                    if (!Files.isDirectory(d, LinkOption.NOFOLLOW_LINKS)) {
                        throw new CorruptEntry(p[1] + " is missing");
                    }
                    items.add(new ManifestItem(p[1], 'd', 0755, 0, null, null));
                    break;
                }
                case "l": {
                    String[] q = p[1].split(" ", 2);
                    Path l = image.resolve(q[1]);
                    if (!Files.isSymbolicLink(l) || !Files.readSymbolicLink(l).toString().equals(q[0])) {
                        throw new CorruptEntry("the link " + q[1] + " is missing or changed");
                    }
                    items.add(new ManifestItem(q[1], 'l', 0777, 0, null, q[0]));
                    break;
                }
                case "f": {
                    String[] q = p[1].split(" ", 4);
                    Path f = image.resolve(q[3]);
                    long size = Long.parseLong(q[1]);
                    if (!Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS) || Files.size(f) != size) {
                        throw new CorruptEntry(q[3] + " is missing or has the wrong size");
                    }
                    if (!StatDigests.sha256(f, digests).equals(q[2])) {
                        throw new CorruptEntry(q[3] + " does not have the recorded SHA-256");
                    }
                    items.add(new ManifestItem(q[3], 'f', Integer.parseInt(q[0], 8), size, q[2], null));
                    break;
                }
                default:
                    throw new CorruptEntry("bad manifest line '" + line + "'");
            }
        }
        RuntimeMetadata metadata;
        try {
            metadata = RuntimeMetadata.fromProperties(meta);
        } catch (IllegalArgumentException e) {
            throw new CorruptEntry("its manifest's metadata is damaged (" + e.getMessage() + ")");
        }
        return new Entry(entry, image, metadata, items, true);
    }

    /** Every path of the image, sorted; files get mode 0755 when the owner may execute them, else 0644. */
    static List<ManifestItem> scan(Path image) throws IOException {
        List<ManifestItem> items = new ArrayList<>();
        Files.walkFileTree(image, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                if (!dir.equals(image)) {
                    items.add(new ManifestItem(rel(image, dir), 'd', 0755, 0, null, null));
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                if (attrs.isSymbolicLink()) {
                    String target = Files.readSymbolicLink(file).toString();
                    if (target.contains(" ") || target.contains("\n")) {
                        throw new IOException("the runtime image holds a link with a space in its target: " + file);
                    }
                    items.add(new ManifestItem(rel(image, file), 'l', 0777, 0, null, target));
                } else if (attrs.isRegularFile()) {
                    int mode = Files.isExecutable(file) && isOwnerExecutable(file) ? 0755 : 0644;
                    items.add(new ManifestItem(rel(image, file), 'f', mode, attrs.size(), sha256(file), null));
                } else {
                    throw new IOException("the runtime image holds a special file " + file);
                }
                return FileVisitResult.CONTINUE;
            }
        });
        items.sort((a, b) -> a.path().compareTo(b.path()));
        return items;
    }

    private static boolean isOwnerExecutable(Path file) throws IOException {
        try {
            return Files.getPosixFilePermissions(file, LinkOption.NOFOLLOW_LINKS)
                    .contains(java.nio.file.attribute.PosixFilePermission.OWNER_EXECUTE);
        } catch (UnsupportedOperationException e) {
            return Files.isExecutable(file);
        }
    }

    private static String rel(Path base, Path p) {
        return base.relativize(p).toString().replace('\\', '/');
    }

    private static String manifest(RuntimeMetadata meta, List<ManifestItem> items) {
        StringBuilder sb = new StringBuilder(MANIFEST_HEADER).append('\n');
        meta.toProperties().forEach((k, v) -> {
            if (k.contains("=") || k.contains("\n") || v.contains("\n")) {
                throw new IllegalArgumentException("bad metadata " + k);
            }
            sb.append("meta ").append(k).append('=').append(v).append('\n');
        });
        for (ManifestItem i : items) {
            switch (i.type()) {
                case 'd':
                    sb.append("d ").append(i.path()).append('\n');
                    break;
                case 'l':
                    sb.append("l ").append(i.target()).append(' ').append(i.path()).append('\n');
                    break;
                default:
                    sb.append("f ").append(String.format("%04o", i.mode())).append(' ').append(i.size()).append(' ')
                            .append(i.sha256()).append(' ').append(i.path()).append('\n');
            }
        }
        return sb.append("end\n").toString();
    }

    private static void move(Path from, Path to, boolean replace) throws IOException {
        try {
            if (replace) {
                Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } else {
                Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
            }
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("the cache directory " + to.getParent() + " does not support atomic renames", e);
        } catch (FileAlreadyExistsException | DirectoryNotEmptyException e) {
            throw new IOException("cannot move " + from + " to " + to + ": the target appeared meanwhile", e);
        }
    }

    /** The SHA-256 of a file's content, in lower-case hex. */
    static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return DigestUtils.sha256Hex(in);
        }
    }
}
