package io.github.jpackagedeb.core.check;

import io.github.jpackagedeb.core.DebException;
import io.github.jpackagedeb.core.Setting;
import io.github.jpackagedeb.core.debiandir.Deb822;
import io.github.jpackagedeb.core.control.PackageName;
import io.github.jpackagedeb.core.control.PackageSpec;
import io.github.jpackagedeb.core.control.Relation;
import io.github.jpackagedeb.core.version.DebianVersion;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks a built .deb against the parts of Debian Policy that matter for a package installed directly, without
 * lintian: archive structure (deb(5)), package name (5.6.1), version syntax (5.6.12), required fields (5.3),
 * maintainer format (5.6.2), description (3.4), relationship syntax (7.1), md5sums against the content, ownership
 * and modes (10.9), unsafe paths, files outside the FHS places a package may use (9.1), conffiles (10.7), the
 * copyright file (12.5), maintainer scripts (10.4, 6) and Architecture against the ELF files it holds (lintian's
 * binary-from-other-architecture). Tags are lintian's names where lintian has the same check.
 */
public final class PolicyCheck {

    /** How bad a finding is: errors fail the check. */
    public enum Severity {
        ERROR('E'), WARNING('W'), INFO('I');

        private final char letter;

        Severity(char letter) {
            this.letter = letter;
        }

        public char letter() {
            return letter;
        }
    }

    /**
     * One finding.
     *
     * @param severity how bad
     * @param tag      a short name, lintian's where lintian checks the same
     * @param detail   what exactly (a path, a value)
     * @param why      the rule and where it comes from
     */
    public record Finding(Severity severity, String tag, String detail, String why) {
        @Override
        public String toString() {
            return severity.letter() + ": " + tag + (detail.isEmpty() ? "" : " " + detail);
        }
    }

    /** Debian architecture → ELF e_machine (elf.h). */
    private static final Map<String, Integer> ELF_MACHINE = Map.of("amd64", 62, "arm64", 183, "i386", 3,
            "armhf", 40, "armel", 40, "ppc64el", 21, "s390x", 22, "riscv64", 243, "loong64", 258, "mips64el", 8);
    private static final List<String> FORBIDDEN_DIRS = List.of("/usr/local", "/home", "/tmp", "/var/tmp", "/root",
            "/srv", "/mnt", "/media", "/run", "/var/run", "/var/lock", "/proc", "/sys", "/dev");

    private PolicyCheck() {
    }

    /** Every finding, in check order. */
    public static List<Finding> check(DebContents deb) {
        List<Finding> out = new ArrayList<>();
        structure(deb, out);
        Map<String, String> fields = controlFields(deb, out);
        String pkg = fields.getOrDefault("package", "");
        String arch = fields.getOrDefault("architecture", "");
        Map<String, DebContents.Entry> byPath = new LinkedHashMap<>();
        paths(deb, byPath, out);
        md5sums(deb, byPath, out);
        conffiles(deb, byPath, out);
        architecture(arch, deb, out);
        scripts(deb, out);
        if (deb.file() != null && deb.file().getFileName() != null) {
            longFileName(deb.file().getFileName().toString(), arch).ifPresent(out::add);
        }
        if (!pkg.isEmpty()) {
            String doc = "/usr/share/doc/" + pkg;
            DebContents.Entry copyright = byPath.get(doc + "/copyright");
            DebContents.Entry docDir = byPath.get(doc);
            if (copyright == null && (docDir == null || docDir.type() != DebContents.Type.SYMLINK)) {
                out.add(new Finding(Severity.ERROR, "no-copyright-file", doc + "/copyright",
                        "every package ships its copyright file (Debian Policy 12.5)."));
            }
            if (!byPath.containsKey(doc + "/changelog.Debian.gz") && !byPath.containsKey(doc + "/changelog.gz")
                    && (docDir == null || docDir.type() != DebContents.Type.SYMLINK)) {
                out.add(new Finding(Severity.WARNING, "no-changelog", doc + "/changelog.Debian.gz",
                        "packages ship their Debian changelog (Debian Policy 12.7)."));
            }
        }
        return out;
    }

    /** lintian's limit on a package's file name (its tag package-has-long-file-name). */
    public static final int FILE_NAME_LIMIT = 80;

