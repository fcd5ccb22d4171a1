package io.github.jpackagedeb.cli;

import io.github.jpackagedeb.core.DebException;
import io.github.jpackagedeb.core.DebLog;
import io.github.jpackagedeb.core.Setting;
import picocli.CommandLine;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;

/**
 * How make-deb talks to its user: results on standard output, messages and errors on standard error, prompts and
 * answers on the terminal (or on standard input with {@code --interactive}). Colour only when standard output is a
 * terminal and {@code NO_COLOR} is unset; {@code -q} keeps only errors and results, {@code -v} adds details.
 */
final class Ui {

    private final PrintWriter out;
    private final PrintWriter err;
    private final BufferedReader in;
    private final boolean quiet;
    private final boolean verbose;
    private final CommandLine.Help.Ansi ansi;

    Ui(PrintWriter out, PrintWriter err, BufferedReader in, boolean quiet, boolean verbose, boolean colour) {
        this.out = out;
        this.err = err;
        this.in = in;
        this.quiet = quiet;
        this.verbose = verbose;
        this.ansi = colour ? CommandLine.Help.Ansi.ON : CommandLine.Help.Ansi.OFF;
    }

    /** A result line, always printed (on standard output). */
    void result(String text) {
        out.println(text);
        out.flush();
    }

    /** Progress and information (standard error), unless {@code -q}. */
    void info(String text) {
        if (!quiet) {
            err.println(text);
            err.flush();
        }
    }

    /** Details, only with {@code -v}. */
    void detail(String text) {
        if (verbose) {
            err.println(text);
            err.flush();
        }
    }

    void warn(String text) {
        if (!quiet) {
            err.println(colour("yellow", "warning: ") + text);
            err.flush();
        }
    }

    void error(String text) {
        err.println(colour("red", "make-deb: ") + text);
        err.flush();
    }

    /** Text in a colour (picocli markup), plain without a terminal. */
    String colour(String style, String text) {
        return ansi.string("@|" + style + " " + text.replace("|@", "| @") + "|@");
    }

    boolean verbose() {
        return verbose;
    }

    /** Asks a question; null at the end of input. */
    String ask(String prompt) {
        out.print(prompt);
        out.flush();
        try {
            String line = in.readLine();
            if (line == null) {
                out.println();
                out.flush();
            }
            return line;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Core's log, worded for the terminal. */
    DebLog log() {
        return new DebLog() {
            @Override
            public void debug(String message) {
                detail(message);
            }

            @Override
            public void info(String message) {
                Ui.this.info(message);
            }

            @Override
            public void warn(String message) {
                Ui.this.warn(message);
            }
        };
    }

    /** A core error, worded with the flags and files of this command line. */
    void error(DebException e, java.util.function.Function<Setting, String> wording) {
        StringBuilder sb = new StringBuilder(wording.apply(e.setting()));
        if (e.value() != null) {
            sb.append(" '").append(DebException.printable(e.value())).append('\'');
        }
        sb.append(": ").append(e.problem());
        String fix = Wording.fix(e);
        if (fix != null) {
            sb.append("\n  Fix: ").append(fix);
        }
        error(sb.toString());
    }
}
