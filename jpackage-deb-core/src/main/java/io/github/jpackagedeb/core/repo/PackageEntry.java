package io.github.jpackagedeb.core.repo;

import io.github.jpackagedeb.core.debfile.Deb822;
import io.github.jpackagedeb.core.debfile.DebFile;
import io.github.jpackagedeb.core.version.DebianVersion;

import java.util.Comparator;
import java.util.List;

/**
 * One stanza of a {@code Packages} index: the package's control fields, then {@code Filename} (relative to the
 * repository root), {@code Size}, {@code MD5sum}, {@code SHA1} and {@code SHA256}, as apt reads them.
 *
 * @param stanza the whole stanza
 */
public record PackageEntry(Deb822.Paragraph stanza) {

    /** Fields the index adds; they are dropped from a control file before being added again. */
    private static final List<String> INDEX_FIELDS = List.of("Filename", "Size", "MD5sum", "SHA1", "SHA256", "SHA512",
            "Description-md5");

    /** Sorted by package name, version (dpkg order), architecture. */
    public static final Comparator<PackageEntry> ORDER = Comparator.comparing(PackageEntry::packageName)
            .thenComparing(PackageEntry::version)
            .thenComparing(PackageEntry::architecture);

    /** The stanza for a package placed at {@code filename} in the repository. */
    public static PackageEntry of(DebFile deb, String filename) {
        Deb822.Paragraph.Builder b = deb.control().toBuilder();
        for (String f : INDEX_FIELDS) {
            b.remove(f);
        }
        b.set("Filename", filename)
                .set("Size", Long.toString(deb.size()))
                .set("MD5sum", deb.md5())
                .set("SHA1", deb.sha1())
                .set("SHA256", deb.sha256());
        return new PackageEntry(b.build());
    }

    public String packageName() {
        return stanza.require("Package", "Packages");
    }

    public DebianVersion version() {
        return DebianVersion.parse(stanza.require("Version", "Packages"));
    }

    public String architecture() {
        return stanza.require("Architecture", "Packages");
    }

    public String filename() {
        return stanza.require("Filename", "Packages");
    }

    public long size() {
        return Long.parseLong(stanza.require("Size", "Packages"));
    }

    public String sha256() {
        return stanza.require("SHA256", "Packages");
    }

    /** True when both describe the same package name, version and architecture. */
    public boolean sameIdentity(String pkg, DebianVersion v, String arch) {
        return packageName().equals(pkg) && version().toString().equals(v.toString()) && architecture().equals(arch);
    }

    @Override
    public String toString() {
        return packageName() + " " + version() + " " + architecture();
    }
}
