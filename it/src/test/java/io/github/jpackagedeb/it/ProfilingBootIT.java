package io.github.jpackagedeb.it;

import io.github.jpackagedeb.it.support.DebianRoot;
import io.github.jpackagedeb.it.support.Env;
import io.github.jpackagedeb.it.support.Proc;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
            Path script = Files.createTempFile(work, "profiling-boot", ".sh");
            try (InputStream in = ProfilingBootIT.class.getResourceAsStream("profiling-boot.sh")) {
                Files.write(script, in.readAllBytes());
            }
            Path unit = Files.writeString(work.resolve("it-profiling.service"), String.join("\n",
                    "[Unit]", "Description=jpackage-deb profiling test", "After=multi-user.target", "",
                    "[Service]", "Type=oneshot", "ExecStart=/usr/local/sbin/it.sh",
                    "ExecStopPost=/bin/systemctl --no-block poweroff", "",
                    "[Install]", "WantedBy=multi-user.target", ""));
            root.sh("mkdir -p /root/debs"
                    + " && cp " + root.put(v1) + " /root/debs/v1.deb"
                    + " && install -m 0755 " + root.put(script) + " /usr/local/sbin/it.sh"
                    + " && install -m 0644 " + root.put(unit) + " /etc/systemd/system/it.service"
                    + " && ln -sf /etc/systemd/system/it.service /etc/systemd/system/multi-user.target.wants/it.service"
                    + " && rm -f /root/it.log /root/profile.jfr");
            long start = System.nanoTime();
            Proc.Result boot = root.onTree("mkdir -p /run/systemd/nspawn\n"
                    + "mount -t tmpfs tmpfs /run/systemd/nspawn\n"
                    + "exec systemd-nspawn -q -D \"$ROOT\" --register=no --keep-unit --boot\n")
                    .timeout(Duration.ofMinutes(12)).exec();
            long seconds = (System.nanoTime() - start) / 1_000_000_000;
            String log = root.exists("/root/it.log") ? root.read("/root/it.log") : "(no /root/it.log)";
            System.out.println("[ProfilingBootIT] boot, profiling checks and poweroff took " + seconds + " s; log:\n"
                    + log);
            List<String> failed = new ArrayList<>();
            for (String line : log.split("\n")) {
                if (line.startsWith("FAIL: ")) {
                    failed.add(line);
                }
            }
            assertTrue(log.contains("\nEND"), "the profiling script did not finish:\n" + log + "\n" + boot.describe());
            assertEquals(List.of(), failed, log);
            for (String step : List.of("install", "recording", "load", "dump", "cap", "off", "remove", "purge")) {
                assertTrue(log.contains("\nok: " + step + ": "), step + " made no check:\n" + log);
            }
            assertEquals(0, boot.exit(), boot.describe());

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
