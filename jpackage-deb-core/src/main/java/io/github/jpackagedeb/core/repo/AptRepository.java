package io.github.jpackagedeb.core.repo;

import io.github.jpackagedeb.core.DebException;
import io.github.jpackagedeb.core.DebLog;
import io.github.jpackagedeb.core.Setting;
import io.github.jpackagedeb.core.archive.Gzip;
import io.github.jpackagedeb.core.debfile.Deb822;
import io.github.jpackagedeb.core.debfile.DebFile;
import io.github.jpackagedeb.core.sign.OpenPgpSigner;
import io.github.jpackagedeb.core.version.DebianVersion;
import org.apache.commons.codec.digest.DigestUtils;
import org.tukaani.xz.LZMA2Options;
import org.tukaani.xz.XZInputStream;
import org.tukaani.xz.XZOutputStream;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.zip.GZIPInputStream;

/**
 * An apt repository in Debian's layout, kept in a plain directory that any static web server can serve:
 * <pre>
 * pool/&lt;component&gt;/&lt;prefix&gt;/&lt;package&gt;/&lt;package&gt;_&lt;version&gt;_&lt;arch&gt;.deb     every version ever added
 * dists/&lt;suite&gt;/Release, InRelease, Release.gpg                                 signed index of the indexes
 * dists/&lt;suite&gt;/&lt;component&gt;/binary-&lt;arch&gt;/Packages, Packages.gz, Packages.xz
 * dists/&lt;suite&gt;/&lt;component&gt;/binary-&lt;arch&gt;/by-hash/SHA256/&lt;sha256&gt;         Acquire-By-Hash copies
 * </pre>
 * (the prefix is the package's first letter, or {@code libX} for {@code lib*} packages, as in Debian's archive).
 *
 * <p><b>Every version stays</b> in the pool and in {@code Packages}, so {@code apt-get install pkg=OLD
 * --allow-downgrades} rolls back. {@code Architecture: all} packages are listed in the {@code Packages} of every
 * architecture of the suite (the suite's architectures are those its {@code Release} names, plus those asked for,
 * plus those of arch-specific packages added; {@code amd64 arm64} when there are none).
 *
 * <p><b>Incremental</b>: {@link #add} and {@link #remove} read the existing {@code Release} and {@code Packages},
 * change the entries and write every index again.
 *
 * <p><b>Readers never see a half-written state</b>: all files are written under temporary names first and then
 * renamed into place by a {@link RepoTransaction}: pool files, by-hash copies, the {@code Packages} files, then
 * {@code Release.gpg}, {@code Release} and {@code InRelease} last. A client that fetched the previous
 * {@code InRelease} still gets the index files it names through {@code by-hash/} (the previous generation is kept).
 *
 * <p><b>Failures change nothing</b>: input packages are read and checked in full, and the signing key is unlocked
 * by the caller, before anything is written; a failure while renaming undoes the renames done so far. One writer at
 * a time: a lock on {@code .jpackage-deb.lock} in the repository root.
 *
 * <p><b>Signing</b>: {@code InRelease} (clearsigned) and {@code Release.gpg} (detached, armored) with an
 * {@link OpenPgpSigner}; apt's {@code signed-by=} keyring is the key's public certificate
 * ({@code gpg --export KEYID > keyring.gpg}). An unsigned repository must be asked for explicitly ({@link
 * Builder#unsigned}); apt refuses it unless a client marks it {@code [trusted=yes]}.
 */
public final class AptRepository {

    /** The lock file in the repository root. */
    public static final String LOCK_FILE = ".jpackage-deb.lock";
    private static final List<String> DEFAULT_ARCHITECTURES = List.of("amd64", "arm64");
    private static final List<String> INDEX_NAMES = List.of("Packages", "Packages.gz", "Packages.xz");
    private static final DateTimeFormatter RFC_2822 =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'UTC'", Locale.ROOT).withZone(ZoneOffset.UTC);

