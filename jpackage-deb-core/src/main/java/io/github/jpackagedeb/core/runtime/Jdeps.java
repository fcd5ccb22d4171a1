package io.github.jpackagedeb.core.runtime;

import io.github.jpackagedeb.core.DebException;
import io.github.jpackagedeb.core.DebLog;
import io.github.jpackagedeb.core.Setting;
import io.github.jpackagedeb.core.Step;
import io.github.jpackagedeb.core.app.Jar;

import org.apache.commons.codec.digest.DigestUtils;

import java.io.IOException;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipFile;

/**
 * Finds the JDK modules an application needs, as {@code jdeps --print-module-deps --ignore-missing-deps
 * --multi-release <N>} over every jar of the class path would (the application jar and its closure, all as roots, so
 * that a library that is only reached through a service loader, as logback is through slf4j, still counts), but cached
 * per jar: each jar's JDK modules are kept in the cache under the jar's content hash, so a build after a change to one
 * jar runs jdeps over that jar only, and an unchanged build runs none.
 *
 * <p>The jars missing from the cache are read by one {@code jdeps -s} (summary) run, which prints every root
 * archive's module dependences; the union of all jars' modules is then reduced as {@code --print-module-deps} reduces
 * it (a module that another one of the set reads through {@code requires transitive} is left out), with the module
 * descriptors of the JDK jdeps ran on. The result is the same set, in the same canonical form, as the run over all
 * jars, so the runtime cache key does not change.
 *
 * <p>A modular jar's analysis depends on the other modular jars: jdeps resolves its {@code requires} among them. Its
 * cache key therefore also holds the hashes of every modular jar of the application, and when one of them is missing
 * from the cache all of them are analysed together, so that jdeps resolves them as the run over all jars would. When
 * jdeps cannot resolve one (its requires are provided by no jar), that jar is demoted to the class path, where what it
 * contributes depends on which other jars use it: for such an application (the cache records it per set of modular
 * jars) jdeps runs over all jars at once, as before, with the result cached under the hashes of all jars.
 *
 * <p>jdeps runs in this JVM (through {@link java.util.spi.ToolProvider}) when the target JDK is the running one; as
 * the target's {@code bin/jdeps} when the target runs here; and, for a target this machine cannot run (another CPU),
 * in this JVM again when it has the same feature release (the module graph does not depend on the CPU).
 */
final class Jdeps {

    private static final Pattern MODULE_LIST = Pattern.compile("[A-Za-z_][\\w.]*(,[A-Za-z_][\\w.]*)*");
    private static final Pattern UNRESOLVED = Pattern.compile(
            "Module ([A-Za-z_][\\w.]*) not found, required by ([A-Za-z_][\\w.]*)");
    private static final Pattern MODULE_MENTION = Pattern.compile(
            "(?:[Mm]odule|required by|requires) ([A-Za-z_][\\w.]*)");

    private Jdeps() {
    }

    private static final Pattern SUMMARY_LINE = Pattern.compile("^\\s*(\\S+) -> (\\S+).*$");

    /**
     * The result: the modules, whether they all came from the cache, how jdeps ran, and the jars it read (empty when
     * every jar's modules were cached).
     */
    record Result(SortedSet<String> modules, boolean fromCache, String how, List<Jar> analysed) {
    }

    /** One jar of the application: its content hash and, for a modular jar, its module name. */
    private record Item(Jar jar, String hash, String module) {
    }

