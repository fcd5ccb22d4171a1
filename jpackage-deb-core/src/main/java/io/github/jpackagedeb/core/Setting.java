package io.github.jpackagedeb.core;

/**
 * Every input core's errors name: the typed identity of a setting, whichever front end gives it (a pom element, a
 * command-line flag, a file in {@code debian/}). A {@link DebException} names one, and each front end words it from
 * its own table keyed by this enum, so that a table that misses a setting is found by a test, not by a user.
 * {@link #key()} is the stable core name used in core's own messages and in the docs ({@code packageName},
 * {@code service.restart}, Debian's own names for the relationship fields: {@code Pre-Depends}).
 */
public enum Setting {
    /** The Debian package name (Package field). */
    PACKAGE_NAME("packageName"),
    /** The package version: the project version mapped to a Debian version, or a Debian version given as is. */
    VERSION("version"),
    /** The Debian revision appended to the upstream version (the part after the last hyphen). */
    REVISION("revision"),
    /** The Debian version epoch (the part before the colon). */
    EPOCH("epoch"),
    /** The package maintainer, {@code Name <email>} (Maintainer field). */
    MAINTAINER("maintainer"),
    /** The one-line synopsis (first line of the Description field). */
    DESCRIPTION("description"),
    /** The extended description (the continuation lines of the Description field). */
    LONG_DESCRIPTION("longDescription"),
    /** The Debian archive section (Section field). */
    SECTION("section"),
    /** The package priority (Priority field). */
    PRIORITY("priority"),
    /** The project's home page (Homepage field). */
    HOMEPAGE("homepage"),
    /** The Debian architecture the package is built for (Architecture field). */
    ARCHITECTURE("architecture"),
    /** A license of the project, as written to debian/copyright. */
    LICENSE("license"),
    /** The Pre-Depends relationship field (Debian Policy 7.2). */
    PRE_DEPENDS("Pre-Depends"),
    /** The Depends relationship field (Debian Policy 7.2). */
    DEPENDS("Depends"),
    /** The Recommends relationship field (Debian Policy 7.2). */
    RECOMMENDS("Recommends"),
    /** The Suggests relationship field (Debian Policy 7.2). */
    SUGGESTS("Suggests"),
    /** The Enhances relationship field (Debian Policy 7.2). */
    ENHANCES("Enhances"),
    /** The Breaks relationship field (Debian Policy 7.3). */
    BREAKS("Breaks"),
    /** The Conflicts relationship field (Debian Policy 7.4). */
    CONFLICTS("Conflicts"),
    /** The Replaces relationship field (Debian Policy 7.6). */
    REPLACES("Replaces"),
    /** The Provides relationship field (Debian Policy 7.5). */
    PROVIDES("Provides"),
    /** The class whose main method the launcher runs. */
    MAIN_CLASS("mainClass"),
    /** A jar on the application's runtime class path. */
    JAR("jar"),
    /** The application's own jar. */
    MAIN_JAR("mainJar"),
    /** The groupId:artifactId patterns left out of the runtime class path. */
    EXCLUDES("excludes"),
    /** Options the launcher passes to the JVM. */
    JVM_OPTIONS("jvmOptions"),
    /** Arguments the launcher passes to the main class before the user's. */
    ARGUMENTS("arguments"),
    /** The Java feature release the application needs (e.g. 17). */
    JAVA_RELEASE("javaRelease"),
    /** Additional files, directories and symlinks the package installs. */
    EXTRA_FILES("extraFiles"),
    /** Whether extra files may have setuid, setgid, sticky or world-writable modes. */
    ALLOW_SPECIAL_MODES("allowSpecialModes"),
    /** The compression of data.tar inside the .deb (xz, zstd, gzip, none). */
    COMPRESSION("compression"),
    /** The build timestamp for reproducible builds (Maven's project.build.outputTimestamp). */
    OUTPUT_TIMESTAMP("outputTimestamp"),
    /** The SOURCE_DATE_EPOCH environment variable: the build timestamp in seconds since 1970. */
    SOURCE_DATE_EPOCH("SOURCE_DATE_EPOCH"),
    /** The timestamp the archive writer gives every entry. */
    TIMESTAMP("timestamp"),
    /** The directory the .deb is written to. */
    OUTPUT_DIRECTORY("outputDirectory"),
    /** The .deb file the archive writer writes. */
    TARGET("target"),
    /** A file the archive writer reads for an entry of the package. */
    PATH("path"),
    /** The control file written into control.tar. */
    CONTROL("control"),
    /** A file marked as a conffile. */
    CONFFILE("conffile"),
    /** The number of threads that compress the archive. */
    THREADS("threads"),
    /** Whether to bundle a Java runtime (jlink) or depend on the system's (none). */
    RUNTIME("runtime"),
    /** The JDK whose jlink, jdeps and jmods build the runtime. */
    JDK_HOME("jdkHome"),
    /** The modules of the bundled runtime, given instead of asking jdeps. */
    MODULES("modules"),
    /** Modules added to the ones jdeps finds. */
    ADD_MODULES("addModules"),
    /** Extra options passed to jlink. */
    JLINK_OPTIONS("jlinkOptions"),
    /** The compression jlink applies inside the runtime image. */
    JLINK_COMPRESSION("jlinkCompression"),
    /** The module dependencies jdeps finds in the runtime class path. */
    JDEPS("jdeps"),
    /** The jlink run that links the runtime image. */
    JLINK("jlink"),
    /** Where linked runtimes are cached between builds. */
    CACHE_DIRECTORY("cacheDirectory"),
    /** The application class-data sharing archive made at build time by a training run. */
    APP_CDS("appCds"),
    /** The arguments of the class-data sharing training run. */
    APP_CDS_TRAINING_ARGS("appCds.trainingArgs"),
    /** The JVM options of the class-data sharing training run. */
    APP_CDS_TRAINING_JVM_ARGS("appCds.trainingJvmArgs"),
    /** How long the class-data sharing training run may take. */
    APP_CDS_TIMEOUT_SECONDS("appCds.timeoutSeconds"),
    /** The name of the systemd service unit. */
    SERVICE_NAME("service.name"),
    /** The system account the service runs as. */
    SERVICE_USER("service.user"),
    /** The group the service runs as. */
    SERVICE_GROUP("service.group"),
    /** The Description= of the service unit. */
    SERVICE_DESCRIPTION("service.description"),
    /** The Restart= policy of the service unit. */
    SERVICE_RESTART("service.restart"),
    /** The RestartSec= delay of the service unit. */
    SERVICE_RESTART_SEC("service.restartSec"),
    /** What purge does with the service's data and log directories. */
    SERVICE_DATA_ON_PURGE("service.dataOnPurge"),
    /** Extra directives added to the generated service unit. */
    SERVICE_UNIT_DIRECTIVES("service.unitDirectives"),
    /** A service unit file given in debian/ instead of the generated one. */
    SERVICE_UNIT_FILE("service.unitFile"),
    /** Whether JFR profiling of the service is built into the package. */
    SERVICE_PROFILING("service.profiling"),
    /** The switch that builds JFR profiling in or leaves it out. */
    SERVICE_PROFILING_ENABLED("service.profiling.enabled"),
    /** Whether profiling is on or off on a host until an administrator changes it. */
    SERVICE_PROFILING_DEFAULT_SWITCH("service.profiling.defaultSwitch"),
    /** The most disk space the service's JFR recordings may take. */
    SERVICE_PROFILING_MAX_SIZE("service.profiling.maxSize"),
    /** How long the service's JFR recordings are kept. */
    SERVICE_PROFILING_MAX_AGE("service.profiling.maxAge"),
    /** How many JFR recordings of past runs are kept. */
    SERVICE_PROFILING_KEEP("service.profiling.keep"),
    /** The JFR settings (.jfc) the service records with. */
    SERVICE_PROFILING_SETTINGS("service.profiling.settings"),
    /** A maintainer script (preinst, postinst, prerm, postrm) given in debian/. */
    MAINTAINER_SCRIPT("maintainerScript"),
    /** The debian/ directory with the package's overrides. */
    DEBIAN_DIR("debianDir"),
    /** The debian/control file. */
    DEBIAN_CONTROL("debianControl"),
    /** The debian/changelog file. */
    DEBIAN_CHANGELOG("debianChangelog"),
    /** The directory the package tree is staged in ({@code debian/<package>}). */
    STAGE_DIRECTORY("stageDirectory"),
    /** The OpenPGP secret key that signs the package or the repository. */
    SIGNING_KEY("signingKey"),
    /** Which key of the signing keyring signs. */
    KEY_ID("keyId"),
    /** The passphrase of the signing key. */
    PASSPHRASE("passphrase"),
    /** The id of the Maven settings.xml server that holds the signing key. */
    SIGNING_SERVER_ID("signing.serverId"),
    /** A .deb file that is read, signed or published. */
    DEB("deb"),
    /** The directory of an APT repository. */
    REPOSITORY("repository"),
    /** A package (and version) in an APT repository. */
    PACKAGE("package"),
    /** The suite of an APT repository (e.g. stable). */
    SUITE("suite"),
    /** The component of an APT repository (e.g. main). */
    COMPONENT("component"),
    /** The codename of an APT repository's suite. */
    CODENAME("codename"),
    /** The Origin field of an APT repository's Release file. */
    ORIGIN("origin"),
    /** The Label field of an APT repository's Release file. */
    LABEL("label"),
    /** The Description field of an APT repository's Release file. */
    RELEASE_DESCRIPTION("releaseDescription"),
    /** The architectures an APT repository lists. */
    ARCHITECTURES("architectures"),
    /** The Date of an APT repository's Release file. */
    RELEASE_DATE("date"),
    /** A JFR recording a flame graph is drawn from. */
    RECORDING("recording"),
    /** The JFR event a flame graph shows. */
    EVENT("event"),
    /** The start of the window of a recording a flame graph shows. */
    FROM("from"),
    /** The end of the window of a recording a flame graph shows. */
    TO("to"),
    /** The window of a recording a flame graph shows. */
    WINDOW("window"),
    /** The title of a flame graph. */
    TITLE("title"),
    /** The file a flame graph is written to. */
    OUTPUT("output"),
    /** The pom.xml make-deb reads project metadata from. */
    POM("pom"),
    /** The editor make-deb changelog opens. */
    EDITOR("editor");

    private final String key;

    Setting(String key) {
        this.key = key;
    }

    /** The core name, as core's messages and the docs write it: {@code packageName}, {@code Pre-Depends}. */
    public String key() {
        return key;
    }

    /** The {@link #key()}, so that a message that names a setting reads as core's messages always did. */
    @Override
    public String toString() {
        return key;
    }
}
