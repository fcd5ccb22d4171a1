package io.github.jpackagedeb.core.service;

import io.github.jpackagedeb.core.DebException;
import io.github.jpackagedeb.core.Setting;
import io.github.jpackagedeb.core.template.Template;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The systemd unit of the service archetype, rendered from {@code debian-templates}' {@code systemd.service}:
 * {@code User=}/{@code Group=} the package's system account, {@code EnvironmentFile=-/etc/default/<pkg>},
 * {@code /var/lib/<pkg>} as working and state directory, {@code /var/log/<pkg>} as logs directory, a restart
 * policy, {@code SuccessExitStatus=143} (a JVM stopped by SIGTERM) and hardening that a JVM tolerates (tested in a
 * booted container; never {@code MemoryDenyWriteExecute=yes}, which breaks the JIT). Installed as
 * {@code /lib/systemd/system/<name>.service}; not a conffile (admins change units with drop-ins).
 */
public final class SystemdUnit {

    /** Where units go (not /usr/lib: Debian 12's lintian and older systemd expect /lib). */
    public static final String UNIT_DIR = "/lib/systemd/system";
    /** The generated unit's {@code Type=}: exec, so that a launcher that cannot start fails the start job. */
    public static final String TYPE = "exec";
    private static final Pattern SECTION = Pattern.compile("\\[[^\\[\\]]+\\]");
    private static final Pattern ASSIGNMENT = Pattern.compile("[A-Za-z][A-Za-z0-9_-]*\\s*=.*");
    private static final Set<String> KNOWN_SECTIONS = Set.of("Unit", "Service", "Install");

    private SystemdUnit() {
    }

    /** The unit's path in the package: {@code /lib/systemd/system/<name>.service}. */
    public static String path(ServiceSpec service) {
        return UNIT_DIR + "/" + service.unitFileName();
    }

    /** {@code /var/lib/<pkg>}. */
    public static String stateDir(String pkg) {
        return "/var/lib/" + pkg;
    }

    /** {@code /var/log/<pkg>}. */
    public static String logsDir(String pkg) {
        return "/var/log/" + pkg;
    }

    /**
     * Renders the unit.
     *
     * @param service   resolved (see {@link ServiceSpec#resolve})
     * @param pkg       the package name
     * @param command   the command the service runs, e.g. {@code /usr/bin/<pkg>} (the launcher)
     */
    public static String render(ServiceSpec service, String pkg, String command) {
        if (service.user() == null) {
            throw new IllegalArgumentException("resolve the service spec first");
        }
        Map<String, String> v = new LinkedHashMap<>();
        v.put("UNIT", service.unitFileName());
        v.put("PACKAGE", pkg);
        v.put("DESCRIPTION", specifiers(service.description()));
        v.put("COMMAND", command.substring(command.lastIndexOf('/') + 1));
        v.put("USER", service.user());
        v.put("GROUP", service.group());
        v.put("EXEC_START", command);
        v.put("STATE_DIR", stateDir(pkg));
        v.put("STATE_DIR_NAME", pkg);
        v.put("LOGS_DIR_NAME", pkg);
        v.put("RESTART", service.restart());
        v.put("RESTART_SEC", service.restartSec());
        v.put("TYPE", TYPE);
        v.put("UNIT_DIRECTIVES", configured(service, "Unit"));
        v.put("EXTRA_DIRECTIVES", configured(service, "Service"));
        v.put("INSTALL_DIRECTIVES", configured(service, "Install"));
        String unit = Template.load("systemd.service").render(v);
        check(unit, "the generated unit");
        return unit;
    }

    /** The configured directives of one section, after a comment line; empty when there are none. */
    private static String configured(ServiceSpec service, String section) {
        StringBuilder extra = new StringBuilder();
        for (UnitDirectives.Directive d : service.directives()) {
            if (d.section().equals(section)) {
                if (extra.length() == 0) {
                    extra.append("\n# Added by the package's configuration (later settings win):\n");
                }
                extra.append(d).append('\n');
            }
        }
        return extra.toString();
    }

    /** {@code %} starts a specifier in unit files (systemd.unit(5)): a literal one is written {@code %%}. */
    static String specifiers(String text) {
        return text.replace("%", "%%");
    }

    /**
     * A syntax check of a unit file (systemd.syntax(7)) for the author's {@code debian/<pkg>.service}: sections,
     * {@code Key=value} lines, comments, continuation lines; a {@code [Service]} section with {@code ExecStart=}.
     * The full check is {@code systemd-analyze verify}, which needs a Linux host with systemd; this one runs
     * anywhere and catches the mistakes that would make systemd ignore lines or the whole unit.
     *
     * @param source the file name for the error message
     * @throws DebException naming the file, the line and the fix
     */
    public static void check(String text, String source) {
        String section = null;
        boolean service = false;
        boolean execStart = false;
        boolean continued = false;
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            int n = i + 1;
            if (line.indexOf('\r') >= 0) {
                throw error(source, n, "has a CR (CRLF line endings)", "convert the file to LF line endings.");
            }
            String t = line.strip();
            if (continued) {
                continued = t.endsWith("\\");
                continue;
            }
            if (t.isEmpty() || t.startsWith("#") || t.startsWith(";")) {
                continue;
            }
            if (t.startsWith("[")) {
                if (!SECTION.matcher(t).matches()) {
                    throw error(source, n, "'" + t + "' is not a section header", "write it as [Unit], [Service] "
                            + "or [Install].");
                }
                section = t.substring(1, t.length() - 1);
                if (!KNOWN_SECTIONS.contains(section) && !section.startsWith("X-")) {
                    throw error(source, n, "[" + section + "] is not a section of a service unit",
                            "use [Unit], [Service] and [Install] (or an X- prefix for private sections).");
                }
                service |= section.equals("Service");
                continue;
            }
            if (!ASSIGNMENT.matcher(t).matches()) {
                throw error(source, n, "'" + t + "' is neither a Key=value setting, a section header nor a comment",
                        "write settings as Key=value and comments starting with #.");
            }
            if (section == null) {
                throw error(source, n, "the setting comes before any section header",
                        "put it under [Unit], [Service] or [Install].");
            }
            if (section.equals("Service") && t.matches("ExecStart\\s*=\\s*\\S.*")) {
                execStart = true;
            }
            continued = t.endsWith("\\");
        }
        if (!service || !execStart) {
            throw new DebException(Setting.SERVICE_UNIT_FILE, source, "the unit has no [Service] section with an "
                    + "ExecStart= line, so systemd cannot start it.", "add [Service] and ExecStart=/usr/bin/<command>.");
        }
    }

    private static DebException error(String source, int line, String problem, String fix) {
        return new DebException(Setting.SERVICE_UNIT_FILE, source, "line " + line + ": " + problem + ".", fix);
    }
}
