package io.github.jpackagedeb.cli;

import io.github.jpackagedeb.core.DebException;
import io.github.jpackagedeb.core.Setting;
import io.github.jpackagedeb.core.assembly.License;
import org.apache.maven.model.Developer;
import org.apache.maven.model.Model;
import org.apache.maven.model.Parent;
import org.apache.maven.model.Plugin;
import org.apache.maven.model.io.xpp3.MavenXpp3Reader;
import org.codehaus.plexus.util.xml.Xpp3Dom;
import org.codehaus.plexus.util.xml.pull.XmlPullParserException;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads what {@code make-deb init} needs from a pom with Maven's own model reader (maven-model's
 * {@link MavenXpp3Reader}), following the parent chain through {@code <relativePath>} (default
 * {@code ../pom.xml}) or the local repository where the parent is found, applying Maven's inheritance for the
 * fields used here (groupId, version, description, url, licenses, developers, organization, scm, properties, build
 * plugins) and interpolating {@code ${...}} from {@code project.*}, properties and {@code env.*}. What cannot be
 * resolved stays unset: {@code make-deb init} then asks for it. No effective-pom machinery (profiles, imports) is
 * run: this is the metadata a packager needs, not a build.
 */
final class PomReader {

    static final String PLUGIN = "io.github.jpackagedeb:jpackage-deb-maven-plugin";
    private static final Pattern EXPR = Pattern.compile("\\$\\{([^}]+)}");

    private PomReader() {
    }

    /**
     * A developer.
     *
     * @param name         may be null
     * @param email        may be null
     * @param organization may be null
     */
    record Person(String name, String email, String organization) {
    }

    /**
     * The project as read.
     *
     * @param pom          the pom file
     * @param parents      the parents found, nearest first, as g:a:v and where from
     * @param unresolved   a parent that could not be found, or null
     */
    record Project(Path pom, String groupId, String artifactId, String version, String name, String description,
                   String url, String packaging, List<License> licenses, List<Person> developers, String organization,
                   String scmUrl, Map<String, String> properties, boolean declaresPlugin, Map<String, String> pluginConfig,
                   List<String> parents, String unresolved) {

        Optional<String> property(String key) {
            return Optional.ofNullable(properties.get(key)).filter(v -> !v.isBlank() && !v.contains("${"));
        }

        Optional<String> config(String key) {
            return Optional.ofNullable(pluginConfig.get(key)).filter(v -> !v.isBlank() && !v.contains("${"));
        }

        /** No project file: every value comes from the options (a project built without Maven). */
        static Project none(Path pom) {
            return new Project(pom, null, null, null, null, null, null, "jar", List.of(), List.of(), null, null,
                    Map.of(), false, Map.of(), List.of(), null);
        }

        /** What the pom says about the project, from which core derives the package's defaults. */
        io.github.jpackagedeb.core.packaging.ProjectMetadata metadata() {
            return new io.github.jpackagedeb.core.packaging.ProjectMetadata(groupId, artifactId, version, description, url,
                    organization, developers.stream().map(p -> new io.github.jpackagedeb.core.packaging.ProjectMetadata
                    .Person(p.name(), p.email(), p.organization())).toList(), licenses, null);
        }
    }

    /**
     * Reads {@code pom} and its parents.
     *
     * @throws DebException (field {@code pom}) for a missing or broken pom
     */
    static Project read(Path pom, Map<String, String> env, Path localRepository) {
        if (!Files.isRegularFile(pom)) {
            throw new DebException(Setting.POM, pom.toString(), "there is no pom.xml here.",
                    "run make-deb in the directory of the Maven project (or give it with --dir).");
        }
        Model model = parse(pom);
        List<Model> chain = new ArrayList<>();
        List<String> parents = new ArrayList<>();
        String unresolved = null;
        chain.add(model);
        Path dir = pom.getParent();
        Model current = model;
        while (current.getParent() != null && chain.size() < 20) {
            Parent p = current.getParent();
            Optional<Path> found = findParent(dir, p, localRepository);
            if (found.isEmpty()) {
                unresolved = p.getGroupId() + ":" + p.getArtifactId() + ":" + p.getVersion();
                break;
            }
            Model pm = parse(found.get());
            chain.add(pm);
            parents.add(p.getGroupId() + ":" + p.getArtifactId() + ":" + p.getVersion() + " (" + found.get() + ")");
            dir = found.get().getParent();
            current = pm;
        }
        return merge(pom, chain, parents, unresolved, env);
    }

