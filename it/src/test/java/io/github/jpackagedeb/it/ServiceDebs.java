package io.github.jpackagedeb.it;

import io.github.jpackagedeb.it.support.Env;
import io.github.jpackagedeb.it.support.MavenRunner;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The three hello-service packages the service tests install, built once per test JVM:
 * <ul>
 *   <li>v1 {@code 1.0.0-1}: what the reactor built in {@code examples/hello-service/target};</li>
 *   <li>v2 {@code 2.0.0-1}: the same project built by a real {@code mvn package} with its version set to 2.0.0 (so
 *       the application itself reports 2.0.0 on /health; a Debian-version override alone would not change it);</li>
 *   <li>v2-broken {@code 2.1.0-1}: the same at 2.1.0 with an author's {@code debian/postinst} that runs the
 *       generated code at {@code #DEBHELPER#} and then fails on {@code configure}.</li>
 * </ul>
 * The two builds run in parallel, offline, against the tests' local repository (our plugin, the parent pom).
 */
final class ServiceDebs {

    static final String PKG = "hello-service";
    private static Path v1;
    private static Path v2;
    private static Path broken;

    private ServiceDebs() {
    }

    static Path project() {
        return Env.pathProperty("it.projectRoot").resolve("examples/hello-service");
    }

    static synchronized Path v1() {
        if (v1 == null) {
            v1 = find(project().resolve("target"), "1.0.0");
        }
        return v1;
    }

    static synchronized Path v2() {
        buildOthers();
        return v2;
    }

    static synchronized Path v2Broken() {
        buildOthers();
        return broken;
    }

    private static void buildOthers() {
        if (v2 != null) {
            return;
        }
        long start = System.nanoTime();
        CompletableFuture<Path> a = CompletableFuture.supplyAsync(() -> build("2.0.0", false));
        CompletableFuture<Path> b = CompletableFuture.supplyAsync(() -> build("2.1.0", true));
        v2 = a.join();
        broken = b.join();
        System.out.println("[ServiceDebs] built 2.0.0 and 2.1.0 (broken postinst) in "
                + (System.nanoTime() - start) / 1_000_000 + " ms");
    }

    /** The package of that version in a target dir: {@code _all} when jar-only, {@code _amd64} with its runtime. */
    static Path find(Path target, String version) {
        String prefix = PKG + "_" + version + "-1_";
        try (java.util.stream.Stream<Path> s = Files.list(target)) {
            java.util.List<Path> debs = s.filter(p -> p.getFileName().toString().startsWith(prefix)
                    && p.getFileName().toString().endsWith(".deb")).toList();
            assertTrue(debs.size() == 1, "exactly one " + prefix + "*.deb in " + target + " (build the reactor first:"
                    + " ./mvnw verify builds examples/hello-service before it): " + debs);
            return debs.get(0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path build(String version, boolean brokenPostinst) {
        try {
            Path copy = MavenRunner.copyProject(project());
            Path pom = copy.resolve("pom.xml");
            String text = Files.readString(pom);
            String versionLine = "<artifactId>hello-service</artifactId>\n  <version>1.0.0</version>";
            assertTrue(text.contains(versionLine), "examples/hello-service/pom.xml declares its version as expected");
            text = text.replace(versionLine, versionLine.replace("1.0.0", version))
                    .replace("<relativePath>../../pom.xml</relativePath>", "<relativePath/>");
            Files.writeString(pom, text);
            if (brokenPostinst) {
                Files.writeString(copy.resolve("debian/postinst"), """
                        #!/bin/sh
                        # a postinst that fails after the generated code ran: what does dpkg do with it?
                        set -e
                        #DEBHELPER#
                        if [ "$1" = configure ]; then
                            echo "hello-service %s: simulated failure of postinst configure" >&2
                            exit 1
                        fi
                        exit 0
                        """.formatted(version));
            }
            // gzip: these test packages need no xz, and the bundled runtime makes xz the slowest step
            MavenRunner.runIn(copy, "-o", "package", "-DskipTests", "-Djpackage-deb.compression=gzip").assertSuccess();
            return find(copy.resolve("target"), version);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
