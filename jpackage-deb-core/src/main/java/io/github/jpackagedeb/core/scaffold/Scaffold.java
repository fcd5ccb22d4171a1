package io.github.jpackagedeb.core.scaffold;

import io.github.jpackagedeb.core.DebException;
import io.github.jpackagedeb.core.Setting;
import io.github.jpackagedeb.core.debiandir.DebianChangelog;
import io.github.jpackagedeb.core.assembly.Layout;
import io.github.jpackagedeb.core.assembly.License;
import io.github.jpackagedeb.core.control.ControlFile;
import io.github.jpackagedeb.core.assembly.Lifecycle;
import io.github.jpackagedeb.core.service.ProfilingSpec;
import io.github.jpackagedeb.core.service.ServiceSpec;
import io.github.jpackagedeb.core.service.SystemdUnit;
import io.github.jpackagedeb.core.control.PackageSpec;
import io.github.jpackagedeb.core.control.Relation;
import io.github.jpackagedeb.core.template.Template;

import org.apache.commons.io.file.PathUtils;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Writes a project's {@code debian/} directory from a {@link ScaffoldSpec} (what {@code make-deb init} does): the
 * files that {@code dpkg-buildpackage} needs and that the jpackage-deb plugin reads back
 * (docs/architecture.md#precedence). The skeletons are templates of {@code debian-templates} ({@code scaffold/}),
 * rendered strictly.
 *
 * <p>Files: {@code control} (source and binary paragraph), {@code changelog} (one entry), {@code copyright}
 * (DEP-5), {@code rules} (dh with Maven and the plugin's stage goal), {@code source/format}, {@code <pkg>.default},
 * example maintainer scripts {@code <pkg>.postinst.ex}, {@code <pkg>.prerm.ex}, {@code <pkg>.postrm.ex} with their
 * {@code #DEBHELPER#} line (renamed without {@code .ex}, both builds use them; as examples they keep a package
 * without scripts of its own free of empty ones), {@code <pkg>.lintian-overrides}, and {@code <pkg>.service} for a
 * service.
 *
 * <p>{@code source/format} is {@code 3.0 (quilt)}: versions mapped from Maven always carry a Debian revision
 * ({@code 1.0.0-1}), which makes them non-native (Policy 5.6.12); dpkg-source refuses a revision in a
 * {@code 3.0 (native)} package. Binary builds ({@code -b}) need no orig tarball.
 */
public final class Scaffold {

    private static final String BASE = "scaffold/";
    private static final DateTimeFormatter CHANGELOG_DATE =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss Z", Locale.ENGLISH).withZone(ZoneOffset.UTC);

    private Scaffold() {
    }

    /**
     * One file to write.
     *
     * @param path       relative to the project directory, e.g. {@code debian/control}
     * @param content    its text
     * @param executable whether it is written 0755 (else 0644)
     */
    public record File(String path, String content, boolean executable) {
    }

    /** Every file of {@code debian/}, in a stable order. */
    public static List<File> render(ScaffoldSpec s) {
        PackageSpec spec = s.spec();
        String pkg = spec.name();
        List<File> files = new ArrayList<>();
        files.add(new File("debian/changelog", changelog(s), false));
        files.add(new File("debian/control", control(s), false));
        files.add(new File("debian/copyright", copyright(s), false));
        if (s.maven()) {
            files.add(new File("debian/rules", Template.load(BASE + "rules")
                    .render(Map.of("PACKAGE", pkg, "STAGE_GOAL", s.stageGoal())), true));
            files.add(new File("debian/source/format", Template.load(BASE + "source-format").render(Map.of()), false));
        }
        String command = Layout.standard(pkg).command();
        ServiceSpec service = s.service() || s.profiling()
                ? ServiceSpec.builder().build().resolve(pkg, spec.synopsis()) : null;
        String defaults = service == null
                ? Template.load("default.env").render(Map.of("PACKAGE", pkg, "LAUNCHER", command))
                : Template.load("default-service.env").render(Map.of("PACKAGE", pkg, "UNIT", service.unitFileName(),
                "LAUNCHER", command));
        if (service != null && s.profiling()) {
            // PROFILING=on in debian/<pkg>.default builds profiling in when the plugin or make-deb reads it back
            defaults += Lifecycle.profilingDefaults(pkg, service, ProfilingSpec.builder().build());
        }
        files.add(new File("debian/" + pkg + ".default", defaults, false));
        files.add(new File("debian/" + pkg + ".lintian-overrides",
                Template.load(BASE + "lintian-overrides").render(Map.of("PACKAGE", pkg)), false));
        for (String script : List.of("postinst", "prerm", "postrm")) {
            // examples, as dh_make writes them: a script that does nothing would only make lintian warn
            // (maintainer-script-empty); renamed without .ex, both builds use it
            files.add(new File("debian/" + pkg + "." + script + ".ex",
                    Template.load(BASE + script).render(Map.of("PACKAGE", pkg)), true));
        }
        if (service != null) {
            files.add(new File("debian/" + pkg + ".service", SystemdUnit.render(service, pkg, command), false));
        }
        return files;
    }

    /**
     * The new changelog with the entries of the existing one kept: the new (first) entry on top of the old entries,
     * or the old file as it is when its newest entry is already for the new version. An old file that does not parse
     * is not merged (it is backed up instead).
     */
    static String mergeChangelog(String old, String fresh) {
        DebianChangelog had;
        DebianChangelog made;
        try {
            had = DebianChangelog.parse(old, "debian/changelog");
            made = DebianChangelog.parse(fresh, "debian/changelog");
        } catch (DebException e) {
            return fresh;
        }
        if (had.newest().version().toString().equals(made.newest().version().toString())) {
            return old;
        }
        return fresh.stripTrailing() + "\n\n" + old;
    }

    /** {@code <file>.~N~} with the first N not taken. */
    private static Path backupName(Path p) {
        for (int n = 1; ; n++) {
            Path b = p.resolveSibling(p.getFileName() + ".~" + n + "~");
            if (!Files.exists(b, LinkOption.NOFOLLOW_LINKS)) {
                return b;
            }
        }
    }

    static String changelog(ScaffoldSpec s) {
        Map<String, String> v = new LinkedHashMap<>();
        v.put("PACKAGE", s.spec().name());
        v.put("VERSION", s.spec().version().toString());
        v.put("DISTRIBUTION", s.distribution());
        v.put("MESSAGE", DebianChangelog.wrap(oneLine(s.changelogMessage()), 76));
        v.put("MAINTAINER", s.spec().maintainer());
        v.put("DATE", CHANGELOG_DATE.format(s.timestamp()));
        return Template.load(BASE + "changelog").render(v);
    }

    static String control(ScaffoldSpec s) {
        PackageSpec spec = s.spec();
        int r = s.javaRelease();
        List<String> build = new ArrayList<>();
        // The JDK the project builds with: javac of that release, and, for a bundled runtime, the JDK jlink links
        // it from (so the runtime is that release's). Debian 12 ships openjdk-17-jdk-headless.
        build.add("openjdk-" + r + "-jdk-headless");
        // Debian's own Maven (3.8.7 in Debian 12), even when the project has a wrapper: ./mvnw downloads its Maven
        // distribution from the network unless one is cached, which a package build must not need and
        // dpkg-checkbuilddeps cannot check (Policy 4.9, 7.7). debian/rules runs mvn; MVN=./mvnw overrides it.
        if (s.maven()) {
            build.add("maven");
        }
        List<String> depends = new ArrayList<>();
        if (s.bundlesRuntime()) {
            // filled by the stage goal (debian/<pkg>.substvars) with the libraries the bundled runtime needs, as
            // mvn package computes them: the same Depends and Recommends from both builds
            depends.add("${" + io.github.jpackagedeb.core.assembly.DebBuilder.SUBSTVAR_DEPENDS + "}");
        }
        depends.add("${misc:Depends}");
        if (!s.bundlesRuntime()) {
            // the same entry the plugin adds to a jar-only package, so that both builds depend alike
            depends.add("default-jre-headless (>= 2:1." + r + ") | java" + r + "-runtime-headless");
        }
        if (s.service() && spec.relation(Relation.DEPENDS).stream().noneMatch(d -> d.startsWith("adduser"))) {
            depends.add("adduser");
        }
        depends.addAll(spec.relation(Relation.DEPENDS));
        StringBuilder others = new StringBuilder();
        java.util.Map<Relation, List<String>> relations = new java.util.EnumMap<>(Relation.class);
        relations.putAll(spec.relations());
        if (s.bundlesRuntime()) {
            List<String> recommends = new ArrayList<>();
            recommends.add("${" + io.github.jpackagedeb.core.assembly.DebBuilder.SUBSTVAR_RECOMMENDS + "}");
            recommends.addAll(spec.relation(Relation.RECOMMENDS));
            relations.put(Relation.RECOMMENDS, recommends);
        }
        for (Map.Entry<Relation, List<String>> e : relations.entrySet()) {
            if (e.getKey() != Relation.DEPENDS) {
                others.append(e.getKey().field()).append(": ").append(String.join(", ", e.getValue())).append('\n');
            }
        }
        String rendered = new String(ControlFile.render(spec, 0), StandardCharsets.UTF_8);
        String description = rendered.substring(rendered.indexOf("\nDescription: ") + 1).stripTrailing();
        Map<String, String> v = new LinkedHashMap<>();
        v.put("PACKAGE", spec.name());
        v.put("SECTION", spec.section());
        v.put("PRIORITY", spec.priority());
        v.put("MAINTAINER", spec.maintainer());
        v.put("BUILD_DEPENDS", String.join(",\n               ", build));
        v.put("HOMEPAGE", spec.homepage() == null ? "" : "Homepage: " + spec.homepage() + "\n");
        v.put("ARCHITECTURE", spec.architecture());
        v.put("DEPENDS", String.join(",\n         ", depends));
        v.put("OTHER_RELATIONS", others.toString());
        v.put("DESCRIPTION", description);
        return Template.load(BASE + "control").render(v);
    }

    static String copyright(ScaffoldSpec s) {
        int year = s.timestamp().atZone(ZoneOffset.UTC).getYear();
        String maintainer = s.spec().maintainer();
        List<String> holders = s.copyrightHolders().isEmpty() ? List.of(maintainer) : s.copyrightHolders();
        Set<String> names = new LinkedHashSet<>();
        StringBuilder paragraphs = new StringBuilder();
        for (License l : s.licenses()) {
            String name = ScaffoldSpec.shortName(l);
            if (!names.add(name)) {
                continue;
            }
            paragraphs.append("\nLicense: ").append(name).append('\n');
            if (name.equals("proprietary")) {
                paragraphs.append(" All rights reserved. The copyright holders grant no license beyond what\n")
                        .append(" the terms of distribution of this package state.\n");
            } else if (l.commonLicenseFile() != null) {
                paragraphs.append(" On Debian systems, the complete text of this license is in\n ")
                        .append(l.commonLicenseFile()).append(".\n");
            } else {
                String url = l.url() != null ? l.url().strip() : "https://spdx.org/licenses/" + spdx(name) + ".html";
                paragraphs.append(" ").append(oneLine(l.name())).append(".\n .\n The complete text of this license is at\n ")
                        .append(url).append(".\n");
            }
        }
        Map<String, String> v = new LinkedHashMap<>();
        v.put("UPSTREAM_NAME", oneLine(s.upstreamName()));
        v.put("SOURCE", s.sourceUrl() == null ? "" : "Source: " + oneLine(s.sourceUrl()) + "\n");
        v.put("PACKAGE", s.spec().name());
        v.put("COPYRIGHT", year + " " + String.join("\n           ", holders.stream().map(Scaffold::oneLine).toList()));
        v.put("DEBIAN_COPYRIGHT", year + " " + maintainer);
        v.put("LICENSE", String.join(" or ", names));
        v.put("LICENSE_PARAGRAPHS", paragraphs.toString().stripTrailing());
        return Template.load(BASE + "copyright").render(v);
    }

    private static String spdx(String dep5) {
        return switch (dep5) {
            case "Expat" -> "MIT";
            case "BSD-2-clause" -> "BSD-2-Clause";
            case "BSD-3-clause" -> "BSD-3-Clause";
            case "GPL-2.0", "GPL-3.0", "LGPL-2.1", "LGPL-3.0" -> dep5 + "-or-later";
            default -> dep5;
        };
    }

    private static String oneLine(String s) {
        return s.replaceAll("[\\r\\n\\t]+", " ").strip();
    }

    /**
     * Writes the files under {@code projectDir}: first into a temporary directory next to {@code debian/}, which is
     * then renamed into place, so that nothing is half-written when something fails. An existing {@code debian/} is
     * an error unless {@code force}; with it, the files of the scaffold are rewritten (edits kept as
     * {@link #writeKeepingEdits} says) and every other file of the existing directory is kept.
     *
     * @return the paths written, relative to {@code projectDir}
     * @throws DebException (field {@code debianDir}) when debian/ exists without force, or nothing can be written
     */
    public static List<String> write(Path projectDir, List<File> files, boolean force) {
        return writeKeepingEdits(projectDir, files, force).written();
    }

    /**
     * What {@link #writeKeepingEdits} did.
     *
     * @param written the paths written, relative to the project directory
     * @param backups for each replaced file whose content differed: its path → the path of the copy of what it held
     * @param merged  the files whose existing content was merged into the new one (the changelog's entries)
     */
    public record Written(List<String> written, Map<String, String> backups, List<String> merged) {
    }

    /**
     * As {@link #write}, and with {@code force} no edit is lost: {@code debian/changelog} keeps its entries (the new
     * entry goes on top, unless the newest is already for this version, then the file stays as it is), and every
     * other file that is replaced with different content is first copied to {@code <file>.~N~} beside it (GNU's
     * numbered backups, which dpkg-source ignores by default and no build step reads).
     */
    public static Written writeKeepingEdits(Path projectDir, List<File> files, boolean force) {
        Map<String, String> backups = new LinkedHashMap<>();
        List<String> merged = new ArrayList<>();
        Path target = projectDir.resolve("debian");
        boolean exists = Files.exists(target, LinkOption.NOFOLLOW_LINKS);
        if (exists && !force) {
            throw new DebException(Setting.DEBIAN_DIR, target.toString(), "the directory exists; make-deb init never "
                    + "overwrites it.", "move it away, or rerun with --force to rewrite the files make-deb writes "
                    + "(other files in it are kept).");
        }
        if (exists && !Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
            throw new DebException(Setting.DEBIAN_DIR, target.toString(), "exists and is not a directory.",
                    "move it away.");
        }
        Path tmp;
        try {
            tmp = Files.createTempDirectory(projectDir, ".debian-make-deb-");
        } catch (IOException e) {
            throw new DebException(Setting.DEBIAN_DIR, projectDir.toString(),
                    "cannot create files in the project directory: "
                    + e, "check that the directory exists and that you may write to it.", e);
        }
        Path old = null;
        try {
            if (exists) {
                copyTree(target, tmp);
            }
            List<String> written = new ArrayList<>();
            for (File f : files) {
                if (!f.path().startsWith("debian/")) {
                    throw new IllegalArgumentException("not under debian/: " + f.path());
                }
                Path p = tmp.resolve(f.path().substring("debian/".length()));
                Files.createDirectories(p.getParent());
                String content = f.content();
                if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
                    byte[] had = Files.readAllBytes(p);
                    String before = new String(had, StandardCharsets.UTF_8);
                    if (f.path().equals("debian/changelog")) {
                        String m = mergeChangelog(before, content);
                        if (!m.equals(content) && !m.equals(before)) {
                            merged.add(f.path());
                        }
                        content = m;
                    }
                    if (!java.util.Arrays.equals(had, content.getBytes(StandardCharsets.UTF_8))) {
                        Path backup = backupName(p);
                        Files.copy(p, backup, StandardCopyOption.COPY_ATTRIBUTES);
                        backups.put(f.path(), "debian/" + tmp.relativize(backup));
                    }
                }
                Files.deleteIfExists(p);
                Files.writeString(p, content, StandardCharsets.UTF_8);
                Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(f.executable() ? "rwxr-xr-x" : "rw-r--r--"));
                written.add(f.path());
            }
            Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxr-xr-x"));
            if (exists) {
                old = Files.createTempDirectory(projectDir, ".debian-old-");
                Files.delete(old);
                Files.move(target, old, StandardCopyOption.ATOMIC_MOVE);
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                if (old != null) {
                    Files.move(old, target, StandardCopyOption.ATOMIC_MOVE);
                    old = null;
                }
                throw e;
            }
            tmp = null;
            return new Written(List.copyOf(written), Map.copyOf(backups), List.copyOf(merged));
        } catch (IOException e) {
            throw new DebException(Setting.DEBIAN_DIR, target.toString(), "cannot write debian/: " + e,
                    "check free space and permissions of the project directory; nothing was changed.", e);
        } finally {
            for (Path leftover : java.util.Arrays.asList(tmp, old)) { // either may be null
                if (leftover != null) {
                    try {
                        PathUtils.delete(leftover); // never follows links
                    } catch (IOException ignored) {
                        // a leftover temporary directory; it is named .debian-make-deb-* or .debian-old-*
                    }
                }
            }
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        Files.walkFileTree(from, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes a) throws IOException {
                Files.createDirectories(to.resolve(from.relativize(d).toString()));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path f, BasicFileAttributes a) throws IOException {
                Files.copy(f, to.resolve(from.relativize(f).toString()), StandardCopyOption.COPY_ATTRIBUTES,
                        LinkOption.NOFOLLOW_LINKS);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
