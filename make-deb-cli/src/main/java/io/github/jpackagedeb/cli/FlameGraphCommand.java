package io.github.jpackagedeb.cli;

import io.github.jpackagedeb.core.DebException;
import io.github.jpackagedeb.core.Setting;
import io.github.jpackagedeb.core.profile.FlameGraphRequest;
import io.github.jpackagedeb.core.profile.FlameGraphs;
import io.github.jpackagedeb.core.profile.ProfileEvent;
import io.github.jpackagedeb.core.profile.WindowBound;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code make-deb flamegraph RECORDING.jfr|DIR…}: JDK Flight Recorder recordings to an HTML flame graph and collapsed
 * stacks. The work is core's {@link FlameGraphs}; this reads the options and words the errors.
 */
@Command(name = "flamegraph", mixinStandardHelpOptions = true, versionProvider = MakeDeb.Version.class,
        description = {"Turns JDK Flight Recorder recordings into an interactive HTML flame graph (NAME.html) and "
                + "collapsed stacks (NAME.collapsed: `frame;frame;frame count` lines, as flamegraph.pl and speedscope "
                + "read them).",
                "Give .jfr files, or directories searched with their subdirectories for *.jfr (e.g. "
                        + "/var/lib/<pkg>/profiles, or several hosts' copies side by side): all samples go into one graph. "
                        + "A recording cut short is read up to its last whole chunk, with a warning."},
        footer = {"", "Exit codes: 0 written, 1 failure (a recording missing, unreadable or corrupt; no samples), "
                + "2 usage (bad option)."})
final class FlameGraphCommand extends CommandBase implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "RECORDING.jfr|DIR", description = "Recordings, or directories of them.")
    List<Path> inputs;

    @Option(names = "--event", paramLabel = "EVENT", description = "What to count: cpu (default; jdk.ExecutionSample), "
            + "alloc (jdk.ObjectAllocationSample), lock (jdk.JavaMonitorEnter, jdk.ThreadPark) or wall (cpu and "
            + "jdk.NativeMethodSample).")
    String event = "cpu";

    @Option(names = "--from", paramLabel = "TIME", description = "Leave out samples before TIME: an instant "
            + "(2026-11-26T10:15:00Z) or a duration from the start of each recording (90s, 10m, 1h30m).")
    String from;

    @Option(names = "--to", paramLabel = "TIME", description = "Leave out samples after TIME (as --from).")
    String to;

    @Option(names = {"-o", "--output"}, paramLabel = "NAME", description = "Write NAME.html and NAME.collapsed; a "
            + "directory: DIR/flamegraph.html and DIR/flamegraph.collapsed (default: flamegraph, in the current "
            + "directory).")
    String output = "flamegraph";

    @Option(names = "--title", paramLabel = "TEXT", description = "The heading of the HTML page (default: the event "
            + "and the window).")
    String title;

    @Override
    public Integer call() {
        MakeDeb.Context ctx = context();
        Ui ui = ui();
        try {
            Path base = Path.of(output);
            if (output.endsWith("/") || Files.isDirectory(base)) {
                base = base.resolve("flamegraph");
            }
            FlameGraphRequest request = FlameGraphRequest.builder()
                    .inputs(inputs)
                    .event(ProfileEvent.parse(event))
                    .from(from == null ? null : WindowBound.parse(Setting.FROM, from))
                    .to(to == null ? null : WindowBound.parse(Setting.TO, to))
                    .title(title)
                    .outputBase(base)
                    .build();
            FlameGraphs.Result r = FlameGraphs.render(request, ui.log());
            int n = r.recordings().size();
            ui.info(r.samples() + " " + request.event().title() + " from " + n + " recording" + (n == 1 ? "" : "s")
                    + ", " + r.stacks() + " distinct stack" + (r.stacks() == 1 ? "" : "s") + ".");
            ui.result(r.html().toString());
            ui.result(r.collapsed().toString());
            return MakeDeb.OK;
        } catch (DebException e) {
            ui.error(e, FlameGraphCommand::name);
            return List.of(Setting.EVENT, Setting.FROM, Setting.TO, Setting.TITLE).contains(e.setting()) ? MakeDeb.USAGE
                    : MakeDeb.FAILURE;
        }
    }

    /** Core's settings as this command's options (they are in {@link Wording}'s table). */
    static String name(Setting setting) {
        return Wording.name(setting);
    }
}
