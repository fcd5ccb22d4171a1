package io.github.jpackagedeb.maven;

import io.github.jpackagedeb.core.DebException;
import io.github.jpackagedeb.core.Setting;
import io.github.jpackagedeb.core.debiandir.DebianDirectory;
import io.github.jpackagedeb.core.packaging.BuildRequest;
import io.github.jpackagedeb.core.packaging.Packager;
import io.github.jpackagedeb.core.control.PackageSpec;
import org.apache.maven.model.Developer;
import org.apache.maven.model.License;
import org.apache.maven.model.Model;
import org.apache.maven.model.Organization;
import org.apache.maven.model.Parent;
import org.apache.maven.project.MavenProject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 16, point 5: metadata only from the project's own poms. The projects are built as Maven builds them: the
 * effective model holds what the parent gave, the original model what the pom itself says, and the parent project
 * has the file Maven read it from (the reactor's ../pom.xml, or a repository's .pom).
 */
class PomOriginTest {

    private static final String FRAMEWORK = "org.example.framework:framework-parent:3.2.0";
    private static final String PARENT_DESCRIPTION = "Parent pom providing dependency and plugin management for "
            + "applications built with the framework";

    @TempDir
    Path dir;

    /** A parent project with all metadata, its pom at {@code pomFile}. */
    private static MavenProject parent(Path pomFile, String g, String a, String v) {
        Model m = new Model();
        m.setGroupId(g);
        m.setArtifactId(a);
        m.setVersion(v);
        m.setPackaging("pom");
        m.setDescription(PARENT_DESCRIPTION);
        m.setUrl("https://framework.example.org");
        Developer d = new Developer();
        d.setName("Framework Team");
        d.setEmail("team@framework.example.org");
        m.addDeveloper(d);
        License l = new License();
        l.setName("Apache License, Version 2.0");
        m.addLicense(l);
        Organization o = new Organization();
        o.setName("Framework Inc.");
        m.setOrganization(o);
        MavenProject p = new MavenProject(m);
        p.setOriginalModel(m.clone());
        p.setFile(pomFile.toFile());
        return p;
    }

    /**
     * An application whose pom declares only its coordinates and the parent (and {@code description} when not null);
     * its effective model inherits the rest from {@code parent}, as Maven's inheritance does.
     */
    private MavenProject child(MavenProject parent, String relativePath, String description) throws Exception {
        Path base = Files.createDirectories(dir.resolve("app"));
        Model own = new Model();
        own.setArtifactId("my-app");
        own.setVersion("1.0.0");
        Parent ref = new Parent();
        ref.setGroupId(parent.getGroupId());
        ref.setArtifactId(parent.getArtifactId());
        ref.setVersion(parent.getVersion());
        if (relativePath != null) {
            ref.setRelativePath(relativePath);
        }
        own.setParent(ref);
        own.setDescription(description);
        Model effective = own.clone();
        effective.setGroupId("com.example");
        effective.setDescription(description != null ? description : parent.getDescription());
        effective.setUrl(parent.getUrl() + "/my-app");
        effective.setDevelopers(parent.getDevelopers());
        effective.setLicenses(parent.getLicenses());
        effective.setOrganization(parent.getOrganization());
        MavenProject p = new MavenProject(effective);
        p.setOriginalModel(own);
        p.setParent(parent);
        p.setFile(base.resolve("pom.xml").toFile());
        Files.writeString(base.resolve("pom.xml"), "<project/>");
        return p;
    }

    private static PomAdapter adapter(MavenProject p) {
        return adapter(p, Map.of());
    }

    private static PomAdapter adapter(MavenProject p, Map<String, String> env) {
        DebMojo config = new DebMojo();
        config.project = p;
        config.revision = "1";
        config.distribution = "unstable";
        return new PomAdapter(p, config, env);
    }

    private static PackageSpec spec(PomAdapter a) {
        return Packager.spec(a.fill(BuildRequest.builder()).build(), DebianDirectory.read(null),
                Instant.parse("2026-01-01T00:00:00Z"), 1);
    }

