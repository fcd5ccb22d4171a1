package io.github.jpackagedeb.it.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Runs a test script inside a copy of the systemd root booted with {@code systemd-nspawn --boot}
 * (docs/services.md#how-it-is-tested): the script is installed as a oneshot unit that powers the container off when it
 * ends, the packages are copied to {@code /root/debs/<name>.deb}, and the script writes its findings to
 * {@code /root/it.log} as {@code ok: <step>: ...}, {@code FAIL: ...} lines and a last {@code END} line.
 */
public final class BootScript {

    private BootScript() {
    }

    /** The functions every boot script sources (ok/bad/step, /health over /dev/tcp, dpkg status), next to the ITs. */
    private static final String LIB = "boot-lib.sh";

    private static Path resource(Class<?> owner, String resource, Path work) throws IOException {
        Path file = Files.createTempFile(work, resource.replaceFirst("\\.sh$", ""), ".sh");
        try (InputStream in = owner.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("no resource " + resource + " next to " + owner.getName());
            }
            Files.write(file, in.readAllBytes());
        }
        return file;
    }

    /** What the booted script left: its log, the nspawn run and how long the boot took. */
    public record Result(String name, String log, Proc.Result boot, long seconds) {

        /** The script's {@code FAIL:} lines. */
        public List<String> failures() {
            return log.lines().filter(l -> l.startsWith("FAIL: ")).toList();
        }

        /** Asserts that the script finished, reported no failure, and that the container powered off cleanly. */
        public Result assertPassed() {
            assertTrue(log.contains("\nEND"), "the " + name + " script did not finish:\n" + log + "\n" + boot.describe());
            assertEquals(List.of(), failures(), log);
            assertEquals(0, boot.exit(), boot.describe());
            return this;
        }

        /** Asserts that each step made at least one {@code ok: <step>: <prefix>} check. */
        public Result assertChecked(List<String> steps, String prefix) {
            for (String step : steps) {
                assertTrue(log.contains("\nok: " + step + ": " + prefix), step + " made no check:\n" + log);
            }
            return this;
        }
    }

    /**
     * Boots {@code root} with the script {@code resource} (next to {@code owner}) as its test unit.
     *
     * @param debs packages to copy into the root, by the name the script uses ({@code /root/debs/<name>.deb})
     */
    public static Result run(DebianRoot.Copy root, Class<?> owner, String resource, Map<String, Path> debs) {
        String name = resource.replaceFirst("\\.sh$", "");
        try {
            Path work = Files.createDirectories(Env.pathProperty("it.workDir"));
            Path script = resource(owner, resource, work);
            Path lib = resource(owner, LIB, work);
            Path unit = Files.writeString(work.resolve("it-" + name + ".service"), String.join("\n",
                    "[Unit]", "Description=jpackage-deb test " + name, "After=multi-user.target", "",
                    "[Service]", "Type=oneshot", "ExecStart=/usr/local/sbin/it.sh",
                    "ExecStopPost=/bin/systemctl --no-block poweroff", "",
                    "[Install]", "WantedBy=multi-user.target", ""));
            StringBuilder setup = new StringBuilder("mkdir -p /root/debs");
            for (Map.Entry<String, Path> deb : new java.util.TreeMap<>(debs).entrySet()) {
                setup.append(" && cp ").append(root.put(deb.getValue())).append(" /root/debs/").append(deb.getKey())
                        .append(".deb");
            }
            setup.append(" && install -m 0755 ").append(root.put(script)).append(" /usr/local/sbin/it.sh")
                    .append(" && install -D -m 0644 ").append(root.put(lib)).append(" /usr/local/lib/it-boot-lib.sh")
                    .append(" && install -m 0644 ").append(root.put(unit)).append(" /etc/systemd/system/it.service")
                    .append(" && ln -sf /etc/systemd/system/it.service")
                    .append(" /etc/systemd/system/multi-user.target.wants/it.service")
                    .append(" && rm -f /root/it.log");
            root.sh(setup.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        long start = System.nanoTime();
        // nspawn needs a tmpfs at /run/systemd/nspawn on this (containerised) host; it is mounted only in the
        // private mount namespace of onTree, as is the copy's overlay
        Proc.Result boot = root.onTree("mkdir -p /run/systemd/nspawn\n"
                + "mount -t tmpfs tmpfs /run/systemd/nspawn\n"
                + "exec systemd-nspawn -q -D \"$ROOT\" --register=no --keep-unit --boot\n")
                .timeout(Duration.ofMinutes(12)).exec();
        long seconds = (System.nanoTime() - start) / 1_000_000_000;
        String log = root.exists("/root/it.log") ? root.read("/root/it.log") : "(no /root/it.log)";
        System.out.println("[" + owner.getSimpleName() + "] boot, " + name + " and poweroff took " + seconds
                + " s; log:\n" + log);
        return new Result(name, log, boot, seconds);
    }
}