    private final Path root;
    private final String suite;
    private final String codename;
    private final String component;
    private final String origin;
    private final String label;
    private final String description;
    private final List<String> architectures;
    private final OpenPgpSigner signer;
    private final boolean unsigned;
    private final Instant date;
    private final DebLog log;
    private final Consumer<Path> beforeCommitStep;

    private AptRepository(Builder b) {
        this.root = b.root.toAbsolutePath().normalize();
        this.suite = b.suite;
        this.codename = b.codename;
        this.component = b.component;
        this.origin = b.origin;
        this.label = b.label;
        this.description = b.description;
        this.architectures = List.copyOf(b.architectures);
        this.signer = b.signer;
        this.unsigned = b.unsigned;
        this.date = b.date;
        this.log = b.log;
        this.beforeCommitStep = b.beforeCommitStep;
    }

    /** A repository rooted at {@code root} (created by the first {@link #add}). */
    public static Builder at(Path root) {
        return new Builder(root);
    }

    /**
     * What an operation did.
     *
     * @param added     packages newly in the index (or replaced, with force)
     * @param unchanged packages that were already there with the same bytes
     * @param removed   packages taken out of the index
     */
    public record Result(List<RepoEntry> added, List<RepoEntry> unchanged, List<RepoEntry> removed) {
        /** True when the repository changed. */
        public boolean changed() {
            return !added.isEmpty() || !removed.isEmpty();
        }
    }

    // ------------------------------------------------------------------ operations

    /**
     * Adds packages to {@code dists/<suite>/<component>}.
     *
     * @param debs  the packages; each is read and checked in full first
     * @param force replace a package already in the repository with the same name, version and architecture but
     *              different bytes (otherwise refused: clients that installed the old one would never get the new)
     * @throws DebException for a corrupt package, a conflicting one, a damaged repository or an I/O failure; the
     *                      repository is then unchanged
     */
    public Result add(List<Path> debs, boolean force) {
        if (debs.isEmpty()) {
            throw new DebException(Setting.DEB, null, "no package to add was given.", "name one or more .deb files.");
        }
        requireSigningChoice();
        List<DebFile> files = new ArrayList<>();
        for (Path p : debs) {
            files.add(DebFile.read(p));
        }
        for (int i = 0; i < files.size(); i++) {
            for (int j = 0; j < i; j++) {
                DebFile a = files.get(i);
                DebFile b = files.get(j);
                if (a.canonicalFileName().equals(b.canonicalFileName()) && !a.sha256().equals(b.sha256())) {
                    throw new DebException(Setting.DEB, a.path().toString(),
                            "has the same name, version and architecture as "
                            + b.path() + " but different content.", "add only one of them.");
                }
            }
        }
        return locked(true, state -> {
            List<RepoEntry> added = new ArrayList<>();
            List<RepoEntry> unchanged = new ArrayList<>();
            Map<String, PackageEntry> entries = state.entries(component);
            Map<String, Path> poolCopies = new LinkedHashMap<>();
            for (DebFile deb : files) {
                String filename = poolPath(deb);
                PackageEntry entry = PackageEntry.of(deb, filename);
                Optional<PackageEntry> same = entries.values().stream()
                        .filter(e -> e.sameIdentity(deb.packageName(), deb.version(), deb.architecture())).findFirst();
                Optional<String> otherUse = state.otherReference(filename);
                if (same.isPresent() && same.get().sha256().equals(deb.sha256())
                        || poolCopies.containsKey(filename) && entries.get(filename).sha256().equals(deb.sha256())) {
                    unchanged.add(toRepoEntry(entry));
                    continue;
                }
                if (same.isPresent() && !force) {
                    throw new DebException(Setting.DEB, deb.path().toString(),
                            "the repository already has " + deb.packageName()
                            + " " + deb.version() + " " + deb.architecture() + " (" + same.get().filename() + ", sha256 "
                            + same.get().sha256() + ") with different content (sha256 " + deb.sha256() + ").",
                            "give the new build a new version (e.g. a new Debian revision), or replace the old one "
                                    + "with --force (clients that installed it will not be offered the new bytes).");
                }
                if (otherUse.isPresent() && !state.poolFileMatches(filename, deb.sha256())) {
                    throw new DebException(Setting.DEB, deb.path().toString(),
                            "the pool file " + filename + " belongs to "
                            + otherUse.get() + " with different content.", "remove it from " + otherUse.get()
                            + " first, or use another version.");
                }
                same.ifPresent(old -> entries.remove(old.filename()));
                entries.put(filename, entry);
                if (!state.poolFileMatches(filename, deb.sha256())) {
                    poolCopies.put(filename, deb.path());
                }
                added.add(toRepoEntry(entry));
            }
            if (added.isEmpty()) {
                log.info("Nothing to do: " + unchanged.size() + " package(s) already in " + root + " (" + suite + "/"
                        + component + ")");
                return new Result(List.of(), unchanged, List.of());
            }
            state.write(poolCopies, Set.of());
            for (RepoEntry e : added) {
                log.info("Added " + e.packageName() + " " + e.version() + " " + e.architecture() + " to " + suite + "/"
                        + component + " (" + e.filename() + ")");
            }
            return new Result(added, unchanged, List.of());
        });
    }

