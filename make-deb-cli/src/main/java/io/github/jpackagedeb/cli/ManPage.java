package io.github.jpackagedeb.cli;

import io.github.jpackagedeb.core.archive.Gzip;
import io.github.jpackagedeb.core.assembly.BuildTimestamp;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * make-deb(1), rendered in roff (man(7) macros) from picocli's model of the commands, so that the page lists every
 * subcommand and option the program has and cannot drift from it. The build writes it with
 * {@code java io.github.jpackagedeb.cli.ManPage FILE.1.gz} and the make-deb package ships it in
 * /usr/share/man/man1 (Policy 12.1), in place of the generic page the plugin writes for an application.
 */
public final class ManPage {

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);

    private ManPage() {
    }

    /**
     * Writes the page, gzipped ({@code gzip -9n}) when the file name ends with .gz. Its date is the build's:
     * {@code project.build.outputTimestamp} (the second argument), else SOURCE_DATE_EPOCH, else now.
     */
    public static void main(String[] args) throws IOException {
        if (args.length < 1 || args.length > 2) {
            System.err.println("usage: ManPage FILE.1[.gz] [OUTPUT_TIMESTAMP]");
            System.exit(MakeDeb.USAGE);
        }
        Instant date = BuildTimestamp.resolve(args.length > 1 ? args[1] : null, System.getenv("SOURCE_DATE_EPOCH"),
                Instant.now());
        byte[] page = render(date).getBytes(StandardCharsets.UTF_8);
        Path out = Path.of(args[0]);
        if (out.getParent() != null) {
            Files.createDirectories(out.getParent());
        }
        Files.write(out, out.toString().endsWith(".gz") ? Gzip.reproducible(page) : page);
    }

    /** The page for make-deb's commands as they are defined now. */
    static String render(Instant date) {
        CommandLine cl = new CommandLine(new MakeDeb());
        CommandSpec top = cl.getCommandSpec();
        String version = new MakeDeb.Version().getVersion()[0];
        StringBuilder b = new StringBuilder();
        b.append(".\\\" Generated from make-deb's picocli model by io.github.jpackagedeb.cli.ManPage; do not edit.\n");
        b.append(".TH MAKE-DEB 1 \"").append(DATE.format(date)).append("\" \"").append(esc(version))
                .append("\" \"User Commands\"\n");
        b.append(".SH NAME\nmake\\-deb \\- ").append(esc(String.join(" ", top.usageMessage().description()))).append('\n');
        b.append(".SH SYNOPSIS\n");
        for (CommandSpec c : commands(top)) {
            b.append(".B ").append(esc(c.qualifiedName())).append('\n')
                    .append(esc(synopsisArguments(c))).append("\n.br\n");
        }
        b.append(".SH DESCRIPTION\n")
                .append("make\\-deb scaffolds the debian/ directory of a Maven project, builds Debian packages of JVM\n")
                .append("applications without Maven, checks and inspects .deb files, keeps apt repositories and turns\n")
                .append("JDK Flight Recorder recordings into flame graphs. Without a command it runs\n.BR init .\n")
                .append("Every command takes\n.B \\-h\nfor its help;\n.B make\\-deb help\n.I COMMAND\nprints the same.\n");
        b.append(".SH OPTIONS\n");
        options(b, top);
        b.append(".SH COMMANDS\n");
        for (CommandSpec c : commands(top)) {
            if (c == top) {
                continue;
            }
            b.append(".SS ").append(esc(c.qualifiedName())).append('\n');
            for (String line : c.usageMessage().description()) {
                b.append(text(line)).append('\n');
            }
            b.append(".PP\n.B ").append(esc(c.qualifiedName())).append('\n').append(esc(synopsisArguments(c))).append('\n');
            for (PositionalParamSpec p : c.positionalParameters()) {
                if (p.hidden()) {
                    continue;
                }
                b.append(".TP\n.I ").append(esc(p.paramLabel())).append('\n')
                        .append(text(String.join(" ", p.renderedDescription()))).append('\n');
            }
            options(b, c);
        }
        b.append(".SH EXIT STATUS\n.TP\n.B 0\nSuccess.\n.TP\n.B 1\nFailure: bad input files, errors found.\n")
                .append(".TP\n.B 2\nUsage: a bad or missing option.\n");
        b.append(".SH ENVIRONMENT\n.TP\n.B NO_COLOR\nNo colour in the output (there is none without a terminal either).\n")
                .append(".TP\n.BR DEBFULLNAME \", \" DEBEMAIL\nThe maintainer when the pom names none (init, build).\n")
                .append(".TP\n.B SOURCE_DATE_EPOCH\nThe time stamp of every file of a package built, when no other is given.\n");
        b.append(".SH SEE ALSO\n.BR dpkg\\-buildpackage (1),\n.BR dpkg\\-deb (1),\n.BR lintian (1),\n.BR apt (8)\n");
        return b.toString();
    }

    /** make-deb and every visible command under it, depth first, in their declared order. */
    static java.util.List<CommandSpec> commands(CommandSpec top) {
        java.util.List<CommandSpec> out = new java.util.ArrayList<>();
        out.add(top);
        for (CommandLine sub : new java.util.LinkedHashSet<>(top.subcommands().values())) {
            if (!sub.getCommandSpec().usageMessage().hidden()
                    && !sub.getCommandSpec().name().equals("generate-completion")) {
                out.addAll(commands(sub.getCommandSpec()));
            }
        }
        return out;
    }

    /** The visible options of a command: its synopsis and description, as the help shows them. */
    private static void options(StringBuilder b, CommandSpec c) {
        for (OptionSpec o : c.options()) {
            if (o.hidden()) {
                continue;
            }
            b.append(".TP\n.B ").append(esc(String.join(", ", o.names())));
            if (o.arity().max() > 0) {
                b.append(" \\fI").append(esc(o.paramLabel())).append("\\fR");
            }
            b.append('\n').append(text(String.join(" ", o.renderedDescription()))).append('\n');
        }
    }

    /** The synopsis after the command name, e.g. {@code [-hV] [--force] DIR}, as picocli's help prints it. */
    private static String synopsisArguments(CommandSpec c) {
        CommandLine.Help help = new CommandLine.Help(c, CommandLine.Help.defaultColorScheme(CommandLine.Help.Ansi.OFF));
        String s = help.synopsis(0).replaceAll("\\s+", " ").strip();
        String name = c.qualifiedName();
        return s.startsWith(name) ? s.substring(name.length()).strip() : s;
    }

    /** A line of running text: escaped, and never read as a request. */
    private static String text(String s) {
        String t = esc(s);
        return t.startsWith(".") || t.startsWith("'") ? "\\&" + t : t;
    }

    /** roff escapes: backslash, and minus signs that are meant as such (options, paths). */
    static String esc(String s) {
        return s.replaceAll("[\\r\\n\\t]+", " ").replace("\\", "\\e").replace("-", "\\-");
    }
}
