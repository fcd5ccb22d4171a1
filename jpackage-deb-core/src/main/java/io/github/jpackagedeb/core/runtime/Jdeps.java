package io.github.jpackagedeb.core.runtime;

import io.github.jpackagedeb.core.DebException;
import io.github.jpackagedeb.core.DebLog;
import io.github.jpackagedeb.core.Step;
import io.github.jpackagedeb.core.build.Jar;

import org.apache.commons.codec.digest.DigestUtils;

import java.io.IOException;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipFile;

/**
 * Finds the JDK modules an application needs with {@code jdeps --print-module-deps --ignore-missing-deps
 * --multi-release <N>} over every jar of the class path (the application jar and its closure, all as roots, so that a
 * library that is only reached through a service loader, as logback is through slf4j, still counts). The result is
 * cached under a key made of the jars' content hashes, so a warm build does not run jdeps.
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

    /** The result: the modules and whether they came from the cache. */
    record Result(SortedSet<String> modules, boolean fromCache, String how) {
    }

    static Result modules(List<Jar> jars, Jdk target, RuntimeCache cache, DebLog log) {
        Runner runner = runner(target);
        int release = target.feature();
        String key = key(jars, runner, release);
        var cached = cache.readText("jdeps", key);
        if (cached.isPresent()) {
            return new Result(parse(cached.get().strip()), true, "cache");
        }
        List<Jar> roots = new ArrayList<>(jars);
        List<Jar> classPathOnly = new ArrayList<>();
        ToolRun run;
        String modules;
        try (Step step = Step.start(log, "jdeps", "finding the JDK modules that " + jars.size() + " jars use")) {
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
                throw new DebException("jdeps", runner.description, "cannot run jdeps: " + e.getMessage(),
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
        return new Result(parse(modules), false, run.inProcess() ? "in-process" : runner.description);
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
        return new DebException("jdeps", value, "jdeps failed " + where + " (exit " + run.exit() + "): " + message,
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

    private static String key(List<Jar> jars, Runner runner, int release) {
        List<String> hashes = new ArrayList<>();
        for (Jar j : jars) {
            try {
                hashes.add(RuntimeCache.sha256(j.file()));
            } catch (IOException e) {
                throw new DebException("jar", j.origin(), "cannot read " + j.file() + ": " + e.getMessage(),
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
        throw new DebException("jdkHome", target.home().toString(), "jdeps cannot run for this Java "
                + target.feature() + " " + target.platform() + " runtime: the JDK cannot run on this " + Platform.host()
                + " machine, and the build runs on Java " + current.feature() + ".",
                "run the build on a Java " + target.feature() + " JDK, or list the runtime's modules yourself (modules)"
                        + " so jdeps is not needed.");
    }
}
