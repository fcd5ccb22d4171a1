package io.github.jpackagedeb.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.jpackagedeb.core.DebException;
import io.github.jpackagedeb.core.version.DebianVersion;
import io.github.jpackagedeb.core.version.MavenVersionMapper;
import io.github.jpackagedeb.it.support.Env;
import io.github.jpackagedeb.it.support.Proc;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

/**
 * Proves DebianVersion's comparator equal to the real {@code dpkg --compare-versions} on a few thousand random
 * pairs (mapped Maven versions, and Debian versions written from the characters the mapper uses), so that core's
 * VersionOrderPropertyTest may use it as the oracle for its 100,000 pairs. A new seed each run, printed;
 * {@code -Ddpkg.seed=N} reproduces one.
 */
class DpkgVersionOrderIT {

    private static final int PAIRS = 3000;
    private static final String[] PARTS = {"0", "1", "2", "10", "00", "alpha", "beta", "rc", "snapshot", "sp", "jre",
        "build", "a", "x", "ga", "final", "M", "RC", "SNAPSHOT"};

    private static String maven(Random r) {
        StringBuilder v = new StringBuilder(Integer.toString(r.nextInt(3)));
        for (int i = r.nextInt(5); i > 0; i--) {
            v.append(".-".charAt(r.nextInt(2))).append(PARTS[r.nextInt(PARTS.length)]);
        }
        return v.toString();
    }

    private static String debian(Random r) {
        String chars = "0123456789abcxyzAZ~+.-";
        StringBuilder v = new StringBuilder(Integer.toString(r.nextInt(3)));
        for (int i = r.nextInt(8); i > 0; i--) {
            v.append(chars.charAt(r.nextInt(chars.length())));
        }
        v.append('-').append(r.nextInt(3));
        return v.toString();
    }

    private static DebianVersion next(Random r) {
        while (true) {
            try {
                return r.nextBoolean()
                        ? MavenVersionMapper.defaults().map(maven(r), Instant.ofEpochSecond(r.nextInt(3) * 86_400L))
                        : DebianVersion.parse(debian(r));
            } catch (DebException e) {
                // not a valid version: draw again
            }
        }
    }

    @Test
    void debianVersionComparesAsDpkgDoes() {
        Env.requireTool("dpkg");
        long seed = Long.getLong("dpkg.seed", System.nanoTime());
        System.out.println("DpkgVersionOrderIT seed: " + seed + " (-Ddpkg.seed=" + seed + " to reproduce)");
        Random r = new Random(seed);
        List<DebianVersion[]> pairs = new ArrayList<>();
        StringBuilder input = new StringBuilder();
        for (int i = 0; i < PAIRS; i++) {
            DebianVersion a = next(r);
            DebianVersion b = r.nextInt(10) == 0 ? a : next(r);
            pairs.add(new DebianVersion[] {a, b});
            input.append(a).append(' ').append(b).append('\n');
        }
        String script = "while read a b; do if dpkg --compare-versions \"$a\" lt \"$b\"; then echo -1;"
                + " elif dpkg --compare-versions \"$a\" eq \"$b\"; then echo 0; else echo 1; fi; done < \"$1\"";
        java.nio.file.Path in;
        try {
            in = java.nio.file.Files.writeString(java.nio.file.Files.createTempFile("pairs", ".txt"), input);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        String[] out = Proc.bash(script, in.toString()).timeout(Duration.ofMinutes(10)).run().stdout().split("\n");
        assertEquals(PAIRS, out.length, "one answer per pair");
        List<String> wrong = new ArrayList<>();
        for (int i = 0; i < PAIRS; i++) {
            DebianVersion a = pairs.get(i)[0];
            DebianVersion b = pairs.get(i)[1];
            int ours = Integer.signum(a.compareTo(b));
            if (ours != Integer.parseInt(out[i].strip())) {
                wrong.add(a + " vs " + b + ": dpkg " + out[i].strip() + ", DebianVersion " + ours);
            }
        }
        assertEquals(List.of(), wrong, "seed " + seed);
        System.out.println("DpkgVersionOrderIT: " + PAIRS + " pairs, DebianVersion agrees with dpkg on all");
    }
}
