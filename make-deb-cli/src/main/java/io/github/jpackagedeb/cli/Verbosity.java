package io.github.jpackagedeb.cli;

import picocli.CommandLine.Option;

/** {@code -q} and {@code -v}, shared by every command. */
final class Verbosity {

    @Option(names = {"-q", "--quiet"}, description = "Print only results and errors.")
    boolean quiet;

    @Option(names = {"-v", "--verbose"}, description = "Print details.")
    boolean verbose;
}
