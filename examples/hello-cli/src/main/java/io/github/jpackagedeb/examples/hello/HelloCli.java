package io.github.jpackagedeb.examples.hello;

import org.slf4j.bridge.SLF4JBridgeHandler;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ScopeType;

/**
 * Entry point of {@code hello-cli}: a greeting and CSV summary statistics.
 *
 * <p>Exit status follows picocli's conventions: 0 on success, 1 when a job fails
 * ({@link HelloCliException}), 2 on a usage error (unknown option, missing argument,
 * missing subcommand).
 */
@Command(
        name = VersionInfo.PROGRAM,
        description = "Greets people and prints summary statistics of CSV files.",
        mixinStandardHelpOptions = true,
        versionProvider = VersionInfo.class,
        scope = ScopeType.INHERIT,
        subcommands = {GreetCommand.class, StatsCommand.class, CommandLine.HelpCommand.class},
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {
            " 0:success",
            " 1:the job failed (unreadable or malformed input)",
            " 2:usage error (unknown option, missing argument)"
        })
public final class HelloCli {

    /** Exit status of a failed job. */
    public static final int EXIT_FAILED = 1;

    private HelloCli() {
    }

    /**
     * Builds the command line with its error handling; tests call this instead of {@link #main}.
     *
     * @return a ready-to-execute command line
     */
    public static CommandLine newCommandLine() {
        CommandLine cmd = new CommandLine(HelloCli.class);
        cmd.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            if (ex instanceof HelloCliException) {
                commandLine.getErr().println(VersionInfo.PROGRAM + ": " + ex.getMessage());
                commandLine.getErr().flush();
                return EXIT_FAILED;
            }
            throw ex;
        });
        return cmd;
    }

    /**
     * Runs the program and exits with its status.
     *
     * @param args the command-line arguments
     */
    public static void main(String[] args) {
        // libraries that log through java.util.logging end up in logback too
        SLF4JBridgeHandler.removeHandlersForRootLogger();
        SLF4JBridgeHandler.install();
        System.exit(newCommandLine().execute(args));
    }
}