    /**
     * lintian's package-has-long-file-name: the .deb's file name, counted as if its architecture were the longest
     * one lintian knows ({@code kfreebsd-amd64}), is over {@value #FILE_NAME_LIMIT} characters; such names break
     * on file systems and media with short name limits. The same rule as lintian, so that the build's warning,
     * {@code make-deb check} and lintian agree.
     */
    public static java.util.Optional<Finding> longFileName(String fileName, String architecture) {
        int adjusted = fileName.length() - architecture.length() + "kfreebsd-amd64".length();
        if (adjusted <= FILE_NAME_LIMIT) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(new Finding(Severity.WARNING, "package-has-long-file-name", fileName,
                "the file name is " + fileName.length() + " characters (" + adjusted + " counted as lintian does, for the "
                        + "longest architecture name); keep it within " + FILE_NAME_LIMIT
                        + " with a shorter package name or version."));
    }

    /** Whether any finding is an error. */
    public static boolean hasErrors(List<Finding> findings) {
        return findings.stream().anyMatch(f -> f.severity() == Severity.ERROR);
    }

    private static void structure(DebContents deb, List<Finding> out) {
        List<String> m = deb.members();
        boolean ok = m.size() >= 3 && m.get(0).equals("debian-binary") && m.get(1).startsWith("control.tar")
                && m.get(2).startsWith("data.tar");
        if (!ok) {
            out.add(new Finding(Severity.ERROR, "malformed-deb-archive", String.join(",", m),
                    "a .deb holds debian-binary, control.tar.*, data.tar.*, in this order (deb(5))."));
        }
        if (deb.debianBinary() == null || !deb.debianBinary().startsWith("2.")) {
            out.add(new Finding(Severity.ERROR, "malformed-deb-archive", "debian-binary "
                    + (deb.debianBinary() == null ? "missing" : "'" + deb.debianBinary().strip() + "'"),
                    "debian-binary holds the format version 2.0 (deb(5))."));
        }
    }

    private static Map<String, String> controlFields(DebContents deb, List<Finding> out) {
        Map<String, String> fields = new HashMap<>();
        String text = deb.controlText("control").orElse(null);
        if (text == null) {
            out.add(new Finding(Severity.ERROR, "no-control-file", "control", "control.tar must hold the control file (deb(5))."));
            return fields;
        }
        List<Deb822.Paragraph> ps;
        try {
            ps = Deb822.parse(text, "control");
        } catch (DebException e) {
            out.add(new Finding(Severity.ERROR, "syntax-error-in-control-file", e.problem(), "Debian Policy 5.1."));
            return fields;
        }
        if (ps.size() != 1) {
            out.add(new Finding(Severity.ERROR, "syntax-error-in-control-file", ps.size() + " paragraphs",
                    "a binary package's control file is one paragraph (Debian Policy 5.3)."));
            if (ps.isEmpty()) {
                return fields;
            }
        }
        Deb822.Paragraph p = ps.get(0);
        p.fields().forEach((k, f) -> fields.put(k, f.value()));
        for (String required : List.of("Package", "Version", "Architecture", "Maintainer", "Description")) {
            if (p.value(required).isEmpty()) {
                out.add(new Finding(Severity.ERROR, "missing-required-field", required,
                        "every binary package has this field (Debian Policy 5.3)."));
            }
        }
        p.value("Package").ifPresent(v -> problem(out, "bad-package-name", v, "Debian Policy 5.6.1",
                () -> PackageName.validate(v)));
        p.value("Version").ifPresent(v -> problem(out, "bad-version-number", v, "Debian Policy 5.6.12",
                () -> DebianVersion.parse(v)));
        p.value("Maintainer").ifPresent(v -> problem(out, "malformed-maintainer-field", v, "Debian Policy 5.6.2",
                () -> PackageSpec.Builder.checkMaintainer(v)));
        p.value("Architecture").ifPresent(v -> {
            if (v.equals("any") || !v.matches("all|[a-z0-9]+(-[a-z0-9]+)*")) {
                out.add(new Finding(Severity.ERROR, "bad-architecture", v,
                        "a binary package is for one architecture, or all (Debian Policy 5.6.8)."));
            }
        });
        p.field("Description").ifPresent(d -> {
            String synopsis = d.firstLine().strip();
            if (synopsis.isEmpty()) {
                out.add(new Finding(Severity.ERROR, "description-synopsis-is-empty", "",
                        "the first line of Description is the synopsis (Debian Policy 3.4.1)."));
            } else if (synopsis.length() > 80) {
                out.add(new Finding(Severity.WARNING, "synopsis-too-long", synopsis.length() + " characters",
                        "the synopsis should be under 80 characters (Debian Policy 3.4.1)."));
            }
            List<String> ext = d.continuation();
            for (int i = 0; i < ext.size(); i++) {
                // lintian counts the line with its leading space (Debian Policy 3.4.1: keep lines within 80 columns)
                if (1 + ext.get(i).length() > 80) {
                    out.add(new Finding(Severity.WARNING, "extended-description-line-too-long", "line " + (i + 1),
                            "lines of the extended description should be at most 80 columns (Debian Policy 3.4.1)."));
                }
            }
            if (!synopsis.isEmpty() && !ext.isEmpty() && ext.get(0).strip().equalsIgnoreCase(synopsis)) {
                out.add(new Finding(Severity.ERROR, "description-synopsis-is-duplicated", synopsis,
                        "the extended description adds to the synopsis, it does not repeat it (Debian Policy 3.4.2)."));
            }
            String name = p.value("Package").orElse("");
            if (!name.isEmpty() && synopsis.toLowerCase(java.util.Locale.ROOT).startsWith(name + " ")) {
                out.add(new Finding(Severity.WARNING, "description-starts-with-package-name", synopsis,
                        "the synopsis says what the package is, not its name (Debian Policy 3.4.1)."));
            }
        });
        p.value("Installed-Size").ifPresentOrElse(v -> {
            if (!v.matches("[0-9]+")) {
                out.add(new Finding(Severity.ERROR, "bad-installed-size", v, "kibibytes as a number (Debian Policy 5.6.20)."));
            }
        }, () -> out.add(new Finding(Severity.WARNING, "no-installed-size", "",
                "dpkg and apt show and plan with Installed-Size (Debian Policy 5.6.20).")));
        for (Relation r : Relation.values()) {
            p.value(r.field()).ifPresent(v -> {
                for (String entry : v.split(",")) {
                    problem(out, "bad-relation", r.field() + ": " + entry.strip(), "Debian Policy 7.1",
                            () -> PackageSpec.builder().name("check-relation").version(DebianVersion.parse("1-1"))
                                    .maintainer("Check <check@example.org>").synopsis("relation check")
                                    .relation(r, entry.strip()).build());
                }
            });
        }
        return fields;
    }

