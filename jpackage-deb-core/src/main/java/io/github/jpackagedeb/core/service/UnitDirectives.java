package io.github.jpackagedeb.core.service;

import io.github.jpackagedeb.core.DebException;
import io.github.jpackagedeb.core.EditDistance;
import io.github.jpackagedeb.core.Setting;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A typed model of the directives a service unit may hold, to refuse at build time what systemd would refuse or
 * ignore when the package is installed: the keys of {@code [Unit]}, {@code [Service]} and {@code [Install]} that
 * systemd 252 (Debian 12) knows, each with the value type its parser declares (the resource
 * {@code systemd-252-keys.txt}, from {@code systemd --dump-configuration-items}), and the rule of systemd.service(5)
 * that only a {@code Type=oneshot} service may have more than one {@code ExecStart=}.
 *
 * <p>Value types checked: booleans (systemd's parse_boolean), time spans (systemd.time(7)), unsigned numbers,
 * resource limits, paths, signals and the enumerations {@code Type=}, {@code Restart=}, {@code KillMode=}. Values of
 * other types are not checked here; {@code systemd-analyze verify} checks the whole unit in the integration tests.
 * An empty value ({@code Key=}) resets a setting in systemd.syntax(7) and is always accepted.
 */
public final class UnitDirectives {

    /** The sections of a service unit (systemd.unit(5), systemd.service(5)). */
    public static final List<String> SECTIONS = List.of("Unit", "Service", "Install");

    private static final Map<String, Map<String, String>> KEYS = load();
    private static final Pattern KEY = Pattern.compile("[A-Za-z][A-Za-z0-9]*");
    private static final Set<String> BOOLEAN = Set.of("1", "yes", "y", "true", "t", "on", "0", "no", "n", "false",
            "f", "off");
    /** One component of a systemd.time(7) time span: a number (decimals allowed) and an optional unit. */
    private static final Pattern TIME_SPAN = Pattern.compile("(\\s*[0-9]+(\\.[0-9]+)?\\s*(usec|us|µs|μs|msec|ms"
            + "|seconds|second|sec|s|minutes|minute|min|m|hours|hour|hr|h|days|day|d|weeks|week|w|months|month|M"
            + "|years|year|y)?)+\\s*");
    private static final Pattern LIMIT_VALUE = Pattern.compile("infinity|[0-9]+(\\.[0-9]+)?([A-Za-z]*|%)");
    private static final Pattern SIGNAL = Pattern.compile("(SIG)?[A-Z][A-Z0-9+-]*|[0-9]+");
    private static final Map<String, List<String>> ENUMS = Map.of(
            "SERVICETYPE", List.of("simple", "exec", "forking", "oneshot", "dbus", "notify", "idle"),
            "SERVICERESTART", List.of("no", "on-success", "on-failure", "on-abnormal", "on-watchdog", "on-abort",
                    "always"),
            "KILLMODE", List.of("control-group", "process", "mixed", "none"));

    private UnitDirectives() {
    }

    /** One directive: the section it goes to, its key and its value. */
    public record Directive(String section, String key, String value) {
        @Override
        public String toString() {
            return key + "=" + value;
        }
    }

    /**
     * Reads configured directives: {@code Key=value} lines, in {@code [Service]} unless a line {@code [Unit]},
     * {@code [Service]} or {@code [Install]} before them names another section; checks each key and value.
     *
     * @param field the configuration element, for the errors
     * @throws DebException naming the directive, what systemd would do with it and the fix
     */
    public static List<Directive> parse(List<String> lines, Setting field) {
        List<Directive> out = new ArrayList<>();
        String section = "Service";
        for (String raw : lines) {
            String line = raw.strip();
            if (line.startsWith("[") && line.endsWith("]")) {
                String s = line.substring(1, line.length() - 1).strip();
                if (!SECTIONS.contains(s)) {
                    throw new DebException(field, raw, "[" + s + "] is not a section of a service unit: systemd "
                            + "would ignore the directives under it (systemd.unit(5)).",
                            "use [Unit], [Service] or [Install]" + suggestion(s, SECTIONS) + ".");
                }
                section = s;
                continue;
            }
            int eq = line.indexOf('=');
            String key = eq < 0 ? line : line.substring(0, eq).strip();
            if (eq < 0 || !KEY.matcher(key).matches() || line.indexOf('\n') >= 0 || line.indexOf('\r') >= 0) {
                throw new DebException(field, raw, "not a unit directive: a directive is one line Key=value "
                        + "(systemd.syntax(7)), or a section name such as [Unit] for the lines after it.",
                        "write it as e.g. LimitNOFILE=65536.");
            }
            Directive d = new Directive(section, key, line.substring(eq + 1).strip());
            check(d, field, raw);
            out.add(d);
        }
        return Collections.unmodifiableList(out);
    }

    /** Checks that the key is one of its section and that the value has the key's type. */
    static void check(Directive d, Setting field, String raw) {
        Map<String, String> keys = KEYS.get(d.section());
        String type = type(d.section(), d.key());
        if (type == null) {
            String elsewhere = null;
            for (String s : SECTIONS) {
                if (!s.equals(d.section()) && KEYS.get(s).containsKey(d.key())) {
                    elsewhere = s;
                }
            }
            if (elsewhere != null) {
                throw new DebException(field, raw, d.key() + "= belongs in [" + elsewhere + "], not in ["
                        + d.section() + "]: systemd would ignore it there.",
                        "put a line [" + elsewhere + "] before it (the lines after such a line go to that section).");
            }
            throw new DebException(field, raw, d.key() + "= is not a key of the [" + d.section() + "] section "
                    + "(systemd 252, Debian 12): systemd would ignore it with a warning.",
                    "check the spelling" + suggestion(d.key(), keys.keySet()) + "; see systemd.directives(7).");
        }
        String v = d.value();
        if (v.isEmpty()) {
            return; // an empty assignment resets the setting (systemd.syntax(7))
        }
        String problem = switch (type) {
            case "BOOLEAN" -> BOOLEAN.contains(v.toLowerCase(Locale.ROOT)) ? null
                    : "not a boolean; systemd takes yes/no, true/false, on/off or 1/0";
            case "SECONDS", "NANOSECONDS" -> v.equals("infinity") || TIME_SPAN.matcher(v).matches() ? null
                    : "not a time span (systemd.time(7)): a number with an optional unit such as 500ms, 5s, 1min 30s,"
                    + " or infinity";
            case "UNSIGNED" -> v.matches("[0-9]+") ? null : "not an unsigned number";
            case "NICE" -> range(v, -20, 19) ? null : "not a nice level from -20 to 19";
            case "OOMSCOREADJUST" -> range(v, -1000, 1000) ? null : "not a number from -1000 to 1000";
            case "INTEGER", "LONG" -> v.matches("-?[0-9]+") ? null : "not a number";
            case "LIMIT" -> limit(v) ? null : "not a resource limit (systemd.exec(5)): a number with an optional "
                    + "unit, or infinity, or soft:hard";
            case "PATH", "FILE" -> path(v) ? null : "not an absolute path (it may start with - to be optional)";
            case "SIGNAL" -> SIGNAL.matcher(v).matches() ? null : "not a signal name or number, e.g. SIGTERM";
            case "PATH [ARGUMENT [...]]" -> null;
            default -> {
                List<String> allowed = ENUMS.get(type);
                yield allowed == null || allowed.contains(v) ? null
                        : "not one of " + String.join(", ", allowed);
            }
        };
        if (problem != null) {
            throw new DebException(field, raw, d.key() + "=" + v + ": " + problem + "; systemd would ignore the "
                    + "setting.", "give " + d.key() + "= a valid value (systemd.directives(7) names the manual page).");
        }
    }

    /**
     * The rule of systemd.service(5) on the command lines of a service whose generated lines come first and the
     * configured ones after: an empty {@code ExecStart=} clears the list; in the end there must be exactly one
     * {@code ExecStart=}, or any number for {@code Type=oneshot}. Else systemd refuses to load the unit ("Service has
     * more than one ExecStart= setting, which is only allowed for Type=oneshot services. Refusing.") while
     * {@code dpkg -i} succeeds.
     *
     * @param generatedType  the {@code Type=} of the generated unit
     * @param configured     the configured directives, in order
     * @throws DebException naming the extra {@code ExecStart=} directive
     */
    public static void checkExecStart(String generatedType, List<Directive> configured, Setting field) {
        String type = generatedType;
        int count = 1; // the generated ExecStart=
        Directive extra = null;
        for (Directive d : configured) {
            if (!d.section().equals("Service")) {
                continue;
            }
            if (d.key().equals("Type")) {
                type = d.value().isEmpty() ? "simple" : d.value();
            } else if (d.key().equals("ExecStart")) {
                if (d.value().isEmpty()) {
                    count = 0;
                    extra = null;
                } else {
                    count++;
                    if (count > 1 && extra == null) {
                        extra = d;
                    }
                }
            }
        }
        if (count > 1 && !type.equals("oneshot")) {
            throw new DebException(field, extra.toString(), "the unit already has an ExecStart= line, and a "
                    + "service of Type=" + type + " may have only one: systemd would refuse to load it (\"Service has "
                    + "more than one ExecStart= setting\"), and the installed service would never start.",
                    "to pass program arguments, use <arguments> (the launcher passes them, also to the service); to "
                            + "replace the command, put an empty ExecStart= directive before this one.");
        }
        if (count == 0) {
            throw new DebException(field, "ExecStart=", "the empty ExecStart= clears the unit's command and no "
                    + "ExecStart= follows: systemd would refuse to load the unit (\"Service lacks both ExecStart= "
                    + "and ExecStop= setting\").", "add ExecStart=<command> after it, or remove it.");
        }
    }

    /**
     * The key's type: systemd's, made precise where its parser declares OTHER for a key this model can check (the
     * time spans {@code TimeoutStopSec=} and others named *Sec, and {@code WorkingDirectory=}); null when unknown.
     */
    private static String type(String section, String key) {
        String t = KEYS.get(section).get(key);
        if ("OTHER".equals(t) && key.endsWith("Sec")) {
            return "SECONDS";
        }
        if ("OTHER".equals(t) && key.equals("WorkingDirectory")) {
            return "PATH";
        }
        return t;
    }

    private static boolean range(String v, int min, int max) {
        if (!v.matches("-?[0-9]{1,5}")) {
            return false;
        }
        int n = Integer.parseInt(v);
        return n >= min && n <= max;
    }

    private static boolean limit(String v) {
        String[] parts = v.split(":", -1);
        if (parts.length > 2) {
            return false;
        }
        for (String p : parts) {
            if (!LIMIT_VALUE.matcher(p).matches() && !TIME_SPAN.matcher(p).matches()) {
                return false;
            }
        }
        return true;
    }

    private static boolean path(String v) {
        String p = v.replaceFirst("^[-+!@:]+", "");
        return p.startsWith("/") || p.startsWith("%") || p.equals("~") || p.startsWith("~/");
    }

    /** ", e.g. X" with the known name closest to {@code name}, when one is close (at most 2 edits). */
    private static String suggestion(String name, java.util.Collection<String> known) {
        String best = null;
        int bestDistance = 3;
        for (String k : known) {
            int d = EditDistance.of(name.toLowerCase(Locale.ROOT), k.toLowerCase(Locale.ROOT));
            if (d < bestDistance) {
                best = k;
                bestDistance = d;
            }
        }
        return best == null ? "" : " (did you mean " + best + "?)";
    }

    /** Whether {@code key} is a key of {@code section} (systemd 252). */
    public static boolean isKnown(String section, String key) {
        Map<String, String> keys = KEYS.get(section);
        return keys != null && keys.containsKey(key);
    }

    private static Map<String, Map<String, String>> load() {
        Map<String, Map<String, String>> m = new LinkedHashMap<>();
        SECTIONS.forEach(s -> m.put(s, new LinkedHashMap<>()));
        try (InputStream in = UnitDirectives.class.getResourceAsStream("systemd-252-keys.txt")) {
            if (in == null) {
                throw new IllegalStateException("systemd-252-keys.txt is missing from the classpath");
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line; (line = r.readLine()) != null; ) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split(" ", 3);
                m.get(f[0]).put(f[1], f[2]);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, Map<String, String>> out = new LinkedHashMap<>();
        m.forEach((k, v) -> out.put(k, Collections.unmodifiableMap(v)));
        return Collections.unmodifiableMap(out);
    }
}
