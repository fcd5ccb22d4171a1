package io.github.jpackagedeb.core.service;

import io.github.jpackagedeb.core.DebException;
import io.github.jpackagedeb.core.Setting;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The service archetype: the package runs its application as a systemd service under a system account of its
 * own. Immutable; made by {@link Builder}, which checks every value given. Values left unset take their defaults
 * in {@link #resolve(String, String)}: service and user named after the package, group = user, description =
 * the package synopsis, {@code Restart=on-failure}, data kept on purge.
 */
public final class ServiceSpec {

    /** systemd unit names: letters, digits and {@code :-_.} (no {@code @}: template units are not supported). */
    private static final Pattern UNIT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9:_.-]*");
    private static final Set<String> RESTART = Set.of("no", "on-success", "on-failure", "on-abnormal",
            "on-watchdog", "on-abort", "always");
    private static final Pattern TIME_SPAN = Pattern.compile("[0-9]+(ms|s|min)?");

    private static final Setting FIELD_DIRECTIVES = Setting.SERVICE_UNIT_DIRECTIVES;

    private final String name;
    private final String user;
    private final String group;
    private final String description;
    private final String restart;
    private final String restartSec;
    private final DataOnPurge dataOnPurge;
    private final List<String> unitDirectives;
    private final ProfilingSpec profiling;

    private ServiceSpec(String name, String user, String group, String description, String restart,
                        String restartSec, DataOnPurge dataOnPurge, List<String> unitDirectives,
                        ProfilingSpec profiling) {
        this.name = name;
        this.user = user;
        this.group = group;
        this.description = description;
        this.restart = restart;
        this.restartSec = restartSec;
        this.dataOnPurge = dataOnPurge;
        this.unitDirectives = List.copyOf(unitDirectives);
        this.profiling = profiling;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * This spec with every default filled in for package {@code pkg}, whose synopsis describes the unit.
     *
     * @throws DebException when a default derived from the package name is not valid (a package name with
     *                      {@code .} or {@code +} is no account name): the message says what to set
     */
    public ServiceSpec resolve(String pkg, String synopsis) {
        String n = name != null ? name : pkg;
        if (!UNIT.matcher(n).matches()) {
            throw new DebException(Setting.SERVICE_NAME, null,
                    "the service would be named after the package, but '" + pkg
                    + "' is not a valid systemd unit name (letters, digits and ':', '-', '_', '.').",
                    "set the service name explicitly, e.g. " + pkg.replace('+', '-') + ".");
        }
        String u = user;
        if (u == null) {
            if (!AccountName.isValid(pkg)) {
                String s = AccountName.suggest(pkg);
                throw new DebException(Setting.SERVICE_USER, null,
                        "the service account would be named after the package, "
                        + "but '" + pkg + "' is not a valid system account name (adduser: lower-case letters, "
                        + "digits, '_' and '-', starting with a letter or '_').",
                        "set the service user explicitly" + (s != null ? ", e.g. " + s : "") + ".");
            }
            u = pkg;
        }
        String g = group != null ? group : u;
        String d = description != null ? description : synopsis;
        return new ServiceSpec(n, u, g, d, restart != null ? restart : "on-failure",
                restartSec != null ? restartSec : "5s", dataOnPurge != null ? dataOnPurge : DataOnPurge.KEEP,
                unitDirectives, profiling);
    }

    /** This spec with another profiling setting (e.g. the effective one after debian/ is read). */
    public ServiceSpec withProfiling(ProfilingSpec value) {
        return new ServiceSpec(name, user, group, description, restart, restartSec, dataOnPurge, unitDirectives,
                value);
    }

    /** The unit name without {@code .service}; null until resolved when not given. */
    public String name() {
        return name;
    }

    /** {@code <name>.service}. */
    public String unitFileName() {
        return name + ".service";
    }

    /** The system user the service runs as. */
    public String user() {
        return user;
    }

    public String group() {
        return group;
    }

    /** The unit's {@code Description=}. */
    public String description() {
        return description;
    }

    /** {@code Restart=}: no, on-success, on-failure (default), on-abnormal, on-watchdog, on-abort, always. */
    public String restart() {
        return restart;
    }

    /** {@code RestartSec=}, e.g. {@code 5s}. */
    public String restartSec() {
        return restartSec;
    }

    public DataOnPurge dataOnPurge() {
        return dataOnPurge;
    }

    /**
     * More directives as configured, {@code Key=value} each, added after the generated ones (so they win); in
     * {@code [Service]} unless a line {@code [Unit]}, {@code [Service]} or {@code [Install]} before them says otherwise.
     */
    public List<String> unitDirectives() {
        return unitDirectives;
    }

    /** {@link #unitDirectives()} read into their sections (checked when the spec was built). */
    public List<UnitDirectives.Directive> directives() {
        return UnitDirectives.parse(unitDirectives, FIELD_DIRECTIVES);
    }

    /**
     * The continuous-profiling setting as configured: null when not configured at all (then debian/'s
     * /etc/default file may still build it in, see {@link ProfilingSpec#effective}), else built in or explicitly not.
     */
    public ProfilingSpec profiling() {
        return profiling;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ServiceSpec s && Objects.equals(name, s.name) && Objects.equals(user, s.user)
                && Objects.equals(group, s.group) && Objects.equals(description, s.description)
                && Objects.equals(restart, s.restart) && Objects.equals(restartSec, s.restartSec)
                && dataOnPurge == s.dataOnPurge && unitDirectives.equals(s.unitDirectives)
                && Objects.equals(profiling, s.profiling);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, user, group, description, restart, restartSec, dataOnPurge, unitDirectives,
                profiling);
    }

    @Override
    public String toString() {
        return "ServiceSpec[" + name + ", user " + user + ":" + group + ", Restart=" + restart + ", data on purge: "
                + dataOnPurge + ", " + unitDirectives.size() + " extra directives"
                + (profiling != null && profiling.enabled() ? ", " + profiling : "") + "]";
    }

    /** Collects and checks the values; every one is optional. */
    public static final class Builder {
        private String name;
        private String user;
        private String group;
        private String description;
        private String restart;
        private String restartSec;
        private DataOnPurge dataOnPurge;
        private final List<String> unitDirectives = new ArrayList<>();
        private ProfilingSpec profiling;

        private Builder() {
        }

        /** The unit name (without {@code .service}); default: the package name. */
        public Builder name(String value) {
            this.name = blankToNull(value);
            if (name != null && name.endsWith(".service")) {
                name = name.substring(0, name.length() - ".service".length());
            }
            return this;
        }

        /** The system user; default: the package name. */
        public Builder user(String value) {
            this.user = blankToNull(value);
            return this;
        }

        /** The group; default: the user's name. */
        public Builder group(String value) {
            this.group = blankToNull(value);
            return this;
        }

        /** {@code Description=}; default: the package synopsis. */
        public Builder description(String value) {
            this.description = blankToNull(value);
            return this;
        }

        public Builder restart(String value) {
            this.restart = blankToNull(value);
            return this;
        }

        public Builder restartSec(String value) {
            this.restartSec = blankToNull(value);
            return this;
        }

        public Builder dataOnPurge(DataOnPurge value) {
            this.dataOnPurge = value;
            return this;
        }

        /** One more {@code [Service]} directive, {@code Key=value}. */
        public Builder unitDirective(String value) {
            if (value != null && !value.isBlank()) {
                unitDirectives.add(value.strip());
            }
            return this;
        }

        public Builder unitDirectives(List<String> values) {
            if (values != null) {
                values.forEach(this::unitDirective);
            }
            return this;
        }

        /** Continuous profiling with JDK Flight Recorder (see {@link ProfilingSpec}); null: not configured. */
        public Builder profiling(ProfilingSpec value) {
            this.profiling = value;
            return this;
        }

        public ServiceSpec build() {
            if (name != null && (name.length() > 200 || !UNIT.matcher(name).matches())) {
                throw new DebException(Setting.SERVICE_NAME, name, "not a valid systemd service name: it may hold only "
                        + "letters, digits and ':', '-', '_', '.', starting with a letter or digit (systemd.unit(5); "
                        + "'@' template units are not supported).", "use a name such as my-app.");
            }
            if (user != null) {
                AccountName.validate(Setting.SERVICE_USER, user);
            }
            if (group != null) {
                AccountName.validate(Setting.SERVICE_GROUP, group);
            }
            if (description != null && (description.indexOf('\n') >= 0 || description.indexOf('\r') >= 0)) {
                throw new DebException(Setting.SERVICE_DESCRIPTION, description, "the description spans several lines, "
                        + "but Description= is one line.", "give a one-line description.");
            }
            if (restart != null && !RESTART.contains(restart)) {
                throw new DebException(Setting.SERVICE_RESTART, restart, "not a Restart= value of systemd.service(5).",
                        "use one of no, on-success, on-failure, on-abnormal, on-watchdog, on-abort, always.");
            }
            if (restartSec != null && !TIME_SPAN.matcher(restartSec).matches()) {
                throw new DebException(Setting.SERVICE_RESTART_SEC, restartSec, "not a time span this tool accepts.",
                        "give a number with an optional unit ms, s or min, e.g. 5s.");
            }
            UnitDirectives.checkExecStart(SystemdUnit.TYPE, UnitDirectives.parse(unitDirectives, FIELD_DIRECTIVES),
                    FIELD_DIRECTIVES);
            return new ServiceSpec(name, user, group, description, restart, restartSec, dataOnPurge, unitDirectives,
                    profiling);
        }

        private static String blankToNull(String s) {
            return s == null || s.isBlank() ? null : s.strip();
        }
    }
}
