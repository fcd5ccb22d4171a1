package io.github.jpackagedeb.core.assembly;

import java.util.List;
import java.util.Objects;

/**
 * What goes into {@code /usr/share/doc/<pkg>/}: the copyright file (Policy 12.5, in the machine-readable
 * DEP-5 format) and the Debian changelog (Policy 12.7).
 *
 * @param upstreamName the project's name (a pom's name or artifactId)
 * @param source       where the source lives (a pom's url or scm url), or null
 * @param copyrightHolders who holds the copyright (developers, organization); never empty
 * @param licenses     the application's licenses; may be empty (then stated as unknown)
 * @param changes      changelog bullet lines for this version; empty for a default line
 * @param distribution the changelog distribution, e.g. {@code unstable}
 * @param inceptionYear the year the project started (a pom's {@code inceptionYear}), or null: the copyright years
 *                      then run from it to the build's year
 */
public record PackageDocs(String upstreamName, String source, List<String> copyrightHolders, List<License> licenses,
                          List<String> changes, String distribution, Integer inceptionYear) {

    /** Without an inception year. */
    public PackageDocs(String upstreamName, String source, List<String> copyrightHolders, List<License> licenses,
                       List<String> changes, String distribution) {
        this(upstreamName, source, copyrightHolders, licenses, changes, distribution, null);
    }

    public PackageDocs {
        Objects.requireNonNull(upstreamName, "upstreamName");
        copyrightHolders = List.copyOf(copyrightHolders);
        licenses = List.copyOf(licenses);
        changes = List.copyOf(changes);
        distribution = distribution == null || distribution.isBlank() ? "unstable" : distribution.trim();
    }
}