    static Result modules(List<Jar> jars, Jdk target, RuntimeCache cache, DebLog log) {
        Runner runner = runner(target);
        int release = target.feature();
        Map<String, Set<String>> graph;
        try {
            graph = jdkGraph(runner);
        } catch (IOException | RuntimeException e) {
            log.debug("jdeps: cannot read the module descriptors of " + runner.jdk().home() + " (" + e
                    + "); jdeps reads all jars at once");
            return wholeApp(jars, runner, release, cache, log, null);
        }
        List<Item> items = new ArrayList<>();
        for (Jar j : jars) {
            items.add(new Item(j, hash(j, cache), explicitModule(j.file())));
        }
        String modularSet = modularSet(items);
        boolean anyModular = items.stream().anyMatch(i -> i.module() != null);
        // whether jdeps resolves every modular jar as a module, or demotes some to the class path (then the modules
        // depend on which other jars use the demoted one: jdeps reads all jars at once, as before)
        String envKey = envKey(modularSet, runner, release);
        var env = anyModular ? cache.readText("jdeps", envKey) : java.util.Optional.of(RESOLVED);
        if (env.isPresent() && !env.get().strip().equals(RESOLVED.strip())) {
            return wholeApp(jars, runner, release, cache, log, null);
        }
        Map<Item, SortedSet<String>> found = new LinkedHashMap<>();
        List<Item> missing = new ArrayList<>();
        for (Item i : items) {
            var cached = env.isEmpty() && i.module() != null ? java.util.Optional.<String>empty()
                    : cache.readText("jdeps", jarKey(i, modularSet, runner, release));
            if (cached.isPresent()) {
                found.put(i, parse(cached.get().strip()));
            } else {
                missing.add(i);
            }
        }
        if (missing.stream().anyMatch(i -> i.module() != null)) {
            // jdeps resolves modular jars among those it is given: all of them, or none
            for (Item i : items) {
                if (i.module() != null && !missing.contains(i)) {
                    missing.add(i);
                    found.remove(i);
                }
            }
        }
        int fromCache = items.size() - missing.size();
        if (missing.isEmpty()) {
            SortedSet<String> modules = reduce(union(found.values()), graph);
            log.debug("jdeps: the modules of all " + jars.size() + " jars came from the cache: " + String.join(",",
                    modules));
            return new Result(modules, true, "cache", List.of());
        }
        String how;
        SortedSet<String> modules;
        try (Step step = Step.start(log, "jdeps", "finding the JDK modules that " + missing.size() + " jars use"
                + (fromCache > 0 ? " (" + fromCache + " more from the cache)" : ""))) {
            Analysis a = analyse(missing, jars, runner, release, graph.keySet());
            if (a.unresolved() != null) {
                cache.writeText("jdeps", envKey, "demoted " + a.unresolved() + "\n");
                return wholeApp(jars, runner, release, cache, log, step);
            }
            if (a.unmatched() != null) {
                log.debug("jdeps: " + a.unmatched() + "; reading all jars at once");
                return wholeApp(jars, runner, release, cache, log, step);
            }
            if (anyModular) {
                cache.writeText("jdeps", envKey, RESOLVED);
            }
            how = a.inProcess() ? "in-process" : runner.description;
            for (Item i : missing) {
                SortedSet<String> m = a.modules().getOrDefault(i, new TreeSet<>());
                found.put(i, m);
                cache.writeText("jdeps", jarKey(i, modularSet, runner, release), String.join(",", m) + "\n");
            }
            modules = reduce(union(found.values()), graph);
            step.done("found the modules " + String.join(",", modules) + " in " + jars.size() + " jars ("
                    + missing.size() + " analysed " + how + ", " + fromCache + " from the cache; now cached)");
        }
        return new Result(modules, false, how, missing.stream().map(Item::jar).toList());
    }

    /** The cache entry of a set of modular jars that jdeps resolves as modules, all of them. */
    private static final String RESOLVED = "resolved\n";

    /**
     * What one jdeps run found: each analysed jar's JDK modules (not reduced), or the module that jdeps cannot
     * resolve (a modular jar whose requires no jar provides), or why the output could not be matched to the jars.
     */
    private record Analysis(Map<Item, SortedSet<String>> modules, boolean inProcess, String unresolved,
                            String unmatched) {
    }

