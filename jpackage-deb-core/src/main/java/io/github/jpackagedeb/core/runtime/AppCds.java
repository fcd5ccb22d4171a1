package io.github.jpackagedeb.core.runtime;

import io.github.jpackagedeb.core.DebException;
import io.github.jpackagedeb.core.DebLog;
import io.github.jpackagedeb.core.Setting;
import io.github.jpackagedeb.core.Step;
import io.github.jpackagedeb.core.app.AppSpec;
import io.github.jpackagedeb.core.app.Jar;

import org.apache.commons.io.file.PathUtils;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The build-time half of application class-data sharing ({@link AppCdsSpec}): a training run of the application with
 * the bundled runtime writes the list of classes it loads ({@code -XX:DumpLoadedClassList}), which is made
 * deterministic here and shipped; postinst dumps the archive from it on the target machine (an archive made at build
 * time would hold the jars' paths, sizes and modification times as the build saw them, and native addresses).
 *
 * <p>What JDK 17's {@code DumpLoadedClassList} writes, and what is kept:
 * <ul>
 * <li>{@code #} comment lines: replaced by one header of our own;</li>
 * <li>one line per class loaded by the boot, platform or application loader ({@code java/lang/Object}); newer JDKs
 * append {@code id: N}, a load-order number that changes from run to run: it is dropped (an id is optional for
 * these loaders). Names of classes generated at run time ({@code jdk/proxy1/$Proxy3}, {@code com/sun/proxy/$Proxy0},
 * hidden classes with {@code +0x}, names with {@code $$} from byte-code generators) are dropped: they are numbered in
 * load order and cannot be loaded from a jar anyway;</li>
 * <li>lines of classes from other loaders ({@code super:}/{@code source:}, which refer to ids) are dropped;</li>
 * <li>{@code @lambda-proxy} and {@code @lambda-form-invoker} lines (lambdas and method-handle forms to pre-generate)
 * are kept; other {@code @} lines (of later JDKs) are dropped.</li>
 * </ul>
 * The JVM's own threads load some classes at moments that vary, so the order of the list does too; the set does not
 * (measured: 8 training runs of examples/hello-cli, one sorted set). So each kind is sorted and de-duplicated: classes,
 * then lambda proxies, then method-handle forms. {@code -Xshare:dump} accepts a list in that order (tested).
 */
public final class AppCds {

    /** The first line of the shipped class list. */
    static final String HEADER = "# Class list for -XX:SharedClassListFile, written by jpackage-deb from a training run"
            + " (-XX:DumpLoadedClassList).\n";

    private static final Pattern GENERATED = Pattern.compile(".*(\\$\\$|\\+0x|/\\$Proxy[0-9]+$|\\$Proxy[0-9]+$).*");
    private static final Pattern CLASS_NAME = Pattern.compile("[^\\s@#]+");

    private AppCds() {
    }

    /**
     * Runs the training run and returns the class list to ship, or empty when the runtime cannot run on this machine
     * (a package for another CPU: a warning says the package goes without app CDS).
     *
     * @throws DebException when the application exits non-zero or is still running after the timeout
     */
    public static Optional<byte[]> train(AppCdsSpec spec, RuntimeImage runtime, List<Jar> classPath, String mainClass,
                                         DebLog log) {
        return train(spec, runtime, classPath, mainClass, null, log);
    }

    /** {@link #train(AppCdsSpec, RuntimeImage, AppSpec, String, Path, DebLog)} for a class path of jars. */
    public static Optional<byte[]> train(AppCdsSpec spec, RuntimeImage runtime, List<Jar> classPath, String mainClass,
                                         Path cache, DebLog log) {
        return train(spec, runtime, AppSpec.builder().mainJar(classPath.get(0))
                .dependencies(classPath.subList(1, classPath.size())).build(), mainClass, cache, log);
    }

    /**
     * Trains as the launcher starts the application ({@code -cp} and the main class, or {@code -jar} for one that
     * {@linkplain AppSpec#runsAsJar() runs as a jar}), reusing the class list of an earlier run with the same runtime,
     * the same files (jars by content, in order, and the other files of an application tree), main class and training
     * arguments from {@code cache} (null: none), as a rebuild with unchanged code needs no new training run.
     */
    public static Optional<byte[]> train(AppCdsSpec spec, RuntimeImage runtime, AppSpec app, String mainClass,
                                         Path cache, DebLog log) {
        Path cached = null;
        if (cache != null && runtime.platform().sameAs(Platform.host())) {
            StatDigests.trim(cache.resolve("sha256"));
            String key = null;
            try {
                key = key(spec, runtime, app, mainClass, cache.resolve("sha256"));
            } catch (IOException | RuntimeException e) {
                log.debug("no AppCDS class-list key: " + e);
            }
            if (key != null) {
                awaitAhead(key, log); // outside the catch below: a failed run ahead is this build's failure
                try {
                    cached = cache.resolve(key + ".lst");
                    remember(cache, spec, app, mainClass, runtime, log);
                    if (Files.isRegularFile(cached)) {
                        byte[] list = Files.readAllBytes(cached);
                        log.info("Application class-data sharing: the class list of an earlier training run with the"
                                + " same runtime, jars and arguments (" + list.length + " bytes, " + cached.getParent()
                                + ")");
                        return Optional.of(list);
                    }
                } catch (IOException | RuntimeException e) {
                    log.debug("no cached AppCDS class list: " + e);
                    cached = null;
                }
            }
        }
        Optional<byte[]> list = run(spec, runtime, app, mainClass, log);
        if (cached != null && list.isPresent()) {
            store(cached, list.get(), log);
        }
        return list;
    }

    private static void store(Path cached, byte[] list, DebLog log) {
        try {
            Files.createDirectories(cached.getParent());
            Path tmp = Files.createTempFile(cached.getParent(), "classes", ".tmp");
            Files.write(tmp, list);
            Files.move(tmp, cached, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | RuntimeException e) {
            log.debug("cannot cache the AppCDS class list in " + cached + ": " + e);
        }
    }

    /** A training run started by {@link #trainAhead}: its thread, and its end. */
    private record Ahead(Thread thread, java.util.concurrent.CompletableFuture<Void> done) {
    }

    /** Training runs started by {@link #trainAhead}, by class-list key, until they end. */
    private static final java.util.concurrent.ConcurrentHashMap<String, Ahead> AHEAD =
            new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * Starts, in the background, the training run that this application's next {@link #train} most likely needs, so
     * that it runs while the caller works out the runtime (jdeps): with the runtime image its last build trained with
     * (remembered in {@code cache/last/}), the same jars, main class and arguments. The class list it writes into
     * {@code cache} is the one {@link #train} would write (the same key, the same run), and {@link #train} with that
     * key waits for it instead of starting another; when the runtime turns out to be another one, that run was wasted
     * work and nothing else. Does nothing without a remembered runtime (a first build), when the class list is
     * already cached, or when anything goes wrong: {@link #train} then does what it always did, and reports.
     */
    public static void trainAhead(AppCdsSpec spec, AppSpec app, String mainClass, Path cache, DebLog log) {
        if (spec == null || cache == null) {
            return;
        }
        try {
            Path hint = cache.resolve("last").resolve(appId(spec, app, mainClass) + ".properties");
            if (!Files.isRegularFile(hint)) {
                return;
            }
            java.util.Properties p = new java.util.Properties();
            try (var in = Files.newBufferedReader(hint, StandardCharsets.UTF_8)) {
                p.load(in);
            }
            Path image = Path.of(p.getProperty("image"));
            Platform platform = new Platform(p.getProperty("os"), p.getProperty("arch"));
            if (!platform.sameAs(Platform.host()) || !Files.isExecutable(image.resolve("bin/java"))) {
                return;
            }
            RuntimeImage guess = new RuntimeImage(image, List.of(), new TreeSet<>(List.of(
                    p.getProperty("modules").split(","))), platform, "", List.of(), List.of(), "", false, true,
                    "last build");
            String key = key(spec, guess, app, mainClass, cache.resolve("sha256"));
            Path cached = cache.resolve(key + ".lst");
            if (Files.isRegularFile(cached)) {
                return;
            }
            java.util.concurrent.CompletableFuture<Void> done = new java.util.concurrent.CompletableFuture<>();
            Thread t = new Thread(() -> {
                try {
                    run(spec, guess, app, mainClass, log).ifPresent(list -> store(cached, list, log));
                    AHEAD.remove(key);
                    done.complete(null);
                } catch (RuntimeException e) {
                    // the same inputs would fail the same way in the build's own run: it gets this failure
                    AHEAD.remove(key);
                    done.completeExceptionally(e);
                }
            }, "jpackage-deb-appcds-ahead");
            t.setDaemon(true);
            if (AHEAD.putIfAbsent(key, new Ahead(t, done)) != null) {
                return;
            }
            StopAheadAtExit.ensure();
            t.start();
        } catch (IOException | RuntimeException e) {
            log.debug("no AppCDS training run ahead: " + e);
        }
    }

    /**
     * Waits for a training run {@link #trainAhead} started with this key, if one is running; its failure (the
     * application exited non-zero, or hung) is this build's failure, without a second run that would fail alike.
     */
    private static void awaitAhead(String key, DebLog log) {
        Ahead ahead = AHEAD.get(key);
        if (ahead != null) {
            log.debug("waiting for the AppCDS training run started ahead");
            try {
                ahead.done().join();
            } catch (java.util.concurrent.CompletionException e) {
                if (e.getCause() instanceof DebException failed) {
                    throw failed;
                }
                log.debug("the AppCDS training run started ahead failed: " + e.getCause());
            }
        }
    }

    /**
     * When the JVM exits (a build that failed before it needed the class list), training runs started ahead are
     * interrupted, which kills their process (see {@link ToolRun}), so that none outlives the build. The hook is
     * registered when this class is first used to start one.
     */
    private static final class StopAheadAtExit {
        static {
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                List<Thread> running = AHEAD.values().stream().map(Ahead::thread).toList();
                running.forEach(Thread::interrupt);
                for (Thread t : running) {
                    try {
                        t.join(2000);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
            }, "jpackage-deb-appcds-ahead-stop"));
        }

        private StopAheadAtExit() {
        }

        static void ensure() {
            // loading the class registers the hook, once
        }
    }

    /** Remembers the runtime this application trains with, for the next build's {@link #trainAhead}. */
    private static void remember(Path cache, AppCdsSpec spec, AppSpec app, String mainClass, RuntimeImage runtime,
                                 DebLog log) {
        try {
            Path dir = Files.createDirectories(cache.resolve("last"));
            String text = "image=" + runtime.image().toRealPath().toString().replace("\\", "\\\\") + "\n"
                    + "os=" + runtime.platform().os() + "\n"
                    + "arch=" + runtime.platform().arch() + "\n"
                    + "modules=" + String.join(",", runtime.modules()) + "\n";
            Path hint = dir.resolve(appId(spec, app, mainClass) + ".properties");
            if (Files.isRegularFile(hint) && Files.readString(hint, StandardCharsets.UTF_8).equals(text)) {
                return;
            }
            Path tmp = Files.createTempFile(dir, "last", ".tmp");
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            Files.move(tmp, hint, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | RuntimeException e) {
            log.debug("cannot remember the AppCDS runtime: " + e);
        }
    }

    /** Which application this is from one build to the next: its main jar's place, main class and arguments. */
    private static String appId(AppCdsSpec spec, AppSpec app, String mainClass) {
        return org.apache.commons.codec.digest.DigestUtils.sha256Hex(String.join("\u0000",
                app.mainJar().file().toAbsolutePath().normalize().toString(), mainClass,
                String.join("\u0001", spec.trainingJvmArgs()), String.join("\u0001", spec.trainingArgs())))
                .substring(0, 32);
    }

    /**
     * What decides a training run's class list: the runtime image, each file's content in order, the command. The
     * SHA-256 of a file unchanged since an earlier build comes from {@code digests} ({@link StatDigests}; null: none).
     */
    static String key(AppCdsSpec spec, RuntimeImage runtime, AppSpec app, String mainClass, Path digests)
            throws IOException {
        java.security.MessageDigest d = org.apache.commons.codec.digest.DigestUtils.getSha256Digest();
        java.util.function.Consumer<String> add = t -> d.update((t + "\n").getBytes(StandardCharsets.UTF_8));
        add.accept("appcds-v1");
        add.accept(runtime.image().toRealPath().toString());
        add.accept(runtime.platform().toString());
        add.accept(String.join(",", runtime.modules()));
        List<Path> files = new ArrayList<>();
        app.classPath().forEach(j -> files.add(j.file()));
        app.resources().forEach(r -> files.add(r.file()));
        for (Path f : files) {
            add.accept(StatDigests.sha256(f, digests));
        }
        if (app.runsAsJar()) {
            add.accept("-jar");
        }
        add.accept(mainClass);
        add.accept(String.join("\u0000", trainingFlags(spec)));
        add.accept(String.join("\u0000", spec.trainingJvmArgs()));
        add.accept(String.join("\u0000", spec.trainingArgs()));
        return java.util.HexFormat.of().formatHex(d.digest());
    }

    private static final Pattern GC_CHOICE = Pattern.compile("-XX:\\+Use[A-Za-z]*GC");

    /**
     * JVM options of every training run, before the configured ones (which win): the client compiler only and the
     * serial collector, because a training run is a short start-up that only has to load the application's classes:
     * measured on examples/hello-cli, the same class list with 40 % less CPU time (394 ms against 634 ms) and 25 %
     * less wall time, which leaves the other core to the build (jdeps runs meanwhile, see {@link #trainAhead}). The
     * collector is left alone when the configured options choose one (two would stop the JVM).
     */
    static List<String> trainingFlags(AppCdsSpec spec) {
        boolean gcChosen = spec.trainingJvmArgs().stream().anyMatch(a -> GC_CHOICE.matcher(a).matches());
        return gcChosen ? List.of("-XX:TieredStopAtLevel=1") : List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");
    }

    private static Optional<byte[]> run(AppCdsSpec spec, RuntimeImage runtime, AppSpec app, String mainClass,
                                        DebLog log) {
        Path java = runtime.image().resolve("bin/java");
        if (!runtime.platform().sameAs(Platform.host()) || !Files.isExecutable(java)) {
            log.warn("No application class-data sharing: the bundled " + runtime.platform() + " runtime cannot run on"
                    + " this " + Platform.host() + " machine for the training run; the package starts without it.");
            return Optional.empty();
        }
        Path dir = null;
        try {
            dir = Files.createTempDirectory("jpackage-deb-appcds-");
            Path work = Files.createDirectory(dir.resolve("work"));
            Path list = dir.resolve("classes.lst");
            StringBuilder cp = new StringBuilder();
            for (Jar j : app.classPath()) {
                if (cp.length() > 0) {
                    cp.append(File.pathSeparatorChar);
                }
                cp.append(j.file().toAbsolutePath());
            }
            List<String> cmd = new ArrayList<>(List.of(java.toString(), "-Xshare:off",
                    "-XX:DumpLoadedClassList=" + list));
            cmd.addAll(trainingFlags(spec));
            cmd.addAll(spec.trainingJvmArgs());
            cmd.addAll(app.runsAsJar() ? List.of("-jar", app.mainJar().file().toAbsolutePath().toString())
                    : List.of("-cp", cp.toString(), mainClass));
            cmd.addAll(spec.trainingArgs());
            long start = System.nanoTime();
            // an empty environment and an empty working directory, stdin closed: the same classes on every machine
            ToolRun run;
            try (Step step = Step.start(log, "AppCDS", "training run of " + mainClass + " (class list for"
                    + " application class-data sharing)")) {
                run = ToolRun.process(cmd, work, true, spec.timeout());
            }
            long ms = (System.nanoTime() - start) / 1_000_000;
            String args = String.join(" ", spec.trainingArgs());
            if (!spec.trainingJvmArgs().isEmpty()) {
                args = (String.join(" ", spec.trainingJvmArgs()) + " " + args).strip();
            }
            if (run.exit() == -1 && run.output().endsWith("seconds)")) {
                throw new DebException(Setting.APP_CDS_TRAINING_ARGS, args, "the class-data sharing training run ("
                        + mainClass + " " + args + ") was still running after " + spec.timeout().toSeconds()
                        + " s and was stopped. Output: " + run.tail(4),
                        "give training arguments with which the application exits on its own without input"
                                + " (e.g. --version or a short self-test), or raise the timeout.");
            }
            if (!run.ok()) {
                throw new DebException(Setting.APP_CDS_TRAINING_ARGS, args, "the class-data sharing training run ("
                        + mainClass + " " + args + ", empty environment and working directory, no input) exited "
                        + run.exit() + ": " + run.tail(4),
                        "give training arguments with which the application exits 0 (e.g. --version), or turn"
                                + " appCds off.");
            }
            if (!Files.isRegularFile(list)) {
                throw new DebException(Setting.APP_CDS, mainClass, "the training run wrote no class list.",
                        "check that the bundled runtime supports -XX:DumpLoadedClassList (HotSpot), or turn appCds off.");
            }
            byte[] out = normalise(Files.readString(list, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
            log.info("Application class-data sharing: training run '" + (mainClass + " " + args).strip() + "' took "
                    + ms + " ms; class list " + out.length + " bytes (postinst dumps the archive)");
            return Optional.of(out);
        } catch (IOException e) {
            throw new DebException(Setting.APP_CDS, mainClass,
                    "the class-data sharing training run could not run: " + e,
                    "check the temporary directory (java.io.tmpdir) is writable.", e);
        } finally {
            if (dir != null) {
                try {
                    PathUtils.delete(dir);
                } catch (IOException e) {
                    // a temporary directory left behind is harmless
                }
            }
        }
    }

    /** The class list made deterministic: see the class comment. */
    public static String normalise(String raw) {
        TreeSet<String> classes = new TreeSet<>();
        TreeSet<String> lambdas = new TreeSet<>();
        TreeSet<String> forms = new TreeSet<>();
        for (String line : raw.split("\n")) {
            String l = line.strip();
            if (l.isEmpty() || l.startsWith("#")) {
                continue;
            }
            if (l.startsWith("@lambda-proxy ")) {
                lambdas.add(l);
            } else if (l.startsWith("@lambda-form-invoker ")) {
                forms.add(l);
            } else if (!l.startsWith("@")) {
                String[] words = l.split("\\s+");
                boolean builtin = words.length == 1 || words.length == 3 && words[1].equals("id:");
                if (builtin && CLASS_NAME.matcher(words[0]).matches() && !GENERATED.matcher(words[0]).matches()) {
                    classes.add(words[0]);
                }
            }
        }
        StringBuilder sb = new StringBuilder(HEADER);
        for (TreeSet<String> s : List.of(classes, lambdas, forms)) {
            s.forEach(x -> sb.append(x).append('\n'));
        }
        return sb.toString();
    }
}
