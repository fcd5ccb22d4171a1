package io.github.jpackagedeb.core.service;

import io.github.jpackagedeb.core.DebException;
import io.github.jpackagedeb.core.Setting;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The package's own JFR settings, {@code settings=lean} of {@link ProfilingSpec}: the bundled runtime's
 * {@code lib/jfr/default.jfc} with the socket and file I/O events switched off, derived at build time (the same
 * runtime gives the same bytes) and installed as {@code /usr/lib/<pkg>/profiling.jfc}.
 *
 * <p>Why: JDK 17 instruments every socket and file read and write while these events are enabled, thresholds or
 * not, which costs a service with cheap requests a measurable part of its throughput (bench/NOTES.md). CPU samples,
 * allocation samples and the lock events ({@code jdk.JavaMonitorEnter}, {@code jdk.ThreadPark}) stay as
 * {@code default} has them.
 */
public final class LeanJfc {

    /** The events switched off. */
    public static final List<String> DISABLED = List.of("jdk.SocketRead", "jdk.SocketWrite", "jdk.FileRead",
            "jdk.FileWrite");

    private LeanJfc() {
    }

    /**
     * Where the package installs it: {@code /usr/lib/<pkg>/profiling.jfc}, next to the bundled runtime. Not under
     * /etc, so not a conffile (Debian Policy 10.7.2): it is derived from the runtime and must change with it on
     * upgrade; administrators tune a copy of their own, named by PROFILING_SETTINGS in the /etc/default conffile.
     */
    public static String path(String pkg) {
        return "/usr/lib/" + pkg + "/profiling.jfc";
    }

    /**
     * {@code defaultJfc} (the text of a runtime's {@code lib/jfr/default.jfc}) with the {@link #DISABLED} events'
     * {@code enabled} setting false and a comment saying so.
     *
     * @param source the file's name for messages
     * @throws DebException when one of the events is not there, enabled, in the file
     */
    public static String derive(String defaultJfc, String source) {
        String text = defaultJfc;
        for (String event : DISABLED) {
            Matcher m = Pattern.compile("(<event name=\"" + Pattern.quote(event)
                    + "\">\\s*<setting name=\"enabled\"[^>]*>)true(</setting>)").matcher(text);
            if (!m.find()) {
                throw new DebException(Setting.SERVICE_PROFILING_SETTINGS, ProfilingSpec.LEAN, source + " has no event "
                        + event + " enabled, so this is not a JDK default.jfc the lean settings can be derived from.",
                        "bundle a runtime linked from a JDK 17 or later, or use settings default or profile.");
            }
            text = text.substring(0, m.start()) + m.group(1) + "false" + m.group(2) + text.substring(m.end());
        }
        String note = "<!-- jpackage-deb: the bundled runtime's lib/jfr/default.jfc with " + String.join(", ", DISABLED)
                + " disabled (PROFILING_SETTINGS=default restores them). -->\n";
        int decl = text.startsWith("<?xml") ? text.indexOf("?>") + 2 : -1;
        if (decl > 1) {
            int eol = text.indexOf('\n', decl);
            int at = eol < 0 ? text.length() : eol + 1;
            return text.substring(0, at) + note + text.substring(at);
        }
        return note + text;
    }
}
