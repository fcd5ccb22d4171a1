package io.github.jpackagedeb.core.runtime;

import io.github.jpackagedeb.core.testing.ExternalTools;

import io.github.jpackagedeb.core.DebLog;
import io.github.jpackagedeb.core.app.Jar;
import io.github.jpackagedeb.core.assembly.TestJars;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Real inputs for the runtime tests: a small compiled application using java.sql and java.logging, and real library
 * jars from the test class path. One cache directory per test JVM holds the images several tests share, so that the
 * suite runs jlink a handful of times only.
 */
final class Fixtures {

    static final Path TEMURIN_25 = Path.of("/usr/lib/jvm/temurin-25-jdk-amd64");

    private static Path sharedCache;
    private static List<Jar> app;

    private Fixtures() {
    }

    /** A cache shared by the tests of this JVM (under target/, removed by mvn clean). */
    static synchronized Path sharedCache() {
        if (sharedCache == null) {
            try {
                Path dir = Files.createTempDirectory(Files.createDirectories(Path.of("target")), "runtime-cache-")
                        .toAbsolutePath();
                sharedCache = dir;
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    try {
                        org.apache.commons.io.file.PathUtils.delete(dir);
                    } catch (IOException e) {
                        // target/ is cleaned by mvn clean anyway
                    }
                }));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return sharedCache;
    }

    /** The application: its jar (java.sql, java.logging) and commons-compress from the test class path. */
    static synchronized List<Jar> app() {
        if (app == null) {
            try {
                Path dir = Files.createDirectories(Path.of("target/runtime-fixtures")).toAbsolutePath();
                Path main = TestJars.compiledMain(dir.resolve("app"), "demo.Main", """
                        package demo;
                        public class Main {
                            public static void main(String[] args) throws Exception {
                                java.util.logging.Logger.getLogger("demo").fine("start");
                                System.out.println("demo " + java.sql.Timestamp.valueOf("2026-01-01 00:00:00").getTime());
                            }
                        }
                        """);
                List<Jar> jars = new ArrayList<>();
                jars.add(new Jar(main, "demo:app:1.0"));
                jars.add(new Jar(jarOf(org.apache.commons.compress.archivers.tar.TarArchiveEntry.class),
                        "org.apache.commons:commons-compress"));
                app = Collections.unmodifiableList(jars);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return app;
    }

    static Path jarOf(Class<?> c) {
        try {
            return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A log that keeps every line, for assertions on what was (not) run. */
    static final class RecordingLog implements DebLog {
        final List<String> lines = Collections.synchronizedList(new ArrayList<>());

        @Override
        public void debug(String message) {
            lines.add("DEBUG " + message);
        }

        @Override
        public void info(String message) {
            lines.add("INFO " + message);
        }

        @Override
        public void warn(String message) {
            lines.add("WARN " + message);
        }

        boolean has(String level, String fragment) {
            synchronized (lines) {
                return lines.stream().anyMatch(l -> l.startsWith(level + " ") && l.contains(fragment));
            }
        }

        long count(String fragment) {
            synchronized (lines) {
                return lines.stream().filter(l -> l.contains(fragment)).count();
            }
        }

        @Override
        public String toString() {
            synchronized (lines) {
                return String.join("\n", lines);
            }
        }
    }

    /** Skips (or fails when CI=true) unless a tool is on the PATH. */
    static void requireTool(String tool) {
        ExternalTools.require(tool);
    }

    /** Skips (or fails when CI=true) unless a directory exists. */
    static void requireDir(Path dir, String what) {
        ExternalTools.requireIntegrationPhase(what);
        if (!Files.isDirectory(dir)) {
            ExternalTools.unavailable(what + " is not installed at " + dir);
        }
    }
}
