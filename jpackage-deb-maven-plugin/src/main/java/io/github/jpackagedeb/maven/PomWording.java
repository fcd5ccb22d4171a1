package io.github.jpackagedeb.maven;

import io.github.jpackagedeb.core.DebException;
import io.github.jpackagedeb.core.Setting;

import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * Words core's errors for a pom author: names the pom element the value came from, the value, the problem and the
 * fix. Core speaks of settings ({@link Setting#MAINTAINER}); a pom author knows {@code <maintainer>} or
 * {@code <developers>}. The table covers every {@link Setting} (PomWordingTest checks it).
 */
final class PomWording {

    private static final Map<Setting, String> ELEMENTS = new EnumMap<>(Setting.class);

    /** Settings that are files, not values: an error about one has no "is not set". */
    private static final Set<Setting> FILES = EnumSet.of(Setting.DEBIAN_DIR, Setting.DEBIAN_CONTROL,
            Setting.DEBIAN_CHANGELOG);

    static {
        put(Setting.PACKAGE_NAME, "<packageName> (default: derived from <artifactId>)");
        put(Setting.VERSION, "the project <version> (or the plugin's <debianVersion>)");
        put(Setting.REVISION, "<revision>");
        put(Setting.EPOCH, "<epoch>");
        put(Setting.MAINTAINER, "<maintainer> (default: the first <developer> with <name> and <email>)");
        put(Setting.DESCRIPTION, "<synopsis> (default: the first sentence of the project <description>)");
        put(Setting.LONG_DESCRIPTION, "<longDescription> (default: the project <description>)");
        put(Setting.SECTION, "<section>");
        put(Setting.PRIORITY, "<priority>");
        put(Setting.HOMEPAGE, "<homepage> (default: the project <url>)");
        put(Setting.ARCHITECTURE, "<architecture>");
        put(Setting.LICENSE, "the project <licenses>");
        put(Setting.PRE_DEPENDS, "<preDepends> (the Pre-Depends field)");
        put(Setting.DEPENDS, "<depends> (the Depends field)");
        put(Setting.RECOMMENDS, "<recommends> (the Recommends field)");
        put(Setting.SUGGESTS, "<suggests> (the Suggests field)");
        put(Setting.ENHANCES, "<enhances> (the Enhances field)");
        put(Setting.BREAKS, "<breaks> (the Breaks field)");
        put(Setting.CONFLICTS, "<conflicts> (the Conflicts field)");
        put(Setting.REPLACES, "<replaces> (the Replaces field)");
        put(Setting.PROVIDES, "<provides> (the Provides field)");
        put(Setting.MAIN_CLASS, "<mainClass> (default: Main-Class of the jar manifest)");
        put(Setting.JAR, "<dependencies> (the runtime class path)");
        put(Setting.MAIN_JAR, "the project's own jar (<build><finalName>)");
        put(Setting.EXCLUDES, "<excludes>");
        put(Setting.JVM_OPTIONS, "<jvmOptions>");
        put(Setting.ARGUMENTS, "<arguments>");
        put(Setting.JAVA_RELEASE, "<javaRelease> (default: maven.compiler.release)");
        put(Setting.EXTRA_FILES, "<extraFiles>");
        put(Setting.ALLOW_SPECIAL_MODES, "<allowSpecialModes> (property jpackage-deb.allowSpecialModes)");
        put(Setting.COMPRESSION, "<compression>");
        put(Setting.OUTPUT_TIMESTAMP, "the property project.build.outputTimestamp");
        put(Setting.SOURCE_DATE_EPOCH, "the environment variable SOURCE_DATE_EPOCH");
        put(Setting.TIMESTAMP, "the build timestamp (project.build.outputTimestamp, else SOURCE_DATE_EPOCH)");
        put(Setting.OUTPUT_DIRECTORY, "<outputDirectory>");
        put(Setting.TARGET, "the .deb file in <outputDirectory>");
        put(Setting.PATH, "a file going into the package");
        put(Setting.CONTROL, "the control file (from the configuration and debian/control)");
        put(Setting.CONFFILE, "a conffile (debian/conffiles in <debianDirectory>)");
        put(Setting.THREADS, "the compression threads");
        put(Setting.RUNTIME, "<runtime> (jlink or none)");
        put(Setting.JDK_HOME, "<jdkHome> (default: the jdk toolchain, else the JDK running Maven)");
        put(Setting.MODULES, "<modules> (default: found by jdeps)");
        put(Setting.ADD_MODULES, "<addModules>");
        put(Setting.JLINK_OPTIONS, "<jlinkOptions>");
        put(Setting.JLINK_COMPRESSION, "<jlinkCompression>");
        put(Setting.JDEPS, "<dependencies> (jdeps reads every runtime jar; <modules> skips it)");
        put(Setting.JLINK, "<modules>/<addModules>/<jlinkOptions> (what jlink was given)");
        put(Setting.CACHE_DIRECTORY, "<cacheDirectory> (default: ~/.cache/jpackage-deb)");
        put(Setting.APP_CDS, "<appCds>");
        put(Setting.APP_CDS_TRAINING_ARGS, "<appCds><trainingArgs>");
        put(Setting.APP_CDS_TRAINING_JVM_ARGS, "<appCds><trainingJvmArgs>");
        put(Setting.APP_CDS_TIMEOUT_SECONDS, "<appCds><timeoutSeconds>");
        put(Setting.SERVICE_NAME, "<service><name> (default: the package name)");
        put(Setting.SERVICE_USER, "<service><user> (default: the package name)");
        put(Setting.SERVICE_GROUP, "<service><group> (default: the user)");
        put(Setting.SERVICE_DESCRIPTION, "<service><description> (default: the synopsis)");
        put(Setting.SERVICE_RESTART, "<service><restart>");
        put(Setting.SERVICE_RESTART_SEC, "<service><restartSec>");
        put(Setting.SERVICE_DATA_ON_PURGE, "<service><dataOnPurge>");
        put(Setting.SERVICE_UNIT_DIRECTIVES, "<service><unitDirectives>");
        put(Setting.SERVICE_UNIT_FILE, "the unit file in <debianDirectory>");
        put(Setting.SERVICE_PROFILING, "<service><profiling> (or PROFILING in debian/<package>.default)");
        put(Setting.SERVICE_PROFILING_ENABLED, "<service><profiling><enabled>");
        put(Setting.SERVICE_PROFILING_DEFAULT_SWITCH, "<service><profiling><defaultSwitch>");
        put(Setting.SERVICE_PROFILING_MAX_SIZE, "<service><profiling><maxSize>");
        put(Setting.SERVICE_PROFILING_MAX_AGE, "<service><profiling><maxAge>");
        put(Setting.SERVICE_PROFILING_KEEP, "<service><profiling><keep>");
        put(Setting.SERVICE_PROFILING_SETTINGS, "<service><profiling><settings>");
        put(Setting.MAINTAINER_SCRIPT, "a maintainer script in <debianDirectory>");
        put(Setting.DEBIAN_DIR, "<debianDirectory> (default: debian/)");
        put(Setting.DEBIAN_CONTROL, "debian/control in <debianDirectory>");
        put(Setting.DEBIAN_CHANGELOG, "debian/changelog in <debianDirectory>");
        put(Setting.STAGE_DIRECTORY, "<stageDirectory> (default: debian/<package>)");
        put(Setting.SIGNING_KEY, "<signing><keyring> (or the <privateKey> of the settings.xml <server> of "
                + "<signing><serverId>)");
        put(Setting.KEY_ID, "<signing><keyId>");
        put(Setting.PASSPHRASE, "<signing><passphraseEnvironmentVariable> (default: JPACKAGE_DEB_PASSPHRASE)");
        put(Setting.SIGNING_SERVER_ID, "<signing><serverId>");
        put(Setting.DEB, "the package file");
        put(Setting.REPOSITORY, "<repository>");
        put(Setting.PACKAGE, "the package file (<deb>)");
        put(Setting.SUITE, "<suite>");
        put(Setting.COMPONENT, "<component>");
        put(Setting.CODENAME, "<codename>");
        put(Setting.ORIGIN, "<origin>");
        put(Setting.LABEL, "<label>");
        put(Setting.RELEASE_DESCRIPTION, "the Release file's Description (the publish goal keeps the repository's)");
        put(Setting.ARCHITECTURES, "<architectures>");
        put(Setting.RELEASE_DATE, "the Release date (the build timestamp)");
        put(Setting.RECORDING, "a JFR recording (make-deb flamegraph; the plugin reads none)");
        put(Setting.EVENT, "the flame graph's event (make-deb flamegraph --event; the plugin draws none)");
        put(Setting.FROM, "the flame graph's window start (make-deb flamegraph --from)");
        put(Setting.TO, "the flame graph's window end (make-deb flamegraph --to)");
        put(Setting.WINDOW, "the flame graph's window (make-deb flamegraph --from/--to)");
        put(Setting.TITLE, "the flame graph's title (make-deb flamegraph --title)");
        put(Setting.OUTPUT, "the flame graph's file (make-deb flamegraph --output)");
        put(Setting.POM, "the pom.xml");
        put(Setting.EDITOR, "the changelog editor (make-deb changelog; the plugin opens none)");
    }

    private PomWording() {
    }

    private static void put(Setting s, String element) {
        if (ELEMENTS.put(s, element) != null) {
            throw new IllegalStateException("worded twice: " + s);
        }
    }

    /** How a pom author names {@code setting}. */
    static String element(Setting setting) {
        String e = ELEMENTS.get(setting);
        return e != null ? e : "<" + setting.key() + ">";
    }

    /** The settings this table words, for the test that it covers them all. */
    static Set<Setting> worded() {
        return Collections.unmodifiableSet(ELEMENTS.keySet());
    }

    /** A fix that asks to change a setting, as a pom author does it. */
    static String change(DebException.Change c) {
        if (c.setting() == Setting.ALLOW_SPECIAL_MODES) {
            return "set <allowSpecialModes>" + c.value() + "</allowSpecialModes> in the plugin configuration (or "
                    + "-Djpackage-deb.allowSpecialModes=" + c.value() + ")";
        }
        return "set " + element(c.setting()) + " to " + c.value();
    }

    static String describe(DebException e) {
        return describe("Cannot build the Debian package: ", e);
    }

    /** {@code lead}, then the element, the value, the problem and the fix. */
    static String describe(String lead, DebException e) {
        StringBuilder sb = new StringBuilder(lead).append(element(e.setting()));
        if (e.value() != null) {
            sb.append(" = '").append(DebException.printable(e.value())).append('\'');
        } else if (!FILES.contains(e.setting())) {
            sb.append(" is not set");
        }
        sb.append(": ").append(e.problem());
        String fix = e.fix(PomWording::change);
        if (fix != null) {
            sb.append("\n  Fix: ").append(fix);
        }
        return sb.toString();
    }
}
