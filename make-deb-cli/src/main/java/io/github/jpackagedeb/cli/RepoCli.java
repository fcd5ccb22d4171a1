package io.github.jpackagedeb.cli;

import io.github.jpackagedeb.core.DebException;
import io.github.jpackagedeb.core.DebLog;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.util.Map;

/** What the repo commands share: core's log on the terminal, and core's errors worded for command-line users. */
final class RepoCli {

    /** Exit code of a refused operation (bad input, damaged repository); picocli uses 2 for usage errors. */
    static final int REFUSED = 1;

    private static final Map<String, String> FLAGS = Map.ofEntries(
            Map.entry("signingKey", "--signing-key"),
            Map.entry("keyId", "--key-id"),
            Map.entry("passphrase", "--passphrase-env"),
            Map.entry("deb", "FILE.deb"),
            Map.entry("repository", "REPO_DIR"),
            Map.entry("package", "PACKAGE[=VERSION]"),
            Map.entry("version", "PACKAGE[=VERSION]"),
            Map.entry("suite", "--suite"),
            Map.entry("component", "--component"),
            Map.entry("codename", "--codename"),
            Map.entry("origin", "--origin"),
            Map.entry("label", "--label"),
            Map.entry("description", "--description"),
            Map.entry("architectures", "--architectures"),
            Map.entry("date", "--date"),
            Map.entry("SOURCE_DATE_EPOCH", "the environment variable SOURCE_DATE_EPOCH"));

    private RepoCli() {
    }

    interface Body {
        void run();
    }

    static int run(CommandLine.Model.CommandSpec spec, Body body) {
        try {
            body.run();
            return 0;
        } catch (DebException e) {
            PrintWriter err = spec.commandLine().getErr();
            err.println(spec.qualifiedName() + ": " + describe(e));
            err.flush();
            return REFUSED;
        }
    }

    /** {@code --signing-key 'x.asc': does not exist. Fix: …}; the passphrase itself never appears. */
    static String describe(DebException e) {
        String where = FLAGS.getOrDefault(e.field(), e.field());
        StringBuilder sb = new StringBuilder(where);
        if (e.value() != null) {
            sb.append(" '").append(DebException.printable(e.value())).append('\'');
        }
        sb.append(": ").append(e.problem());
        if (e.fix() != null) {
            sb.append("\n  Fix: ").append(e.fix());
        }
        return sb.toString();
    }

    static DebLog log(CommandLine.Model.CommandSpec spec) {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        return new DebLog() {
            @Override
            public void debug(String message) {
            }

            @Override
            public void info(String message) {
                out.println(message);
                out.flush();
            }

            @Override
            public void warn(String message) {
                err.println("warning: " + message);
                err.flush();
            }
        };
    }
}
