package io.github.jpackagedeb.core.assembly;

import io.github.jpackagedeb.core.app.AppSpec;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The launcher's default JVM options and program arguments as shell variables, {@code JVM_OPTIONS} and
 * {@code APP_ARGUMENTS}: set in the launcher when the package is built and shown in {@code /etc/default/<pkg>}, where
 * a host changes them without a rebuild. Each value is a list of shell words (the launcher reads it with
 * {@code eval}), so an option or argument with spaces or quotes stays one word.
 */
public final class LauncherSettings {

    /** The directory of the host's extra jars (e.g. JDBC drivers), added at the end of the class path. */
    public static String extraLibDir(String pkg) {
        return "/etc/" + pkg + "/lib";
    }

    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9_@%+=:,./-]+");

    private LauncherSettings() {
    }

    /** The words as one shell word list, each quoted only when it needs it: {@code -Xmx1g '-Dname=a b'}. */
    static String words(List<String> words) {
        StringBuilder sb = new StringBuilder();
        for (String w : words) {
            if (sb.length() > 0) {
                sb.append(' ');
            }
            sb.append(SAFE.matcher(w).matches() ? w : "'" + w.replace("'", "'\\''") + "'");
        }
        return sb.toString();
    }

    /** {@code words} as the right-hand side of a shell (and systemd EnvironmentFile=) assignment, in double quotes. */
    static String value(List<String> words) {
        return "\"" + words(words).replaceAll("([\\\\\"$`])", "\\\\$1") + "\"";
    }

    /** The lines of /etc/default/&lt;pkg&gt; that show (and set) the launcher's defaults. */
    static String defaults(AppSpec app, String pkg) {
        return "\n"
                + "# Options for the Java virtual machine that the package passes before JAVA_OPTS (shell words;\n"
                + "# quote a word with spaces). The package's value is set; change it here, no rebuild needed:\n"
                + "JVM_OPTIONS=" + value(app.jvmOptions()) + "\n"
                + "#\n"
                + "# Program arguments passed before those given on the command line (shell words):\n"
                + "APP_ARGUMENTS=" + value(app.arguments()) + "\n"
                + (app.runsAsJar() ? "#\n# No extra jars: " + app.mainJar().path() + " names the class path in its"
                + " manifest (java -jar).\n" : "#\n"
                + "# More jars for the class path (e.g. JDBC drivers): put them in " + extraLibDir(pkg) + "/;\n"
                + "# they come after the application's jars, in name order. Another directory:\n"
                + "#EXTRA_LIB_DIR=" + extraLibDir(pkg) + "\n");
    }
}