    /**
     * Removes a package (every version, or one) from {@code dists/<suite>/<component>}; its pool files go too when no
     * other suite lists them.
     *
     * @param packageName  the package
     * @param version      one version, or null for all
     * @param architecture one architecture, or null for all
     * @throws DebException when nothing matches (the repository is then unchanged)
     */
    public Result remove(String packageName, String version, String architecture) {
        Objects.requireNonNull(packageName, "packageName");
        requireSigningChoice();
        DebianVersion v = version == null ? null : DebianVersion.parse(version);
        if (!Files.isDirectory(root)) {
            throw missingRepository();
        }
        return locked(false, state -> {
            Map<String, PackageEntry> entries = state.entries(component);
            List<RepoEntry> removed = new ArrayList<>();
            Set<String> dropped = new TreeSet<>();
            for (PackageEntry e : List.copyOf(entries.values())) {
                if (e.packageName().equals(packageName) && (v == null || e.version().toString().equals(v.toString()))
                        && (architecture == null || e.architecture().equals(architecture))) {
                    entries.remove(e.filename());
                    removed.add(toRepoEntry(e));
                    dropped.add(e.filename());
                }
            }
            if (removed.isEmpty()) {
                throw new DebException(Setting.PACKAGE, packageName + (version == null ? "" : "=" + version)
                        + (architecture == null ? "" : ":" + architecture), "is not in " + suite + "/" + component
                        + " of " + root + ".", "see what is there with repo list.");
            }
            Set<String> poolDeletes = new TreeSet<>();
            for (String f : dropped) {
                if (state.otherReference(f).isEmpty()) {
                    poolDeletes.add(f);
                }
            }
            state.write(Map.of(), poolDeletes);
            for (RepoEntry e : removed) {
                log.info("Removed " + e.packageName() + " " + e.version() + " " + e.architecture() + " from " + suite
                        + "/" + component);
            }
            return new Result(List.of(), List.of(), removed);
        });
    }

    /** Every package of every suite and component, sorted. */
    public List<RepoEntry> list() {
        if (!Files.isDirectory(root)) {
            throw missingRepository();
        }
        List<RepoEntry> out = new ArrayList<>();
        for (String s : suites()) {
            SuiteState st = new SuiteState(s);
            for (String c : st.components()) {
                st.entries(c).values().stream().sorted(PackageEntry.ORDER)
                        .forEach(e -> out.add(toRepoEntry(s, c, e)));
            }
        }
        return out;
    }

    private DebException missingRepository() {
        return new DebException(Setting.REPOSITORY, root.toString(), "does not exist.",
                "create it by adding a package: make-deb repo add " + root + " FILE.deb.");
    }

