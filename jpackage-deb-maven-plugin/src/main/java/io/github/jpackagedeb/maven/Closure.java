package io.github.jpackagedeb.maven;

import io.github.jpackagedeb.core.app.AppClosure;
import io.github.jpackagedeb.core.app.AppSpec;
import io.github.jpackagedeb.core.DebLog;
import org.apache.maven.RepositoryUtils;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.model.Plugin;
import org.apache.maven.model.PluginExecution;
import org.apache.maven.project.MavenProject;
import org.codehaus.plexus.util.xml.Xpp3Dom;
import org.eclipse.aether.DefaultRepositorySystemSession;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.artifact.ArtifactTypeRegistry;
import org.eclipse.aether.collection.CollectRequest;
import org.eclipse.aether.graph.DependencyNode;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Adapts the project for core's {@link AppClosure}: the plugin's {@code <excludes>}, spring-boot-maven-plugin's
 * {@code <excludes>}, {@code <excludeGroupIds>} and {@code <mainClass>} (what Spring Boot leaves out of, and starts in,
 * its production jar), and the dependency graph Maven collected (who needs whom, every path).
 */
final class Closure {

    static final String SPRING_BOOT_PLUGIN = "org.springframework.boot:spring-boot-maven-plugin";

    private Closure() {
    }

    static AppClosure.Result resolve(MavenProject project, AppSpec raw, List<String> excludes, RepositorySystem repo,
                                     MavenSession session, DebLog log) {
        List<String> patterns = new ArrayList<>(AppClosure.checkExcludes(excludes, "<excludes>"));
        Xpp3Dom[] boot = springBootConfigurations(project);
        patterns.addAll(AppClosure.checkExcludes(springBootExcludes(boot), "spring-boot-maven-plugin's <excludes>"));
        AppSpec app = raw;
        String bootMain = value(boot, "mainClass");
        if (raw.mainClass() == null && bootMain != null) {
            app = raw.toBuilder().mainClass(bootMain).build();
        }
        Path work = Path.of(project.getBuild().getDirectory(), "jpackage-deb", "app");
        return AppClosure.resolve(app, () -> graph(project, repo, session, log), patterns, work, log);
    }

    /** The configurations of spring-boot-maven-plugin in the build: the plugin's and each execution's. */
    private static Xpp3Dom[] springBootConfigurations(MavenProject project) {
        List<Xpp3Dom> out = new ArrayList<>();
        Plugin p = project.getBuild() == null ? null : project.getBuild().getPluginsAsMap().get(SPRING_BOOT_PLUGIN);
        if (p != null) {
            if (p.getConfiguration() instanceof Xpp3Dom d) {
                out.add(d);
            }
            for (PluginExecution e : p.getExecutions()) {
                if (e.getConfiguration() instanceof Xpp3Dom d) {
                    out.add(d);
                }
            }
        }
        return out.toArray(new Xpp3Dom[0]);
    }

    private static String value(Xpp3Dom[] configs, String name) {
        String v = null;
        for (Xpp3Dom c : configs) {
            Xpp3Dom child = c.getChild(name);
            if (child != null && child.getValue() != null && !child.getValue().isBlank()
                    && !child.getValue().contains("${")) {
                v = child.getValue().strip();
            }
        }
        return v;
    }

    /** spring-boot-maven-plugin's {@code <excludes><exclude>} and {@code <excludeGroupIds>}, as patterns. */
    static List<String> springBootExcludes(Xpp3Dom[] configs) {
        Set<String> out = new LinkedHashSet<>();
        for (Xpp3Dom c : configs) {
            Xpp3Dom ex = c.getChild("excludes");
            if (ex != null) {
                for (Xpp3Dom e : ex.getChildren("exclude")) {
                    Xpp3Dom g = e.getChild("groupId");
                    Xpp3Dom a = e.getChild("artifactId");
                    if (g != null && a != null && g.getValue() != null && a.getValue() != null) {
                        out.add(g.getValue().strip() + ":" + a.getValue().strip());
                    }
                }
            }
            Xpp3Dom groups = c.getChild("excludeGroupIds");
            if (groups != null && groups.getValue() != null) {
                for (String g : groups.getValue().split(",")) {
                    if (!g.isBlank()) {
                        out.add(g.strip() + ":*");
                    }
                }
            }
        }
        return new ArrayList<>(out);
    }

    /**
     * Every path of the project's dependency graph, as Maven's collector sees it before it picks one version and one
     * path per artifact (no conflict resolution), so that a jar another dependency still needs is kept. Null (with a
     * warning) when it cannot be collected: then an excluded jar's own dependencies stay.
     */
    static AppClosure.Graph graph(MavenProject project, RepositorySystem repo, MavenSession session, DebLog log) {
        if (repo == null || session == null || session.getRepositorySession() == null) {
            return null;
        }
        try {
            DefaultRepositorySystemSession s = new DefaultRepositorySystemSession(session.getRepositorySession());
            s.setDependencyGraphTransformer(null);
            ArtifactTypeRegistry types = s.getArtifactTypeRegistry();
            CollectRequest req = new CollectRequest();
            req.setRootArtifact(RepositoryUtils.toArtifact(project.getArtifact()));
            req.setRepositories(project.getRemoteProjectRepositories());
            for (org.apache.maven.model.Dependency d : project.getDependencies()) {
                req.addDependency(RepositoryUtils.toDependency(d, types));
            }
            if (project.getDependencyManagement() != null) {
                for (org.apache.maven.model.Dependency d : project.getDependencyManagement().getDependencies()) {
                    req.addManagedDependency(RepositoryUtils.toDependency(d, types));
                }
            }
            DependencyNode root = repo.collectDependencies(s, req).getRoot();
            Set<String> roots = new LinkedHashSet<>();
            for (DependencyNode n : root.getChildren()) {
                if (runtime(n)) {
                    roots.add(ga(n));
                }
            }
            Map<String, Set<String>> needs = new HashMap<>();
            Map<DependencyNode, Boolean> seen = new IdentityHashMap<>();
            List<DependencyNode> todo = new ArrayList<>(root.getChildren());
            while (!todo.isEmpty()) {
                DependencyNode n = todo.remove(todo.size() - 1);
                if (seen.put(n, Boolean.TRUE) != null || !runtime(n)) {
                    continue;
                }
                Set<String> children = needs.computeIfAbsent(ga(n), k -> new LinkedHashSet<>());
                for (DependencyNode c : n.getChildren()) {
                    if (runtime(c)) {
                        children.add(ga(c));
                        todo.add(c);
                    }
                }
            }
            return new AppClosure.Graph(roots, needs);
        } catch (Exception e) {
            log.warn("Cannot collect the dependency graph (" + e.getMessage() + "): the dependencies of excluded jars"
                    + " are kept.");
            return null;
        }
    }

    private static boolean runtime(DependencyNode n) {
        String scope = n.getDependency() == null ? "" : n.getDependency().getScope();
        return !"test".equals(scope) && !"provided".equals(scope) && !"system".equals(scope);
    }

    private static String ga(DependencyNode n) {
        return n.getArtifact().getGroupId() + ":" + n.getArtifact().getArtifactId();
    }
}