    private interface Check {
        Object run();
    }

    private static void problem(List<Finding> out, String tag, String value, String ref, Check check) {
        try {
            check.run();
        } catch (DebException e) {
            out.add(new Finding(Severity.ERROR, tag, value, e.problem() + " (" + ref + ")"));
        }
    }

    private static void paths(DebContents deb, Map<String, DebContents.Entry> byPath, List<Finding> out) {
        for (DebContents.Entry e : deb.data()) {
            String raw = e.path();
            String abs = e.absolutePath();
            if (!raw.startsWith("./") || raw.contains("/../") || raw.endsWith("/..") || raw.contains("//")) {
                out.add(new Finding(Severity.ERROR, "unsafe-path", raw,
                        "data.tar entries are relative paths ./… without '..' or empty parts (deb(5))."));
            }
            if (byPath.put(abs, e) != null && e.type() != DebContents.Type.DIRECTORY) {
                out.add(new Finding(Severity.ERROR, "duplicate-entry", abs, "each path appears once in data.tar."));
            }
            if (e.uid() != 0 || e.gid() != 0 || !(e.owner().isEmpty() || e.owner().equals("root"))
                    || !(e.group().isEmpty() || e.group().equals("root"))) {
                out.add(new Finding(Severity.ERROR, "wrong-file-owner-uid-or-gid", abs + " " + e.uid() + "/" + e.gid()
                        + " " + e.owner() + "/" + e.group(), "files belong to root:root; other owners are set by "
                        + "maintainer scripts (Debian Policy 10.9)."));
            }
            for (String dir : FORBIDDEN_DIRS) {
                if (abs.equals(dir + "/") || abs.startsWith(dir + "/")) {
                    out.add(new Finding(Severity.ERROR, "file-in-forbidden-directory", abs, dir
                            + " belongs to the local administrator, the user or the running system, not to packages "
                            + "(Debian Policy 9.1, FHS)."));
                    break;
                }
            }
            switch (e.type()) {
                case FILE -> modes(e, abs, out);
                case DIRECTORY -> {
                    if ((e.mode() & 0002) != 0 && (e.mode() & 01000) == 0) {
                        out.add(new Finding(Severity.ERROR, "world-writable-directory", abs + " " + octal(e.mode()),
                                "Debian Policy 10.9."));
                    } else if (e.mode() != 0755) {
                        out.add(new Finding(Severity.WARNING, "non-standard-dir-perm", abs + " " + octal(e.mode()),
                                "directories are 0755 (Debian Policy 10.9)."));
                    }
                }
                case SYMLINK -> {
                    if (escapes(abs, e.linkTarget())) {
                        out.add(new Finding(Severity.ERROR, "symlink-escapes-root", abs + " -> " + e.linkTarget(),
                                "a relative link target must stay inside the file system root."));
                    }
                }
                case HARDLINK -> out.add(new Finding(Severity.WARNING, "hard-link", abs + " => " + e.linkTarget(),
                        "hard links in packages confuse tools that ship files separately; use a copy or symlink."));
                default -> out.add(new Finding(Severity.ERROR, "special-file", abs,
                        "packages ship no device files, FIFOs or sockets (Debian Policy 10.6)."));
            }
        }
    }