    private void requireSigningChoice() {
        if (signer == null && !unsigned) {
            throw new DebException(Setting.SIGNING_KEY, null,
                    "no signing key was given; apt refuses repositories without "
                    + "a valid InRelease signature.", "give the secret key file (and its passphrase variable), or ask "
                    + "for an unsigned repository explicitly (clients then need [trusted=yes]).");
        }
    }

    private RepoEntry toRepoEntry(PackageEntry e) {
        return toRepoEntry(suite, component, e);
    }

    private static RepoEntry toRepoEntry(String suite, String component, PackageEntry e) {
        return new RepoEntry(suite, component, e.packageName(), e.version().toString(), e.architecture(),
                e.filename(), e.size(), e.sha256());
    }

    /** {@code pool/<component>/<prefix>/<pkg>/<pkg>_<version>_<arch>.deb}. */
    String poolPath(DebFile deb) {
        return "pool/" + component + "/" + poolPrefix(deb.packageName()) + "/" + deb.packageName() + "/"
                + deb.canonicalFileName();
    }

    /** Debian's pool prefix: the first letter, or {@code libX} for {@code libX…} packages. */
    static String poolPrefix(String pkg) {
        return pkg.startsWith("lib") && pkg.length() > 3 ? pkg.substring(0, 4) : pkg.substring(0, 1);
    }

