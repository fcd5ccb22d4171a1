package io.github.jpackagedeb.core.scripts;

import java.util.List;
import java.util.Map;

/**
 * The snippets of each concern, with the actions they run for. Rules from
 * docs/services.md#how-the-maintainer-scripts-are-assembled: set-up work runs for {@code configure} and for every
 * {@code abort-*} of postinst (so an unwound upgrade brings the old version back up); the service stops in prerm for
 * {@code remove|upgrade|deconfigure|failed-upgrade} and (re)starts in postinst, never while dpkg replaces the files;
 * purge removes what the package made, never the system user.
 */
public final class Snippets {

    private static final List<String> STOP = List.of("remove", "upgrade", "deconfigure", "failed-upgrade");

    private Snippets() {
    }

    /**
     * Application class-data sharing: postinst dumps the archive (a failure is a warning: it is only a cache), under a
     * running systemd in the background as the transient unit {@link #appCdsUnit(String)}, elsewhere at once; prerm
     * stops a dump still running and removes the archive before dpkg replaces or removes the jars it was dumped from,
     * postrm removes its directory.
     *
     * @param java      the bundled runtime's java
     * @param classList the shipped class list
     * @param archive   the archive to write
     * @param appHome   the application home; the class path is {@code <appHome>/lib/<jar>} as the launcher builds it
     * @param jars      the jar file names in class-path order
     */
    public static List<Snippet> appCds(String pkg, String java, String classList, String archive, String cacheDir,
                                       String appHome, List<String> jars) {
        String unit = appCdsUnit(pkg);
        return List.of(
                Snippet.forAll(ScriptName.POSTINST, "postinst-appcds", Map.of("PACKAGE", pkg, "JAVA", java,
                        "CLASSLIST", classList, "ARCHIVE", archive, "CACHE_DIR", cacheDir, "APP_HOME", appHome,
                        "JARS", String.join(" ", jars), "UNIT", unit)),
                Snippet.of(ScriptName.PRERM, "prerm-appcds", STOP, Map.of("ARCHIVE", archive, "CACHE_DIR", cacheDir,
                        "UNIT", unit)),
                Snippet.of(ScriptName.POSTRM, "postrm-appcds", List.of("remove", "purge"),
                        Map.of("CACHE_DIR", cacheDir)));
    }

    /**
     * The transient systemd unit that dumps the class-data sharing archive in the background:
     * {@code <pkg>-app-cds.service}, with a {@code +} of the package name (not allowed in unit names) as {@code _}.
     */
    static String appCdsUnit(String pkg) {
        return pkg.replaceAll("[^A-Za-z0-9:_.-]", "_") + "-app-cds.service";
    }

    /** postinst-user: the system account and group (Debian Policy 9.2.2), created when missing, never deleted. */
    public static Snippet systemUser(String pkg, String user, String group, String home) {
        return Snippet.forAll(ScriptName.POSTINST, "postinst-user",
                Map.of("PACKAGE", pkg, "USER", user, "GROUP", group, "HOME", home));
    }

    /** postinst-dirs: directories owned by the service account, mode 0750, created when missing. */
    public static Snippet directories(String user, String group, List<String> dirs) {
        return Snippet.forAll(ScriptName.POSTINST, "postinst-dirs",
                Map.of("USER", user, "GROUP", group, "DIRS", String.join(" ", dirs)));
    }

    /** postinst-owner: owner and mode of one shipped path, unless dpkg-statoverride has an entry for it. */
    public static Snippet owner(String path, String user, String group, int mode) {
        return Snippet.forAll(ScriptName.POSTINST, "postinst-owner",
                Map.of("PATH", path, "OWNER", user + ":" + group, "MODE", String.format("%04o", mode)));
    }

    /** Enable and (re)start in postinst, stop in prerm, reload on remove and forget the enablement on purge. */
    public static List<Snippet> systemd(String unit) {
        Map<String, String> v = Map.of("UNIT", unit);
        return List.of(
                Snippet.forAll(ScriptName.POSTINST, "postinst-systemd-enable", v),
                Snippet.forAll(ScriptName.POSTINST, "postinst-systemd-start", v),
                Snippet.of(ScriptName.PRERM, "prerm-systemd-stop", STOP, v),
                Snippet.of(ScriptName.POSTRM, "postrm-systemd-reload", List.of("remove"), v),
                Snippet.of(ScriptName.POSTRM, "postrm-systemd-purge", List.of("purge"), v));
    }

    /** postrm-purge-logs: the log directory goes on purge (Debian Policy 10.8). */
    public static Snippet purgeLogs(String dir) {
        return Snippet.of(ScriptName.POSTRM, "postrm-purge-logs", List.of("purge"), Map.of("DIR", dir));
    }

    /** postrm-purge-profiles: the service's profiling recordings go on purge (Debian Policy 10.8). */
    public static Snippet purgeProfiles(String dir) {
        return Snippet.of(ScriptName.POSTRM, "postrm-purge-profiles", List.of("purge"), Map.of("DIR", dir));
    }

    /**
     * The data directory on purge: removed only when empty ({@code rmdir --ignore-fail-on-non-empty}), or with
     * everything in it when {@code delete} is true.
     */
    public static Snippet purgeDataDir(String pkg, String dir, boolean delete) {
        return delete
                ? Snippet.of(ScriptName.POSTRM, "postrm-purge-datadir-delete", List.of("purge"), Map.of("DIR", dir))
                : Snippet.of(ScriptName.POSTRM, "postrm-purge-datadir", List.of("purge"),
                Map.of("DIR", dir, "PACKAGE", pkg));
    }
}
