package io.github.jpackagedeb.core.build;

import io.github.jpackagedeb.core.DebLog;
import io.github.jpackagedeb.core.archive.Content;
import io.github.jpackagedeb.core.archive.DebEntry;
import io.github.jpackagedeb.core.archive.EntryType;
import io.github.jpackagedeb.core.scripts.MaintainerScripts;
import io.github.jpackagedeb.core.scripts.Snippet;
import io.github.jpackagedeb.core.scripts.Snippets;
import io.github.jpackagedeb.core.scripts.UserScript;
import io.github.jpackagedeb.core.service.DataOnPurge;
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
 * that set all this up and take it down again (DESIGN.md section 5). Computed once per build by {@link #plan}.
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
        List<DebEntry> entries = new ArrayList<>();
        List<Snippet> snippets = new ArrayList<>();
        List<String> depends = new ArrayList<>();
        ServiceSpec resolved = null;
        if (service == null && debian.unitFile().isPresent()) {
            service = ServiceSpec.builder().build();
        }
        if (service != null) {
            resolved = service.resolve(pkg, synopsis);
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
            snippets.add(Snippets.directories(resolved.user(), resolved.group(), List.of(state, logs)));
            depends.add("adduser");
            addExtraFiles(extraFiles, entries, snippets);
            snippets.add(Snippets.purgeLogs(logs));
            snippets.add(Snippets.purgeDataDir(pkg, state, resolved.dataOnPurge() == DataOnPurge.DELETE));
            snippets.addAll(Snippets.systemd(resolved.unitFileName()));
        } else {
            addExtraFiles(extraFiles, entries, snippets);
        }
        String defaults;
        if (debian.defaultFile().isPresent()) {
            defaults = debian.defaultFile().get().text();
        } else if (resolved != null) {
            defaults = Template.load("default-service.env").render(Map.of("PACKAGE", pkg,
                    "UNIT", resolved.unitFileName(), "LAUNCHER", layout.command()));
        } else {
            defaults = Template.load("default.env").render(Map.of("PACKAGE", pkg, "LAUNCHER", layout.command()));
        }
        Map<String, byte[]> scripts = MaintainerScripts.assemble(pkg, snippets, debian.scripts());
        return new Lifecycle(entries, scripts, depends, defaults, resolved);
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
