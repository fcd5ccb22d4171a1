package io.github.jpackagedeb.core.version;

import io.github.jpackagedeb.core.testing.ExternalTools;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The real {@code dpkg --compare-versions}, run on many pairs in one shell process. Skips the
 * calling test when dpkg is missing, unless the environment variable CI is "true" (then it fails).
 */
final class Dpkg {

    private static final String LOOP = "while read a b; do"
            + " if dpkg --compare-versions \"$a\" lt \"$b\"; then echo -1;"
            + " elif dpkg --compare-versions \"$a\" eq \"$b\"; then echo 0;"
            + " elif dpkg --compare-versions \"$a\" gt \"$b\"; then echo 1;"
            + " else echo ERROR; fi; done";

    private Dpkg() {
    }

    static void assumeAvailable() {
        ExternalTools.require("dpkg");
    }

    /** The sign of {@code dpkg --compare-versions a[i] b[i]} (-1, 0, 1) for each pair, in order. */
    static List<Integer> compare(List<String[]> pairs) throws IOException, InterruptedException {
        assumeAvailable();
        Process p = new ProcessBuilder("sh", "-c", LOOP).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try (Writer w = new java.io.OutputStreamWriter(p.getOutputStream(), StandardCharsets.US_ASCII)) {
            for (String[] pair : pairs) {
                w.write(pair[0] + " " + pair[1] + "\n");
            }
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
        Assertions.assertTrue(p.waitFor(300, TimeUnit.SECONDS), "dpkg loop did not finish");
        Assertions.assertEquals(0, p.exitValue(), "the dpkg comparison loop failed");
        List<Integer> result = new ArrayList<>();
        for (String line : out.split("\n")) {
            if (line.isEmpty()) {
                continue;
            }
            if (line.equals("ERROR")) {
                Assertions.fail("dpkg could not compare pair #" + result.size() + ": "
                        + String.join(" vs ", pairs.get(result.size())));
            }
            result.add(Integer.parseInt(line));
        }
        Assertions.assertEquals(pairs.size(), result.size(), "one dpkg answer per pair");
        return result;
    }

    static int compare(String a, String b) throws IOException, InterruptedException {
        return compare(List.<String[]>of(new String[] {a, b})).get(0);
    }
}
