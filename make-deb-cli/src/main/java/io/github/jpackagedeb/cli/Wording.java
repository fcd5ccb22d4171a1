package io.github.jpackagedeb.cli;

import java.util.Map;

/** Core's field names as a make-deb user knows them: the flag that sets a value, or the file it comes from. */
final class Wording {

    private static final Map<String, String> NAMES = Map.ofEntries(
            Map.entry("packageName", "--package"),
            Map.entry("version", "the version (--upstream-version, or --deb-version)"),
            Map.entry("revision", "--revision"),
            Map.entry("maintainer", "--maintainer"),
            Map.entry("description", "--description"),
            Map.entry("longDescription", "the long description (debian/control)"),
            Map.entry("homepage", "--homepage"),
            Map.entry("section", "--section"),
            Map.entry("priority", "the priority (debian/control)"),
            Map.entry("architecture", "the architecture (debian/control)"),
            Map.entry("license", "--license"),
            Map.entry("mainClass", "--main-class"),
            Map.entry("jar", "--jar/--lib"),
            Map.entry("mainJar", "--jar"),
            Map.entry("javaRelease", "--java-release"),
            Map.entry("compression", "--compression"),
            Map.entry("outputTimestamp", "--timestamp"),
            Map.entry("SOURCE_DATE_EPOCH", "the environment variable SOURCE_DATE_EPOCH"),
            Map.entry("outputDirectory", "--output-dir"),
            Map.entry("pom", "pom.xml"),
            Map.entry("debianDir", "debian/"),
            Map.entry("debianControl", "debian/control"),
            Map.entry("debianChangelog", "debian/changelog"),
            Map.entry("maintainerScript", "a maintainer script in debian/"),
            Map.entry("service.unitFile", "the unit file in debian/"),
            Map.entry("deb", "the package file"),
            Map.entry("runtime", "--runtime"),
            Map.entry("jdkHome", "--jdk-home"),
            Map.entry("modules", "--module"),
            Map.entry("addModules", "--add-module"),
            Map.entry("jlinkOptions", "--jlink-option"),
            Map.entry("jlinkCompression", "--jlink-compression"),
            Map.entry("jdeps", "the jars (jdeps reads each; --module skips it)"),
            Map.entry("jlink", "--module/--add-module/--jlink-option (what jlink was given)"),
            Map.entry("cacheDirectory", "--cache-dir"),
            Map.entry("service.name", "--service-name"),
            Map.entry("service.user", "--service-user"),
            Map.entry("service.group", "--service-group"),
            Map.entry("service.description", "--service-description"),
            Map.entry("service.restart", "--restart"),
            Map.entry("service.restartSec", "--restart-sec"),
            Map.entry("service.dataOnPurge", "--data-on-purge"),
            Map.entry("service.unitDirectives", "--unit-directive"),
            Map.entry("service.profiling", "--profiling (or PROFILING in debian/<pkg>.default)"),
            Map.entry("appCds", "--app-cds-args"),
            Map.entry("appCds.trainingArgs", "--app-cds-args"),
            Map.entry("signingKey", "--sign-key"),
            Map.entry("keyId", "--sign-key"),
            Map.entry("passphrase", "the environment variable JPACKAGE_DEB_PASSPHRASE"));

    private Wording() {
    }

    static String name(String field) {
        String n = NAMES.get(field);
        if (n != null) {
            return n;
        }
        if (!field.isEmpty() && Character.isUpperCase(field.charAt(0))) {
            return "--" + field.toLowerCase(java.util.Locale.ROOT) + " (the " + field + " field)";
        }
        return field;
    }
}
