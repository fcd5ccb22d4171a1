package io.github.jpackagedeb.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * {@code make-deb}: the command-line front end of jpackage-deb. For now it answers {@code --version} and
 * {@code --help}; {@code init}, {@code build} and {@code check} come with their own issue.
 */
@Command(name = "make-deb", mixinStandardHelpOptions = true, versionProvider = MakeDeb.Version.class,
        description = "Turns a JVM application into a Debian package.")
public final class MakeDeb implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    static int run(String... args) {
        return new CommandLine(new MakeDeb()).execute(args);
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
