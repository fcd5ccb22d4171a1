package io.github.jpackagedeb.it;

import io.github.jpackagedeb.it.support.Env;
import io.github.jpackagedeb.it.support.MavenRunner;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The hello-spring-boot packages the tests install, built once per test JVM: v1 {@code 1.0.0-1} from the reactor's
 * {@code examples/hello-spring-boot/target}, v2 {@code 2.0.0-1} by a real offline {@code mvn package} of a copy with
 * its version set to 2.0.0 (so /health reports 2.0.0), gzip-compressed (these test packages need no xz).
 */
final class SpringBootDebs {

    static final String PKG = "hello-spring-boot";
    private static Path v2;

    private SpringBootDebs() {
    }

    static Path project() {
        return Env.pathProperty("it.projectRoot").resolve("examples/" + PKG);
    }

    static Path v1() {
        return find(project().resolve("target"), "1.0.0");
    }

    static synchronized Path v2() {
        if (v2 == null) {
            try {
                Path copy = MavenRunner.copyProject(project());
                Path pom = copy.resolve("pom.xml");
                String text = Files.readString(pom);
                String versionLine = "<artifactId>" + PKG + "</artifactId>\n  <version>1.0.0</version>";
                assertTrue(text.contains(versionLine), "examples/" + PKG + "/pom.xml declares its version as expected");
                Files.writeString(pom, text.replace(versionLine, versionLine.replace("1.0.0", "2.0.0"))
                        .replace("<relativePath>../../pom.xml</relativePath>", "<relativePath/>"));
                MavenRunner.runIn(copy, "-o", "package", "-DskipTests", "-Djpackage-deb.compression=gzip")
                        .assertSuccess();
                v2 = find(copy.resolve("target"), "2.0.0");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return v2;
    }

    static Path find(Path target, String version) {
        String prefix = PKG + "_" + version + "-1_";
        try (Stream<Path> s = Files.list(target)) {
            List<Path> debs = s.filter(p -> p.getFileName().toString().startsWith(prefix)
                    && p.getFileName().toString().endsWith(".deb")).toList();
            assertEquals(1, debs.size(), "exactly one " + prefix + "*.deb in " + target + " (the reactor builds"
                    + " examples/" + PKG + " before it): " + debs);
            return debs.get(0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