    /**
     * Runs {@code jdeps -s} over the given jars, all as roots, and returns each jar's JDK modules. When they hold the
     * modular jars, jdeps resolves them as the run over all jars does; when one of them cannot be resolved, the
     * answer says so (the run over all jars then demotes it to the class path).
     */
    private static Analysis analyse(List<Item> items, List<Jar> all, Runner runner, int release,
                                    Set<String> jdkModules) {
        Path tmp = null;
        try {
            List<String> args = new ArrayList<>(List.of("-s", "--ignore-missing-deps",
                    "--multi-release", Integer.toString(release)));
            Map<String, Item> byName = new HashMap<>();
            int n = 0;
            for (Item i : items) {
                Path file = i.jar().file();
                String name = i.module() != null ? i.module() : file.getFileName().toString();
                if (i.module() == null && byName.containsKey(name)) {
                    // two jars of one name: jdeps names archives by file name, so one is read through a link
                    tmp = tmp != null ? tmp : Files.createTempDirectory("jpackage-deb-jdeps-");
                    name = (n++) + "-" + name;
                    file = Files.createSymbolicLink(tmp.resolve(name), file.toAbsolutePath());
                }
                byName.put(name, i);
                args.add(file.toString());
            }
            ToolRun run;
            try {
                run = runner.run(args);
            } catch (IOException e) {
                throw new DebException(Setting.JDEPS, runner.description, "cannot run jdeps: " + e.getMessage(),
                        "check the JDK, or list the modules yourself so jdeps is not needed.", e);
            }
            if (!run.ok()) {
                Matcher m = UNRESOLVED.matcher(run.output());
                if (m.find() && items.stream().anyMatch(i -> m.group(2).equals(i.module()))) {
                    return new Analysis(Map.of(), run.inProcess(), m.group(2), null);
                }
                throw failure(run, all);
            }
            Map<Item, SortedSet<String>> result = new HashMap<>();
            for (Item i : items) {
                result.put(i, new TreeSet<>());
            }
            Set<String> unknown = new TreeSet<>();
            for (String line : run.output().split("\\R")) {
                Matcher m = SUMMARY_LINE.matcher(line);
                if (!m.matches()) {
                    continue;
                }
                if (!byName.containsKey(m.group(1))) {
                    unknown.add(m.group(1));
                } else if (jdkModules.contains(m.group(2))) {
                    result.get(byName.get(m.group(1))).add(m.group(2));
                }
            }
            if (!unknown.isEmpty()) {
                // jdeps named an archive otherwise than expected (a module-info only it sees): no answer per jar
                return new Analysis(Map.of(), run.inProcess(), null, "jdeps named the archives " + unknown);
            }
            return new Analysis(result, run.inProcess(), null, null);
        } catch (IOException e) {
            throw new DebException(Setting.JDEPS, String.valueOf(tmp),
                    "cannot prepare the jars for jdeps: " + e.getMessage(),
                    "check the temporary directory (java.io.tmpdir) and its free space.", e);
        } finally {
            if (tmp != null) {
                try {
                    org.apache.commons.io.file.PathUtils.delete(tmp);
                } catch (IOException ignored) {
                    // a temporary directory
                }
            }
        }
    }

    private static SortedSet<String> union(java.util.Collection<SortedSet<String>> sets) {
        SortedSet<String> all = new TreeSet<>();
        sets.forEach(all::addAll);
        return all;
    }

    /**
     * The transitive reduction {@code --print-module-deps} applies: a module is left out when another module of the
     * set reads it through a chain of {@code requires transitive}. An empty set is java.base (what jdeps prints for an
     * application that needs nothing more).
     */
    static SortedSet<String> reduce(SortedSet<String> modules, Map<String, Set<String>> requiresTransitive) {
        SortedSet<String> reduced = new TreeSet<>(modules);
        for (String n : modules) {
            Deque<String> todo = new ArrayDeque<>(requiresTransitive.getOrDefault(n, Set.of()));
            Set<String> seen = new HashSet<>();
            while (!todo.isEmpty()) {
                String m = todo.pop();
                if (seen.add(m)) {
                    if (!m.equals(n)) {
                        reduced.remove(m);
                    }
                    todo.addAll(requiresTransitive.getOrDefault(m, Set.of()));
                }
            }
        }
        if (reduced.isEmpty()) {
            reduced.add("java.base");
        }
        return reduced;
    }

