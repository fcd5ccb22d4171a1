package io.github.jpackagedeb.maven;

import io.github.jpackagedeb.core.DebException;
import io.github.jpackagedeb.core.build.AppSpec;
import io.github.jpackagedeb.core.build.Jar;
import io.github.jpackagedeb.core.build.License;
import io.github.jpackagedeb.core.build.PackageDocs;
import io.github.jpackagedeb.core.spec.PackageName;
import io.github.jpackagedeb.core.spec.PackageSpec;
import io.github.jpackagedeb.core.spec.Relation;
import io.github.jpackagedeb.core.version.DebianVersion;
import io.github.jpackagedeb.core.version.MavenVersionMapper;
import org.apache.maven.artifact.Artifact;
import org.apache.maven.model.Developer;
import org.apache.maven.project.MavenProject;

import java.io.File;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Reads a Maven project and the plugin's configuration into core's specs. No logic beyond choosing defaults. */
final class PomAdapter {

    private final MavenProject project;
    private final DebMojo config;
    private final Map<String, String> env;

    PomAdapter(MavenProject project, DebMojo config, Map<String, String> env) {
        this.project = project;
        this.config = config;
        this.env = env;
    }

    PackageSpec spec(Instant timestamp, int jarCount) {
        String name = config.packageName != null ? config.packageName : PackageName.fromArtifactId(project.getArtifactId()).value();
        PackageSpec.Builder b = PackageSpec.builder()
                .name(name)
                .version(version(timestamp))
                .maintainer(maintainer())
                .synopsis(synopsis())
                .longDescription(longDescription(name, jarCount))
                .section(config.section)
                .priority(config.priority)
                .homepage(config.homepage != null ? config.homepage : httpUrl(project.getUrl()));
        relation(b, Relation.PRE_DEPENDS, config.preDepends);
        relation(b, Relation.DEPENDS, config.depends);
        relation(b, Relation.RECOMMENDS, config.recommends);
        relation(b, Relation.SUGGESTS, config.suggests);
        relation(b, Relation.ENHANCES, config.enhances);
        relation(b, Relation.BREAKS, config.breaks);
        relation(b, Relation.CONFLICTS, config.conflicts);
        relation(b, Relation.REPLACES, config.replaces);
        relation(b, Relation.PROVIDES, config.provides);
        return b.build();
    }

    private DebianVersion version(Instant timestamp) {
        if (config.debianVersion != null) {
            return DebianVersion.parse(config.debianVersion);
        }
        MavenVersionMapper mapper = MavenVersionMapper.defaults().withRevision(config.revision);
        if (config.epoch != null) {
            mapper = mapper.withEpoch(config.epoch);
        }
        return mapper.map(project.getVersion(), timestamp);
    }

    private String maintainer() {
        if (config.maintainer != null) {
            return config.maintainer;
        }
        for (Developer d : project.getDevelopers()) {
            if (d.getName() != null && !d.getName().isBlank() && d.getEmail() != null && !d.getEmail().isBlank()) {
                return d.getName().trim() + " <" + d.getEmail().trim() + ">";
            }
        }
        String name = env.get("DEBFULLNAME");
        String email = env.get("DEBEMAIL");
        if (name != null && email != null && !name.isBlank() && !email.isBlank()) {
            return name.trim() + " <" + email.trim() + ">";
        }
        return null; // core says what is missing and how to fix it
    }

    private String pomDescription() {
        String d = project.getDescription();
        return d == null ? null : d.strip().replaceAll("[ \\t]*\\R[ \\t]*", "\n");
    }

    private String synopsis() {
        if (config.synopsis != null) {
            return config.synopsis;
        }
        String d = pomDescription();
        if (d == null || d.isBlank()) {
            return null;
        }
        String first = d.split("\n\n")[0].replace('\n', ' ');
        int dot = first.indexOf(". ");
        return dot > 0 ? first.substring(0, dot) : first;
    }

    private String longDescription(String name, int jarCount) {
        if (config.longDescription != null) {
            return config.longDescription;
        }
        String d = pomDescription();
        String syn = synopsis();
        StringBuilder sb = new StringBuilder();
        if (d != null && syn != null && !d.replace('\n', ' ').strip().equals(syn.strip())
                && !d.replace('\n', ' ').strip().equals(syn.strip() + ".")) {
            sb.append(d).append("\n\n");
        }
        sb.append("This package installs the Java application ").append(project.getGroupId()).append(':')
                .append(project.getArtifactId()).append(' ').append(project.getVersion()).append(" with its ")
                .append(jarCount - 1).append(" runtime libraries, and the command ").append(name).append('.');
        return sb.toString();
    }

    AppSpec app() {
        Artifact main = project.getArtifact();
        File file = main.getFile();
        if (file == null || !file.getName().endsWith(".jar")) {
            throw new DebException("jar", file == null ? null : file.toString(),
                    "the project's jar is not built (packaging '" + project.getPackaging() + "').",
                    "bind the goal to the package phase of a jar project (the default), after maven-jar-plugin.");
        }
        AppSpec.Builder b = AppSpec.builder().mainJar(new Jar(file.toPath(), coordinates(main)))
                .mainClass(config.mainClass)
                .javaRelease(javaRelease());
        for (Artifact a : project.getArtifacts()) {
            if ("pom".equals(a.getType())) {
                continue; // carries no classes
            }
            File f = a.getFile();
            if (f == null) {
                throw new DebException("jar", coordinates(a), "the dependency is not resolved to a file.",
                        "run the build with the package phase so the dependency is resolved.");
            }
            b.dependency(new Jar(f.toPath(), coordinates(a)));
        }
        return b.build();
    }

    private int javaRelease() {
        String r = config.javaRelease;
        if (r == null || r.isBlank()) {
            return 17;
        }
        String v = r.trim().startsWith("1.") ? r.trim().substring(2) : r.trim();
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new DebException("javaRelease", r, "not a Java feature release.", "use a number such as 17 or 21.");
        }
    }

    PackageDocs docs() {
        Set<String> holders = new LinkedHashSet<>();
        if (project.getOrganization() != null && project.getOrganization().getName() != null) {
            holders.add(project.getOrganization().getName());
        }
        for (Developer d : project.getDevelopers()) {
            if (d.getName() != null && !d.getName().isBlank()) {
                holders.add(d.getName().trim());
            } else if (d.getOrganization() != null && !d.getOrganization().isBlank()) {
                holders.add(d.getOrganization().trim());
            }
        }
        List<License> licenses = new ArrayList<>();
        for (org.apache.maven.model.License l : project.getLicenses()) {
            if (l.getName() != null && !l.getName().isBlank()) {
                licenses.add(new License(l.getName().trim(), l.getUrl()));
            }
        }
        String source = project.getScm() != null && project.getScm().getUrl() != null
                ? project.getScm().getUrl() : httpUrl(project.getUrl());
        String upstream = project.getName() != null && !project.getName().isBlank() ? project.getName() : project.getArtifactId();
        return new PackageDocs(upstream, source, new ArrayList<>(holders), licenses, List.of(), config.distribution);
    }

    private static void relation(PackageSpec.Builder b, Relation r, List<String> entries) {
        if (entries != null) {
            for (String e : entries) {
                b.relation(r, e);
            }
        }
    }

    private static String httpUrl(String url) {
        return url != null && url.matches("https?://\\S+") ? url : null;
    }

    static String coordinates(Artifact a) {
        return a.getGroupId() + ":" + a.getArtifactId() + ":" + a.getVersion()
                + (a.getClassifier() != null && !a.getClassifier().isEmpty() ? ":" + a.getClassifier() : "");
    }
}
