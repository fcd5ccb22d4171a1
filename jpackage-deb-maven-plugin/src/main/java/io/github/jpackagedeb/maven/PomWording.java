package io.github.jpackagedeb.maven;

import io.github.jpackagedeb.core.DebException;

import java.util.Map;

/**
 * Words core's errors for a pom author: names the pom element the value came from, the value, the problem and the
 * fix. Core speaks of fields ({@code maintainer}); a pom author knows {@code <maintainer>} or {@code <developers>}.
 */
final class PomWording {

    private static final Map<String, String> ELEMENTS = Map.ofEntries(
            Map.entry("packageName", "<packageName> (default: derived from <artifactId>)"),
            Map.entry("version", "the project <version> (or the plugin's <debianVersion>)"),
            Map.entry("maintainer", "<maintainer> (default: the first <developer> with <name> and <email>)"),
            Map.entry("description", "<synopsis> (default: the first sentence of the project <description>)"),
            Map.entry("longDescription", "<longDescription> (default: the project <description>)"),
            Map.entry("mainClass", "<mainClass> (default: Main-Class of the jar manifest)"),
            Map.entry("jvmOptions", "<jvmOptions>"),
            Map.entry("arguments", "<arguments>"),
            Map.entry("jar", "<dependencies> (the runtime class path)"),
            Map.entry("mainJar", "the project's own jar (<build><finalName>)"),
            Map.entry("compression", "<compression>"),
            Map.entry("section", "<section>"),
            Map.entry("priority", "<priority>"),
            Map.entry("homepage", "<homepage> (default: the project <url>)"),
            Map.entry("architecture", "<architecture>"),
            Map.entry("outputTimestamp", "the property project.build.outputTimestamp"),
            Map.entry("SOURCE_DATE_EPOCH", "the environment variable SOURCE_DATE_EPOCH"),
            Map.entry("javaRelease", "<javaRelease> (default: maven.compiler.release)"),
            Map.entry("revision", "<revision>"),
            Map.entry("epoch", "<epoch>"),
            Map.entry("outputDirectory", "<outputDirectory>"),
            Map.entry("runtime", "<runtime> (jlink or none)"),
            Map.entry("jdkHome", "<jdkHome> (default: the jdk toolchain, else the JDK running Maven)"),
            Map.entry("modules", "<modules> (default: found by jdeps)"),
            Map.entry("addModules", "<addModules>"),
            Map.entry("jlinkOptions", "<jlinkOptions>"),
            Map.entry("jlinkCompression", "<jlinkCompression>"),
            Map.entry("jdeps", "<dependencies> (jdeps reads every runtime jar; <modules> skips it)"),
            Map.entry("jlink", "<modules>/<addModules>/<jlinkOptions> (what jlink was given)"),
            Map.entry("cacheDirectory", "<cacheDirectory> (default: ~/.cache/jpackage-deb)"),
            Map.entry("service.name", "<service><name> (default: the package name)"),
            Map.entry("service.user", "<service><user> (default: the package name)"),
            Map.entry("service.group", "<service><group> (default: the user)"),
            Map.entry("service.description", "<service><description> (default: the synopsis)"),
            Map.entry("service.restart", "<service><restart>"),
            Map.entry("service.restartSec", "<service><restartSec>"),
            Map.entry("service.dataOnPurge", "<service><dataOnPurge>"),
            Map.entry("service.unitDirectives", "<service><unitDirectives>"),
            Map.entry("service.unitFile", "the unit file in <debianDirectory>"),
            Map.entry("maintainerScript", "a maintainer script in <debianDirectory>"),
            Map.entry("debianDir", "<debianDirectory> (default: debian/)"),
            Map.entry("debianControl", "debian/control in <debianDirectory>"),
            Map.entry("debianChangelog", "debian/changelog in <debianDirectory>"),
            Map.entry("stageDirectory", "<stageDirectory> (default: debian/<package>)"),
            Map.entry("extraFiles", "<extraFiles>"),
            Map.entry("appCds", "<appCds>"),
            Map.entry("appCds.trainingArgs", "<appCds><trainingArgs>"),
            Map.entry("appCds.timeoutSeconds", "<appCds><timeoutSeconds>"),
            Map.entry("signingKey", "<signing><keyring> (or the <privateKey> of the settings.xml <server> of <signing><serverId>)"),
            Map.entry("keyId", "<signing><keyId>"),
            Map.entry("passphrase", "<signing><passphraseEnvironmentVariable> (default: JPACKAGE_DEB_PASSPHRASE)"),
            Map.entry("signing.serverId", "<signing><serverId>"),
            Map.entry("deb", "the package file"),
            Map.entry("repository", "<repository>"),
            Map.entry("suite", "<suite>"),
            Map.entry("component", "<component>"),
            Map.entry("codename", "<codename>"),
            Map.entry("origin", "<origin>"),
            Map.entry("label", "<label>"),
            Map.entry("architectures", "<architectures>"));

    private PomWording() {
    }

    static String element(String field) {
        String e = ELEMENTS.get(field);
        if (e != null) {
            return e;
        }
        // relationship fields keep Debian's names: Depends -> <depends>, Pre-Depends -> <preDepends>
        if (!field.isEmpty() && Character.isUpperCase(field.charAt(0))) {
            String[] parts = field.split("-");
            StringBuilder sb = new StringBuilder(parts[0].toLowerCase(java.util.Locale.ROOT));
            for (int i = 1; i < parts.length; i++) {
                sb.append(parts[i].charAt(0)).append(parts[i].substring(1).toLowerCase(java.util.Locale.ROOT));
            }
            return "<" + sb + "> (the " + field + " field)";
        }
        return "<" + field + ">";
    }

    static String describe(DebException e) {
        StringBuilder sb = new StringBuilder("Cannot build the Debian package: ").append(element(e.field()));
        if (e.value() != null) {
            sb.append(" = '").append(DebException.printable(e.value())).append('\'');
        } else if (!e.field().startsWith("debian")) {
            sb.append(" is not set");
        }
        sb.append(": ").append(e.problem());
        if (e.fix() != null) {
            sb.append("\n  Fix: ").append(e.fix().replace("set "
                    + io.github.jpackagedeb.core.build.ExtraFile.ALLOW_SPECIAL_MODES + " to true",
                    "set <allowSpecialModes>true</allowSpecialModes> in the plugin configuration (or "
                            + "-Djpackage-deb.allowSpecialModes=true)"));
        }
        return sb.toString();
    }
}
