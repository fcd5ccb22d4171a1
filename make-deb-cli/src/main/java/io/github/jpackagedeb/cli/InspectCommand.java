package io.github.jpackagedeb.cli;

import io.github.jpackagedeb.core.DebException;
import io.github.jpackagedeb.core.check.DebContents;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code make-deb inspect FILE.deb}: control fields, conffiles, maintainer scripts and the file list, readable. */
@Command(name = "inspect", mixinStandardHelpOptions = true, versionProvider = MakeDeb.Version.class,
        description = {"Shows what a .deb holds: its control file, conffiles, maintainer scripts (their text with -v) "
                + "and its files with modes, owners and sizes."},
        footer = {"", "Exit codes: 0 shown, 1 not a readable .deb, 2 usage."})
final class InspectCommand extends CommandBase implements Callable<Integer> {

    @Parameters(paramLabel = "FILE.deb", description = "The package.")
    Path file;

    @Override
    public Integer call() {
        java.io.PrintWriter out = spec.commandLine().getOut();
        DebContents deb;
        try {
            deb = DebContents.read(file);
        } catch (DebException e) {
            spec.commandLine().getErr().println("make-deb: " + file + ": " + e.problem());
            spec.commandLine().getErr().flush();
            return MakeDeb.FAILURE;
        }
        long size;
        try {
            size = Files.size(file);
        } catch (IOException e) {
            size = -1;
        }
        out.println(file.getFileName() + ": " + size + " bytes; members " + String.join(", ", deb.members()));
        out.println();
        out.println("control:");
        deb.controlText("control").ifPresent(t -> t.lines().forEach(l -> out.println("  " + l)));
        String conffiles = deb.controlText("conffiles").orElse("").strip();
        out.println();
        out.println("conffiles:" + (conffiles.isEmpty() ? " none" : ""));
        conffiles.lines().forEach(l -> out.println("  " + l));
        out.println();
        List<String> scripts = deb.control().keySet().stream()
                .filter(n -> List.of("preinst", "postinst", "prerm", "postrm", "config", "triggers").contains(n)).toList();
        out.println("scripts:" + (scripts.isEmpty() ? " none" : ""));
        for (String s : scripts) {
            DebContents.Member m = deb.control().get(s);
            out.println("  " + s + " (" + m.content().length + " bytes, " + String.format("%04o", m.mode()) + ")");
            if (verbosity.verbose) {
                m.text().lines().forEach(l -> out.println("    | " + l));
            }
        }
        out.println();
        long files = deb.data().stream().filter(e -> e.type() == DebContents.Type.FILE).count();
        long bytes = deb.data().stream().mapToLong(e -> e.type() == DebContents.Type.FILE ? e.size() : 0).sum();
        out.println("files (" + deb.data().size() + " entries, " + files + " files, " + bytes + " bytes):");
        for (DebContents.Entry e : deb.data()) {
            out.println(String.format("  %s %s/%s %10d %s%s", modeString(e), e.owner().isEmpty() ? e.uid() : e.owner(),
                    e.group().isEmpty() ? e.gid() : e.group(), e.type() == DebContents.Type.FILE ? e.size() : 0,
                    e.path(), e.linkTarget() != null ? (e.type() == DebContents.Type.SYMLINK ? " -> " : " => ")
                            + e.linkTarget() : ""));
        }
        out.flush();
        return MakeDeb.OK;
    }

    static String modeString(DebContents.Entry e) {
        char t = switch (e.type()) {
            case DIRECTORY -> 'd';
            case SYMLINK -> 'l';
            case HARDLINK -> 'h';
            case FILE -> '-';
            default -> '?';
        };
        StringBuilder sb = new StringBuilder().append(t);
        String rwx = "rwxrwxrwx";
        for (int i = 0; i < 9; i++) {
            sb.append((e.mode() & (1 << (8 - i))) != 0 ? rwx.charAt(i) : '-');
        }
        if ((e.mode() & 04000) != 0) {
            sb.setCharAt(3, sb.charAt(3) == 'x' ? 's' : 'S');
        }
        if ((e.mode() & 02000) != 0) {
            sb.setCharAt(6, sb.charAt(6) == 'x' ? 's' : 'S');
        }
        return sb.toString();
    }
}
