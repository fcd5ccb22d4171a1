package io.github.jpackagedeb.core.runtime;

import io.github.jpackagedeb.core.DebException;
import io.github.jpackagedeb.core.EditDistance;
import io.github.jpackagedeb.core.DebLog;
import io.github.jpackagedeb.core.Setting;
import io.github.jpackagedeb.core.app.Jar;

import org.apache.commons.codec.digest.DigestUtils;

import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Makes the Java runtime a package bundles (docs/architecture.md#the-runtime): picks the JDK, finds the modules (jdeps,
 * cached by the jars' content), and links the image (jlink, cached by JDK build + platform + modules + options), or
 * takes both from the cache, in which case neither jdeps nor jlink runs and the log says the runtime was reused.
 */
public final class RuntimeBuilder {

    private RuntimeBuilder() {
    }

    /**
     * Builds or reuses the runtime for an application.
     *
     * @param spec        how to build it
     * @param classPath   the application jar and its runtime dependencies (jdeps reads them all)
     * @param javaRelease the Java release the application is compiled for: the runtime must be at least that
     * @param log         where progress goes
     * @throws DebException for bad input: not a JDK, a JDK too old for the application, jmods of another release,
     *                      an unknown module, a jdeps or jlink failure, an unusable cache
     */
    public static RuntimeImage build(RuntimeSpec spec, List<Jar> classPath, int javaRelease, DebLog log) {
        Jdk target = spec.jdkHome() == null ? Jdk.current() : Jdk.at(spec.jdkHome());
        if (target.feature() < javaRelease) {
            throw new DebException(Setting.JDK_HOME, target.home().toString(), "the JDK is Java " + target.version()
                    + ", but the application is compiled for Java " + javaRelease + " (javaRelease): that runtime could"
                    + " not run it.", "link from a Java " + javaRelease + " or newer JDK (jdkHome or a toolchain).");
        }
        String arch = target.platform().debianArch();
        Jdk toolJdk = spec.toolJdkHome() == null ? null : Jdk.at(spec.toolJdkHome());
        Jdk jlinkJdk = Jlink.tool(target, toolJdk);
        RuntimeCache cache = RuntimeCache.open(spec.cacheDirectory(), spec.fallbackCacheDirectory(), log);

        SortedSet<String> extra = check(target, Setting.ADD_MODULES, spec.addModules());
        SortedSet<String> modules = new TreeSet<>();
        String modulesFrom;
        if (!spec.modules().isEmpty()) {
            modules.addAll(check(target, Setting.MODULES, spec.modules()));
            modulesFrom = "configured";
        } else {
            Jdeps.Result r = Jdeps.modules(classPath, target, cache, log);
            modules.addAll(check(target, Setting.JDEPS, r.modules()));
            modulesFrom = r.fromCache() ? "cache" : "jdeps";
        }
        modules.addAll(extra);
        modules.add("java.base");

        boolean strip = spec.stripNative() && Jlink.stripTool(target.platform()).isPresent();
        String key = key(target, jlinkJdk, modules, spec, strip);
        String name = target.feature() + "-" + arch + "-" + key.substring(0, 20);
        RuntimeCache.Entry entry;
        try {
            entry = cache.image(name, dir -> {
                RuntimeMetadata linked = Jlink.link(target, jlinkJdk, modules, spec, dir, log);
                List<String> removed = spec.desktop() ? List.of() : removeDisplayLibraries(dir);
                List<SharedLibraries.Input> elf = new ArrayList<>();
                for (Map.Entry<Path, ElfFile> e : Jlink.elfFiles(dir).entrySet()) {
                    elf.add(new SharedLibraries.Input(e.getKey().getFileName().toString(), e.getValue()));
                }
                SharedLibraries.Relations rel = SharedLibraries.compute(elf, log);
                return linked.withLibraries(removed, rel.depends(), rel.recommends());
            });
        } catch (UncheckedIOException e) {
            String detail = e.getCause().getMessage();
            if (outOfSpace(detail)) {
                throw cacheFull(cache, detail, e);
            }
            throw new DebException(Setting.CACHE_DIRECTORY, cache.root().toString(), "building the runtime failed: "
                    + detail, "check free space and permissions of the cache directory.", e);
        } catch (DebException e) {
            if (outOfSpace(e.getMessage())) { // jlink itself failed writing the image
                throw cacheFull(cache, e.problem(), e);
            }
            throw e;
        }
        RuntimeMetadata meta = entry.meta();
        List<String> removed = meta.headlessRemoved();
        if (!removed.isEmpty()) {
            log.info("Headless runtime (not a desktop application): left out " + String.join(", ", removed)
                    + " (display, sound and font libraries, so nothing of X11, ALSA or FreeType is needed;"
                    + " <desktop>true</desktop> keeps them)");
        }
        List<RuntimeImage.RuntimeFile> files = new ArrayList<>();
        for (RuntimeCache.ManifestItem i : entry.files()) {
            files.add(new RuntimeImage.RuntimeFile(i.path(), i.type(), i.mode(), i.size(), i.target()));
        }
        RuntimeImage image = new RuntimeImage(entry.image(), files, modules, target.platform(), meta.architecture(),
                meta.depends(), meta.recommends(), meta.jdk(), meta.cds(), entry.reused(), modulesFrom);
        if (entry.reused()) {
            log.info("Reused the Java runtime from the cache" + ("cache".equals(modulesFrom) ? " (no jdeps, no jlink)"
                    : " (no jlink)") + ": " + entry.dir() + " (" + String.join(",", modules) + "; " + arch + ", "
                    + image.size() / (1024 * 1024) + " MiB)");
        } else {
            log.info("Built the Java runtime " + entry.dir() + " (" + arch + ", " + image.size() / (1024 * 1024)
                    + " MiB, CDS " + (image.cds() ? "yes" : "no") + "); Depends: " + String.join(", ", image.depends()));
        }
        return image;
    }

    /**
     * The native code of {@code java.base}, which every linked runtime holds, as the runtime this spec links will hold
     * it: jlink copies it from the JDK's {@code java.base.jmod} (its {@code lib/} and {@code bin/} ELF files), or,
     * from a JDK without jmods, from the JDK itself ({@code lib/server/libjvm.so}); then {@link Jlink#link} strips it
     * with the same command. For {@link io.github.jpackagedeb.core.archive.XzAhead}: the xz blocks of these files,
     * about 20 MB of x86 code for a JDK 17, are compressed while jdeps and jlink run. Empty when the JDK cannot be
     * read (the build reports it).
     */
    public static java.util.Optional<NativeCode> nativeCode(RuntimeSpec spec) {
        if (spec.jlinkOptions().stream().anyMatch(o -> o.contains("native"))) {
            return java.util.Optional.empty(); // e.g. --strip-native-debug-symbols: jlink itself rewrites them
        }
        Jdk target;
        try {
            target = spec.jdkHome() == null ? Jdk.current() : Jdk.at(spec.jdkHome());
        } catch (RuntimeException e) {
            return java.util.Optional.empty();
        }
        Path jmod = target.hasJmods() ? target.jmods().resolve("java.base.jmod") : null;
        Path from = jmod != null ? jmod : target.home().resolve("lib/server/libjvm.so");
        if (!java.nio.file.Files.isRegularFile(from)) {
            return java.util.Optional.empty();
        }
        Path strip = spec.stripNative() ? Jlink.stripTool(target.platform()).orElse(null) : null;
        String identity;
        try {
            identity = String.join("\n", "java.base native code 1", stat(from), strip == null ? "not stripped"
                    : String.join(" ", Jlink.stripCommand(strip.toRealPath(), List.of())) + " " + stat(strip.toRealPath()));
        } catch (java.io.IOException e) {
            return java.util.Optional.empty();
        }
        io.github.jpackagedeb.core.archive.XzAhead.Source source = work -> {
            List<Path> files = new ArrayList<>();
            if (jmod == null) {
                Path copy = work.resolve("libjvm.so");
                java.nio.file.Files.copy(from, copy);
                files.add(copy);
            } else {
                // a jmod is "JM" 1 0, then a zip
                try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(jmod.toFile())) {
                    for (var e : java.util.Collections.list(zip.entries())) {
                        String n = e.getName();
                        if (e.isDirectory() || !(n.startsWith("lib/") || n.startsWith("bin/"))) {
                            continue;
                        }
                        Path out = work.resolve(files.size() + "-" + n.substring(n.lastIndexOf('/') + 1));
                        try (java.io.InputStream in = zip.getInputStream(e)) {
                            java.nio.file.Files.copy(in, out);
                        }
                        if (ElfFile.isElf(out)) {
                            files.add(out);
                        } else {
                            java.nio.file.Files.delete(out);
                        }
                    }
                }
            }
            if (strip != null && !files.isEmpty()) {
                ToolRun run = ToolRun.process(Jlink.stripCommand(strip, files), null);
                if (!run.ok()) {
                    throw new java.io.IOException("strip failed (exit " + run.exit() + "): " + run.tail(2));
                }
            }
            return files;
        };
        return java.util.Optional.of(new NativeCode(identity, source));
    }

    /** {@link #nativeCode}: what the files' bytes depend on, and how to make them. */
    public record NativeCode(String identity, io.github.jpackagedeb.core.archive.XzAhead.Source source) {
    }

    private static String stat(Path p) throws java.io.IOException {
        java.nio.file.attribute.BasicFileAttributes a = java.nio.file.Files.readAttributes(p,
                java.nio.file.attribute.BasicFileAttributes.class);
        return p.toRealPath() + " " + a.size() + " " + a.lastModifiedTime().toMillis() + " " + a.fileKey();
    }

    /**
     * Deletes {@link SharedLibraries#DISPLAY_LIBRARIES} from the image's {@code lib/}; returns the paths removed, in
     * order.
     */
    private static List<String> removeDisplayLibraries(java.nio.file.Path image) {
        List<String> removed = new ArrayList<>();
        for (String name : new TreeSet<>(SharedLibraries.DISPLAY_LIBRARIES)) {
            java.nio.file.Path f = image.resolve("lib").resolve(name);
            try {
                if (java.nio.file.Files.deleteIfExists(f)) {
                    removed.add("lib/" + name);
                }
            } catch (java.io.IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return removed;
    }

    static boolean outOfSpace(String message) {
        return message != null && (message.contains("No space left on device") || message.contains("Disk quota exceeded"));
    }

    /**
     * The cache directory's file system filled up while the runtime was built: nothing of it was kept (the entry is
     * built in tmp/ and renamed only when complete), so the next build with room starts it again.
     */
    private static DebException cacheFull(RuntimeCache cache, String detail, Exception cause) {
        String free;
        try {
            free = (java.nio.file.Files.getFileStore(cache.root()).getUsableSpace() / (1024 * 1024)) + " MiB";
        } catch (java.io.IOException | RuntimeException e) {
            free = "unknown";
        }
        return new DebException(Setting.CACHE_DIRECTORY, cache.root().toString(),
                "the runtime cache ran out of disk space "
                + "while the Java runtime was built there (" + free + " free now; linking a runtime takes 50 to 150 MiB;"
                + " nothing partial was kept): " + detail.strip(), "free space on that file system, or set the cache "
                + "directory to one with room.", cause);
    }

    /** Every module must exist in the target JDK; names the first that does not, with near names. */
    private static SortedSet<String> check(Jdk target, Setting field, java.util.Collection<String> modules) {
        SortedSet<String> known = target.modules();
        for (String m : modules) {
            if (!known.isEmpty() && !known.contains(m)) {
                List<String> near = new ArrayList<>();
                String last = m.substring(m.lastIndexOf('.') + 1);
                for (String k : known) {
                    if (k.endsWith("." + last) || k.contains(last) || EditDistance.of(k, m) <= 2) {
                        near.add(k);
                    }
                }
                throw new DebException(field == Setting.JDEPS ? Setting.MODULES : field, m, "the JDK " + target.home()
                        + " (Java " + target.version() + ") has no module named '" + m + "'"
                        + (field.equals("jdeps") ? " (jdeps asked for it)" : "") + ".",
                        (near.isEmpty() ? "" : "did you mean " + String.join(" or ", near) + "? ")
                                + "List the JDK's modules with: java --list-modules.");
            }
        }
        return new TreeSet<>(modules);
    }

    /** The cache key of an image: everything that changes its bytes. */
    static String key(Jdk target, Jdk tool, SortedSet<String> modules, RuntimeSpec spec, boolean strip) {
        MessageDigest md = DigestUtils.getSha256Digest();
        String text = String.join("\n", "runtime 1",
                "target " + target.identity() + " " + target.runtimeVersion() + " " + target.platform(),
                "jlink " + tool.identity() + " " + tool.runtimeVersion(),
                "modules " + String.join(",", modules),
                "compress " + spec.compression(),
                "options " + String.join("\u0000", spec.jlinkOptions()),
                "cds " + spec.cds(),
                "desktop " + spec.desktop(),
                "strip " + strip);
        md.update(text.getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(md.digest());
    }
}