    private List<String> suites() {
        Path dists = root.resolve("dists");
        List<String> out = new ArrayList<>();
        if (!Files.isDirectory(dists)) {
            return out;
        }
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dists)) {
            for (Path p : ds) {
                String n = p.getFileName().toString();
                if (!n.startsWith(".") && Files.isDirectory(p)) {
                    out.add(n);
                }
            }
        } catch (IOException e) {
            throw ioError(dists, e);
        }
        out.sort(null);
        return out;
    }

    // ------------------------------------------------------------------ locking

    private interface Operation {
        Result run(SuiteState state) throws IOException;
    }

    private Result locked(boolean mayCreate, Operation op) {
        boolean created = false;
        Path lock = root.resolve(LOCK_FILE);
        try {
            if (!Files.isDirectory(root)) {
                if (!mayCreate) {
                    throw missingRepository();
                }
                Files.createDirectories(root);
                created = true;
            }
            boolean lockExisted = Files.exists(lock);
            boolean ok = false;
            try (FileChannel ch = FileChannel.open(lock, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                 FileLock ignored = ch.lock()) {
                Result r = op.run(new SuiteState(suite));
                ok = true;
                return r;
            } finally {
                if (!ok && !lockExisted) {
                    Files.deleteIfExists(lock);
                }
                if (!ok && created) {
                    try {
                        Files.deleteIfExists(root);
                    } catch (IOException e) {
                        log.warn("could not remove the new, empty repository directory " + root + ": " + e);
                    }
                }
            }
        } catch (IOException e) {
            throw ioError(root, e);
        }
    }

    private static DebException ioError(Path where, IOException e) {
        return new DebException(Setting.REPOSITORY, where.toString(), "cannot be read or written: " + e,
                "check free space and permissions; the repository was left as it was.", e);
    }

    // ------------------------------------------------------------------ one suite

    /** The suite as found on disk, and how to write it back. */
    private final class SuiteState {
        private final String name;
        private final Path dir;
        private final Deb822.Paragraph release;
        /** component -> filename -> entry (every architecture's Packages merged). */
        private final Map<String, Map<String, PackageEntry>> byComponent = new TreeMap<>();
        private final Set<String> archs = new LinkedHashSet<>();

        SuiteState(String name) {
            this.name = name;
            this.dir = root.resolve("dists").resolve(name);
            Path releaseFile = dir.resolve("Release");
            Deb822.Paragraph rel = null;
            if (Files.isRegularFile(releaseFile)) {
                try {
                    List<Deb822.Paragraph> ps = Deb822.parse(Files.readString(releaseFile, StandardCharsets.UTF_8),
                            releaseFile.toString());
                    if (ps.size() != 1) {
                        throw new IllegalArgumentException("expected one paragraph, found " + ps.size());
                    }
                    rel = ps.get(0);
                } catch (IOException e) {
                    throw ioError(releaseFile, e);
                } catch (IllegalArgumentException e) {
                    throw damaged(releaseFile, e);
                }
            }
            this.release = rel;
            Set<String> comps = new TreeSet<>();
            if (rel != null) {
                comps.addAll(words(rel.get("Components").orElse("")));
                archs.addAll(words(rel.get("Architectures").orElse("")));
            }
            comps.addAll(subdirs(dir, ""));
            for (String c : comps) {
                Map<String, PackageEntry> entries = new TreeMap<>();
                Set<String> arches = new TreeSet<>(archs);
                subdirs(dir.resolve(c), "binary-").forEach(a -> arches.add(a.substring("binary-".length())));
                for (String a : arches) {
                    for (PackageEntry e : readPackages(dir.resolve(c).resolve("binary-" + a))) {
                        entries.putIfAbsent(e.filename(), e);
                    }
                }
                byComponent.put(c, entries);
            }
        }

        Set<String> components() {
            return byComponent.keySet();
        }

        /** The entries of a component, mutable (new component: empty). */
        Map<String, PackageEntry> entries(String comp) {
            return byComponent.computeIfAbsent(comp, c -> new TreeMap<>());
        }

        /** The suite/component other than this one's that lists {@code filename}, if any. */
        Optional<String> otherReference(String filename) {
            for (String s : suites()) {
                SuiteState st = s.equals(name) ? this : new SuiteState(s);
                for (String c : st.components()) {
                    if (s.equals(name) && c.equals(component)) {
                        continue;
                    }
                    if (st.entries(c).containsKey(filename)) {
                        return Optional.of(s + "/" + c);
                    }
                }
            }
            return Optional.empty();
        }

        boolean poolFileMatches(String filename, String sha256) {
            Path p = root.resolve(filename);
            if (!Files.isRegularFile(p)) {
                return false;
            }
            try (InputStream in = Files.newInputStream(p)) {
                return DigestUtils.sha256Hex(in).equals(sha256);
            } catch (IOException e) {
                throw ioError(p, e);
            }
        }

        private List<PackageEntry> readPackages(Path binDir) {
            Path plain = binDir.resolve("Packages");
            Path xz = binDir.resolve("Packages.xz");
            Path gz = binDir.resolve("Packages.gz");
            String text;
            Path from;
            try {
                if (Files.isRegularFile(plain)) {
                    from = plain;
                    text = Files.readString(plain, StandardCharsets.UTF_8);
                } else if (Files.isRegularFile(xz)) {
                    from = xz;
                    try (InputStream in = new XZInputStream(Files.newInputStream(xz))) {
                        text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                    }
                } else if (Files.isRegularFile(gz)) {
                    from = gz;
                    try (InputStream in = new GZIPInputStream(Files.newInputStream(gz))) {
                        text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                    }
                } else {
                    return List.of();
                }
            } catch (IOException e) {
                throw damaged(binDir, new IllegalArgumentException(e.toString(), e));
            }
            try {
                List<PackageEntry> out = new ArrayList<>();
                for (Deb822.Paragraph p : Deb822.parse(text, from.toString())) {
                    PackageEntry e = new PackageEntry(p);
                    e.packageName();
                    e.version();
                    e.architecture();
                    e.filename();
                    e.size();
                    e.sha256();
                    out.add(e);
                }
                return out;
            } catch (IllegalArgumentException | DebException e) {
                throw damaged(from, e);
            }
        }

        private DebException damaged(Path file, Exception e) {
            return new DebException(Setting.REPOSITORY, file.toString(),
                    "is damaged and cannot be read: " + e.getMessage(),
                    "restore the file from a backup, or move the repository aside and add the packages of its pool/ "
                            + "to a new one.", e);
        }

        /** Writes the suite with the current entries, plus the given pool copies and deletions, atomically. */
        void write(Map<String, Path> poolCopies, Set<String> poolDeletes) throws IOException {
            Set<String> arches = new TreeSet<>(archs);
            arches.addAll(architectures);
            for (Map<String, PackageEntry> m : byComponent.values()) {
                for (PackageEntry e : m.values()) {
                    if (!e.architecture().equals("all")) {
                        arches.add(e.architecture());
                    }
                }
            }
            arches.remove("all");
            if (arches.isEmpty()) {
                arches.addAll(DEFAULT_ARCHITECTURES);
            }
            entries(component);
            Map<String, byte[]> indexFiles = new TreeMap<>(); // path relative to dists/<suite> -> bytes
            for (Map.Entry<String, Map<String, PackageEntry>> c : byComponent.entrySet()) {
                for (String a : arches) {
                    List<PackageEntry> list = c.getValue().values().stream()
                            .filter(e -> e.architecture().equals(a) || e.architecture().equals("all"))
                            .sorted(PackageEntry.ORDER).toList();
                    byte[] plain = Deb822.render(list.stream().map(PackageEntry::stanza).toList())
                            .getBytes(StandardCharsets.UTF_8);
                    String base = c.getKey() + "/binary-" + a + "/";
                    indexFiles.put(base + "Packages", plain);
                    indexFiles.put(base + "Packages.gz", Gzip.reproducible(plain));
                    indexFiles.put(base + "Packages.xz", xz(plain));
                }
            }
            byte[] releaseBytes = renderRelease(arches, indexFiles).getBytes(StandardCharsets.UTF_8);

            try (RepoTransaction tx = new RepoTransaction(log, beforeCommitStep)) {
                for (Map.Entry<String, Path> p : poolCopies.entrySet()) {
                    tx.copy(p.getValue(), root.resolve(p.getKey()));
                }
                for (Map.Entry<String, byte[]> f : indexFiles.entrySet()) {
                    Path byHash = dir.resolve(f.getKey()).resolveSibling("by-hash").resolve("SHA256")
                            .resolve(DigestUtils.sha256Hex(f.getValue()));
                    if (!Files.exists(byHash)) {
                        tx.put(byHash, f.getValue());
                    }
                }
                for (Map.Entry<String, byte[]> f : indexFiles.entrySet()) {
                    Path target = dir.resolve(f.getKey());
                    if (!sameContent(target, f.getValue())) {
                        tx.put(target, f.getValue());
                    }
                }
                if (signer != null) {
                    tx.put(dir.resolve("Release.gpg"), signer.detachedArmored(releaseBytes));
                    tx.put(dir.resolve("Release"), releaseBytes);
                    tx.put(dir.resolve("InRelease"),
                            signer.clearSign(new String(releaseBytes, StandardCharsets.UTF_8)));
                } else {
                    tx.delete(dir.resolve("Release.gpg"));
                    tx.put(dir.resolve("Release"), releaseBytes);
                    tx.delete(dir.resolve("InRelease"));
                }
                for (String f : poolDeletes) {
                    tx.delete(root.resolve(f));
                }
                tx.commit();
            }
            pruneByHash(indexFiles.keySet());
            for (String f : poolDeletes) {
                removeEmptyParents(root.resolve(f).getParent());
            }
        }

        private String renderRelease(Set<String> arches, Map<String, byte[]> indexFiles) {
            String o = origin != null ? origin : release != null ? release.get("Origin").orElse("jpackage-deb") : "jpackage-deb";
            String l = label != null ? label : release != null ? release.get("Label").orElse(o) : o;
            String cn = codename != null ? codename : release != null ? release.get("Codename").orElse(name) : name;
            String d = description != null ? description : release != null ? release.get("Description").orElse(null) : null;
            Deb822.Paragraph.Builder b = Deb822.Paragraph.builder()
                    .set("Origin", o)
                    .set("Label", l)
                    .set("Suite", name)
                    .set("Codename", cn)
                    .set("Date", RFC_2822.format(date))
                    .set("Architectures", String.join(" ", arches))
                    .set("Components", String.join(" ", byComponent.keySet()));
            if (d != null) {
                b.set("Description", d);
            }
            b.set("Acquire-By-Hash", "yes");
            List<String> md5 = new ArrayList<>();
            List<String> sha256 = new ArrayList<>();
            for (Map.Entry<String, byte[]> f : indexFiles.entrySet()) {
                String size = String.format("%16d", f.getValue().length);
                md5.add(DigestUtils.md5Hex(f.getValue()) + " " + size + " " + f.getKey());
                sha256.add(DigestUtils.sha256Hex(f.getValue()) + " " + size + " " + f.getKey());
            }
            b.setLines("MD5Sum", md5).setLines("SHA256", sha256);
            return b.build().render();
        }

        /**
         * Keeps in each {@code by-hash/SHA256} the files the new Release names and those the previous one named;
         * older generations go. Best effort: the repository is already consistent.
         */
        private void pruneByHash(Set<String> indexPaths) {
            Set<String> keep = new TreeSet<>();
            if (release != null) {
                for (String line : release.lines("SHA256")) {
                    keep.add(line.split("\\s+")[0]);
                }
            }
            Set<Path> dirs = new TreeSet<>();
            for (String p : indexPaths) {
                Path byHash = dir.resolve(p).resolveSibling("by-hash").resolve("SHA256");
                dirs.add(byHash);
                try {
                    if (Files.isRegularFile(dir.resolve(p))) {
                        keep.add(DigestUtils.sha256Hex(Files.readAllBytes(dir.resolve(p))));
                    }
                } catch (IOException e) {
                    log.warn("could not read " + p + ": " + e);
                }
            }
            for (Path d : dirs) {
                if (!Files.isDirectory(d)) {
                    continue;
                }
                try (DirectoryStream<Path> ds = Files.newDirectoryStream(d)) {
                    for (Path f : ds) {
                        String n = f.getFileName().toString();
                        if (n.matches("[0-9a-f]{64}") && !keep.contains(n)) {
                            Files.deleteIfExists(f);
                        }
                    }
                } catch (IOException e) {
                    log.warn("could not prune " + d + ": " + e);
                }
            }
        }

        private void removeEmptyParents(Path d) {
            Path pool = root.resolve("pool");
            while (d != null && d.startsWith(pool) && !d.equals(pool)) {
                try (DirectoryStream<Path> ds = Files.newDirectoryStream(d)) {
                    if (ds.iterator().hasNext()) {
                        return;
                    }
                } catch (IOException e) {
                    return;
                }
                try {
                    Files.delete(d);
                } catch (IOException e) {
                    return;
                }
                d = d.getParent();
            }
        }
    }

    private static boolean sameContent(Path p, byte[] bytes) {
        try {
            return Files.isRegularFile(p) && Files.size(p) == bytes.length && Arrays.equals(Files.readAllBytes(p), bytes);
        } catch (IOException e) {
            return false;
        }
    }

    private static List<String> subdirs(Path dir, String prefix) {
        List<String> out = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return out;
        }
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            for (Path p : ds) {
                String n = p.getFileName().toString();
                if (Files.isDirectory(p) && n.startsWith(prefix) && !n.startsWith(".") && !n.equals("by-hash")) {
                    out.add(n);
                }
            }
        } catch (IOException e) {
            throw ioError(dir, e);
        }
        return out;
    }

    private static List<String> words(String s) {
        List<String> out = new ArrayList<>();
        for (String w : s.trim().split("\\s+")) {
            if (!w.isEmpty()) {
                out.add(w);
            }
        }
        return out;
    }

    static byte[] xz(byte[] data) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (XZOutputStream xz = new XZOutputStream(out, new LZMA2Options(6))) {
            xz.write(data);
        }
        return out.toByteArray();
    }

    // ------------------------------------------------------------------ builder

    /** Configures an {@link AptRepository}; only the root is required (and a signer, or {@link #unsigned}). */
    public static final class Builder {
        private final Path root;
        private String suite = "stable";
        private String codename;
        private String component = "main";
        private String origin;
        private String label;
        private String description;
        private final List<String> architectures = new ArrayList<>();
        private OpenPgpSigner signer;
        private boolean unsigned;
        private Instant date = Instant.now();
        private DebLog log = DebLog.SILENT;
        private Consumer<Path> beforeCommitStep;

        private Builder(Path root) {
            this.root = Objects.requireNonNull(root, "root");
        }

        /** The suite ({@code dists/<suite>}); default {@code stable}. */
        public Builder suite(String value) {
            this.suite = checkName(Setting.SUITE, value);
            return this;
        }

        /** The Codename field; default: the existing one, else the suite. */
        public Builder codename(String value) {
            this.codename = value == null ? null : checkName(Setting.CODENAME, value);
            return this;
        }

        /** The component; default {@code main}. */
        public Builder component(String value) {
            this.component = checkName(Setting.COMPONENT, value);
            return this;
        }

        /** The Origin field; default: the existing one, else {@code jpackage-deb}. Clients can pin on it. */
        public Builder origin(String value) {
            this.origin = value == null ? null : checkText(Setting.ORIGIN, value);
            return this;
        }

        /** The Label field; default: the existing one, else the origin. */
        public Builder label(String value) {
            this.label = value == null ? null : checkText(Setting.LABEL, value);
            return this;
        }

        public Builder description(String value) {
            this.description = value == null ? null : checkText(Setting.RELEASE_DESCRIPTION, value);
            return this;
        }

        /** Architectures the suite serves besides those it has ({@code all} packages are listed in each). */
        public Builder architectures(List<String> values) {
            for (String a : values) {
                if (!a.matches("[a-z0-9][a-z0-9-]*") || a.equals("all") || a.equals("any")) {
                    throw new DebException(Setting.ARCHITECTURES, a, "is not a Debian architecture name.",
                            "use names such as amd64, arm64, armhf, i386 (dpkg-architecture -L lists them).");
                }
                architectures.add(a);
            }
            return this;
        }

        /** Signs InRelease and Release.gpg. */
        public Builder signer(OpenPgpSigner value) {
            this.signer = value;
            return this;
        }

        /** Writes no signatures (and removes old ones); apt then needs {@code [trusted=yes]}. */
        public Builder unsigned(boolean value) {
            this.unsigned = value;
            return this;
        }

        /** The Release Date; default now. Use SOURCE_DATE_EPOCH for a reproducible repository. */
        public Builder date(Instant value) {
            this.date = Instant.ofEpochSecond(Objects.requireNonNull(value, "date").getEpochSecond());
            return this;
        }

        public Builder log(DebLog value) {
            this.log = Objects.requireNonNull(value, "log");
            return this;
        }

        /** Test seam: runs before each commit step with the file it changes; throwing aborts and rolls back. */
        Builder beforeCommitStep(Consumer<Path> hook) {
            this.beforeCommitStep = hook;
            return this;
        }

        public AptRepository build() {
            if (signer != null && unsigned) {
                throw new DebException(Setting.SIGNING_KEY, signer.key().keyId(),
                        "a signing key was given for an unsigned "
                        + "repository.", "drop one of the two.");
            }
            return new AptRepository(this);
        }

        private static String checkName(Setting field, String value) {
            if (value == null || !value.matches("[A-Za-z0-9][A-Za-z0-9._+-]*")) {
                throw new DebException(field, value, "is not a valid " + field + " name (letters, digits, . _ + -).",
                        "use a name such as stable, main or production.");
            }
            return value;
        }

        private static String checkText(Setting field, String value) {
            if (value.isBlank() || value.contains("\n") || value.contains("\r")) {
                throw new DebException(field, value, "must be one non-empty line.", "shorten it to one line.");
            }
            return value.strip();
        }
    }
}