    /** The JDK's modules that jdeps resolves against, each with the modules it requires transitively. */
    private static Map<String, Set<String>> jdkGraph(Runner runner) throws IOException {
        Map<String, Set<String>> graph = new TreeMap<>();
        if (runner.inProcess()) {
            for (ModuleReference r : ModuleFinder.ofSystem().findAll()) {
                add(graph, r.descriptor());
            }
            return graph;
        }
        try (FileSystem jrt = FileSystems.newFileSystem(URI.create("jrt:/"),
                Map.of("java.home", runner.jdk().home().toString()));
             DirectoryStream<Path> dirs = Files.newDirectoryStream(jrt.getPath("/modules"))) {
            for (Path dir : dirs) {
                Path info = dir.resolve("module-info.class");
                if (Files.isRegularFile(info)) {
                    byte[] b = Files.readAllBytes(info);
                    // a newer JDK's class file version; the module-info format itself has not changed since Java 9
                    int major = ((b[6] & 0xff) << 8) | (b[7] & 0xff);
                    int latest = 44 + Runtime.version().feature();
                    if (major > latest) {
                        b[4] = 0;
                        b[5] = 0;
                        b[6] = (byte) (latest >> 8);
                        b[7] = (byte) latest;
                    }
                    add(graph, ModuleDescriptor.read(ByteBuffer.wrap(b)));
                }
            }
        }
        if (graph.isEmpty()) {
            throw new IOException("no modules in " + runner.jdk().home());
        }
        return graph;
    }

    private static void add(Map<String, Set<String>> graph, ModuleDescriptor d) {
        Set<String> t = new TreeSet<>();
        for (ModuleDescriptor.Requires r : d.requires()) {
            if (r.modifiers().contains(ModuleDescriptor.Requires.Modifier.TRANSITIVE)) {
                t.add(r.name());
            }
        }
        graph.put(d.name(), t);
    }

    /** The hashes of every modular jar: they decide how jdeps resolves (or demotes) each modular jar. */
    private static String modularSet(List<Item> items) {
        List<String> hashes = new ArrayList<>();
        for (Item i : items) {
            if (i.module() != null) {
                hashes.add(i.hash());
            }
        }
        hashes.sort(null);
        MessageDigest md = DigestUtils.getSha256Digest();
        for (String h : hashes) {
            md.update((h + "\n").getBytes(StandardCharsets.UTF_8));
        }
        return HexFormat.of().formatHex(md.digest());
    }

