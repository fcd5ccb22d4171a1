package io.github.jpackagedeb.core.packaging;

import io.github.jpackagedeb.core.DebException;
import io.github.jpackagedeb.core.Setting;
import io.github.jpackagedeb.core.assembly.License;
import io.github.jpackagedeb.core.control.PackageName;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a project says about itself (a pom's own elements, or the options of a build without one), and the one place
 * where the package's defaults are derived from it: the package name, the maintainer, the synopsis, the long
 * description, the homepage, the copyright holders and the Java release. The Maven plugin fills it from the
 * {@code MavenProject}, {@code make-deb init} from its pom reader, so both derive the same values.
 *
 * @param groupId       the groupId, or null
 * @param artifactId    the artifactId, or null
 * @param version       the project version, or null
 * @param description   the project's own description, or null
 * @param url           the project's own url, or null
 * @param organization  the organization's name, or null
 * @param developers    the project's own developers, in pom order
 * @param licenses      the project's own licenses
 * @param inceptionYear the inception year as written, or null
 */
public record ProjectMetadata(String groupId, String artifactId, String version, String description, String url,
                              String organization, List<Person> developers, List<License> licenses,
                              String inceptionYear) {

    /** The Java release a package needs when the project names none. */
    public static final int DEFAULT_JAVA_RELEASE = 17;

    /** A developer: any part may be null. */
    public record Person(String name, String email, String organization) {
    }

    public ProjectMetadata {
        developers = developers == null ? List.of() : List.copyOf(developers);
        licenses = licenses == null ? List.of() : List.copyOf(licenses);
    }

    /** The package name derived from the artifactId (Policy 5.6.1), or null without one. */
    public String packageName() {
        return artifactId == null ? null : PackageName.fromArtifactId(artifactId).value();
    }

    /**
     * {@code Name <email>} of the first developer with both, else from DEBFULLNAME and DEBEMAIL (as dch and debmake
     * take them); null when neither gives one.
     */
    public String maintainer(Map<String, String> env) {
        for (Person p : developers) {
            if (!blank(p.name()) && !blank(p.email())) {
                return p.name().strip() + " <" + p.email().strip() + ">";
            }
        }
        return maintainerFromEnvironment(env);
    }

    /** {@code $DEBFULLNAME <$DEBEMAIL>}, or null unless both are set. */
    public static String maintainerFromEnvironment(Map<String, String> env) {
        String name = env.get("DEBFULLNAME");
        String email = env.get("DEBEMAIL");
        return blank(name) || blank(email) ? null : name.strip() + " <" + email.strip() + ">";
    }

    /** The description with each line's surrounding blanks removed (paragraphs stay apart), or null. */
    public String normalizedDescription() {
        return blank(description) ? null : description.strip().replaceAll("[ \\t]*\\R[ \\t]*", "\n");
    }

    /**
     * The synopsis: the description's first sentence, without its full stop (a synopsis is not a sentence, Policy
     * 3.4.1), or null without a description.
     */
    public String synopsis() {
        String d = normalizedDescription();
        if (d == null) {
            return null;
        }
        String first = d.split("\n\n")[0].replace('\n', ' ');
        int dot = first.indexOf(". ");
        return dot > 0 ? first.substring(0, dot) : first.endsWith(".") ? first.substring(0, first.length() - 1) : first;
    }

    /**
     * The long description: the project description (unless it is the synopsis alone), then what the package
     * installs.
     *
     * @param packageName the package's name (the command it installs)
     * @param runtimeJars the number of runtime libraries shipped, or null where it is not known yet (a scaffold)
     */
    public String longDescription(String packageName, Integer runtimeJars) {
        String d = normalizedDescription();
        String syn = synopsis();
        StringBuilder sb = new StringBuilder();
        if (d != null && syn != null && !d.replace('\n', ' ').strip().equals(syn)
                && !d.replace('\n', ' ').strip().equals(syn + ".")) {
            sb.append(d).append("\n\n");
        }
        sb.append("This package installs the Java application");
        if (artifactId != null) {
            sb.append(' ').append(groupId == null ? "" : groupId + ":").append(artifactId);
        }
        if (runtimeJars != null) {
            sb.append(version == null ? "" : " " + version).append(" with its ").append(runtimeJars)
                    .append(" runtime libraries");
        } else {
            sb.append(" with its runtime libraries");
        }
        return sb.append(", and the command ").append(packageName).append('.').toString();
    }

    /** The project url when it is an http(s) address (the Homepage field), else null. */
    public String homepage() {
        return httpUrl(url);
    }

    /** An http(s) address as it is, anything else as null. */
    public static String httpUrl(String url) {
        return url != null && url.strip().matches("https?://\\S+") ? url.strip() : null;
    }

    /** The copyright holders: the organization, then each developer's name (or organization), without repeats. */
    public List<String> copyrightHolders() {
        Set<String> holders = new LinkedHashSet<>();
        if (!blank(organization)) {
            holders.add(organization.strip());
        }
        for (Person p : developers) {
            if (!blank(p.name())) {
                holders.add(p.name().strip());
            } else if (!blank(p.organization())) {
                holders.add(p.organization().strip());
            }
        }
        return new ArrayList<>(holders);
    }

    /** The inception year when it is a year, else null (the copyright years start there). */
    public Integer since() {
        return inceptionYear != null && inceptionYear.strip().matches("[0-9]{4}") ? Integer.valueOf(inceptionYear.strip())
                : null;
    }

    /**
     * A Java feature release as Maven's compiler settings write it ({@code 17}, {@code 1.8}); {@link
     * #DEFAULT_JAVA_RELEASE} when blank.
     *
     * @throws DebException naming the value when it is not a release
     */
    public static int javaRelease(String value) {
        if (blank(value)) {
            return DEFAULT_JAVA_RELEASE;
        }
        String v = value.strip().startsWith("1.") ? value.strip().substring(2) : value.strip();
        if (!v.matches("[0-9]{1,3}")) {
            throw new DebException(Setting.JAVA_RELEASE, value, "not a Java feature release.", "use a number such as 17 or 21.");
        }
        return Integer.parseInt(v);
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
