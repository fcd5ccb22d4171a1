package io.github.jpackagedeb.maven;

import io.github.jpackagedeb.core.assembly.ExtraFile;
import io.github.jpackagedeb.core.DebException;
import io.github.jpackagedeb.core.Setting;
import io.github.jpackagedeb.core.app.AppSpec;
import io.github.jpackagedeb.core.app.Jar;
import io.github.jpackagedeb.core.assembly.License;
import io.github.jpackagedeb.core.assembly.PackageDocs;
import io.github.jpackagedeb.core.debiandir.SpecDraft;
import io.github.jpackagedeb.core.packaging.BuildRequest;
import io.github.jpackagedeb.core.packaging.ProjectMetadata;
import io.github.jpackagedeb.core.packaging.VersionInput;
import io.github.jpackagedeb.core.service.DataOnPurge;
import io.github.jpackagedeb.core.service.ProfilingSpec;
import io.github.jpackagedeb.core.service.ServiceSpec;
import io.github.jpackagedeb.core.control.PackageName;
import io.github.jpackagedeb.core.control.Relation;
import org.apache.maven.artifact.Artifact;
import org.apache.maven.model.Developer;
import org.apache.maven.project.MavenProject;

import java.io.File;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Reads a Maven project and the plugin's configuration into core's specs. No logic beyond choosing defaults. */
final class PomAdapter {

    /** How a pom makes the build reproducible (said when neither timestamp source is set). */
    static final String REPRODUCIBLE_FIX = "add <project.build.outputTimestamp>2026-01-01T00:00:00Z</project.build.outputTimestamp> to the pom's <properties> (mvn artifact:set-output-timestamp sets it), or export SOURCE_DATE_EPOCH=$(git log -1 --format=%ct).";


    private final MavenProject project;
    private final PackageGoal config;
    private final Map<String, String> env;
    private final PomOrigin origin;

    PomAdapter(MavenProject project, PackageGoal config, Map<String, String> env) {
        this.project = project;
        this.config = config;
        this.env = env;
        this.origin = new PomOrigin(project);
    }

    /**
     * The metadata elements whose values Maven inherited from a parent outside the project (a framework's parent pom)
     * and that the package therefore does not use, each with that parent's G:A:V; filled as the values are read.
     */
    Map<String, String> ignoredInherited() {
        return origin.ignored();
    }

    /**
     * The note for an error about {@code setting} when the pom element that would give it was inherited from a
     * foreign parent and not used; empty otherwise.
     */
    String inheritedNote(Setting setting) {
        String element = switch (setting) {
            case DESCRIPTION, LONG_DESCRIPTION -> "<description>";
            case MAINTAINER -> "<developers>";
            case HOMEPAGE -> "<url>";
            default -> null;
        };
        String gav = element == null ? null : origin.ignored().get(element);
        return gav == null ? "" : PomOrigin.note(Map.of(element, gav));
    }

    /** Said when the pom states no license and debian/ has no copyright file. */
    static final String MISSING_LICENSE = "The pom states no license (<licenses> is empty), so the package's copyright"
            + " file says 'License: unknown'. Fix: add <licenses><license><name>Apache-2.0</name></license></licenses>"
            + " (your license; an SPDX expression such as 'Apache-2.0 OR MIT' keeps both), or write"
            + " debian/copyright.";