    private static Model parse(Path pom) {
        try (Reader r = Files.newBufferedReader(pom, StandardCharsets.UTF_8)) {
            Model m = new MavenXpp3Reader().read(r, true);
            m.setPomFile(pom.toFile());
            return m;
        } catch (XmlPullParserException e) {
            throw new DebException(Setting.POM, pom.toString(), "not a valid pom: " + e.getMessage(),
                    "fix the XML (mvn validate shows the same error).", e);
        } catch (IOException e) {
            throw new DebException(Setting.POM, pom.toString(), "cannot read the pom: " + e.getMessage(),
                    "check that the file is readable.", e);
        }
    }

    private static Optional<Path> findParent(Path dir, Parent p, Path localRepository) {
        String rel = p.getRelativePath();
        if (rel != null && !rel.isBlank()) {
            Path candidate = dir.resolve(rel).normalize();
            if (Files.isDirectory(candidate)) {
                candidate = candidate.resolve("pom.xml");
            }
            if (Files.isRegularFile(candidate)) {
                try {
                    Model m = parse(candidate);
                    String g = m.getGroupId() != null ? m.getGroupId() : m.getParent() != null ? m.getParent().getGroupId() : null;
                    if (p.getArtifactId().equals(m.getArtifactId()) && p.getGroupId().equals(g)) {
                        return Optional.of(candidate);
                    }
                } catch (DebException ignored) {
                    // not the parent: fall through to the repository
                }
            }
        }
        if (localRepository != null && p.getVersion() != null) {
            Path inRepo = localRepository.resolve(p.getGroupId().replace('.', '/')).resolve(p.getArtifactId())
                    .resolve(p.getVersion()).resolve(p.getArtifactId() + "-" + p.getVersion() + ".pom");
            if (Files.isRegularFile(inRepo)) {
                return Optional.of(inRepo);
            }
        }
        return Optional.empty();
    }

    /** Maven's inheritance for the fields make-deb uses; the chain is the project first, then its parents. */
    private static Project merge(Path pom, List<Model> chain, List<String> parents, String unresolved, Map<String, String> env) {
        Model m = chain.get(0);
        String groupId = m.getGroupId() != null ? m.getGroupId() : m.getParent() != null ? m.getParent().getGroupId() : null;
        String version = m.getVersion() != null ? m.getVersion() : m.getParent() != null ? m.getParent().getVersion() : null;
        String description = first(chain, Model::getDescription);
        String url = inherited(chain, Model::getUrl, m.getArtifactId());
        String scm = inheritedScm(chain, m.getArtifactId());
        List<License> licenses = new ArrayList<>();
        List<Person> developers = new ArrayList<>();
        String organization = null;
        for (Model c : chain) {
            if (licenses.isEmpty() && !c.getLicenses().isEmpty()) {
                c.getLicenses().stream().filter(l -> l.getName() != null && !l.getName().isBlank())
                        .forEach(l -> licenses.add(new License(l.getName().strip(), l.getUrl())));
            }
            if (developers.isEmpty() && !c.getDevelopers().isEmpty()) {
                for (Developer d : c.getDevelopers()) {
                    developers.add(new Person(d.getName(), d.getEmail(), d.getOrganization()));
                }
            }
            if (organization == null && c.getOrganization() != null) {
                organization = c.getOrganization().getName();
            }
        }
        Map<String, String> props = new LinkedHashMap<>();
        for (int i = chain.size() - 1; i >= 0; i--) {
            chain.get(i).getProperties().forEach((k, v) -> props.put(k.toString(), v.toString()));
        }
        boolean declares = false;
        Map<String, String> config = new LinkedHashMap<>();
        for (Model c : chain) {
            if (c.getBuild() == null) {
                continue;
            }
            List<Plugin> plugins = new ArrayList<>(c.getBuild().getPlugins());
            if (c.getBuild().getPluginManagement() != null) {
                plugins.addAll(c.getBuild().getPluginManagement().getPlugins());
            }
            for (Plugin p : plugins) {
                if ((p.getGroupId() + ":" + p.getArtifactId()).equals(PLUGIN)) {
                    declares |= c == m || c.getBuild().getPlugins().contains(p);
                    if (p.getConfiguration() instanceof Xpp3Dom dom) {
                        for (Xpp3Dom child : dom.getChildren()) {
                            config.putIfAbsent(child.getName(), child.getChildCount() > 0 ? list(child) : child.getValue());
                        }
                    }
                }
            }
        }
        Map<String, String> values = new LinkedHashMap<>(props);
        put(values, "groupId", groupId);
        put(values, "artifactId", m.getArtifactId());
        put(values, "version", version);
        put(values, "name", m.getName());
        put(values, "description", description);
        put(values, "url", url);
        if (m.getParent() != null) {
            put(values, "parent.version", m.getParent().getVersion());
            put(values, "parent.groupId", m.getParent().getGroupId());
            put(values, "parent.artifactId", m.getParent().getArtifactId());
        }
        Interpolator in = new Interpolator(values, env);
        List<License> ls = new ArrayList<>();
        licenses.forEach(l -> ls.add(new License(in.apply(l.name()), in.apply(l.url()))));
        List<Person> ds = new ArrayList<>();
        developers.forEach(d -> ds.add(new Person(in.apply(d.name()), in.apply(d.email()), in.apply(d.organization()))));
        Map<String, String> ps = new LinkedHashMap<>();
        props.forEach((k, v) -> ps.put(k, in.apply(v)));
        Map<String, String> cs = new LinkedHashMap<>();
        config.forEach((k, v) -> cs.put(k, in.apply(v)));
        return new Project(pom, in.apply(groupId), in.apply(m.getArtifactId()), in.apply(version), in.apply(m.getName()),
                in.apply(description), in.apply(url), m.getPackaging(), ls, ds, in.apply(organization), in.apply(scm), ps,
                declares, cs, parents, unresolved);
    }

