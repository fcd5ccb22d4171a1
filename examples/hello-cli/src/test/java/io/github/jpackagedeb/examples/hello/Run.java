package io.github.jpackagedeb.examples.hello;

import java.io.PrintWriter;
import java.io.StringWriter;

/** One in-process run of hello-cli: exit status, standard output and standard error. */
record Run(int status, String out, String err) {

    static Run of(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        var cmd = HelloCli.newCommandLine();
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(err, true));
        int status = cmd.execute(args);
        return new Run(status, out.toString(), err.toString());
    }
}