    /**
     * The pom's part of the build request: the package's fields derived from the pom and set by the plugin's
     * configuration (debian/control and debian/changelog override them field by field in core,
     * docs/architecture.md#precedence; a configured value that debian/ contradicts is an error naming both), the
     * version, the copyright metadata, the service and the extra files.
     */
    BuildRequest.Builder fill(BuildRequest.Builder b) {
        SpecDraft d = SpecDraft.empty()
                .configured(Setting.PACKAGE_NAME, config.packageName, "<packageName>")
                .derived(Setting.PACKAGE_NAME, () -> PackageName.fromArtifactId(project.getArtifactId()).value(),
                        "the name derived from <artifactId>" + project.getArtifactId() + "</artifactId>")
                .configured(Setting.MAINTAINER, config.maintainer, "<maintainer>")
                .derived(Setting.MAINTAINER, metadata().maintainer(env), "the first <developer> (or DEBFULLNAME/DEBEMAIL)")
                .configured(Setting.DESCRIPTION, config.synopsis, "<synopsis>")
                .derived(Setting.DESCRIPTION, metadata().synopsis(), "the project <description>")
                .configured(Setting.LONG_DESCRIPTION, config.longDescription, "<longDescription>")
                .configured(Setting.SECTION, config.section, "<section>")
                .configured(Setting.PRIORITY, config.priority, "<priority>")
                .configured(Setting.HOMEPAGE, config.homepage, "<homepage>")
                .derived(Setting.HOMEPAGE, metadata().homepage(), "the project <url>")
                .configured(Relation.PRE_DEPENDS, config.preDepends, "<preDepends>")
                .configured(Relation.DEPENDS, config.depends, "<depends>")
                .configured(Relation.RECOMMENDS, config.recommends, "<recommends>")
                .configured(Relation.SUGGESTS, config.suggests, "<suggests>")
                .configured(Relation.ENHANCES, config.enhances, "<enhances>")
                .configured(Relation.BREAKS, config.breaks, "<breaks>")
                .configured(Relation.CONFLICTS, config.conflicts, "<conflicts>")
                .configured(Relation.REPLACES, config.replaces, "<replaces>")
                .configured(Relation.PROVIDES, config.provides, "<provides>");
        VersionInput version = config.debianVersion != null
                ? VersionInput.debian(config.debianVersion, "<debianVersion>")
                : VersionInput.upstream(project.getVersion(), config.revision, config.epoch,
                "the project <version>" + project.getVersion() + "</version>");
        return b.draft(d)
                .version(version)
                .changelogGivesVersion(config.changelogGivesVersion())
                .longDescription((name, jars) -> metadata().longDescription(name, jars - 1), "the project <description>")
                .upstreamVersion(project.getVersion())
                .docs(docs())
                .missingLicenseWarning(MISSING_LICENSE)
                .service(service())
                .extraFiles(extraFiles());
    }

    /** The project's own {@code <developers>} (not a foreign parent's). */
    private List<Developer> developers() {
        List<Developer> own = origin.own("<developers>", project.getDevelopers().isEmpty() ? null
                : project.getDevelopers(), m -> !m.getDevelopers().isEmpty());
        return own == null ? List.of() : own;
    }

    /** The project's own {@code <url>}. */
    private String url() {
        return origin.own("<url>", project.getUrl(), m -> m.getUrl() != null);
    }

    /** The project's own metadata (not a foreign parent's), from which core derives the package's defaults. */
    ProjectMetadata metadata() {
        List<ProjectMetadata.Person> people = new ArrayList<>();
        for (Developer d : developers()) {
            people.add(new ProjectMetadata.Person(d.getName(), d.getEmail(), d.getOrganization()));
        }
        String url = url(); // asked in this order, so that the warning lists the ignored elements in pom order
        org.apache.maven.model.Organization org = origin.own("<organization>", project.getOrganization(),
                m -> m.getOrganization() != null);
        List<License> licenses = new ArrayList<>();
        List<org.apache.maven.model.License> ownLicenses = origin.own("<licenses>",
                project.getLicenses().isEmpty() ? null : project.getLicenses(), m -> !m.getLicenses().isEmpty());
        for (org.apache.maven.model.License l : ownLicenses == null ? List.<org.apache.maven.model.License>of()
                : ownLicenses) {
            if (l.getName() != null && !l.getName().isBlank()) {
                licenses.add(new License(l.getName().trim(), l.getUrl()));
            }
        }
        return new ProjectMetadata(project.getGroupId(), project.getArtifactId(), project.getVersion(),
                origin.own("<description>", project.getDescription(), m -> m.getDescription() != null), url,
                org == null ? null : org.getName(), people, licenses, project.getInceptionYear());
    }

