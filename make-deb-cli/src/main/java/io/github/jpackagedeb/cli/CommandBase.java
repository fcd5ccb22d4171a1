package io.github.jpackagedeb.cli;

import picocli.CommandLine;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/** What every make-deb command shares: the parent's context, its picocli spec, -q/-v, and the Ui built from them. */
abstract class CommandBase {

    @ParentCommand
    MakeDeb parent;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    Verbosity verbosity = new Verbosity();

    /** The context make-deb runs in (environment, stdin, terminal). */
    MakeDeb.Context context() {
        return parent.context;
    }

    /** The command's output: colour only on a terminal without NO_COLOR. */
    Ui ui() {
        MakeDeb.Context ctx = context();
        return new Ui(spec.commandLine().getOut(), spec.commandLine().getErr(),
                new BufferedReader(new InputStreamReader(ctx.in(), StandardCharsets.UTF_8)), verbosity.quiet,
                verbosity.verbose, ctx.terminal() && !ctx.env().containsKey("NO_COLOR"));
    }
}
