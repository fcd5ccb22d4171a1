package io.github.jpackagedeb.cli;

import io.github.jpackagedeb.core.DebException;
import io.github.jpackagedeb.core.Setting;

import java.util.EnumMap;
import java.util.Map;

/**
 * Core's settings as a make-deb user knows them: the flag that sets a value, or the file it comes from. Covers every
 * {@link Setting} (WordingTest checks it); commands with flags of their own (repo, flamegraph) put theirs first.
 */
final class Wording {

    private static final Map<Setting, String> NAMES = new EnumMap<>(Setting.class);

    static {
        put(Setting.PACKAGE_NAME, "--package");
        put(Setting.VERSION, "the version (--upstream-version, or --deb-version)");
        put(Setting.REVISION, "the Debian revision (give it in --deb-version, e.g. 1.0-2)");
        put(Setting.EPOCH, "the epoch (give it in --deb-version, e.g. 1:2.0-1)");
        put(Setting.MAINTAINER, "--maintainer");
        put(Setting.DESCRIPTION, "--description");
        put(Setting.LONG_DESCRIPTION, "the long description (debian/control)");
        put(Setting.SECTION, "--section");
        put(Setting.PRIORITY, "the priority (debian/control)");
        put(Setting.HOMEPAGE, "--homepage");
        put(Setting.ARCHITECTURE, "the architecture (debian/control)");
        put(Setting.LICENSE, "--license");
        put(Setting.PRE_DEPENDS, "the Pre-Depends field (debian/control)");
        put(Setting.DEPENDS, "--depends (the Depends field)");
        put(Setting.RECOMMENDS, "the Recommends field (debian/control)");
        put(Setting.SUGGESTS, "the Suggests field (debian/control)");
        put(Setting.ENHANCES, "the Enhances field (debian/control)");
        put(Setting.BREAKS, "the Breaks field (debian/control)");
        put(Setting.CONFLICTS, "the Conflicts field (debian/control)");
        put(Setting.REPLACES, "the Replaces field (debian/control)");
        put(Setting.PROVIDES, "the Provides field (debian/control)");
        put(Setting.MAIN_CLASS, "--main-class");
        put(Setting.JAR, "--jar/--lib");
        put(Setting.MAIN_JAR, "--jar");
        put(Setting.EXCLUDES, "the jars given (make-deb packages every --jar/--lib; it excludes none)");
        put(Setting.JVM_OPTIONS, "--jvm-option");
        put(Setting.ARGUMENTS, "--argument");
        put(Setting.JAVA_RELEASE, "--java-release");
        put(Setting.EXTRA_FILES,
                "extra files (make-deb build has no option for them; debian/<pkg>.install is not read)");
        put(Setting.ALLOW_SPECIAL_MODES, "special file modes (make-deb build installs no extra files)");
        put(Setting.COMPRESSION, "--compression");
        put(Setting.OUTPUT_TIMESTAMP, "--timestamp");
        put(Setting.SOURCE_DATE_EPOCH, "the environment variable SOURCE_DATE_EPOCH");
        put(Setting.TIMESTAMP, "the build timestamp (--timestamp, or SOURCE_DATE_EPOCH)");
        put(Setting.OUTPUT_DIRECTORY, "--output-dir");
        put(Setting.TARGET, "the .deb file written");
        put(Setting.PATH, "a file going into the package");
        put(Setting.CONTROL, "the control file (debian/control)");
        put(Setting.CONFFILE, "a conffile (debian/conffiles)");
        put(Setting.THREADS, "the compression threads");
        put(Setting.RUNTIME, "--runtime");
        put(Setting.JDK_HOME, "--jdk-home");
        put(Setting.MODULES, "--module");
        put(Setting.ADD_MODULES, "--add-module");
        put(Setting.JLINK_OPTIONS, "--jlink-option");
        put(Setting.JLINK_COMPRESSION, "--jlink-compression");
        put(Setting.JDEPS, "the jars (jdeps reads each; --module skips it)");
        put(Setting.JLINK, "--module/--add-module/--jlink-option (what jlink was given)");
        put(Setting.CACHE_DIRECTORY, "--cache-dir");
        put(Setting.APP_CDS, "--app-cds-args");
        put(Setting.APP_CDS_TRAINING_ARGS, "--app-cds-args");
        put(Setting.APP_CDS_TRAINING_JVM_ARGS, "the training run's JVM options (--jvm-option)");
        put(Setting.APP_CDS_TIMEOUT_SECONDS, "the training run's time limit (make-deb uses the default)");
        put(Setting.SERVICE_NAME, "--service-name");
        put(Setting.SERVICE_USER, "--service-user");
        put(Setting.SERVICE_GROUP, "--service-group");
        put(Setting.SERVICE_DESCRIPTION, "--service-description");
        put(Setting.SERVICE_RESTART, "--restart");
        put(Setting.SERVICE_RESTART_SEC, "--restart-sec");
        put(Setting.SERVICE_DATA_ON_PURGE, "--data-on-purge");
        put(Setting.SERVICE_UNIT_DIRECTIVES, "--unit-directive");
        put(Setting.SERVICE_UNIT_FILE, "the unit file in debian/");
        put(Setting.SERVICE_PROFILING, "--profiling (or PROFILING in debian/<pkg>.default)");
        put(Setting.SERVICE_PROFILING_ENABLED, "--profiling");
        put(Setting.SERVICE_PROFILING_DEFAULT_SWITCH, "PROFILING in debian/<pkg>.default (on or off)");
        put(Setting.SERVICE_PROFILING_MAX_SIZE, "PROFILING_MAXSIZE in debian/<pkg>.default");
        put(Setting.SERVICE_PROFILING_MAX_AGE, "PROFILING_MAXAGE in debian/<pkg>.default");
        put(Setting.SERVICE_PROFILING_KEEP, "PROFILING_KEEP in debian/<pkg>.default");
        put(Setting.SERVICE_PROFILING_SETTINGS, "PROFILING_SETTINGS in debian/<pkg>.default");
        put(Setting.MAINTAINER_SCRIPT, "a maintainer script in debian/");
        put(Setting.DEBIAN_DIR, "debian/");
        put(Setting.DEBIAN_CONTROL, "debian/control");
        put(Setting.DEBIAN_CHANGELOG, "debian/changelog");
        put(Setting.STAGE_DIRECTORY, "the staging directory (debian/<pkg>)");
        put(Setting.SIGNING_KEY, "--sign-key");
        put(Setting.KEY_ID, "--sign-key");
        put(Setting.PASSPHRASE, "the environment variable JPACKAGE_DEB_PASSPHRASE");
        put(Setting.SIGNING_SERVER_ID, "the signing key (make-deb reads no Maven settings.xml; use --sign-key)");
        put(Setting.DEB, "the package file");
        put(Setting.REPOSITORY, "REPO_DIR");
        put(Setting.PACKAGE, "PACKAGE[=VERSION]");
        put(Setting.SUITE, "--suite");
        put(Setting.COMPONENT, "--component");
        put(Setting.CODENAME, "--codename");
        put(Setting.ORIGIN, "--origin");
        put(Setting.LABEL, "--label");
        put(Setting.RELEASE_DESCRIPTION, "--description");
        put(Setting.ARCHITECTURES, "--architectures");
        put(Setting.RELEASE_DATE, "--date");
        put(Setting.RECORDING, "the recording");
        put(Setting.EVENT, "--event");
        put(Setting.FROM, "--from");
        put(Setting.TO, "--to");
        put(Setting.WINDOW, "the window (--from/--to)");
        put(Setting.TITLE, "--title");
        put(Setting.OUTPUT, "--output");
        put(Setting.POM, "pom.xml");
        put(Setting.EDITOR, "the editor ($VISUAL or $EDITOR)");
    }

    private Wording() {
    }

    private static void put(Setting s, String name) {
        if (NAMES.put(s, name) != null) {
            throw new IllegalStateException("worded twice: " + s);
        }
    }

    /** How a make-deb user names {@code setting}. */
    static String name(Setting setting) {
        String n = NAMES.get(setting);
        return n != null ? n : setting.key();
    }

    /** The settings this table words, for the test that it covers them all. */
    static java.util.Set<Setting> worded() {
        return java.util.Collections.unmodifiableSet(NAMES.keySet());
    }

    /** A fix that asks to change a setting, as a make-deb user does it: {@code set --restart to always}. */
    static String change(DebException.Change c) {
        return "set " + name(c.setting()) + " to " + c.value();
    }

    /** The fix of {@code e} with any change worded for make-deb. */
    static String fix(DebException e) {
        return e.fix(Wording::change);
    }
}
