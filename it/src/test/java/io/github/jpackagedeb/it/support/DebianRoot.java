package io.github.jpackagedeb.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * An isolated Debian 12 (bookworm) root in which a test installs, runs, upgrades and purges a package with
 * the real {@code dpkg}, without touching the host.
 *
 * <p><b>The base</b> ({@link #withJava()}: minbase + {@code openjdk-17-jre-headless}; {@link #minimal()}: plain
 * minbase, no Java, for packages that bundle their runtime; {@link #withSystemd()}: minbase + systemd, dbus and the
 * JRE, for booted-systemd and piuparts tests) is made once per machine with
 * {@code debootstrap --variant=minbase}, the mirror taken from apt's own configuration
 * ({@code apt-get indextargets}; override with {@code JPACKAGE_DEB_IT_MIRROR}). It is cached in
 * {@code $JPACKAGE_DEB_IT_CACHE} or {@code ~/.cache/jpackage-deb-it/} as {@code <name>.tar} (for other tools, e.g.
 * piuparts) plus {@code <name>.root/}, the unpacked tree the copies are made from. It is built under a file lock
 * (two JVMs never build it twice), written under a temporary name and renamed. Delete the files to rebuild; the
 * name carries a recipe revision ({@code -rN}) to bump when the recipe changes.
 *
 * <p><b>A copy</b> ({@link #fresh()}) is per test and is thrown away by {@link Copy#close()}. Where the kernel allows
 * it, a copy is an overlayfs upper directory over the cached tree (created in milliseconds; mounted only inside the
 * private mount namespace of each command, so nothing stays mounted on the host); otherwise a {@code cp -a} of the
 * tree. Force one with {@code JPACKAGE_DEB_IT_COPY=overlay|cp}. Commands run through
 * {@code unshare --mount --pid --fork}, with a fresh {@code /proc} (a JVM needs it to find {@code libjli.so}
 * through {@code /proc/self/exe}) and a clean environment, then {@code chroot}. Processes left behind (a daemon
 * started by a postinst) die with the PID namespace when the command ends.
 *
 * <p>Needs root, {@code debootstrap} and {@code unshare}: see {@link Env}.
 */
public final class DebianRoot {

    private static final String SUITE = "bookworm";
    private static final String JRE = "openjdk-17-jre-headless";
    private static final Duration DEBOOTSTRAP_TIMEOUT = Duration.ofMinutes(20);
    private static final String PATH_IN_ROOT = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
    /** Where {@link Copy#put} places host files inside the root (a bind mount of the copy's {@code xfer/}). */
    public static final String XFER = "/tmp/it-xfer";

    /** Paths a file snapshot ignores: dpkg's own database and logs, scratch and virtual file systems. */
    public static final List<String> SNAPSHOT_IGNORED = List.of(
            "/proc", "/dev", "/run", "/tmp", "/var/lib/dpkg", "/var/log/dpkg.log", "/var/cache/debconf",
            "/var/log/apt");

    private static final DebianRoot WITH_JAVA = new DebianRoot(SUITE + "-minbase-" + "openjdk17-r1", true);
    private static final DebianRoot MINIMAL = new DebianRoot(SUITE + "-minbase-r1", false);
    /** A new user's machine: a JDK and git, nothing else (FreshMachineIT). */
    private static final DebianRoot JDK_AND_GIT = new DebianRoot(SUITE + "-minbase-jdk17-git-r1", false,
            List.of("openjdk-17-jdk-headless", "git"));
    /** systemd as init (for systemd-nspawn --boot and piuparts), plus the JRE. */
    private static final DebianRoot WITH_SYSTEMD = new DebianRoot(SUITE + "-minbase-systemd-openjdk17-r1", true,
            List.of("systemd", "systemd-sysv", "dbus"));

    /**
     * Runs inside the new namespaces (as PID 1 of the new PID namespace): mounts the overlay (if any), a /proc of
     * this PID namespace and the transfer dir, then chroots with a clean environment.
     */
    private static final String IN_NAMESPACE = String.join("\n",
            "set -e",
            "M=$1; shift",
            "if [ -n \"${IT_LOWER:-}\" ]; then",
            "  mount -t overlay overlay -o \"lowerdir=$IT_LOWER,upperdir=$IT_UPPER,workdir=$IT_WORK\" \"$M\"",
            "fi",
            "mount -t proc proc \"$M/proc\"",
            "mkdir -p \"$M" + XFER + "\"",
            "mount --bind \"$IT_XFER\" \"$M" + XFER + "\"",
            "exec chroot \"$M\" /usr/bin/env -i PATH=" + PATH_IN_ROOT
                    + " HOME=/root LANG=C.UTF-8 TERM=dumb DEBIAN_FRONTEND=noninteractive \"$@\"");

    private final String name;
    private final boolean withJre;
    private final List<String> include;
    private Path master;

    private DebianRoot(String name, boolean withJre) {
        this(name, withJre, List.of());
    }

    private DebianRoot(String name, boolean withJre, List<String> include) {
        this.name = name;
        this.withJre = withJre;
        this.include = List.copyOf(include);
    }

    /** Debian 12 minbase with {@code openjdk-17-jre-headless} (for packages that use the system's Java). */
    public static DebianRoot withJava() {
        return WITH_JAVA;
    }

    /** Debian 12 minbase with only {@code openjdk-17-jdk-headless} and {@code git}: a new user's machine. */
    public static DebianRoot jdkAndGit() {
        return JDK_AND_GIT;
    }

    /** Debian 12 minbase, no Java at all (for packages that bundle their own runtime). */
    public static DebianRoot minimal() {
        return MINIMAL;
    }

    /**
     * Debian 12 minbase with {@code systemd}, {@code systemd-sysv}, {@code dbus} and {@code openjdk-17-jre-headless}:
     * boots with {@code systemd-nspawn --boot} (see {@link Copy#onTree}) and serves as piuparts' base
     * ({@code --existing-chroot} with {@link #tree()}).
     */
    public static DebianRoot withSystemd() {
        return WITH_SYSTEMD;
    }

    /** The cached, unpacked base tree (read-only for users: copy it, e.g. with piuparts' --existing-chroot). */
    public Path tree() {
        return ensureBuilt();
    }

    /** The cache name, e.g. {@code bookworm-minbase-openjdk17-r1}. */
    public String name() {
        return name;
    }

    /** The cached base tarball (uncompressed tar, numeric owners), built first if missing. */
    public Path tarball() {
        ensureBuilt();
        return cacheDir().resolve(name + ".tar");
    }

    /** A new, private copy of the base for one test; close it when done. */
    public Copy fresh() {
        Path base = ensureBuilt();
        long start = System.nanoTime();
        try {
            Path dir = Files.createTempDirectory(workDir(), name + "-");
            Path xfer = Files.createDirectory(dir.resolve("xfer"));
            Copy copy;
            if (CopyMode.get() == CopyMode.OVERLAY) {
                Files.createDirectory(dir.resolve("upper"));
                Files.createDirectory(dir.resolve("work"));
                Files.createDirectory(dir.resolve("merged"));
                copy = new Copy(dir, base, xfer);
            } else {
                Proc.of("cp", "-a", base.toString(), dir.resolve("root").toString())
                        .timeout(Duration.ofMinutes(5)).run();
                copy = new Copy(dir, null, xfer);
            }
            log("fresh copy of " + name + " (" + CopyMode.get().word + ") in " + millis(start) + " ms: " + dir);
            return copy;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a copy of " + name + " under " + workDir(), e);
        }
    }

    // ------------------------------------------------------------------ building the base

    private synchronized Path ensureBuilt() {
        if (master != null) {
            return master;
        }
        Env.requireRoot();
        for (String tool : List.of("debootstrap", "unshare", "chroot", "tar", "cp")) {
            Env.requireTool(tool);
        }
        Path cache = cacheDir();
        Path tar = cache.resolve(name + ".tar");
        Path root = cache.resolve(name + ".root");
        Path stamp = cache.resolve(name + ".root.stamp");
        try {
            Files.createDirectories(cache);
            try (FileChannel ch = FileChannel.open(cache.resolve(name + ".lock"),
                    StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                 FileLock ignored = ch.lock()) {
                if (!Files.isRegularFile(tar)) {
                    build(cache, tar, root, stamp);
                } else if (!Files.isDirectory(root) || !stampOf(tar).equals(readStamp(stamp))) {
                    unpack(cache, tar, root, stamp);
                } else {
                    log("reusing cached base " + root);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the Debian base " + name + " in " + cache, e);
        }
        master = root;
        return master;
    }

    private void build(Path cache, Path tar, Path root, Path stamp) throws IOException {
        Env.requireTool("apt-get");
        String mirror = mirror();
        Path work = Files.createTempDirectory(cache, name + ".build-");
        Path tree = work.resolve("root");
        long start = System.nanoTime();
        try {
            boolean viaApt = "true".equals(System.getenv("JPACKAGE_DEB_IT_JRE_VIA_APT"));
            if (withJre && !viaApt) {
                Proc.Result r = debootstrap(tree, mirror, true).exec();
                if (r.exit() != 0) {
                    log("debootstrap --include=" + JRE + " failed (exit " + r.exit()
                            + "); retrying without it, then apt-get install in the chroot. Its log:\n" + tail(r));
                    removeTree(work.resolve("root"));
                    viaApt = true;
                } else {
                    log("debootstrap --include=" + JRE + " took " + r.took().toSeconds() + " s");
                }
            }
            if (!withJre || viaApt) {
                Proc.Result r = debootstrap(tree, mirror, false).run();
                log("debootstrap (minbase) took " + r.took().toSeconds() + " s");
            }
            if (withJre && viaApt) {
                Proc.Result r = inTree(tree, "sh", "-c",
                        "apt-get update && apt-get install -y --no-install-recommends " + JRE)
                        .timeout(DEBOOTSTRAP_TIMEOUT).run();
                log("apt-get install " + JRE + " in the chroot took " + r.took().toSeconds() + " s");
            }
            inTree(tree, "apt-get", "clean").run();
            if (withJre) {
                Proc.Result r = inTree(tree, "java", "-version").run();
                log("base JRE: " + r.stderr().lines().findFirst().orElse("?"));
            }
            unmountUnder(work); // debootstrap unmounts its /proc and /sys itself; be sure before tar and rename

            long tarStart = System.nanoTime();
            Path tmpTar = cache.resolve(name + ".tar.tmp-" + ProcessHandle.current().pid());
            Proc.of("tar", "-C", tree.toString(), "--numeric-owner", "-cf", tmpTar.toString(), ".")
                    .timeout(Duration.ofMinutes(10)).run();
            log("tar of the base took " + millis(tarStart) + " ms (" + Files.size(tmpTar) / (1024 * 1024) + " MiB)");
            removeTree(root);
            Files.move(tree, root, StandardCopyOption.ATOMIC_MOVE);
            Files.move(tmpTar, tar, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            Files.writeString(stamp, stampOf(tar));
            log("built base " + name + " in " + millis(start) / 1000 + " s total: " + tar);
        } finally {
            removeTree(work);
        }
    }

    private void unpack(Path cache, Path tar, Path root, Path stamp) throws IOException {
        long start = System.nanoTime();
        Path work = Files.createTempDirectory(cache, name + ".unpack-");
        try {
            Path tree = Files.createDirectory(work.resolve("root"));
            Proc.of("tar", "-C", tree.toString(), "--numeric-owner", "-xpf", tar.toString())
                    .timeout(Duration.ofMinutes(10)).run();
            removeTree(root);
            Files.move(tree, root, StandardCopyOption.ATOMIC_MOVE);
            Files.writeString(stamp, stampOf(tar));
            log("unpacked cached base " + tar + " in " + millis(start) + " ms");
        } finally {
            removeTree(work);
        }
    }

    private Proc debootstrap(Path tree, String mirror, boolean includeJre) {
        List<String> cmd = new ArrayList<>(List.of("debootstrap", "--variant=minbase"));
        List<String> packages = new ArrayList<>(include);
        if (includeJre) {
            packages.add(JRE);
        }
        if (!packages.isEmpty()) {
            cmd.add("--include=" + String.join(",", packages));
        }
        cmd.addAll(List.of(SUITE, tree.toString(), mirror));
        return Proc.of(cmd).timeout(DEBOOTSTRAP_TIMEOUT);
    }

    /** A command in a plain tree (no overlay, no transfer dir), used while building the base. */
    private static Proc inTree(Path tree, String... cmd) {
        List<String> full = new ArrayList<>(List.of("unshare", "--mount", "--pid", "--fork",
                "--mount-proc=" + tree.resolve("proc"), "chroot", tree.toString(), "/usr/bin/env", "-i",
                "PATH=" + PATH_IN_ROOT, "HOME=/root", "LANG=C.UTF-8", "DEBIAN_FRONTEND=noninteractive"));
        full.addAll(Arrays.asList(cmd));
        return Proc.of(full).timeout(Duration.ofMinutes(5));
    }

    /** The bookworm mirror from apt's own configuration (never a hard-coded host). */
    public static String mirror() {
        String override = System.getenv("JPACKAGE_DEB_IT_MIRROR");
        if (override != null && !override.isBlank()) {
            return override;
        }
        String out = Proc.of("apt-get", "indextargets", "--format", "$(REPO_URI) $(RELEASE)").run().stdout();
        for (String line : out.split("\n")) {
            String[] f = line.trim().split("\\s+");
            if (f.length == 2 && f[1].equals(SUITE)) {
                return f[0];
            }
        }
        throw new IllegalStateException("apt's configuration has no source for the " + SUITE
                + " release (apt-get indextargets printed:\n" + out + ")\nAdd one to /etc/apt/sources.list and run "
                + "apt-get update, or set JPACKAGE_DEB_IT_MIRROR to a Debian mirror URL.");
    }

    private static String stampOf(Path tar) throws IOException {
        return Files.size(tar) + " " + Files.getLastModifiedTime(tar).toMillis();
    }

    private static String readStamp(Path stamp) throws IOException {
        return Files.isRegularFile(stamp) ? Files.readString(stamp).strip() : "";
    }

    private static String tail(Proc.Result r) {
        String all = r.output();
        return all.length() > 4000 ? "…" + all.substring(all.length() - 4000) : all;
    }

    // ------------------------------------------------------------------ places and helpers

    /** {@code $JPACKAGE_DEB_IT_CACHE}, else {@code ~/.cache/jpackage-deb-it}. */
    public static Path cacheDir() {
        String env = System.getenv("JPACKAGE_DEB_IT_CACHE");
        if (env != null && !env.isBlank()) {
            return Path.of(env);
        }
        return Path.of(System.getProperty("user.home"), ".cache", "jpackage-deb-it");
    }

    /** Where per-test copies go: system property {@code it.workDir} (it/target/it-work), else /var/tmp. */
    static Path workDir() {
        String p = System.getProperty("it.workDir");
        Path dir = Path.of(p == null || p.isBlank() ? "/var/tmp" : p);
        try {
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the work dir " + dir, e);
        }
    }

    /** Unmounts (lazily) everything mounted at or below {@code dir}, deepest first. */
    static void unmountUnder(Path dir) {
        String prefix = dir.toAbsolutePath().normalize().toString();
        List<String> mounts = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/mountinfo"), StandardCharsets.UTF_8)) {
                String[] f = line.split(" ");
                String mountPoint = f[4].replace("\\040", " ");
                if (mountPoint.equals(prefix) || mountPoint.startsWith(prefix + "/")) {
                    mounts.add(mountPoint);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read /proc/self/mountinfo", e);
        }
        mounts.sort(Comparator.comparingInt(String::length).reversed());
        for (String m : mounts) {
            Proc.of("umount", "-l", m).run();
        }
    }

    /** Removes a tree without crossing into other file systems (after unmounting anything below it). */
    static void removeTree(Path dir) {
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        unmountUnder(dir);
        Proc.of("rm", "-rf", "--one-file-system", dir.toString()).timeout(Duration.ofMinutes(5)).run();
    }

    private static long millis(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }

    static void log(String message) {
        System.out.println("[it-harness] " + message);
    }

    /** How copies are made: decided once per JVM by trying an overlay mount in the work dir. */
    private enum CopyMode {
        OVERLAY("overlayfs"), CP("cp -a");

        private static CopyMode decided;
        private final String word;

        CopyMode(String word) {
            this.word = word;
        }

        static synchronized CopyMode get() {
            if (decided == null) {
                decided = decide();
            }
            return decided;
        }

        private static CopyMode decide() {
            String forced = System.getenv("JPACKAGE_DEB_IT_COPY");
            if ("cp".equals(forced)) {
                return CP;
            }
            if ("overlay".equals(forced)) {
                return OVERLAY;
            }
            try {
                Path probe = Files.createTempDirectory(workDir(), "overlay-probe-");
                try {
                    for (String d : List.of("lower", "upper", "work", "merged")) {
                        Files.createDirectory(probe.resolve(d));
                    }
                    Proc.Result r = Proc.of("unshare", "--mount", "sh", "-c",
                            "mount -t overlay overlay -o lowerdir=$1/lower,upperdir=$1/upper,workdir=$1/work $1/merged",
                            "sh", probe.toString()).exec();
                    if (r.exit() == 0) {
                        return OVERLAY;
                    }
                    log("overlayfs is not usable in " + workDir() + ", copies use cp -a:\n" + r.describe());
                    return CP;
                } finally {
                    removeTree(probe);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    // ------------------------------------------------------------------ one copy

    /**
     * One test's private Debian root. Every command runs in fresh namespaces; state lives in the copy's files.
     */
    public static final class Copy implements AutoCloseable {
        private final Path dir;
        private final Path lower;
        private final Path xfer;
        private boolean closed;

        private Copy(Path dir, Path lower, Path xfer) {
            this.dir = dir;
            this.lower = lower;
            this.xfer = xfer;
        }

        /** The host directory holding this copy (upper/work/merged with overlayfs, root/ with cp -a). */
        public Path dir() {
            return dir;
        }

        /** A command inside the root, ready to run (change its timeout or accepted exit codes there). */
        public Proc proc(String... cmdInRoot) {
            if (closed) {
                throw new IllegalStateException("this Debian root copy is closed: " + dir);
            }
            Path mountPoint = lower != null ? dir.resolve("merged") : dir.resolve("root");
            List<String> cmd = new ArrayList<>(List.of("unshare", "--mount", "--pid", "--fork", "--propagation",
                    "private", "sh", "-c", IN_NAMESPACE, "sh", mountPoint.toString()));
            cmd.addAll(Arrays.asList(cmdInRoot));
            Proc p = Proc.of(cmd).env("IT_XFER", xfer.toString()).label("[in " + dir.getFileName() + "] "
                    + String.join(" ", cmdInRoot));
            if (lower != null) {
                p = p.env("IT_LOWER", lower.toString())
                        .env("IT_UPPER", dir.resolve("upper").toString())
                        .env("IT_WORK", dir.resolve("work").toString());
            }
            return p;
        }

        /** Runs a command inside the root and expects exit 0 (else throws with the full output). */
        public Proc.Result run(String... cmdInRoot) {
            return proc(cmdInRoot).run();
        }

        /** Runs a command inside the root and returns whatever happened. */
        public Proc.Result exec(String... cmdInRoot) {
            return proc(cmdInRoot).exec();
        }

        /** Runs a shell script ({@code sh -c}) inside the root and expects exit 0. */
        public Proc.Result sh(String script) {
            return run("sh", "-c", script);
        }

        /** Copies a host file into the root (under {@value DebianRoot#XFER}) and returns its path there. */
        public String put(Path hostFile) {
            try {
                Path target = xfer.resolve(hostFile.getFileName().toString());
                Files.copy(hostFile, target, StandardCopyOption.REPLACE_EXISTING);
                return XFER + "/" + target.getFileName();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot copy " + hostFile + " into " + dir, e);
            }
        }

        /** {@code dpkg -i} of a host .deb inside the root; expects success. */
        public Proc.Result dpkgInstall(Path deb) {
            return run("dpkg", "-i", put(deb));
        }

        /** {@code dpkg ARGS} inside the root; expects success (use {@link #exec} to see a failure). */
        public Proc.Result dpkg(String... args) {
            String[] cmd = new String[args.length + 1];
            cmd[0] = "dpkg";
            System.arraycopy(args, 0, cmd, 1, args.length);
            return run(cmd);
        }

        /** True when {@code pathInRoot} exists (a dangling symlink counts). */
        public boolean exists(String pathInRoot) {
            return exec("sh", "-c", "test -e \"$1\" || test -L \"$1\"", "sh", pathInRoot).exit() == 0;
        }

        /** The content of a text file in the root. */
        public String read(String pathInRoot) {
            return run("cat", "--", pathInRoot).stdout();
        }

        /** The file tree now, without {@link DebianRoot#SNAPSHOT_IGNORED}. */
        public FileSnapshot listFiles() {
            List<String> cmd = new ArrayList<>(List.of("find", "/", "("));
            for (int i = 0; i < SNAPSHOT_IGNORED.size(); i++) {
                if (i > 0) {
                    cmd.add("-o");
                }
                cmd.addAll(List.of("-path", SNAPSHOT_IGNORED.get(i)));
            }
            cmd.addAll(List.of(")", "-prune", "-o", "-printf", "%y\\t%#m\\t%U:%G\\t%s\\t%p\\t%l\\n"));
            return FileSnapshot.parseFind(run(cmd.toArray(String[]::new)).stdout());
        }

        /**
         * A host-side shell script that sees this copy as a plain directory tree: it runs in a private mount namespace
         * (nothing it mounts is visible on the host, and all is gone when it ends) where the overlay, if any, is
         * mounted, with the tree's path in {@code $ROOT} and {@code args} as {@code $1…}. For tools that take a
         * directory, e.g. {@code systemd-nspawn -D "$ROOT" --boot}.
         */
        public Proc onTree(String script, String... args) {
            if (closed) {
                throw new IllegalStateException("this Debian root copy is closed: " + dir);
            }
            Path mountPoint = lower != null ? dir.resolve("merged") : dir.resolve("root");
            String setup = String.join("\n",
                    "set -e",
                    "if [ -n \"${IT_LOWER:-}\" ]; then",
                    "  mount -t overlay overlay -o \"lowerdir=$IT_LOWER,upperdir=$IT_UPPER,workdir=$IT_WORK\" \"$ROOT\"",
                    "fi",
                    "");
            List<String> cmd = new ArrayList<>(List.of("unshare", "--mount", "--propagation", "private", "sh", "-c",
                    setup + script, "sh"));
            cmd.addAll(Arrays.asList(args));
            Proc p = Proc.of(cmd).env("ROOT", mountPoint.toString()).label("[on " + dir.getFileName() + "] " + script);
            if (lower != null) {
                p = p.env("IT_LOWER", lower.toString())
                        .env("IT_UPPER", dir.resolve("upper").toString())
                        .env("IT_WORK", dir.resolve("work").toString());
            }
            return p;
        }

        /** Removes the copy (nothing is mounted on the host; this makes sure before removing). */
        @Override
        public void close() {
            if (!closed) {
                closed = true;
                removeTree(dir);
            }
        }

        @Override
        public String toString() {
            return "DebianRoot.Copy[" + dir + "]";
        }
    }
}
