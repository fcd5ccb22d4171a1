package io.github.jpackagedeb.core.assembly;

import io.github.jpackagedeb.core.debiandir.DebianDir;
import io.github.jpackagedeb.core.DebLog;
import io.github.jpackagedeb.core.Setting;
import io.github.jpackagedeb.core.archive.Content;
import io.github.jpackagedeb.core.archive.DebEntry;
import io.github.jpackagedeb.core.archive.EntryType;
import io.github.jpackagedeb.core.scripts.MaintainerScripts;
import io.github.jpackagedeb.core.scripts.Snippet;
import io.github.jpackagedeb.core.scripts.Snippets;
import io.github.jpackagedeb.core.scripts.UserScript;
import io.github.jpackagedeb.core.DebException;
import io.github.jpackagedeb.core.service.DataOnPurge;
import io.github.jpackagedeb.core.service.ProfilingSpec;
import io.github.jpackagedeb.core.service.ServiceSpec;
import io.github.jpackagedeb.core.service.SystemdUnit;
import io.github.jpackagedeb.core.template.Template;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a package does over its life beyond its application files: the systemd unit and system account of the
 * service archetype, extra files with their owners, the {@code /etc/default} file, and the maintainer scripts
 * that set all this up and take it down again (docs/services.md). Computed once per build by {@link #plan}.
 *
 * @param entries      data.tar entries to add (unit file, extra files)
 * @param scripts      the maintainer scripts by control member name (only those with content)
 * @param depends      Depends entries the scripts need ({@code adduser} when they create the account)
 * @param defaultsFile the content of {@code /etc/default/<pkg>}
 * @param service      the resolved service spec, or null for a plain application
 */
public record Lifecycle(List<DebEntry> entries, Map<String, byte[]> scripts, List<String> depends,
                        String defaultsFile, ServiceSpec service) {

    public Lifecycle {
        entries = List.copyOf(entries);
        scripts = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(scripts));
        depends = List.copyOf(depends);
        Objects.requireNonNull(defaultsFile, "defaultsFile");
    }

    /**
     * Plans the lifecycle of package {@code pkg}.
     *
     * @param service    the service archetype's settings, or null; a unit file in {@code debian/} switches the
     *                   archetype on with the defaults
     * @param extraFiles more files, directories and links
     * @param debian     the author's {@code debian/} overrides
     */
    public static Lifecycle plan(String pkg, String synopsis, Layout layout, ServiceSpec service,
                                 List<ExtraFile> extraFiles, DebianDir debian, DebLog log) {
        return plan(pkg, synopsis, layout, service, extraFiles, debian, List.of(), log);
    }

    /**
     * As {@link #plan(String, String, Layout, ServiceSpec, List, DebianDir, DebLog)}, with the snippets of the
     * application itself (class-data sharing): they run after the account, directories and extra files are set up
     * and before the service starts, so that it starts with what they make.
     */
    public static Lifecycle plan(String pkg, String synopsis, Layout layout, ServiceSpec service,
                                 List<ExtraFile> extraFiles, DebianDir debian, List<Snippet> appSnippets,
                                 DebLog log) {
        return plan(pkg, synopsis, layout, service, extraFiles, debian, appSnippets, false, log);
    }

    /**
     * As {@link #plan(String, String, Layout, ServiceSpec, List, DebianDir, List, DebLog)}; {@code bundledRuntime}:
     * the package bundles a runtime, so the lean JFR settings can be derived from it (the caller ships
     * {@link io.github.jpackagedeb.core.service.LeanJfc#path(String)}); without one, {@code lean} means JFR's
     * {@code default}.
     */
    public static Lifecycle plan(String pkg, String synopsis, Layout layout, ServiceSpec service,
                                 List<ExtraFile> extraFiles, DebianDir debian, List<Snippet> appSnippets,
                                 boolean bundledRuntime, DebLog log) {
        List<DebEntry> entries = new ArrayList<>();
        List<Snippet> snippets = new ArrayList<>();
        List<String> depends = new ArrayList<>();
        ServiceSpec resolved = null;
        if (service == null && debian.unitFile().isPresent()) {
            service = ServiceSpec.builder().build();
        }
        ProfilingSpec profiling = profiling(service, debian);
        if (profiling.settingsIsLean() && !bundledRuntime) {
            profiling = profiling.toBuilder().settings("default").build();
        }
        if (service != null) {
            resolved = service.resolve(pkg, synopsis).withProfiling(profiling);
            String unit;
            if (debian.unitFile().isPresent()) {
                UserScript u = debian.unitFile().get();
                SystemdUnit.check(u.text(), u.source());
                unit = u.text();
            } else {
                unit = SystemdUnit.render(resolved, pkg, layout.command());
            }
            if (unit.matches("(?s).*\\nMemoryDenyWriteExecute\\s*=\\s*(yes|true|on|1)\\s*\\n.*")) {
                log.warn("the unit of " + pkg + " sets MemoryDenyWriteExecute=yes: the JVM's JIT compiler needs "
                        + "writable and executable memory, so the service will crash unless it runs with -Xint.");
            }
            entries.add(DebEntry.file(Layout.rel(SystemdUnit.path(resolved)),
                    Content.of(unit.getBytes(StandardCharsets.UTF_8), "systemd unit " + resolved.unitFileName())));
            String state = SystemdUnit.stateDir(pkg);
            String logs = SystemdUnit.logsDir(pkg);
            snippets.add(Snippets.systemUser(pkg, resolved.user(), resolved.group(), state));
            List<String> dirs = new ArrayList<>(List.of(state, logs));
            if (profiling.enabled()) {
                dirs.add(ProfilingSpec.directory(pkg)); // after its parent: postinst-dirs creates them in order
                checkSettingsFile(profiling, extraFiles);
            }
            snippets.add(Snippets.directories(resolved.user(), resolved.group(), dirs));
            depends.add("adduser");
            addExtraFiles(extraFiles, entries, snippets);
            snippets.add(Snippets.purgeLogs(logs));
            snippets.add(Snippets.purgeDataDir(pkg, state, resolved.dataOnPurge() == DataOnPurge.DELETE));
            if (profiling.enabled()) {
                // added after the data directory's snippet, so it runs before it (postrm runs them in reverse)
                snippets.add(Snippets.purgeProfiles(ProfilingSpec.directory(pkg)));
            }
            snippets.addAll(appSnippets);
            snippets.addAll(Snippets.systemd(resolved.unitFileName()));
        } else {
            addExtraFiles(extraFiles, entries, snippets);
            snippets.addAll(appSnippets);
        }
        String defaults;
        if (debian.defaultFile().isPresent()) {
            defaults = debian.defaultFile().get().text();
            if (profiling.enabled() && !defaults.matches("(?s).*(^|\n)\s*#?\s*PROFILING=.*")) {
                log.warn(debian.defaultFile().get().source() + " replaces /etc/default/" + pkg + " and does not "
                        + "mention PROFILING: administrators will not see the profiling switch. Add these lines:\n"
                        + profilingDefaults(pkg, resolved, profiling));
            }
        } else if (resolved != null) {
            defaults = Template.load("default-service.env").render(Map.of("PACKAGE", pkg,
                    "UNIT", resolved.unitFileName(), "LAUNCHER", layout.command()));
            if (profiling.enabled()) {
                defaults += profilingDefaults(pkg, resolved, profiling);
            }
        } else {
            defaults = Template.load("default.env").render(Map.of("PACKAGE", pkg, "LAUNCHER", layout.command()));
        }
        Map<String, byte[]> scripts = MaintainerScripts.assemble(pkg, snippets, debian.scripts());
        return new Lifecycle(entries, scripts, depends, defaults, resolved);
    }

    /**
     * The effective profiling of a package: what the service configures, overridden by the PROFILING lines of the
     * {@code /etc/default} file in debian/ ({@link ProfilingSpec#effective}). Front ends call it before they build the
     * runtime, which needs {@value ProfilingSpec#MODULE} when profiling is built in.
     *
     * @param service the configured service, or null (then debian/ must not set PROFILING)
     * @return {@link ProfilingSpec#OFF} when profiling is not built in
     */
    public static ProfilingSpec profiling(ServiceSpec service, DebianDir debian) {
        String file = debian.defaultFile().map(UserScript::text).orElse(null);
        String source = debian.defaultFile().map(UserScript::source).orElse(null);
        if (service == null && debian.unitFile().isEmpty()) {
            if (file != null && !ProfilingSpec.effective(null, file, source).equals(ProfilingSpec.OFF)) {
                throw new DebException(Setting.SERVICE_PROFILING, source,
                        source + " sets PROFILING, but the package is "
                        + "not a service: profiling records the service that systemd runs.",
                        "configure the service (<service> in the plugin, or debian/<pkg>.service), or remove the "
                                + "PROFILING lines.");
            }
            return ProfilingSpec.OFF;
        }
        return ProfilingSpec.effective(service == null ? null : service.profiling(), file, source);
    }

    /** The documented profiling variables appended to the generated /etc/default file. */
    public static String profilingDefaults(String pkg, ServiceSpec service, ProfilingSpec p) {
        long mb = (p.capBytes() + 1024 * 1024 - 1) / (1024 * 1024);
        return Template.load("default-profiling.env").render(Map.of("PROFILES", ProfilingSpec.directory(pkg),
                "USER", service.user(), "UNIT", service.unitFileName(), "SWITCH", p.switchValue(),
                "MAXSIZE", p.maxSize(), "MAXAGE", p.maxAge(), "KEEP", Integer.toString(p.keep()),
                "SETTINGS", p.jfrSettings(pkg), "CAP", mb + " MB"));
    }

    /** A .jfc settings file must be one the package installs. */
    private static void checkSettingsFile(ProfilingSpec p, List<ExtraFile> extraFiles) {
        if (!p.settingsIsFile()) {
            return;
        }
        for (ExtraFile f : extraFiles) {
            if (f.type() != ExtraFile.Type.DIR && f.type() != ExtraFile.Type.SYMLINK
                    && p.settings().equals(f.destination())) {
                return;
            }
        }
        throw new DebException(Setting.SERVICE_PROFILING_SETTINGS, p.settings(),
                "the package does not install this .jfc "
                + "file, so the JVM would not find it on the host.", "ship it as an extra file with this destination "
                + "(e.g. <extraFile><src>src/deb/profiling.jfc</src><dst>" + p.settings() + "</dst></extraFile>), or "
                + "use default or profile.");
    }

    private static void addExtraFiles(List<ExtraFile> extraFiles, List<DebEntry> entries, List<Snippet> snippets) {
        for (ExtraFile f : extraFiles) {
            String path = f.entryPath();
            switch (f.type()) {
                case DIR:
                    entries.add(DebEntry.directory(path));
                    break;
                case SYMLINK:
                    entries.add(DebEntry.symlink(path, f.linkTarget()));
                    break;
                default:
                    entries.add(new DebEntry(path, EntryType.FILE, f.archiveMode(), Content.of(f.source()), null,
                            path.startsWith("etc/")));
                    break;
            }
            if (f.needsPostinst()) {
                snippets.add(Snippets.owner(f.destination(), f.effectiveOwner(), f.effectiveGroup(),
                        f.installedMode()));
            }
        }
    }
}