    AppSpec app() {
        Artifact main = project.getArtifact();
        File file = main.getFile();
        if (file == null || !file.getName().endsWith(".jar")) {
            throw new DebException(Setting.JAR, file == null ? null : file.toString(),
                    "the project's jar is not built (packaging '" + project.getPackaging() + "').",
                    "bind the goal to the package phase of a jar project (the default), after maven-jar-plugin.");
        }
        AppSpec.Builder b = AppSpec.builder().mainJar(new Jar(file.toPath(), coordinates(main)))
                .mainClass(config.mainClass)
                .jvmOptions(config.jvmOptions)
                .arguments(config.arguments)
                .javaRelease(ProjectMetadata.javaRelease(config.javaRelease));
        for (Artifact a : project.getArtifacts()) {
            if ("pom".equals(a.getType())) {
                continue; // carries no classes
            }
            File f = a.getFile();
            if (f == null) {
                throw new DebException(Setting.JAR, coordinates(a), "the dependency is not resolved to a file.",
                        "run the build with the package phase so the dependency is resolved.");
            }
            b.dependency(new Jar(f.toPath(), coordinates(a)));
        }
        return b.build();
    }

    /** The service archetype's settings, or null when {@code <service>} is not configured (or not enabled). */
    ServiceSpec service() {
        ServiceConfig c = config.service;
        if (c == null || !c.enabled) {
            return null;
        }
        return ServiceSpec.builder().name(c.name).user(c.user).group(c.group).description(c.description)
                .restart(c.restart).restartSec(c.restartSec)
                .dataOnPurge(c.dataOnPurge == null || c.dataOnPurge.isBlank() ? null : DataOnPurge.parse(c.dataOnPurge))
                .unitDirectives(c.unitDirectives)
                .profiling(profiling(c.profiling))
                .build();
    }

    private static ProfilingSpec profiling(ProfilingConfig p) {
        if (p == null) {
            return null;
        }
        if (p.defaultSwitch != null && !p.defaultSwitch.isBlank() && !p.defaultSwitch.strip().matches("on|off")) {
            throw new DebException(Setting.SERVICE_PROFILING_DEFAULT_SWITCH, p.defaultSwitch, "not on or off.",
                    "write <defaultSwitch>on</defaultSwitch> or off.");
        }
        return ProfilingSpec.builder().enabled(p.enabled)
                .onByDefault(p.defaultSwitch == null || !p.defaultSwitch.strip().equals("off"))
                .maxSize(p.maxSize).maxAge(p.maxAge).settings(p.settings).keep(p.keep).build();
    }

    /** The {@code <extraFiles>}; relative sources are resolved against the project directory. */
    List<ExtraFile> extraFiles() {
        List<ExtraFile> list = new ArrayList<>();
        if (config.extraFiles != null) {
            for (ExtraFileConfig f : config.extraFiles) {
                java.nio.file.Path src = null;
                if (f.src != null) {
                    src = f.src.isAbsolute() ? f.src.toPath() : project.getBasedir().toPath().resolve(f.src.toPath());
                }
                list.add(new ExtraFile(
                        ExtraFile.Type.parse(f.type), src, f.dst, f.linkTarget,
                        ExtraFile.parseMode(f.mode), blankToNull(f.owner),
                        blankToNull(f.group), config.allowSpecialModes));
            }
        }
        return list;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    /** The copyright and changelog metadata of the pom (core warns when it states no license: MISSING_LICENSE). */
    PackageDocs docs() {
        ProjectMetadata m = metadata();
        String scm = project.getScm() == null ? null : origin.own("<scm><url>", project.getScm().getUrl(),
                p -> p.getScm() != null && p.getScm().getUrl() != null);
        String source = scm != null ? scm : m.homepage();
        String upstream = project.getName() != null && !project.getName().isBlank() ? project.getName() : project.getArtifactId();
        return new PackageDocs(upstream, source, m.copyrightHolders(), m.licenses(), List.of(), config.distribution,
                m.since());
    }


    static String coordinates(Artifact a) {
        return a.getGroupId() + ":" + a.getArtifactId() + ":" + a.getVersion()
                + (a.getClassifier() != null && !a.getClassifier().isEmpty() ? ":" + a.getClassifier() : "");
    }
}
