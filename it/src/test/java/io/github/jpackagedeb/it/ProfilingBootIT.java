package io.github.jpackagedeb.it;

import io.github.jpackagedeb.it.support.BootScript;
import io.github.jpackagedeb.it.support.DebianRoot;
import io.github.jpackagedeb.it.support.Env;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Continuous profiling of the example service under a real, booted systemd (as {@link LifecycleBootIT}): the
 * example's v1 package has profiling on. {@code profiling-boot.sh} runs inside: install, a live JFR recording under
 * /var/lib/hello-service/profiles owned by the service user, load on the CPU-hot /primes endpoint, a stop that dumps
 * the recording, tight limits set in /etc/default (PROFILING_MAXSIZE=2M, PROFILING_KEEP=2) holding the directory to
 * its cap over five restarts and a killed process, PROFILING=off writing nothing, remove keeping and purge removing
 * profiles/. Then the dump is copied out and {@code make-deb flamegraph} must name the example's hot method.
 */
class ProfilingBootIT {

    private static final String HOT_METHOD = "PrimeCounter.countPrimes";

    @Test
    void profilesUnderSystemdWithinItsCapAndNothingWhenOff() throws IOException {
        Env.requireRoot();
        Env.requireTool("systemd-nspawn");
        Env.requireTool("unshare");
        Path v1 = ServiceDebs.v1();
        Path work = Env.pathProperty("it.workDir");
        Files.createDirectories(work);
        try (DebianRoot.Copy root = DebianRoot.withSystemd().fresh()) {
            BootScript.run(root, ProfilingBootIT.class, "profiling-boot.sh", Map.of("v1", v1))
                    .assertPassed()
                    .assertChecked(List.of("install", "recording", "load", "dump", "cap", "off", "remove", "purge"), "");

            // the flame graph step: the dump, through make-deb flamegraph as a user would run it
            root.sh("cp /root/profile.jfr " + DebianRoot.XFER + "/profile.jfr");
            Path recording = Files.copy(root.dir().resolve("xfer/profile.jfr"), work.resolve("profile.jfr"),
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            assertTrue(Files.size(recording) > 0, "the dump is not empty");
            Path out = Files.createDirectories(work.resolve("flamegraph-" + System.nanoTime()));
            MakeDebCli.run(out, "flamegraph", recording.toString(), "-o", out.resolve("hello").toString());
            String collapsed = Files.readString(out.resolve("hello.collapsed"));
            assertTrue(collapsed.lines().anyMatch(l -> l.contains(HOT_METHOD)),
                    "the collapsed stacks name the example's hot method " + HOT_METHOD + ":\n"
                            + collapsed.lines().limit(20).reduce("", (a, b) -> a + b + "\n"));
            assertTrue(Files.readString(out.resolve("hello.html")).contains("countPrimes"), "the HTML names it too");
            System.out.println("[ProfilingBootIT] recording " + Files.size(recording) + " bytes; "
                    + collapsed.lines().filter(l -> l.contains(HOT_METHOD)).count() + " of "
                    + collapsed.lines().count() + " stacks hold " + HOT_METHOD);
        }
    }
}
