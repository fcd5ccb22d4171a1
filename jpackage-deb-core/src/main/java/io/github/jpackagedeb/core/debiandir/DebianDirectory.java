package io.github.jpackagedeb.core.debiandir;

import io.github.jpackagedeb.core.DebException;
import io.github.jpackagedeb.core.DebLog;
import io.github.jpackagedeb.core.Setting;
import io.github.jpackagedeb.core.version.DebianVersion;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A project's {@code debian/} directory as both front ends read it (docs/architecture.md#precedence), by debhelper's
 * names so that one directory serves this tool and {@code dpkg-buildpackage}:
 * <ul>
 *   <li>{@code control}: its fields override the ones derived from the project, field by field
 *       ({@link #apply});</li>
 *   <li>{@code changelog}: its newest entry gives the version (and is shipped as {@code changelog.Debian.gz});</li>
 *   <li>{@code copyright}: shipped as is;</li>
 *   <li>{@code <pkg>.lintian-overrides}, {@code <pkg>.conffiles} (or without the {@code <pkg>.} prefix);</li>
 *   <li>maintainer scripts, {@code <pkg>.service} and {@code <pkg>.default}: read by {@link DebianDir}.</li>
 * </ul>
 * A missing directory reads as an empty one.
 */
public final class DebianDirectory {

    private final Path dir;
    private final DebianControl control;
    private final DebianChangelog changelog;
    private final String copyright;

    private DebianDirectory(Path dir, DebianControl control, DebianChangelog changelog, String copyright) {
        this.dir = dir;
        this.control = control;
        this.changelog = changelog;
        this.copyright = copyright;
    }

    /** Reads {@code dir} (which need not exist). */
    public static DebianDirectory read(Path dir) {
        if (dir == null || !Files.isDirectory(dir)) {
            return new DebianDirectory(dir, null, null, null);
        }
        DebianControl control = text(dir.resolve("control")).map(t -> DebianControl.parse(t, display(dir, "control")))
                .orElse(null);
        DebianChangelog changelog = text(dir.resolve("changelog"))
                .map(t -> DebianChangelog.parse(t, display(dir, "changelog"))).orElse(null);
        return new DebianDirectory(dir, control, changelog, text(dir.resolve("copyright")).orElse(null));
    }

    /** The directory (may not exist). */
    public Path dir() {
        return dir;
    }

    public Optional<DebianControl> control() {
        return Optional.ofNullable(control);
    }

    public Optional<DebianChangelog> changelog() {
        return Optional.ofNullable(changelog);
    }

    /** Whether there is anything to read at all. */
    public boolean exists() {
        return dir != null && Files.isDirectory(dir);
    }

    /**
     * The draft with the fields of {@code debian/control} and the version of {@code debian/changelog} applied:
     * they override derived values; an explicitly configured value that disagrees is an error naming both sources.
     * The changelog's newest entry must be for this package; for the upstream version the project maps to, it
     * gives the epoch and revision (Debian's own). When it is for another upstream version (the changelog was
     * written for an older release, or for a snapshot), the build says so on {@code log} and keeps the project's
     * version: the package then gets a changelog entry of its own for it (see {@code DebBuilder}), and
     * {@code debian/changelog} is not rewritten. An explicitly configured version must equal the entry's.
     *
     * @throws DebException on a conflict, naming both sources and the fix
     */
    public SpecDraft apply(SpecDraft draft, DebLog log) {
        return apply(draft, log, false);
    }

    /**
     * As {@link #apply(SpecDraft, DebLog)}; with {@code changelogIsVersion} (a {@code dpkg-buildpackage} build, where
     * dpkg-gencontrol takes the version from the newest entry) the version is exactly the entry's, and an entry for
     * another upstream version is an error (the package and its changelog would disagree).
     */
    public SpecDraft apply(SpecDraft draft, DebLog log, boolean changelogIsVersion) {
        SpecDraft d = draft;
        if (control != null) {
            String wanted = d.get(Setting.PACKAGE_NAME).map(SpecDraft.Value::value).orElse(null);
            for (Map.Entry<Setting, SpecDraft.Value> e : control.values(wanted).entrySet()) {
                if (e.getKey() == Setting.ARCHITECTURE && e.getValue().value().equals("any")) {
                    continue; // any: whatever the build is for (decided by the bundled runtime)
                }
                if (e.getKey() == Setting.ARCHITECTURE && e.getValue().value().contains(" ")) {
                    throw new DebException(Setting.DEBIAN_CONTROL, e.getValue().value(), e.getValue().origin().label()
                            + ": this tool builds for one architecture.", "use all, any or one architecture name.");
                }
                d = d.override(e.getKey(), e.getValue());
            }
        }
        if (changelog != null) {
            d = applyChangelog(d, log, changelogIsVersion);
        }
        return d;
    }

    private SpecDraft applyChangelog(SpecDraft d, DebLog log, boolean exact) {
        DebianChangelog.Entry top = changelog.newest();
        String where = changelog.file() + " line " + top.line();
        SpecDraft.Value name = d.get(Setting.PACKAGE_NAME).orElse(null);
        if (name != null && !name.value().equals(top.pkg())) {
            throw new DebException(Setting.PACKAGE_NAME, name.value(), name.origin().label() + " says '" + name.value()
                    + "', but the newest entry of " + where + " is for package '" + top.pkg() + "'.",
                    "make the changelog's package name and the package name agree.");
        }
        SpecDraft.Value logged = new SpecDraft.Value(top.version().toString(),
                SpecDraft.Origin.debian("the newest entry of " + where));
        SpecDraft.Value have = d.get(Setting.VERSION).orElse(null);
        if (have == null) {
            return d.override(Setting.VERSION, logged);
        }
        if (have.origin().kind() != SpecDraft.Kind.DERIVED) {
            if (!DebianVersion.parse(have.value()).toString().equals(top.version().toString())) {
                throw SpecDraft.conflict(Setting.VERSION, have, logged);
            }
            return d;
        }
        DebianVersion mapped = DebianVersion.parse(have.value());
        if (!withoutSnapshot(mapped.upstream()).equals(withoutSnapshot(top.version().upstream()))) {
            if (exact) {
                throw new DebException(Setting.VERSION, have.value(),
                        have.origin().label() + " maps to the Debian version "
                        + mapped + ", but the newest entry of " + where + " is for " + top.version()
                        + " (another upstream version), which dpkg-buildpackage would build.",
                        "record the release in " + changelog.file() + ": make-deb changelog -m 'New upstream release.' "
                                + "(or dch -v " + mapped + " 'New upstream release.').");
            }
            log.warn(have.origin().label() + " maps to the Debian version " + mapped + ", but the newest entry of "
                    + where + " is for " + top.version() + " (another upstream version). The package gets a changelog"
                    + " entry for " + mapped + "; " + changelog.file() + " is not changed. Fix: record the release in "
                    + changelog.file() + " with 'make-deb changelog -m \"New upstream release.\"' (or dch -v "
                    + mapped + " 'New upstream release.').");
            return d;
        }
        if (exact) {
            return d.override(Setting.VERSION, logged); // dpkg-gencontrol's version, so the staged files agree with it
        }
        // the same upstream version: the changelog's epoch and revision are the packager's to choose
        DebianVersion v = DebianVersion.of(top.version().epoch(), mapped.upstream(), top.version().revision());
        return d.override(Setting.VERSION, new SpecDraft.Value(v.toString(), logged.origin()));
    }

    /** {@code 1.2~snapshot.20260101000000} → {@code 1.2}: a snapshot's time stamp is the build's, not the changelog's. */
    static String withoutSnapshot(String upstream) {
        return upstream.replaceAll("(?i)~snapshot[.0-9]*$", "");
    }

    /**
     * The name-dependent files for package {@code pkg}: maintainer scripts, unit, {@code /etc/default} file.
     */
    public DebianDir forPackage(String pkg) {
        return DebianDir.read(exists() ? dir : null, pkg);
    }

    /** The changelog, copyright, lintian overrides and conffiles for package {@code pkg}. */
    public DebianDocs docs(String pkg) {
        if (!exists()) {
            return DebianDocs.NONE;
        }
        String overrides = prefixed(pkg, "lintian-overrides").flatMap(DebianDirectory::text).orElse(null);
        List<String> conffiles = new ArrayList<>();
        Optional<Path> cf = prefixed(pkg, "conffiles");
        if (cf.isPresent()) {
            for (String l : text(cf.get()).orElse("").split("\n")) {
                String s = l.strip();
                if (!s.isEmpty() && !s.startsWith("#") && !s.startsWith("remove-on-upgrade ")) {
                    conffiles.add(s);
                }
            }
        }
        return new DebianDocs(changelog == null ? null : changelog.text(), copyright, overrides, conffiles,
                dir.toString());
    }

    /** {@code <pkg>.<name>} or {@code <name>}; both at once is an error. */
    private Optional<Path> prefixed(String pkg, String name) {
        Path plain = dir.resolve(name);
        Path pre = dir.resolve(pkg + "." + name);
        if (Files.isRegularFile(plain) && Files.isRegularFile(pre)) {
            throw new DebException(Setting.DEBIAN_DIR, pre.toString(),
                    "both " + name + " and " + pkg + "." + name + " exist in "
                    + dir + "; only one of them can be used.", "delete one of the two files.");
        }
        return Files.isRegularFile(pre) ? Optional.of(pre) : Files.isRegularFile(plain) ? Optional.of(plain) : Optional.empty();
    }

    private static String display(Path dir, String name) {
        return dir.getFileName() != null && dir.getFileName().toString().equals("debian") ? "debian/" + name
                : dir.resolve(name).toString();
    }

    /** The file as UTF-8 text, or empty when it is not a regular file. */
    static Optional<String> text(Path file) {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            byte[] bytes = Files.readAllBytes(file);
            return Optional.of(StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString());
        } catch (CharacterCodingException e) {
            throw new DebException(Setting.DEBIAN_DIR, file.toString(), "the file is not valid UTF-8 text.",
                    "save it as UTF-8.", e);
        } catch (IOException e) {
            throw new DebException(Setting.DEBIAN_DIR, file.toString(), "cannot read the file: " + e.getMessage(),
                    "check that it is readable.", e);
        }
    }
}
