package io.github.jpackagedeb.it.support;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Runs a real Maven build of a test project: the project directory is copied to a fresh temp dir (without its
 * {@code target/}), then {@code ${maven.home}/bin/mvn -B -e -Dmaven.repo.local=<it.localRepo>
 * -Dmaven.repo.local.tail=<it.mavenRepoTail> ARGS} runs there. {@code it.localRepo} holds what maven-invoker-plugin
 * installed (our plugin, this build's snapshots); the tail is the developer's repository, read only, so nothing is
 * downloaded twice. Timeout 5 minutes. The system properties come from it/pom.xml (maven-failsafe-plugin).
 */
public final class MavenRunner {

    /** Time allowed for one build. */
    public static final Duration TIMEOUT = Duration.ofMinutes(5);

    private MavenRunner() {
    }

    /** Copies {@code projectDir} to a temp dir and runs Maven there with the given goals and options. */
    public static Result run(Path projectDir, String... goalsAndOptions) {
        Path copy = copyProject(projectDir);
        return runIn(copy, goalsAndOptions);
    }

    /** Runs Maven in {@code dir} as it is (no copy). */
    public static Result runIn(Path dir, String... goalsAndOptions) {
        Path mvn = Env.pathProperty("maven.home").resolve("bin").resolve("mvn");
        List<String> cmd = new ArrayList<>(List.of(mvn.toString(), "-B", "-e",
                "-Dmaven.repo.local=" + Env.property("it.localRepo"),
                "-Dmaven.repo.local.tail=" + Env.property("it.mavenRepoTail")));
        cmd.addAll(Arrays.asList(goalsAndOptions));
        Proc.Result r = Proc.of(cmd).in(dir).timeout(TIMEOUT).exec();
        return new Result(dir, r);
    }

    /** A copy of {@code projectDir} (without any {@code target/} directory) in a new temp dir. */
    public static Path copyProject(Path projectDir) {
        try {
            Path parent = Files.createDirectories(DebianRoot.workDir().resolve("maven"));
            Path dest = Files.createTempDirectory(parent, projectDir.getFileName() + "-");
            Files.walkFileTree(projectDir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) throws IOException {
                    if (!d.equals(projectDir) && d.getFileName().toString().equals("target")) {
                        return FileVisitResult.SKIP_SUBTREE;
                    }
                    Files.createDirectories(dest.resolve(projectDir.relativize(d).toString()));
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path f, BasicFileAttributes attrs) throws IOException {
                    Files.copy(f, dest.resolve(projectDir.relativize(f).toString()),
                            StandardCopyOption.COPY_ATTRIBUTES);
                    return FileVisitResult.CONTINUE;
                }
            });
            return dest;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy the project " + projectDir, e);
        }
    }

    /**
     * One Maven run.
     *
     * @param dir  where it ran (the copy)
     * @param proc the process: exit code and the whole log
     */
    public record Result(Path dir, Proc.Result proc) {

        /** Exit 0 (BUILD SUCCESS). */
        public boolean succeeded() {
            return proc.exit() == 0;
        }

        /** The whole log (stdout then stderr). */
        public String log() {
            return proc.output();
        }

        /** {@code dir/target}. */
        public Path target() {
            return dir.resolve("target");
        }

        /** Fails the test with the whole log unless Maven succeeded. */
        public Result assertSuccess() {
            if (!succeeded()) {
                fail("Maven build failed in " + dir + ":\n" + proc.describe());
            }
            return this;
        }

        /** Fails the test with the whole log unless Maven failed. */
        public Result assertFailure() {
            if (succeeded()) {
                fail("Maven build was expected to fail in " + dir + ":\n" + proc.describe());
            }
            return this;
        }
    }
}
