package io.github.jpackagedeb.core.repo;

import io.github.jpackagedeb.core.DebLog;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;

/**
 * All-or-nothing changes to a directory tree that readers (apt clients, a web server) may read at any moment.
 *
 * <p><b>Prepare</b>: {@link #put} writes each new file's content to a temporary file beside its final name
 * ({@code .<name>.new-<random>}); {@link #delete} only records the deletion. Nothing a reader looks for changes.
 * <b>Commit</b> ({@link #commit()}) then applies the steps in the order they were added: a replaced or deleted file
 * is first hard-linked to a backup name, then the temporary file is renamed onto the final name (an atomic
 * {@code rename(2)}: a reader sees the old file or the new one, never a mix or a gap). If any step fails, the steps
 * already done are undone in reverse order from the backups, new directories are removed, and the tree is as it was.
 * On success the backups are removed. {@link #close()} removes whatever temporary files are left.
 */
final class RepoTransaction implements AutoCloseable {

    private static final Set<PosixFilePermission> FILE_MODE = PosixFilePermissions.fromString("rw-r--r--");
    private static final Set<PosixFilePermission> DIR_MODE = PosixFilePermissions.fromString("rwxr-xr-x");

    private record Step(Path target, Path temp) {
        boolean isDelete() {
            return temp == null;
        }
    }

    private record Done(Step step, Path backup) {
    }

    private final DebLog log;
    private final List<Step> steps = new ArrayList<>();
    private final List<Path> createdDirs = new ArrayList<>();
    private final List<Path> temps = new ArrayList<>();
    private final Consumer<Path> beforeStep;
    private boolean committed;

    /**
     * @param beforeStep test seam: called with each target just before its commit step (may throw)
     */
    RepoTransaction(DebLog log, Consumer<Path> beforeStep) {
        this.log = Objects.requireNonNull(log, "log");
        this.beforeStep = beforeStep;
    }

    /** Stages {@code target} with the bytes {@code writer} writes; its directory is created (and noted) if missing. */
    void put(Path target, ContentWriter writer) throws IOException {
        ensureDir(target.getParent());
        Path temp = tempBeside(target, "new");
        try (OutputStream out = Files.newOutputStream(temp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
            writer.write(out);
        }
        steps.add(new Step(target, temp));
    }

    /** Stages {@code target} with {@code bytes}. */
    void put(Path target, byte[] bytes) throws IOException {
        put(target, out -> out.write(bytes));
    }

    /** Stages a copy of {@code source} as {@code target}. */
    void copy(Path source, Path target) throws IOException {
        put(target, out -> Files.copy(source, out));
    }

    /** Stages the deletion of {@code target} (nothing happens if it does not exist at commit). */
    void delete(Path target) {
        steps.add(new Step(target, null));
    }

    /** True when nothing is staged. */
    boolean isEmpty() {
        return steps.isEmpty();
    }

    /** Applies every staged step, or none. */
    void commit() throws IOException {
        List<Done> done = new ArrayList<>();
        try {
            for (Step s : steps) {
                if (beforeStep != null) {
                    beforeStep.accept(s.target());
                }
                Path backup = null;
                if (Files.exists(s.target())) {
                    backup = tempName(s.target(), "old");
                    try {
                        Files.createLink(backup, s.target());
                    } catch (UnsupportedOperationException | IOException e) {
                        Files.copy(s.target(), backup, StandardCopyOption.COPY_ATTRIBUTES);
                    }
                }
                if (s.isDelete()) {
                    done.add(new Done(s, backup));
                    Files.deleteIfExists(s.target());
                } else {
                    done.add(new Done(s, backup));
                    Files.move(s.temp(), s.target(), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                    temps.remove(s.temp());
                }
            }
        } catch (IOException | RuntimeException e) {
            rollback(done);
            throw e;
        }
        committed = true;
        for (Done d : done) {
            if (d.backup() != null) {
                deleteQuietly(d.backup());
            }
        }
    }

    private void rollback(List<Done> done) {
        for (int i = done.size() - 1; i >= 0; i--) {
            Done d = done.get(i);
            try {
                if (d.backup() != null) {
                    Files.move(d.backup(), d.step().target(), StandardCopyOption.ATOMIC_MOVE,
                            StandardCopyOption.REPLACE_EXISTING);
                } else if (!d.step().isDelete()) {
                    Files.deleteIfExists(d.step().target());
                }
            } catch (IOException e) {
                log.warn("could not undo the change to " + d.step().target() + ": " + e);
            }
        }
        removeCreatedDirs();
    }

    private void removeCreatedDirs() {
        for (int i = createdDirs.size() - 1; i >= 0; i--) {
            try {
                Files.deleteIfExists(createdDirs.get(i));
            } catch (IOException e) {
                // not empty: something else put a file there; leave it
            }
        }
    }

    private void ensureDir(Path dir) throws IOException {
        if (dir == null || Files.isDirectory(dir)) {
            return;
        }
        ensureDir(dir.getParent());
        try {
            Files.createDirectory(dir);
            createdDirs.add(dir);
            try {
                Files.setPosixFilePermissions(dir, DIR_MODE);
            } catch (UnsupportedOperationException e) {
                // not POSIX
            }
        } catch (FileAlreadyExistsException e) {
            // made meanwhile
        }
    }

    private Path tempBeside(Path target, String role) throws IOException {
        for (int attempt = 0; ; attempt++) {
            Path p = tempName(target, role);
            try {
                Files.newByteChannel(p, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE).close();
                temps.add(p);
                try {
                    Files.setPosixFilePermissions(p, FILE_MODE);
                } catch (UnsupportedOperationException e) {
                    // not POSIX
                }
                return p;
            } catch (FileAlreadyExistsException e) {
                if (attempt > 20) {
                    throw e;
                }
            }
        }
    }

    private static Path tempName(Path target, String role) {
        return target.resolveSibling("." + target.getFileName() + "." + role + "-"
                + Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE));
    }

    private void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            log.warn("could not delete " + p + ": " + e);
        }
    }

    /** Removes temporary files left by a transaction that was not committed, and directories it created. */
    @Override
    public void close() {
        for (Path t : List.copyOf(temps)) {
            deleteQuietly(t);
        }
        temps.clear();
        if (!committed) {
            removeCreatedDirs();
        }
    }

    /** Writes one file's content. */
    @FunctionalInterface
    interface ContentWriter {
        void write(OutputStream out) throws IOException;
    }
}