    private static void modes(DebContents.Entry e, String abs, List<Finding> out) {
        int m = e.mode();
        if ((m & 04000) != 0) {
            out.add(new Finding(Severity.WARNING, "setuid-binary", abs + " " + octal(m),
                    "a setuid file must be justified (Debian Policy 10.9)."));
        }
        if ((m & 02000) != 0) {
            out.add(new Finding(Severity.WARNING, "setgid-binary", abs + " " + octal(m),
                    "a setgid file must be justified (Debian Policy 10.9)."));
        }
        if ((m & 0002) != 0) {
            out.add(new Finding(Severity.ERROR, "world-writable-file", abs + " " + octal(m), "Debian Policy 10.9."));
        } else if ((m & 07777 & ~06000) != 0644 && (m & 07777 & ~06000) != 0755 && (m & 07777) != 0444
                && (m & 07777) != 0555) {
            out.add(new Finding(Severity.WARNING, "non-standard-file-perm", abs + " " + octal(m),
                    "files are 0644, or 0755 when executable (Debian Policy 10.9)."));
        }
        if ((m & 0111) != 0 && (abs.startsWith("/usr/share/doc/") || abs.startsWith("/usr/share/man/"))) {
            out.add(new Finding(Severity.WARNING, "executable-not-elf-or-script", abs + " " + octal(m),
                    "documentation is not executable (Debian Policy 10.9)."));
        }
    }

    private static boolean escapes(String linkPath, String target) {
        if (target == null || target.startsWith("/")) {
            return false;
        }
        int depth = linkPath.split("/").length - 2; // directories above the link, below /
        for (String part : target.split("/")) {
            if (part.equals("..")) {
                depth--;
            } else if (!part.isEmpty() && !part.equals(".")) {
                depth++;
            }
            if (depth < 0) {
                return true;
            }
        }
        return false;
    }

    private static void md5sums(DebContents deb, Map<String, DebContents.Entry> byPath, List<Finding> out) {
        String text = deb.controlText("md5sums").orElse(null);
        Set<String> conffiles = new HashSet<>(conffileList(deb));
        if (text == null) {
            out.add(new Finding(Severity.INFO, "no-md5sums-control-file", "",
                    "md5sums lets debsums and dpkg --verify check the installed files."));
            return;
        }
        Set<String> listed = new HashSet<>();
        for (String line : text.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            if (!line.matches("[0-9a-f]{32}  \\S.*")) {
                out.add(new Finding(Severity.ERROR, "malformed-md5sums-control-file", line,
                        "each line is an MD5, two spaces and a path relative to / (dpkg)."));
                continue;
            }
            String sum = line.substring(0, 32);
            String path = "/" + line.substring(34);
            listed.add(path);
            DebContents.Entry e = byPath.get(path);
            if (e == null || e.type() != DebContents.Type.FILE) {
                out.add(new Finding(Severity.ERROR, "md5sums-lists-nonexistent-file", path, "md5sums lists the package's files."));
            } else if (!sum.equals(e.md5())) {
                out.add(new Finding(Severity.ERROR, "md5sum-mismatch", path, "the file differs from its md5sums entry."));
            }
        }
        for (DebContents.Entry e : deb.data()) {
            if (e.type() == DebContents.Type.FILE && !listed.contains(e.absolutePath()) && !conffiles.contains(e.absolutePath())) {
                out.add(new Finding(Severity.WARNING, "file-missing-in-md5sums", e.absolutePath(),
                        "md5sums lists every file that is not a conffile."));
            }
        }
    }

