package io.github.jpackagedeb.core.assembly;

import io.github.jpackagedeb.core.app.Jar;
import io.github.jpackagedeb.core.archive.Gzip;
import io.github.jpackagedeb.core.debiandir.DebianChangelog;
import io.github.jpackagedeb.core.control.PackageSpec;
import io.github.jpackagedeb.core.template.Template;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Renders the copyright file, the Debian changelog and the man page from the templates. */
final class DocFiles {

    private static final DateTimeFormatter CHANGELOG_DATE =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss Z", Locale.ENGLISH).withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter MAN_DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);

    private DocFiles() {
    }

    /** {@code /usr/share/doc/<pkg>/copyright} in the DEP-5 format (Policy 12.5). */
    static byte[] copyright(PackageSpec spec, PackageDocs docs, List<Jar> bundled, int year) {
        Map<String, String> v = new LinkedHashMap<>();
        v.put("UPSTREAM_NAME", oneLine(docs.upstreamName()));
        v.put("SOURCE_LINE", docs.source() == null ? "" : "Source: " + oneLine(docs.source()) + "\n");
        String holders = docs.copyrightHolders().isEmpty() ? spec.maintainer()
                : String.join("\n           ", docs.copyrightHolders().stream().map(DocFiles::oneLine).toList());
        Integer since = docs.inceptionYear();
        v.put("COPYRIGHT", (since != null && since < year ? since + "-" : "") + year + " " + holders);
        String licenseName;
        StringBuilder text = new StringBuilder();
        List<License> licenses = alternatives(docs.licenses());
        if (licenses.isEmpty()) {
            licenseName = "unknown";
            text.append(" The project states no license; ask the maintainer, ").append(oneLine(spec.maintainer())).append('.');
        } else {
            licenseName = String.join(" or ", licenses.stream().map(License::shortName).distinct().toList());
            boolean first = true;
            for (License l : licenses) {
                if (!first) {
                    text.append("\n .\n");
                }
                first = false;
                text.append(' ').append(oneLine(l.name())).append('.');
                if (l.commonLicenseFile() != null) {
                    text.append("\n .\n On Debian systems, the complete text of this license can be found in\n ")
                            .append(l.commonLicenseFile()).append('.');
                } else if (l.url() != null) {
                    text.append("\n .\n The complete text of this license is at\n ").append(oneLine(l.url())).append('.');
                }
            }
        }
        v.put("LICENSE", licenseName);
        v.put("LICENSE_TEXT", text.toString());
        StringBuilder b = new StringBuilder();
        if (!bundled.isEmpty()) {
            b.append("Comment: This package also bundles the application's runtime dependencies, each under its own\n")
                    .append(" license, stated in its jar (META-INF) and its project's pom:\n");
            for (Jar j : bundled) {
                b.append(" ").append(j.fileName()).append('\n');
            }
        }
        v.put("BUNDLED", b.toString().stripTrailing() + (b.length() == 0 ? "" : "\n"));
        String rendered = Template.load("copyright").render(v).replaceAll("\n{3,}", "\n\n");
        return rendered.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * The licenses with an SPDX "OR" expression ({@code Apache-2.0 OR MIT}) split into its alternatives, so that
     * each is named in DEP-5's {@code License: Apache-2.0 or Expat} and has its own text; one license stated twice
     * is listed once.
     */
    static List<License> alternatives(List<License> licenses) {
        java.util.Map<String, License> out = new LinkedHashMap<>();
        for (License l : licenses) {
            String[] parts = l.name().strip().replaceAll("^\\((.*)\\)$", "$1").split("\\s+OR\\s+");
            for (String part : parts) {
                if (!part.isBlank()) {
                    License one = parts.length == 1 ? l : new License(part.strip(), l.url());
                    out.putIfAbsent(one.shortName(), one);
                }
            }
        }
        return List.copyOf(out.values());
    }

    /** {@code /usr/share/doc/<pkg>/changelog.Debian.gz} (Policy 12.7, format of Policy 4.4). */
    static byte[] changelogGz(PackageSpec spec, PackageDocs docs, String upstreamVersion, Instant timestamp) {
        return Gzip.reproducible(changelogEntry(spec, docs, upstreamVersion, timestamp).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The author's {@code debian/changelog}, with an entry for the version being built on top when its newest entry
     * is for another version, so that the package's changelog.Debian.gz (and its .changes) always describe the
     * package (Policy 4.4: the newest entry is the package's version). The file itself is not rewritten.
     *
     * @param file the changelog's name, for messages
     */
    static String changelogFor(String authorText, String file, PackageSpec spec, PackageDocs docs,
                               String upstreamVersion, Instant timestamp) {
        io.github.jpackagedeb.core.debiandir.DebianChangelog log =
                io.github.jpackagedeb.core.debiandir.DebianChangelog.parse(authorText, file);
        if (log.newest().version().toString().equals(spec.version().toString())) {
            return authorText;
        }
        PackageDocs sameDistribution = new PackageDocs(docs.upstreamName(), docs.source(), docs.copyrightHolders(),
                docs.licenses(), docs.changes(), log.newest().distributions());
        return changelogEntry(spec, sameDistribution, upstreamVersion, timestamp) + "\n" + authorText;
    }

    /** One changelog entry for the version being built. */
    private static String changelogEntry(PackageSpec spec, PackageDocs docs, String upstreamVersion, Instant timestamp) {
        Map<String, String> v = new LinkedHashMap<>();
        v.put("PACKAGE", spec.name());
        v.put("VERSION", spec.version().toString());
        v.put("DISTRIBUTION", docs.distribution());
        v.put("URGENCY", "medium");
        List<String> changes = docs.changes().isEmpty()
                ? List.of("Release " + upstreamVersion + " of " + docs.upstreamName() + ", packaged by jpackage-deb.")
                : docs.changes();
        StringBuilder c = new StringBuilder();
        for (String change : changes) {
            if (c.length() > 0) {
                c.append('\n');
            }
            c.append("  * ").append(DebianChangelog.wrap(oneLine(change)));
        }
        v.put("CHANGES", c.toString());
        v.put("MAINTAINER", spec.maintainer());
        v.put("DATE", CHANGELOG_DATE.format(timestamp));
        return Template.load("changelog").render(v);
    }

    /** {@code /usr/share/man/man1/<cmd>.1.gz}: a short page, so that the command is documented (Policy 12.1). */
    static byte[] manPageGz(PackageSpec spec, String upstreamVersion, String appHome, Instant timestamp) {
        Map<String, String> v = new LinkedHashMap<>();
        v.put("TITLE", spec.name().toUpperCase(Locale.ROOT));
        v.put("DATE", MAN_DATE.format(timestamp));
        v.put("PACKAGE", spec.name());
        v.put("UPSTREAM_VERSION", troff(upstreamVersion));
        v.put("SYNOPSIS", troff(spec.synopsis()));
        String desc = spec.longDescription().isBlank() ? spec.synopsis() : spec.longDescription();
        StringBuilder d = new StringBuilder();
        for (String line : desc.split("\n")) {
            d.append(line.isBlank() ? ".PP" : troffLine(line.strip())).append('\n');
        }
        v.put("DESCRIPTION", d.toString().stripTrailing());
        v.put("APP_HOME", appHome);
        return Gzip.reproducible(Template.load("manpage.1").render(v).getBytes(StandardCharsets.UTF_8));
    }

    private static String oneLine(String s) {
        return s.replaceAll("[\\r\\n\\t]+", " ").strip();
    }

    private static String troff(String s) {
        return oneLine(s).replace("\\", "\\e").replace("-", "\\-");
    }

    private static String troffLine(String s) {
        String t = troff(s);
        return t.startsWith(".") || t.startsWith("'") ? "\\&" + t : t;
    }
}