    private MavenProject repositoryParent() throws Exception {
        Path repo = Files.createDirectories(dir.resolve("repo/org/example/framework/framework-parent/3.2.0"));
        Path pom = Files.writeString(repo.resolve("framework-parent-3.2.0.pom"), "<project/>");
        return parent(pom, "org.example.framework", "framework-parent", "3.2.0");
    }

    @Test
    void aDescriptionInheritedFromAForeignParentIsNotUsedAndTheErrorSaysWhere() throws Exception {
        PomAdapter a = adapter(child(repositoryParent(), null, null), Map.of("DEBFULLNAME", "Jane Doe",
                "DEBEMAIL", "jane@example.org"));
        DebException e = assertThrows(DebException.class, () -> spec(a));
        assertEquals("description", e.field(), e.getMessage());
        String note = a.inheritedNote(e.setting());
        assertTrue(note.contains("<description> inherited from <parent> " + FRAMEWORK), note);
        assertEquals(FRAMEWORK, a.ignoredInherited().get("<developers>"), "Maintainer not from the parent either");
        assertEquals(FRAMEWORK, a.ignoredInherited().get("<url>"));
    }

    @Test
    void theProjectsOwnDescriptionIsUsedButNotTheParentsMaintainerUrlLicenseOrOrganization() throws Exception {
        MavenProject app = child(repositoryParent(), null, "Serves the example API.");
        PomAdapter a = adapter(app);
        DebException e = assertThrows(DebException.class, () -> spec(a));
        assertEquals("maintainer", e.field(), "the framework team is not the maintainer: " + e.getMessage());
        assertTrue(a.inheritedNote(Setting.MAINTAINER).contains("<developers> inherited from <parent> " + FRAMEWORK));

        PomAdapter withEnv = adapter(app, Map.of("DEBFULLNAME", "Jane Doe", "DEBEMAIL", "jane@example.org"));
        PackageSpec spec = spec(withEnv);
        assertEquals("Serves the example API", spec.synopsis());
        assertEquals("Jane Doe <jane@example.org>", spec.maintainer());
        assertEquals(null, spec.homepage(), "the parent's url is not the application's homepage");
        var docs = withEnv.docs();
        assertEquals(List.of(), docs.licenses());
        assertEquals(List.of(), docs.copyrightHolders());
        assertEquals(List.of("<developers>", "<url>", "<organization>", "<licenses>"),
                List.copyOf(withEnv.ignoredInherited().keySet()));
        String note = PomOrigin.note(withEnv.ignoredInherited());
        assertTrue(note.startsWith("not using <developers>, <url>, <organization>, <licenses> inherited from <parent> "
                + FRAMEWORK), note);
    }

    @Test
    void aParentInTheSameSourceTreeCountsAsTheProjectsOwn() throws Exception {
        Path parentPom = Files.writeString(dir.resolve("pom.xml"), "<project/>");
        MavenProject reactorParent = parent(parentPom, "com.example", "parent", "1.0.0");
        reactorParent.getModel().setDescription("Example services. Built with care.");
        reactorParent.getOriginalModel().setDescription("Example services. Built with care.");
        PomAdapter a = adapter(child(reactorParent, null, null));
        PackageSpec spec = spec(a);
        assertEquals("Example services", spec.synopsis());
        assertEquals("Framework Team <team@framework.example.org>", spec.maintainer());
        assertEquals("https://framework.example.org/my-app", spec.homepage());
        assertEquals(Map.of(), a.ignoredInherited());
    }

    @Test
    void anEmptyRelativePathMeansTheParentComesFromARepositoryEvenWhenAPomIsAbove() throws Exception {
        Path parentPom = Files.writeString(dir.resolve("pom.xml"), "<project/>");
        MavenProject p = parent(parentPom, "com.example", "parent", "1.0.0");
        PomAdapter a = adapter(child(p, "", "Own description."));
        a.docs();
        assertEquals("com.example:parent:1.0.0", a.ignoredInherited().get("<licenses>"));
        assertTrue(new File(dir.toFile(), "pom.xml").isFile());
    }
}