    /** The key of what jdeps makes of a set of modular jars: all resolved as modules, or some demoted. */
    private static String envKey(String modularSet, Runner runner, int release) {
        MessageDigest md = DigestUtils.getSha256Digest();
        md.update(("jdeps-modular-jars 1\n" + runner.identity + "\nmulti-release " + release + "\nmodular "
                + modularSet + "\n").getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(md.digest());
    }

    /** One jar's cache key: its content, the jdeps that reads it, the release, and (modular) the modular jars. */
    private static String jarKey(Item i, String modularSet, Runner runner, int release) {
        MessageDigest md = DigestUtils.getSha256Digest();
        md.update(("jdeps-jar 1\n" + runner.identity + "\nmulti-release " + release + "\njar " + i.hash()
                + "\nmodular " + (i.module() != null ? modularSet : "-") + "\n").getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(md.digest());
    }

    private static String hash(Jar j, RuntimeCache cache) {
        try {
            return StatDigests.sha256(j.file(), cache == null ? null : cache.digests());
        } catch (IOException e) {
            throw new DebException(Setting.JAR, j.origin(), "cannot read " + j.file() + ": " + e.getMessage(),
                    "check the file and its permissions.", e);
        }
    }

    /**
     * The fallback when the JDK's module descriptors cannot be read: {@code jdeps --print-module-deps} over all jars
     * at once, cached under one key made of every jar's hash.
     */
    private static Result wholeApp(List<Jar> jars, Runner runner, int release, RuntimeCache cache, DebLog log,
                                   Step open) {
        String key = key(jars, runner, release);
        var cached = cache.readText("jdeps", key);
        if (cached.isPresent()) {
            if (open != null) {
                open.done("found the modules " + cached.get().strip() + " of the " + jars.size() + " jars in the cache");
            }
            return new Result(parse(cached.get().strip()), true, "cache", List.of());
        }
        List<Jar> roots = new ArrayList<>(jars);
        List<Jar> classPathOnly = new ArrayList<>();
        ToolRun run;
        String modules;
        try (Step step = open != null ? open
                : Step.start(log, "jdeps", "finding the JDK modules that " + jars.size() + " jars use")) {
        while (true) {
            List<String> args = new ArrayList<>(List.of("--print-module-deps", "--ignore-missing-deps",
                    "--multi-release", Integer.toString(release)));
            if (!classPathOnly.isEmpty()) {
                args.add("--class-path");
                args.add(String.join(java.io.File.pathSeparator,
                        classPathOnly.stream().map(j -> j.file().toString()).toList()));
            }
            for (Jar j : roots) {
                args.add(j.file().toString());
            }
            try {
                run = runner.run(args);
            } catch (IOException e) {
                throw new DebException(Setting.JDEPS, runner.description, "cannot run jdeps: " + e.getMessage(),
                        "check the JDK, or list the modules yourself so jdeps is not needed.", e);
            }
            modules = lastModuleLine(run.output());
            if (run.ok() && modules != null) {
                break;
            }
            // A modular jar whose module-info requires a module that is not among the jars: jdeps cannot resolve it
            // as a module, but the launcher puts every jar on the class path, where module-info does not count. Such
            // a jar is analysed from the class path instead (only what the other jars use of it).
            Matcher m = UNRESOLVED.matcher(run.output());
            Jar demote = null;
            if (m.find()) {
                for (Jar j : roots) {
                    if (m.group(2).equals(moduleName(j.file()))) {
                        demote = j;
                    }
                }
            }
            if (demote == null || roots.size() == 1) {
                throw failure(run, jars);
            }
            roots.remove(demote);
            classPathOnly.add(demote);
            log.warn("jdeps cannot resolve the module " + m.group(2) + " of " + demote.origin() + ": it requires the module "
                    + m.group(1) + ", which no dependency provides. It runs from the class path, where that does not"
                    + " matter, so jdeps reads it from the class path instead: only the JDK modules the other jars use"
                    + " through it are found. If the application then misses a JDK module at run time, add it with"
                    + " addModules.");
        }
        step.done("found the modules " + modules + " in " + jars.size() + " jars ("
                + (run.inProcess() ? "in-process" : runner.description) + ", now cached)");
        }
        cache.writeText("jdeps", key, modules + "\n");
        return new Result(parse(modules), false, run.inProcess() ? "in-process" : runner.description, jars);
    }

    private static SortedSet<String> parse(String list) {
        SortedSet<String> s = new TreeSet<>();
        for (String m : list.split(",")) {
            if (!m.isBlank()) {
                s.add(m.strip());
            }
        }
        return s;
    }

    /** jdeps prints warnings first and the module list last; an app that needs nothing prints an empty line. */
    private static String lastModuleLine(String output) {
        String[] lines = output.split("\\R");
        for (int i = lines.length - 1; i >= 0; i--) {
            String l = lines[i].strip();
            if (l.isEmpty()) {
                continue;
            }
            return MODULE_LIST.matcher(l).matches() ? l : null;
        }
        return "java.base";
    }

    /** A jdeps failure, naming the jar at fault when the message allows it. */
    private static DebException failure(ToolRun run, List<Jar> jars) {
        String message = firstMessage(run.output());
        Jar culprit = culprit(run.output(), message, jars);
        String value = culprit != null ? culprit.origin() : jars.size() + " jars";
        String where = culprit != null ? "on " + culprit.file().getFileName() + " (" + culprit.origin() + ")"
                : "on the application's " + jars.size() + " jars";
        String fix;
        if (message.contains("ZipException") || message.contains("zip") || message.contains("CEN")) {
            fix = "the jar is damaged: delete it from the local repository so it is downloaded again, or rebuild it.";
        } else if (message.contains("FindException") || message.contains("not found")) {
            fix = "add the jar of the missing module to the runtime dependencies, or list the runtime's modules yourself"
                    + " (modules) so jdeps is not run.";
        } else {
            fix = "fix the jar, or list the runtime's modules yourself (modules) so jdeps is not run.";
        }
        return new DebException(Setting.JDEPS, value,
                "jdeps failed " + where + " (exit " + run.exit() + "): " + message,
                fix);
    }

    /** The most telling line of jdeps's output: an exception message or an Error: line. */
    private static String firstMessage(String output) {
        for (String l : output.split("\\R")) {
            String s = l.strip();
            if (s.startsWith("Error:") || s.matches("^(Exception in thread \"[^\"]*\" )?[\\w.$]+(Exception|Error): .*")) {
                return s.replaceFirst("^Exception in thread \"[^\"]*\" ", "");
            }
        }
        String all = output.strip();
        return all.isEmpty() ? "(no output)" : all.lines().findFirst().orElse(all);
    }

    private static Jar culprit(String output, String message, List<Jar> jars) {
        // "Module b not found, required by a": the jar of the module that requires the missing one
        Matcher m = Pattern.compile("required by ([A-Za-z_][\\w.]*)").matcher(message);
        List<String> names = new ArrayList<>();
        if (m.find()) {
            names.add(m.group(1));
        }
        Matcher any = MODULE_MENTION.matcher(message);
        while (any.find()) {
            names.add(any.group(1));
        }
        for (String name : names) {
            for (Jar j : jars) {
                if (name.equals(moduleName(j.file()))) {
                    return j;
                }
            }
        }
        for (Jar j : jars) {
            if (message.contains(j.file().getFileName().toString())) {
                return j;
            }
        }
        for (Jar j : jars) {
            try (ZipFile z = new ZipFile(j.file().toFile())) {
                z.size();
            } catch (IOException e) {
                return j;
            }
        }
        for (Jar j : jars) {
            if (output.contains("Error: " ) && output.contains(j.file().getFileName().toString())) {
                return j;
            }
        }
        return null;
    }

    private static String moduleName(Path jar) {
        try {
            for (ModuleReference r : ModuleFinder.of(jar).findAll()) {
                return r.descriptor().name();
            }
        } catch (RuntimeException e) {
            return null;
        }
        return null;
    }

    /** The name of a jar's module when it has a module-info (as jdeps reads it: a module, not a class-path jar). */
    private static String explicitModule(Path jar) {
        try {
            for (ModuleReference r : ModuleFinder.of(jar).findAll()) {
                return r.descriptor().isAutomatic() ? null : r.descriptor().name();
            }
        } catch (RuntimeException e) {
            return null;
        }
        return null;
    }

    private static String key(List<Jar> jars, Runner runner, int release) {
        List<String> hashes = new ArrayList<>();
        for (Jar j : jars) {
            try {
                hashes.add(RuntimeCache.sha256(j.file()));
            } catch (IOException e) {
                throw new DebException(Setting.JAR, j.origin(), "cannot read " + j.file() + ": " + e.getMessage(),
                        "check the file and its permissions.", e);
            }
        }
        hashes.sort(null);
        MessageDigest md = DigestUtils.getSha256Digest();
        md.update(("jdeps 1\n" + runner.identity + "\nmulti-release " + release + "\n").getBytes(StandardCharsets.UTF_8));
        for (String h : hashes) {
            md.update((h + "\n").getBytes(StandardCharsets.UTF_8));
        }
        return HexFormat.of().formatHex(md.digest());
    }

    /** How jdeps runs for a target. */
    private record Runner(Jdk jdk, boolean inProcess, String description, String identity) {
        ToolRun run(List<String> args) throws IOException {
            if (inProcess) {
                var r = ToolRun.inProcess("jdeps", args);
                if (r.isPresent()) {
                    return r.get();
                }
            }
            Path exe = jdk.tool("jdeps");
            if (exe == null) {
                throw new IOException(jdk.home() + " has no bin/jdeps");
            }
            return ToolRun.process(exe, args);
        }
    }

    private static Runner runner(Jdk target) {
        if (target.isCurrent()) {
            return new Runner(target, true, "in-process", target.identity());
        }
        if (target.runsHere() && target.tool("jdeps") != null) {
            return new Runner(target, false, target.tool("jdeps").toString(), target.identity());
        }
        Jdk current = Jdk.current();
        if (current.feature() == target.feature()) {
            return new Runner(current, true, "in-process", current.identity());
        }
        throw new DebException(Setting.JDK_HOME, target.home().toString(), "jdeps cannot run for this Java "
                + target.feature() + " " + target.platform() + " runtime: the JDK cannot run on this " + Platform.host()
                + " machine, and the build runs on Java " + current.feature() + ".",
                "run the build on a Java " + target.feature() + " JDK, or list the runtime's modules yourself (modules)"
                        + " so jdeps is not needed.");
    }
}
