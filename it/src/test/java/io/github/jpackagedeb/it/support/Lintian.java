package io.github.jpackagedeb.it.support;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs the real lintian as our gate: {@code lintian --fail-on error,warning DEB} (exit 0 = no error and no warning
 * left after the package's own overrides). Never add {@code --show-overrides} to the gate: it makes overridden
 * tags count again. As root lintian prints "running with root privileges is not recommended!", which is harmless.
 */
public final class Lintian {

    private static final Duration TIMEOUT = Duration.ofMinutes(5);
    private static final Pattern TAG_LINE = Pattern.compile("^([EWIXPNOC]): ([^:]+): (\\S+)(?: (.*))?$");

    private Lintian() {
    }

    /** Runs the gate on {@code deb}, plus any extra options (e.g. {@code --pedantic}); never throws on findings. */
    public static Report check(Path deb, String... extraOptions) {
        Env.requireTool("lintian");
        List<String> cmd = new ArrayList<>(List.of("lintian", "--fail-on", "error,warning"));
        cmd.addAll(Arrays.asList(extraOptions));
        cmd.add(deb.toString());
        return new Report(Proc.of(cmd).timeout(TIMEOUT).exec());
    }

    /** Fails the test, with lintian's full output, unless the gate passes. */
    public static Report assertClean(Path deb, String... extraOptions) {
        Report r = check(deb, extraOptions);
        if (!r.passed()) {
            fail("lintian found errors or warnings in " + deb.getFileName() + ":\n" + r.result().describe());
        }
        return r;
    }

    /**
     * What lintian said.
     *
     * @param result the lintian process: exit 0 = clean, 1 = errors or warnings, 2 = lintian itself failed
     */
    public record Report(Proc.Result result) {

        /** Exit 0. */
        public boolean passed() {
            return result.exit() == 0;
        }

        /** Everything lintian printed. */
        public String output() {
            return result.output();
        }

        /** The tags reported, e.g. {@code E no-copyright-file}, in output order. */
        public List<Tag> tags() {
            List<Tag> tags = new ArrayList<>();
            for (String line : result.stdout().split("\n")) {
                Matcher m = TAG_LINE.matcher(line);
                if (m.matches()) {
                    tags.add(new Tag(m.group(1).charAt(0), m.group(2).trim(), m.group(3),
                            m.group(4) == null ? "" : m.group(4)));
                }
            }
            return tags;
        }

        /** True when a tag of that name was reported (at any severity). */
        public boolean has(String tagName) {
            return tags().stream().anyMatch(t -> t.name().equals(tagName));
        }
    }

    /**
     * One lintian finding.
     *
     * @param severity E(rror), W(arning), I(nfo), P(edantic), X (experimental), O (overridden), C (classification)
     * @param target   the package (and type, for source packages)
     * @param name     the tag name
     * @param context  the rest of the line (file pointers, details)
     */
    public record Tag(char severity, String target, String name, String context) {
    }
}
