package io.github.jpackagedeb.core.runtime;

import io.github.jpackagedeb.core.DebException;
import io.github.jpackagedeb.core.DebLog;
import io.github.jpackagedeb.core.Setting;
import io.github.jpackagedeb.core.Step;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Links one runtime image and makes it fit for a package:
 * <ol>
 * <li>{@code jlink --strip-java-debug-attributes --no-header-files --no-man-pages} (not {@code --strip-debug}:
 * Debian's jlink strips native debug symbols with objcopy, which a machine with only a JDK lacks and which cannot
 * read another CPU's ELF files), the compression and options asked for;</li>
 * <li>native files stripped with {@code strip --remove-section=.comment --remove-section=.note --strip-unneeded},
 * as dh_strip does (the host's strip for the host's CPU, else
 * {@code <triplet>-strip} when installed; a warning when there is none: the build goes on);</li>
 * <li>a CDS archive ({@code lib/server/classes.jsa}) dumped by the new runtime itself under controlled conditions
 * (see {@link #dumpCds}): jlink's {@code --generate-cds-archive} writes different bytes on every run; a runtime
 * built for another CPU gets none;</li>
 * <li>modes: read-only files (jlink writes {@code legal/} 0444) become 0644, executables 0755 (done by the cache's
 * manifest, Debian Policy 10.9).</li>
 * </ol>
 */
final class Jlink {

    private Jlink() {
    }

    /** The JDK whose jlink links for {@code target}; checks that it can. */
    static Jdk tool(Jdk target, Jdk toolJdk) {
        if (!target.hasJmods() && target.feature() < 24) {
            // linking from the run-time image (JEP 493) exists from Java 24 on, and only in JDKs built for it
            throw new DebException(Setting.JDK_HOME, target.home().toString(), "this Java " + target.feature()
                    + " JDK has no jmods/ directory, and jlink before Java 24 can only link from jmods.",
                    "install the JDK's jmods (Debian: openjdk-" + target.feature() + "-jdk-headless; Ubuntu: openjdk-"
                            + target.feature() + "-jmods), or use a JDK that has them.");
        }
        if (target.runsHere() && target.tool("jlink") != null) {
            return target;
        }
        Jdk tool = toolJdk != null ? toolJdk : Jdk.current();
        if (!target.hasJmods()) {
            throw new DebException(Setting.JDK_HOME, target.home().toString(), "this " + target.platform()
                    + " JDK cannot run on this " + Platform.host() + " machine and has no jmods/ directory, so no jlink"
                    + " here can link a runtime from it.",
                    "use a JDK with jmods/ for the target (e.g. Debian's openjdk-" + target.feature()
                            + "-jdk-headless for that architecture, unpacked with dpkg-deb -x).");
        }
        checkSameRelease(target, tool);
        if (tool.tool("jlink") == null) {
            throw new DebException(Setting.JDK_HOME, tool.home().toString(), "this JDK has no bin/jlink to link the "
                    + target.platform() + " runtime with.", "run the build on a full JDK (not a JRE).");
        }
        return tool;
    }

    /** jlink links only jmods of its own feature release; say so before jlink does, and how to fix it. */
    static void checkSameRelease(Jdk target, Jdk tool) {
        if (tool.version().feature() != target.version().feature()
                || tool.version().interim() != target.version().interim()) {
            throw new DebException(Setting.JDK_HOME, target.home().toString(), "the jmods are Java " + target.version()
                    + " but the jlink that would link them is Java " + tool.version() + " (" + tool.home()
                    + "); jlink only links jmods of its own release.",
                    "build with a Java " + target.feature() + " JDK (run Maven on it, or set it as the tool JDK),"
                            + " or use jmods of Java " + tool.feature() + ".");
        }
    }

    /**
     * The options of jlink's own JVM.
     * <ul>
     * <li>The client compiler only: half the CPU (hello-cli's 6 modules from Debian's 17.0.15: 7.3 -> 3.1 user-s;
     * Temurin 25, linking from its run-time image: 5.9 -> 3.3), because the server compiler costs more than it earns in
     * one short run. The image is byte-identical (diff -r on both JDKs).</li>
     * <li>G1, always: jlink's {@code lib/modules} depends on its JVM's collector (Serial GC gives other bytes, the same
     * from run to run), and the JVM picks Serial GC by itself on a machine of one CPU or less than 1792 MB. Pinned, a
     * one-CPU machine links the bytes a larger one does (checked with -XX:ActiveProcessorCount=1 and 8).</li>
     * </ul>
     * Both give the bytes of a default jlink on a machine of two CPUs or more (RuntimeBuilderTest checks it), so the
     * runtime cache key does not change.
     */
    static final List<String> JLINK_JVM = List.of("-J-XX:TieredStopAtLevel=1", "-J-XX:+UseG1GC");

    /**
     * Links {@code modules} from {@code target} into {@code out} (which must not exist) and post-processes it.
     *
     * @return metadata for the cache manifest: modules, platform, JDK, stripping, CDS (no libraries yet)
     */
    static RuntimeMetadata link(Jdk target, Jdk tool, Collection<String> modules, RuntimeSpec spec, Path out,
                                    DebLog log) throws IOException {
        boolean cross = tool != target;
        List<String> args = new ArrayList<>();
        // jlink's own JVM (see JLINK_JVM)
        args.addAll(JLINK_JVM);
        if (target.hasJmods()) {
            args.add("--module-path");
            args.add(target.jmods().toString());
        }
        args.add("--add-modules");
        args.add(String.join(",", modules));
        // not --strip-debug: Debian's jlink then runs objcopy (binutils), which a machine with only a JDK lacks
        // ("Cannot run program objcopy"), and which cannot read another CPU's ELF files. Debian's and Temurin's
        // native libraries carry no debug sections (their debug info is split out), so --strip-debug removes no
        // more than this: the same bytes (checked on Debian's 17.0.x); strip() below handles the native symbols.
        args.add("--strip-java-debug-attributes");
        args.add("--no-header-files");
        args.add("--no-man-pages");
        if (spec.compression() != null) {
            args.add("--compress=" + spec.compression());
        }
        args.addAll(spec.jlinkOptions());
        args.add("--output");
        args.add(out.toString());
        Step step = Step.start(log, "jlink", "linking " + modules.size() + " modules from " + target);
        ToolRun run;
        try (step) {
            run = ToolRun.process(tool.tool("jlink"), args);
        }
        if (!run.ok()) {
            throw new DebException(Setting.JLINK, String.join(",", modules), "jlink failed (exit " + run.exit() + "): "
                    + run.tail(6) + "\n  command: " + run.commandLine(),
                    "check the modules and jlink options; jlink's message above says which one it rejects.");
        }
        if (!run.output().isBlank()) {
            log.debug("jlink said: " + run.output().strip());
        }
        step.done("linked " + modules.size() + " modules (" + String.join(",", modules) + ") from " + target
                + (cross ? " with the jlink of " + tool.home() : ""));
        makeWritable(out);
        boolean stripped = spec.stripNative() && strip(out, target.platform(), log);
        boolean cds = spec.cds() && dumpCds(out, target, log);
        return new RuntimeMetadata(List.copyOf(modules), target.platform(), target.platform().debianArch(),
                target.implementor() + " " + target.runtimeVersion(), stripped, cds, List.of(), List.of(), List.of());
    }

    /** jlink writes legal/ 0444; the cache (and strip) need to write and delete. */
    private static void makeWritable(Path image) throws IOException {
        Files.walkFileTree(image, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                if (attrs.isRegularFile()) {
                    boolean exec = Files.isExecutable(file);
                    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(exec ? "rwxr-xr-x" : "rw-r--r--"));
                }
                return FileVisitResult.CONTINUE;
            }
        });
    }

    /** The ELF files of an image, relative path → parsed. */
    static Map<Path, ElfFile> elfFiles(Path image) throws IOException {
        Map<Path, ElfFile> elf = new LinkedHashMap<>();
        List<Path> files;
        try (var s = Files.walk(image)) {
            files = s.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)).sorted().toList();
        }
        for (Path p : files) {
            if (ElfFile.isElf(p)) {
                elf.put(p, ElfFile.read(p));
            }
        }
        return elf;
    }

    /** Strips the native files; false when they could not be stripped (a warning says why). */
    private static boolean strip(Path image, Platform platform, DebLog log) throws IOException {
        Map<Path, ElfFile> elf = elfFiles(image);
        if (elf.isEmpty()) {
            return true;
        }
        Optional<Path> strip = stripTool(platform);
        if (strip.isEmpty()) {
            String triplet = platform.gnuTriplet();
            log.warn("The runtime's " + elf.size() + " native files (" + platform + ") are left unstripped: "
                    + (platform.sameAs(Platform.host()) ? "there is no 'strip' on the PATH (apt-get install binutils)"
                    : "there is no " + (triplet == null ? "strip for " + platform.arch() : triplet + "-strip")
                    + " on the PATH (apt-get install binutils-" + (triplet == null ? platform.arch() : triplet) + ")")
                    + ". The package works, it is only larger.");
            return false;
        }
        List<String> cmd = stripCommand(strip.get(), elf.keySet());
        ToolRun run;
        try (Step step = Step.start(log, "strip", "stripping " + elf.size() + " native files")) {
            run = ToolRun.process(cmd, null);
            if (run.ok()) {
                step.done("stripped " + elf.size() + " native files with " + strip.get());
            }
        }
        if (!run.ok()) {
            failIfOutOfSpace(image, "strip failed (exit " + run.exit() + "): " + run.tail(2));
            log.warn("strip failed on the runtime (exit " + run.exit() + "): " + run.tail(3)
                    + "; the native files stay unstripped.");
            return false;
        }
        return true;
    }

    /** The strip command for these files: as dh_strip does for Debian's own packages. */
    static List<String> stripCommand(Path tool, Collection<Path> files) {
        List<String> cmd = new ArrayList<>(List.of(tool.toString(), "--remove-section=.comment",
                "--remove-section=.note", "--strip-unneeded"));
        for (Path p : files) {
            cmd.add(p.toString());
        }
        return cmd;
    }

    static Optional<Path> stripTool(Platform platform) {
        String triplet = platform.gnuTriplet();
        if (triplet != null) {
            Optional<Path> cross = onPath(triplet + "-strip");
            if (cross.isPresent()) {
                return cross;
            }
        }
        return platform.sameAs(Platform.host()) ? onPath("strip") : Optional.empty();
    }

    static Optional<Path> onPath(String name) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(java.io.File.pathSeparator)) {
            if (!dir.isEmpty()) {
                Path p = Path.of(dir, name);
                if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                    return Optional.of(p);
                }
            }
        }
        return Optional.empty();
    }

    /**
     * Dumps the default CDS archive with the new runtime; false when the runtime cannot run here or the dump
     * fails (a note or warning says so; the runtime then starts without CDS).
     *
     * <p>JDK 17's dump is not deterministic as such: the archive holds native addresses (they change with address
     * space layout randomisation) and lays classes out in the order they were loaded, which the scheduling of the
     * JVM's own threads changes. So the dump runs with ASLR off ({@code setarch -R}), on one CPU ({@code taskset}),
     * with real-time FIFO scheduling ({@code chrt -f 1}: no time slicing between the JVM's threads, so they always
     * interleave the same way), interpreted only, with Serial GC, a fixed heap, an empty environment and {@code /} as
     * working directory. Then it is byte-identical from run to run, whatever the machine's load or the image's path
     * (measured; {@code RuntimePackageTest} checks it). FIFO scheduling needs CAP_SYS_NICE (root); without it the dump
     * runs with normal scheduling, which usually but not always gives the same bytes, and a warning says so.
     */
    private static boolean dumpCds(Path image, Jdk target, DebLog log) throws IOException {
        Path java = image.resolve("bin/java");
        if (!target.runsHere() || !Files.isExecutable(java)) {
            log.info("No CDS archive in the runtime: a " + target.platform() + " JVM cannot run on this "
                    + Platform.host() + " machine to dump one.");
            return false;
        }
        List<String> pinned = new ArrayList<>();
        Optional<Path> setarch = onPath("setarch");
        Optional<Path> taskset = onPath("taskset");
        String machine = setarch.isPresent() ? unameMachine() : null;
        if (machine != null) {
            pinned.addAll(List.of(setarch.get().toString(), machine, "-R"));
        }
        if (taskset.isPresent()) {
            pinned.addAll(List.of(taskset.get().toString(), "-c", firstAllowedCpu()));
        }
        pinned.addAll(List.of(java.toString(), "-XX:+UseSerialGC", "-Xmx128m", "-Xint", "-Xshare:dump"));
        try (Step step = Step.start(log, "CDS", "dumping the runtime's class-data sharing archive")) {
            boolean ok = dumpCdsPinned(image, pinned, machine != null && taskset.isPresent(), log);
            if (ok) {
                step.done("dumped lib/server/classes.jsa (" + Files.size(image.resolve("lib/server/classes.jsa"))
                        / (1024 * 1024) + " MB)");
            }
            return ok;
        }
    }

    private static boolean dumpCdsPinned(Path image, List<String> pinned, boolean pinnable, DebLog log)
            throws IOException {
        Optional<Path> chrt = onPath("chrt");
        ToolRun run = null;
        boolean fifo = false;
        if (chrt.isPresent()) {
            List<String> cmd = new ArrayList<>(List.of(chrt.get().toString(), "-f", "1"));
            cmd.addAll(pinned);
            run = ToolRun.process(cmd, Path.of("/"), true);
            fifo = run.ok();
            if (!fifo) {
                log.debug("chrt -f 1 failed (" + run.tail(1) + "); dumping CDS with normal scheduling");
            }
        }
        if (!fifo) {
            if (!pinnable || chrt.isEmpty()) {
                log.warn("setarch, taskset or chrt (util-linux) is missing: the runtime's CDS archive may differ from"
                        + " one build to the next, so the package may not be reproducible. Install util-linux, or"
                        + " turn CDS off.");
            } else {
                log.warn("No real-time scheduling for the CDS dump (chrt -f needs CAP_SYS_NICE, e.g. root): the"
                        + " runtime's CDS archive usually, but not always, has the same bytes in every build. For a"
                        + " reproducible package, build as root or turn CDS off.");
            }
            run = ToolRun.process(pinned, Path.of("/"), true);
        }
        Path jsa = image.resolve("lib/server/classes.jsa");
        if (!run.ok() || !Files.isRegularFile(jsa)) {
            Files.deleteIfExists(jsa);
            failIfOutOfSpace(image, "the CDS dump failed (exit " + run.exit() + "): " + run.tail(2));
            log.warn("Could not dump a CDS archive into the runtime (exit " + run.exit() + "): " + run.tail(3)
                    + "; it starts a little slower without one.");
            Files.deleteIfExists(jsa);
            return false;
        }
        Files.setPosixFilePermissions(jsa, PosixFilePermissions.fromString("rw-r--r--"));
        return true;
    }

    /** Below this much free space, a failed strip or CDS dump is taken for a full disk, not a tool problem. */
    static final long LOW_SPACE = 64L << 20;

    /**
     * A strip or CDS dump that failed on a (nearly) full file system must fail the build: the runtime would otherwise
     * be cached unstripped or without its CDS archive, and every later package would differ from a clean build's.
     */
    private static void failIfOutOfSpace(Path image, String what) throws IOException {
        long usable = Files.getFileStore(image).getUsableSpace();
        if (what.contains("No space left on device") || usable < LOW_SPACE) {
            throw new IOException("No space left on device: " + what + ", with " + usable / (1024 * 1024)
                    + " MiB free in " + image);
        }
    }

    private static String unameMachine() {
        try {
            ToolRun r = ToolRun.process(List.of("uname", "-m"), null);
            String m = r.output().strip();
            return r.ok() && m.matches("[A-Za-z0-9_]+") ? m : null;
        } catch (IOException e) {
            return null;
        }
    }

    /** The first CPU this process may run on ({@code Cpus_allowed_list} of /proc/self/status), else 0. */
    private static String firstAllowedCpu() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("Cpus_allowed_list:")) {
                    String list = line.substring(line.indexOf(':') + 1).strip();
                    java.util.regex.Matcher m = java.util.regex.Pattern.compile("^[0-9]+").matcher(list);
                    if (m.find()) {
                        return m.group();
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux, or no /proc: CPU 0
        }
        return "0";
    }
}
