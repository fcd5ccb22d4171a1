package io.github.jpackagedeb.it;

import io.github.jpackagedeb.it.support.DebianRoot;
import io.github.jpackagedeb.it.support.Env;
import io.github.jpackagedeb.it.support.MavenRunner;
import io.github.jpackagedeb.it.support.Proc;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the bundled-runtime ITs share: tiny-app with its runtime switched on, a fresh cache, the arm64 JDK. */
final class RuntimeProjects {

    private RuntimeProjects() {
    }

    /** A copy of it/src/it/projects/tiny-app with our plugin's version and {@code <runtime>jlink</runtime>}. */
    static Path tinyWithRuntime() throws IOException {
        Path copy = MavenRunner.copyProject(Env.pathProperty("it.projectRoot").resolve("it/src/it/projects/tiny-app"));
        Path pom = copy.resolve("pom.xml");
        String text = Files.readString(pom).replace("@jpackagedeb.version@", Env.property("it.pluginVersion"));
        assertTrue(text.contains("<runtime>none</runtime>"), "tiny-app's pom sets <runtime>none</runtime>");
        Files.writeString(pom, text.replace("<runtime>none</runtime>", "<runtime>jlink</runtime>"));
        return copy;
    }

    /** A new, empty cache directory for one test (so that its first build is cold). */
    static Path freshCache(String name) throws IOException {
        Path parent = Files.createDirectories(Env.pathProperty("it.workDir").resolve("runtime-caches"));
        return Files.createTempDirectory(parent, name + "-");
    }

    /** The build's .deb files in target/. */
    static List<Path> debs(Path target) throws IOException {
        try (Stream<Path> s = Files.list(target)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".deb")).sorted().toList();
        }
    }

    /** The single .deb of a build. */
    static Path deb(MavenRunner.Result r) throws IOException {
        List<Path> debs = debs(r.target());
        assertEquals(1, debs.size(), "one .deb in " + r.target() + ": " + debs);
        return debs.get(0);
    }

    /**
     * Debian 12's {@code openjdk-17-jdk-headless} for arm64 (its jmods/), fetched with apt without touching the
     * system's apt state (docs/architecture.md#the-runtime: private lists and cache directories), unpacked with
     * {@code dpkg-deb -x}. Done once and kept in the IT cache ({@code ~/.cache/jpackage-deb-it/openjdk-17-arm64/});
     * delete that directory to fetch the current version again. Returns the JDK home
     * ({@code usr/lib/jvm/java-17-openjdk-arm64}, jmods only: no release file, no runnable bin/).
     */
    static synchronized Path arm64Jdk() {
        Env.requireTool("apt-get");
        Env.requireTool("dpkg-deb");
        Path dir = DebianRoot.cacheDir().resolve("openjdk-17-arm64");
        Path home = dir.resolve("root/usr/lib/jvm/java-17-openjdk-arm64");
        try {
            Files.createDirectories(dir);
            try (FileChannel ch = FileChannel.open(dir.resolve(".lock"), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE); FileLock ignored = ch.lock()) {
                if (Files.isRegularFile(dir.resolve("complete")) && Files.isRegularFile(home.resolve("jmods/java.base.jmod"))) {
                    return home;
                }
                Proc.of("rm", "-rf", "--", dir.resolve("root").toString()).run();
                Files.createDirectories(dir.resolve("lists/partial"));
                Files.createDirectories(dir.resolve("cache/archives/partial"));
                Path debs = Files.createDirectories(dir.resolve("debs"));
                List<String> o = List.of("-oAPT::Architecture=arm64", "-oAPT::Architectures=arm64",
                        "-oDir::State::Lists=" + dir.resolve("lists"), "-oDir::Cache=" + dir.resolve("cache"),
                        "-oAPT::Sandbox::User=root", "-oDebug::NoLocking=1");
                List<String> update = new ArrayList<>(List.of("apt-get", "-q"));
                update.addAll(o);
                update.add("update");
                Proc.of(update).timeout(Duration.ofMinutes(10)).run();
                List<String> download = new ArrayList<>(List.of("apt-get", "-q"));
                download.addAll(o);
                download.addAll(List.of("download", "openjdk-17-jdk-headless:arm64"));
                Proc.of(download).in(debs).timeout(Duration.ofMinutes(10)).run();
                Path deb;
                try (Stream<Path> s = Files.list(debs)) {
                    deb = s.filter(p -> p.getFileName().toString().startsWith("openjdk-17-jdk-headless_"))
                            .findFirst().orElseThrow(() -> new IllegalStateException("apt-get download left no .deb in " + debs));
                }
                Proc.of("dpkg-deb", "-x", deb.toString(), dir.resolve("root").toString())
                        .timeout(Duration.ofMinutes(5)).run();
                Files.writeString(dir.resolve("complete"), deb.getFileName() + "\n");
                return home;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot fetch the arm64 JDK into " + dir, e);
        }
    }
}
