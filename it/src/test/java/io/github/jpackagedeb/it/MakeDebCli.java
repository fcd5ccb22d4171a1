package io.github.jpackagedeb.it;

import io.github.jpackagedeb.it.support.Proc;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Runs the make-deb CLI of this build in a child JVM (its class path is the tests'), in a directory. */
final class MakeDebCli {

    private MakeDebCli() {
    }

    static Proc make(Path dir, String... args) {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "io.github.jpackagedeb.cli.MakeDeb"));
        cmd.addAll(Arrays.asList(args));
        return Proc.of(cmd).in(dir).timeout(Duration.ofMinutes(3)).label("make-deb " + String.join(" ", args));
    }

    /** A copy of it/src/it/projects/tiny-app with our plugin's version filled in. */
    static Path tinyCopy() throws java.io.IOException {
        Path tiny = io.github.jpackagedeb.it.support.Env.pathProperty("it.projectRoot").resolve("it/src/it/projects/tiny-app");
        Path copy = io.github.jpackagedeb.it.support.MavenRunner.copyProject(tiny);
        Path pom = copy.resolve("pom.xml");
        java.nio.file.Files.writeString(pom, java.nio.file.Files.readString(pom)
                .replace("@jpackagedeb.version@", io.github.jpackagedeb.it.support.Env.property("it.pluginVersion")));
        return copy;
    }

    /** Runs make-deb and expects exit 0. */
    static Proc.Result run(Path dir, String... args) {
        return make(dir, args).run();
    }
}
