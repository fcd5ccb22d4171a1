package io.github.jpackagedeb.maven;

import org.apache.maven.model.Model;
import org.apache.maven.model.Parent;
import org.apache.maven.project.MavenProject;

import java.io.File;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Where a pom's metadata comes from. Maven copies {@code <description>}, {@code <url>}, {@code <licenses>},
 * {@code <developers>}, {@code <organization>} and {@code <scm>} from the parent pom when a project does not declare
 * them; from a framework's parent (Spring Boot's, a company-wide parent in a repository) they describe that parent,
 * not the application. A value counts as the project's own when its pom, or a parent pom that is part of the same
 * source tree (in the reactor, or found on disk through {@code <relativePath>}), declares it; one that Maven took from
 * a parent outside is reported with that parent's coordinates, and the package does not use it.
 */
final class PomOrigin {

    private final MavenProject project;
    private final Map<String, String> ignored = new LinkedHashMap<>();

    PomOrigin(MavenProject project) {
        this.project = project;
    }

    /**
     * The G:A:V of the parent outside the project's source tree whose value Maven would use for the element, or empty
     * when the project (or a parent of its own) declares it, or no pom does.
     *
     * @param declared whether a pom as written (its original model, before inheritance) declares the element
     */
    Optional<String> inheritedFrom(Predicate<Model> declared) {
        MavenProject p = project;
        while (p != null) {
            Model own = p.getOriginalModel() != null ? p.getOriginalModel() : p.getModel();
            if (declared.test(own)) {
                return Optional.empty();
            }
            MavenProject parent = p.getParent();
            Parent ref = own.getParent();
            if (parent == null || ref == null) {
                return Optional.empty();
            }
            if (!isOwnParent(p, parent)) {
                return Optional.of(ref.getGroupId() + ":" + ref.getArtifactId() + ":" + ref.getVersion());
            }
            p = parent;
        }
        return Optional.empty();
    }

    /**
     * The value when it is the project's own, else null (and the element is remembered, see {@link #ignored}).
     *
     * @param element  the pom element, e.g. {@code <description>}, for the note
     * @param value    the effective (inherited and interpolated) value
     * @param declared whether a pom as written declares the element
     */
    <T> T own(String element, T value, Predicate<Model> declared) {
        if (value == null) {
            return null;
        }
        Optional<String> from = inheritedFrom(declared);
        if (from.isPresent()) {
            ignored.putIfAbsent(element, from.get());
            return null;
        }
        return value;
    }

    /** The elements whose inherited values were not used, each with the G:A:V of the parent that declares it. */
    Map<String, String> ignored() {
        return java.util.Collections.unmodifiableMap(new LinkedHashMap<>(ignored));
    }

    /** One sentence about the elements not used, for the build log and for the error about a missing value. */
    static String note(Map<String, String> ignored) {
        Map<String, java.util.List<String>> byParent = new LinkedHashMap<>();
        ignored.forEach((element, gav) -> byParent.computeIfAbsent(gav, k -> new java.util.ArrayList<>()).add(element));
        java.util.List<String> parts = new java.util.ArrayList<>();
        byParent.forEach((gav, elements) -> parts.add("not using " + String.join(", ", elements)
                + " inherited from <parent> " + gav + " (a parent outside this project describes itself, not this"
                + " application; declare the element in this project's pom)"));
        return String.join("; ", parts);
    }

    /**
     * Whether {@code parent} belongs to the same source tree as {@code child}: the pom Maven read for it is the file
     * {@code <relativePath>} names (default {@code ../pom.xml}), as for a parent in the reactor. A parent resolved
     * from a repository is read from there, or has no file.
     */
    private static boolean isOwnParent(MavenProject child, MavenProject parent) {
        File file = parent.getFile();
        if (file == null || child.getBasedir() == null) {
            return false;
        }
        Parent ref = (child.getOriginalModel() != null ? child.getOriginalModel() : child.getModel()).getParent();
        String rel = ref.getRelativePath() == null ? "../pom.xml" : ref.getRelativePath();
        if (rel.isBlank()) {
            return false; // <relativePath/>: always from a repository
        }
        File candidate = new File(child.getBasedir(), rel);
        if (candidate.isDirectory()) {
            candidate = new File(candidate, "pom.xml");
        }
        try {
            return candidate.getCanonicalFile().equals(file.getCanonicalFile());
        } catch (IOException e) {
            return false;
        }
    }
}