    /** A list parameter ({@code <depends><depend>a</depend>…}) as {@code a, b}; a nested object as {@code (set)}. */
    private static String list(Xpp3Dom dom) {
        List<String> items = new ArrayList<>();
        for (Xpp3Dom c : dom.getChildren()) {
            if (c.getChildCount() > 0) {
                return "(set)";
            }
            if (c.getValue() != null && !c.getValue().isBlank()) {
                items.add(c.getValue().strip());
            }
        }
        return String.join(", ", items);
    }

    private static void put(Map<String, String> values, String key, String value) {
        if (value != null) {
            values.put("project." + key, value);
            values.put("pom." + key, value);
            if (!key.contains(".")) {
                values.putIfAbsent(key, value);
            }
        }
    }

    private static String first(List<Model> chain, java.util.function.Function<Model, String> get) {
        for (Model c : chain) {
            String v = get.apply(c);
            if (v != null && !v.isBlank()) {
                return v;
            }
        }
        return null;
    }

    /** A url inherited from a parent gets the child's artifactId appended, as Maven does. */
    private static String inherited(List<Model> chain, java.util.function.Function<Model, String> get, String artifactId) {
        StringBuilder suffix = new StringBuilder();
        for (int i = 0; i < chain.size(); i++) {
            String v = get.apply(chain.get(i));
            if (v != null && !v.isBlank()) {
                return suffix.length() == 0 ? v : v.replaceAll("/+$", "") + suffix;
            }
            if (i + 1 < chain.size()) {
                suffix.insert(0, "/" + chain.get(i).getArtifactId());
            }
        }
        return null;
    }

    private static String inheritedScm(List<Model> chain, String artifactId) {
        return inherited(chain, c -> c.getScm() == null ? null : c.getScm().getUrl(), artifactId);
    }

    /** {@code ${...}} from project values, properties and {@code env.*}; unknown expressions are kept. */
    static final class Interpolator {
        private final Map<String, String> values;
        private final Map<String, String> env;

        Interpolator(Map<String, String> values, Map<String, String> env) {
            this.values = values;
            this.env = env;
        }

        String apply(String s) {
            if (s == null) {
                return null;
            }
            String cur = s;
            for (int round = 0; round < 10 && cur.contains("${"); round++) {
                Matcher mm = EXPR.matcher(cur);
                StringBuilder sb = new StringBuilder();
                boolean changed = false;
                while (mm.find()) {
                    String key = mm.group(1);
                    String v = key.startsWith("env.") ? env.get(key.substring(4)) : values.get(key);
                    if (v != null && !v.equals(mm.group())) {
                        changed = true;
                        mm.appendReplacement(sb, Matcher.quoteReplacement(v));
                    } else {
                        mm.appendReplacement(sb, Matcher.quoteReplacement(mm.group()));
                    }
                }
                mm.appendTail(sb);
                cur = sb.toString();
                if (!changed) {
                    break;
                }
            }
            return cur.strip();
        }
    }
}
