package io.github.jpackagedeb.core.assembly;

/**
 * Where a package's files go (docs/architecture.md#package-layout). Paths are absolute here and written without the
 * leading slash into data.tar.
 *
 * @param appHome the application home, {@code /usr/share/java/<pkg>}: {@code lib/} (jars) and {@code bin/}
 *                (launcher)
 * @param command the command on PATH, {@code /usr/bin/<pkg>}, a symbolic link to the launcher
 * @param defaultsFile the environment file, {@code /etc/default/<pkg>} (a conffile)
 * @param docDir  {@code /usr/share/doc/<pkg>}
 */
public record Layout(String appHome, String command, String defaultsFile, String docDir) {

    public static Layout standard(String pkg) {
        return new Layout("/usr/share/java/" + pkg, "/usr/bin/" + pkg, "/etc/default/" + pkg, "/usr/share/doc/" + pkg);
    }

    public String libDir() {
        return appHome + "/lib";
    }

    public String launcher() {
        return appHome + "/bin/" + command.substring(command.lastIndexOf('/') + 1);
    }

    /**
     * The bundled Java runtime, {@code /usr/lib/<pkg>/runtime}: native code, so under {@code /usr/lib}, not
     * {@code /usr/share} (Debian Policy 9.1.1, FHS: /usr/share is architecture-independent).
     */
    public String runtimeDir() {
        return "/usr/lib/" + appHome.substring(appHome.lastIndexOf('/') + 1) + "/runtime";
    }

    /** {@code <appHome>/runtime}, a symbolic link to {@link #runtimeDir()}, where the launcher looks for the runtime. */
    public String runtimeLink() {
        return appHome + "/runtime";
    }

    /** The class list of application class-data sharing, {@code /usr/lib/<pkg>/app-cds.classlist}. */
    public String appCdsClassList() {
        return "/usr/lib/" + appHome.substring(appHome.lastIndexOf('/') + 1) + "/app-cds.classlist";
    }

    /**
     * The directory of the application class-data sharing archive postinst writes, {@code /var/cache/<pkg>}: it can
     * always be made again, so it is a cache (FHS 5.5).
     */
    public String cacheDir() {
        return "/var/cache/" + appHome.substring(appHome.lastIndexOf('/') + 1);
    }

    /** The application class-data sharing archive, {@code /var/cache/<pkg>/app.jsa}. */
    public String appCdsArchive() {
        return cacheDir() + "/app.jsa";
    }

    public String manPage() {
        return "/usr/share/man/man1/" + command.substring(command.lastIndexOf('/') + 1) + ".1.gz";
    }

    /** A path of this layout as a data.tar entry path (no leading slash). */
    public static String rel(String absolute) {
        return absolute.startsWith("/") ? absolute.substring(1) : absolute;
    }

    /**
     * The symbolic-link target from {@code from} to {@code to}, both absolute: relative when both are under the
     * same top-level directory, absolute otherwise (Policy 10.5).
     */
    public static String linkTarget(String from, String to) {
        String[] a = from.substring(1).split("/");
        String[] b = to.substring(1).split("/");
        if (!a[0].equals(b[0])) {
            return to;
        }
        int common = 0;
        while (common < a.length - 1 && common < b.length && a[common].equals(b[common])) {
            common++;
        }
        StringBuilder sb = new StringBuilder();
        for (int i = common; i < a.length - 1; i++) {
            sb.append("../");
        }
        for (int i = common; i < b.length; i++) {
            sb.append(b[i]);
            if (i < b.length - 1) {
                sb.append('/');
            }
        }
        return sb.toString();
    }
}
