package io.github.jpackagedeb.cli;

import io.github.jpackagedeb.core.DebException;
import io.github.jpackagedeb.core.check.DebContents;
import io.github.jpackagedeb.core.check.PolicyCheck;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code make-deb check FILE.deb…}: core's policy checks, without lintian. Prints one line per finding
 * ({@code E:}, {@code W:}, {@code I:} with lintian's tag names where lintian has the same check) and a summary per
 * file.
 */
@Command(name = "check", mixinStandardHelpOptions = true, versionProvider = MakeDeb.Version.class,
        description = {"Checks .deb files against Debian Policy without lintian: name, version, required fields, "
                + "maintainer, description, relations, md5sums against the content, ownership and modes, unsafe paths, "
                + "conffiles, copyright file, maintainer scripts, Architecture against ELF files."},
        footer = {"", "Exit codes: 0 no errors (warnings allowed), 1 errors found or a file is not a readable .deb, "
                + "2 usage."})
final class CheckCommand extends CommandBase implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "FILE.deb", description = "The packages to check.")
    List<Path> files;

    @Override
    public Integer call() {
        MakeDeb.Context ctx = context();
        Ui ui = ui();
        boolean failed = false;
        for (Path f : files) {
            List<PolicyCheck.Finding> findings;
            try {
                findings = PolicyCheck.check(DebContents.read(f));
            } catch (DebException e) {
                ui.result(ui.colour("red", "E:") + " " + f + ": not-a-deb " + e.problem());
                failed = true;
                continue;
            }
            long errors = findings.stream().filter(x -> x.severity() == PolicyCheck.Severity.ERROR).count();
            long warnings = findings.stream().filter(x -> x.severity() == PolicyCheck.Severity.WARNING).count();
            for (PolicyCheck.Finding x : findings) {
                if (x.severity() == PolicyCheck.Severity.INFO && !verbosity.verbose) {
                    continue;
                }
                if (x.severity() == PolicyCheck.Severity.WARNING && verbosity.quiet) {
                    continue;
                }
                String letter = x.severity().letter() + ":";
                String style = x.severity() == PolicyCheck.Severity.ERROR ? "red" : x.severity() == PolicyCheck.Severity.WARNING ? "yellow" : "faint";
                ui.result(ui.colour(style, letter) + " " + f.getFileName() + ": " + x.tag()
                        + (x.detail().isEmpty() ? "" : " " + x.detail()));
                ui.detail("   " + x.why());
            }
            ui.info(f + ": " + (errors == 0 ? ui.colour("green", "passed") : ui.colour("red", "failed")) + " (" + errors
                    + " error" + (errors == 1 ? "" : "s") + ", " + warnings + " warning" + (warnings == 1 ? "" : "s") + ")");
            failed |= errors > 0;
        }
        return failed ? MakeDeb.FAILURE : MakeDeb.OK;
    }
}
