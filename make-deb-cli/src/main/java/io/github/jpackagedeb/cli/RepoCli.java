package io.github.jpackagedeb.cli;

import io.github.jpackagedeb.core.DebException;
import io.github.jpackagedeb.core.DebLog;
import io.github.jpackagedeb.core.Setting;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.util.EnumMap;
import java.util.Map;

/** What the repo commands share: core's log on the terminal, and core's errors worded for command-line users. */
final class RepoCli {

    /** Exit code of a refused operation (bad input, damaged repository); picocli uses 2 for usage errors. */
    static final int REFUSED = 1;

    /** Where the repo commands' flags differ from {@link Wording}'s (make-deb build's). */
    private static final Map<Setting, String> FLAGS = new EnumMap<>(Map.of(
            Setting.SIGNING_KEY, "--signing-key",
            Setting.KEY_ID, "--key-id",
            Setting.PASSPHRASE, "--passphrase-env",
            Setting.DEB, "FILE.deb",
            Setting.VERSION, "PACKAGE[=VERSION]"));

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
        String where = FLAGS.getOrDefault(e.setting(), Wording.name(e.setting()));
        StringBuilder sb = new StringBuilder(where);
        if (e.value() != null) {
            sb.append(" '").append(DebException.printable(e.value())).append('\'');
        }
        sb.append(": ").append(e.problem());
        String fix = e.fix(c -> "set " + FLAGS.getOrDefault(c.setting(),
                Wording.name(c.setting())) + " to " + c.value());
        if (fix != null) {
            sb.append("\n  Fix: ").append(fix);
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
