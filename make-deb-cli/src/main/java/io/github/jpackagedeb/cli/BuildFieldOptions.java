package io.github.jpackagedeb.cli;

import io.github.jpackagedeb.core.Setting;
import io.github.jpackagedeb.core.assembly.License;
import io.github.jpackagedeb.core.debiandir.SpecDraft;
import io.github.jpackagedeb.core.packaging.BuildRequest;
import io.github.jpackagedeb.core.packaging.ProjectMetadata;
import io.github.jpackagedeb.core.packaging.VersionInput;
import io.github.jpackagedeb.core.control.Relation;
import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The package-field options of {@code make-deb build}: the plugin's {@code <packageName>}, {@code <maintainer>}...
 * as flags. debian/control and debian/changelog override them field by field in core, as they do the pom's.
 */
final class BuildFieldOptions {

    @Option(names = "--package", paramLabel = "NAME", description = "The package name (default: debian/control's).")
    String packageName;

    @Option(names = "--upstream-version", paramLabel = "VERSION",
            description = "The application's version, mapped as Maven versions are (default: debian/changelog's).")
    String upstreamVersion;

    @Option(names = "--deb-version", paramLabel = "VERSION", description = "The whole Debian version.")
    String debVersion;

    @Option(names = "--maintainer", paramLabel = "'NAME <EMAIL>'", description = "The maintainer (default: debian/control's).")
    String maintainer;

    @Option(names = "--description", paramLabel = "TEXT", description = "The one-line description (default: debian/control's).")
    String description;

    @Option(names = "--homepage", paramLabel = "URL")
    String homepage;

    @Option(names = "--section", paramLabel = "SECTION")
    String section;

    @Option(names = "--depends", paramLabel = "RELATION", description = "A Depends entry; repeat for several.")
    List<String> depends = new ArrayList<>();

    @Option(names = "--license", paramLabel = "NAME", description = "A license, for the generated copyright file (when debian/copyright is missing).")
    List<String> licenses = new ArrayList<>();

    /** The options mapped into the request: the fields' draft, the version and the licenses. */
    BuildRequest.Builder fill(BuildRequest.Builder b, Map<String, String> env) {
        SpecDraft d = SpecDraft.empty()
                .configured(Setting.PACKAGE_NAME, packageName, "--package")
                .configured(Setting.MAINTAINER, maintainer, "--maintainer")
                .derived(Setting.MAINTAINER, ProjectMetadata.maintainerFromEnvironment(env), "DEBFULLNAME/DEBEMAIL")
                .configured(Setting.DESCRIPTION, description, "--description")
                .configured(Setting.HOMEPAGE, homepage, "--homepage")
                .configured(Setting.SECTION, section, "--section")
                .configured(Relation.DEPENDS, depends, "--depends");
        if (debVersion != null) {
            b.version(VersionInput.debian(debVersion, "--deb-version"));
        } else if (upstreamVersion != null) {
            b.version(VersionInput.upstream(upstreamVersion, null, null, "--upstream-version " + upstreamVersion));
        }
        List<License> ls = new ArrayList<>();
        licenses.forEach(l -> ls.add(new License(l, null)));
        return b.draft(d).upstreamVersion(upstreamVersion).licenses(ls);
    }
}