    private static List<String> conffileList(DebContents deb) {
        List<String> out = new ArrayList<>();
        for (String l : deb.controlText("conffiles").orElse("").split("\n")) {
            String s = l.strip();
            if (!s.isEmpty()) {
                out.add(s.startsWith("remove-on-upgrade ") ? s.substring("remove-on-upgrade ".length()).strip() : s);
            }
        }
        return out;
    }

    private static void conffiles(DebContents deb, Map<String, DebContents.Entry> byPath, List<Finding> out) {
        Set<String> seen = new HashSet<>();
        for (String c : conffileList(deb)) {
            if (!seen.add(c)) {
                out.add(new Finding(Severity.ERROR, "duplicate-conffile", c, "conffiles lists each file once."));
            }
            DebContents.Entry e = byPath.get(c);
            if (!c.startsWith("/")) {
                out.add(new Finding(Severity.ERROR, "relative-conffile", c, "conffiles holds absolute paths (Debian Policy 10.7.2)."));
            } else if (e == null || e.type() != DebContents.Type.FILE) {
                out.add(new Finding(Severity.ERROR, "conffile-missing-in-data", c,
                        "a conffile must be a regular file of the package (dpkg refuses the package otherwise)."));
            } else if (!c.startsWith("/etc/")) {
                out.add(new Finding(Severity.WARNING, "non-etc-file-marked-as-conffile", c,
                        "configuration files live under /etc (Debian Policy 10.7.2)."));
            }
        }
        for (DebContents.Entry e : deb.data()) {
            if (e.type() == DebContents.Type.FILE && e.absolutePath().startsWith("/etc/") && !seen.contains(e.absolutePath())) {
                out.add(new Finding(Severity.ERROR, "file-in-etc-not-marked-as-conffile", e.absolutePath(),
                        "every file under /etc is a conffile, so local changes survive upgrades (Debian Policy 10.7.2)."));
            }
        }
    }

    private static void architecture(String arch, DebContents deb, List<Finding> out) {
        boolean anyElf = false;
        for (DebContents.Entry e : deb.data()) {
            if (e.elfMachine() < 0) {
                continue;
            }
            anyElf = true;
            if (arch.equals("all")) {
                out.add(new Finding(Severity.ERROR, "arch-independent-package-contains-binary-or-object", e.absolutePath(),
                        "an Architecture: all package must run everywhere; ELF code needs a real architecture "
                                + "(Debian Policy 5.6.8)."));
            } else if (ELF_MACHINE.containsKey(arch) && ELF_MACHINE.get(arch) != e.elfMachine()) {
                out.add(new Finding(Severity.ERROR, "binary-from-other-architecture", e.absolutePath() + " (ELF machine "
                        + e.elfMachine() + ", " + arch + " is " + ELF_MACHINE.get(arch) + ")",
                        "the package's ELF files must be for its Architecture."));
            }
            if (e.absolutePath().startsWith("/usr/share/")) {
                out.add(new Finding(Severity.ERROR, "arch-dependent-file-in-usr-share", e.absolutePath(),
                        "/usr/share is architecture-independent (FHS, Debian Policy 9.1.1)."));
            }
        }
        if (!anyElf && !arch.isEmpty() && !arch.equals("all")) {
            out.add(new Finding(Severity.INFO, "package-contains-no-arch-dependent-files", arch,
                    "a package without ELF files can be Architecture: all."));
        }
    }

    private static void scripts(DebContents deb, List<Finding> out) {
        for (String s : List.of("preinst", "postinst", "prerm", "postrm", "config")) {
            DebContents.Member m = deb.control().get(s);
            if (m == null) {
                continue;
            }
            String first = m.text().lines().findFirst().orElse("");
            if (!first.startsWith("#!")) {
                out.add(new Finding(Severity.ERROR, "script-without-interpreter", s,
                        "maintainer scripts start with #! (Debian Policy 10.4)."));
            } else if (first.matches("#!\\s*/bin/(ba|da)?sh\\s*") && !m.text().matches("(?s).*\\n\\s*set\\s+-[a-z]*e.*")) {
                out.add(new Finding(Severity.WARNING, "maintainer-script-ignores-errors", s,
                        "shell maintainer scripts use set -e (Debian Policy 10.4)."));
            }
            if ((m.mode() & 0111) != 0111) {
                out.add(new Finding(Severity.ERROR, "maintainer-script-not-executable", s + " " + octal(m.mode()),
                        "dpkg runs maintainer scripts: they are 0755."));
            }
        }
    }

    private static String octal(int mode) {
        return String.format("%04o", mode);
    }
}
