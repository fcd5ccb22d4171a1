package io.github.jpackagedeb.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * {@code make-deb}: the command-line front end of jpackage-deb. {@code make-deb} alone is {@code make-deb init}
 * (scaffold {@code debian/} from a pom); {@code build} makes a .deb without Maven, {@code check} and
 * {@code inspect} read .deb files; {@code flamegraph} turns JDK Flight Recorder recordings into a flame graph.
 * Exit codes: 0 success, 1 failure (bad input files, errors found), 2 usage (bad
 * or missing options).
 */
@Command(name = "make-deb", mixinStandardHelpOptions = true, versionProvider = MakeDeb.Version.class,
        description = "Turns a JVM application into a Debian package.",
        subcommands = {InitCommand.class, ChangelogCommand.class, BuildCommand.class, CheckCommand.class,
                InspectCommand.class, RepoCommand.class, FlameGraphCommand.class, CommandLine.HelpCommand.class,
                picocli.AutoComplete.GenerateCompletion.class})
public final class MakeDeb implements Runnable {

    /** Exit codes. */
    static final int OK = 0;
    static final int FAILURE = 1;
    static final int USAGE = 2;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** Standard input, the environment and whether a terminal is attached; tests replace them. */
    final Context context;

    public MakeDeb() {
        this(Context.system());
    }

    MakeDeb(Context context) {
        this.context = context;
    }

    /**
     * What the commands read besides their options.
     *
     * @param in       standard input (answers to prompts)
     * @param env      the environment (DEBFULLNAME, DEBEMAIL, SOURCE_DATE_EPOCH, NO_COLOR…)
     * @param terminal whether a user sits at a terminal (prompts allowed, colour on)
     */
    record Context(java.io.InputStream in, java.util.Map<String, String> env, boolean terminal) {
        static Context system() {
            return new Context(System.in, System.getenv(), isTerminal());
        }

        /** System.console() is not null on a terminal (JDK 22+: also without one, so ask Console.isTerminal()). */
        static boolean isTerminal() {
            java.io.Console c = System.console();
            if (c == null) {
                return false;
            }
            try {
                return (Boolean) java.io.Console.class.getMethod("isTerminal").invoke(c);
            } catch (ReflectiveOperationException e) {
                return true; // before JDK 22 a console exists only on a terminal
            }
        }
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    static int run(String... args) {
        return execute(Context.system(), new java.io.PrintWriter(System.out, true), new java.io.PrintWriter(System.err, true),
                args);
    }

    /** Runs make-deb with the given context and streams; {@code make-deb [OPTIONS]} without a command is init. */
    static int execute(Context context, java.io.PrintWriter out, java.io.PrintWriter err, String... args) {
        CommandLine cl = new CommandLine(new MakeDeb(context));
        cl.setOut(out);
        cl.setErr(err);
        cl.getSubcommands().get("generate-completion").getCommandSpec().usageMessage().hidden(true);
        return cl.execute(withDefaultCommand(cl, args));
    }

    /** {@code make-deb} and {@code make-deb --force …} mean {@code make-deb init …}. */
    static String[] withDefaultCommand(CommandLine cl, String... args) {
        boolean topLevelOption = args.length > 0 && java.util.List.of("-h", "--help", "-V", "--version").contains(args[0]);
        if (args.length == 0 || args[0].startsWith("-") && !topLevelOption) {
            String[] a = new String[args.length + 1];
            a[0] = "init";
            System.arraycopy(args, 0, a, 1, args.length);
            return a;
        }
        return args;
    }

    /** Reads the version Maven wrote into version.properties. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            Properties p = new Properties();
            try (InputStream in = MakeDeb.class.getResourceAsStream("version.properties")) {
                if (in != null) {
                    p.load(in);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return new String[] {"make-deb " + p.getProperty("version", "unknown")};
        }
    }
}
