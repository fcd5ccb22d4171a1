package io.github.jpackagedeb.cli;

import io.github.jpackagedeb.core.DebException;
import io.github.jpackagedeb.core.packaging.ProjectMetadata;
import io.github.jpackagedeb.core.Setting;
import io.github.jpackagedeb.core.debiandir.DebianChangelog;
import io.github.jpackagedeb.core.scaffold.ScaffoldSpec;
import io.github.jpackagedeb.core.version.DebianVersion;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code make-deb changelog}: a new entry in {@code debian/changelog} for the pom's version, as {@code dch -v}
 * writes one (Debian Policy 4.4): the message from {@code -m}, else from the user's editor ($VISUAL, $EDITOR);
 * the trailer from DEBFULLNAME and DEBEMAIL, else the newest entry's maintainer.
 */
@Command(name = "changelog", mixinStandardHelpOptions = true, versionProvider = MakeDeb.Version.class,
        description = {"Adds an entry to debian/changelog for the project's version (from pom.xml, or --debian-version), "
                + "like dch -v: the text from -m, else from $VISUAL or $EDITOR.",
                "The same upstream version again gets the next Debian revision (1.0.0-1 -> 1.0.0-2)."},
        footer = {"", "Exit codes: 0 written, 1 failure (no debian/changelog, bad version, editor failed), "
                + "2 usage (no -m without a terminal)."})
final class ChangelogCommand extends CommandBase implements Callable<Integer> {

    @Option(names = {"-C", "--dir"}, paramLabel = "DIR", description = "The project directory (default: the current one).")
    Path dir = Path.of(".");

    @Option(names = {"-m", "--message"}, paramLabel = "TEXT",
            description = "A change (repeatable: one bullet each); without it the editor opens.")
    List<String> messages = new ArrayList<>();

    @Option(names = "--debian-version", paramLabel = "VERSION",
            description = "The Debian version of the entry (default: the pom's version, mapped as the build maps it).")
    String version;

    @Option(names = {"-D", "--distribution"}, paramLabel = "DIST",
            description = "The distribution (default: the newest entry's).")
    String distribution;

    @Override
    public Integer call() {
        MakeDeb.Context ctx = context();
        Ui ui = ui();
        if (messages.isEmpty() && !ctx.terminal()) {
            ui.error("no -m TEXT, and no terminal for an editor: give the change with -m 'New upstream release.'");
            return MakeDeb.USAGE;
        }
        try {
            return write(ui, ctx.env());
        } catch (DebException e) {
            ui.error(e, Wording::name);
            return MakeDeb.FAILURE;
        }
    }

    private int write(Ui ui, Map<String, String> env) {
        Path project = dir.toAbsolutePath().normalize();
        Path file = project.resolve("debian/changelog");
        if (!Files.isRegularFile(file)) {
            throw new DebException(Setting.DEBIAN_CHANGELOG, file.toString(), "there is no debian/changelog to add to.",
                    "run make-deb init first (it writes one).");
        }
        DebianChangelog log = DebianChangelog.parse(read(file), "debian/changelog");
        DebianVersion v = version != null ? DebianVersion.parse(version.strip()) : fromPom(project, env, log);
        String fromEnv = ProjectMetadata.maintainerFromEnvironment(env);
        String maintainer = fromEnv != null ? fromEnv : log.newest().maintainer();
        String dist = distribution != null ? distribution.strip() : log.newest().distributions();
        Instant now = env.get("SOURCE_DATE_EPOCH") != null && env.get("SOURCE_DATE_EPOCH").matches("[0-9]{1,12}")
                ? Instant.ofEpochSecond(Long.parseLong(env.get("SOURCE_DATE_EPOCH"))) : Instant.now();
        List<String> changes = messages.isEmpty() ? List.of("New upstream release.") : messages;
        DebianChangelog updated = log.withEntry(v, dist, changes, maintainer, now);
        String text = updated.text();
        if (messages.isEmpty()) {
            text = edit(text, env, ui);
            DebianChangelog.parse(text, "debian/changelog (as edited)"); // a broken edit never replaces the file
        }
        writeAtomically(file, text);
        ui.result("debian/changelog: " + updated.newest().pkg() + " (" + v + ") " + dist);
        return MakeDeb.OK;
    }

    /**
     * The pom's version as the build maps it (a snapshot without its time stamp); when the newest entry is already
     * for that upstream version, the next revision.
     */
    private static DebianVersion fromPom(Path project, Map<String, String> env, DebianChangelog log) {
        PomReader.Project pom = PomReader.read(project.resolve("pom.xml"), env,
                Path.of(System.getProperty("user.home"), ".m2", "repository"));
        DebianVersion mapped = ScaffoldSpec.Builder.scaffoldVersion(pom.version(), Instant.EPOCH);
        DebianVersion top = log.newest().version();
        if (!top.upstream().equals(mapped.upstream())) {
            return DebianVersion.of(top.epoch(), mapped.upstream(), mapped.revision());
        }
        String rev = top.revision();
        if (rev == null || !rev.matches("[0-9]+")) {
            throw new DebException(Setting.VERSION, top.toString(), "the newest entry is already for " + pom.version()
                    + ", and its revision '" + rev + "' is not a number to count up.",
                    "give the version with --debian-version, e.g. --debian-version " + top.upstream() + "-2.");
        }
        return DebianVersion.of(top.epoch(), top.upstream(), Integer.toString(Integer.parseInt(rev) + 1));
    }

    /** Opens the draft in $VISUAL or $EDITOR (else sensible-editor, as dch does) and returns what was saved. */
    private static String edit(String draft, Map<String, String> env, Ui ui) {
        String editor = env.getOrDefault("VISUAL", env.getOrDefault("EDITOR", "sensible-editor"));
        try {
            Path tmp = Files.createTempFile("changelog-", ".dch");
            try {
                Files.writeString(tmp, draft, StandardCharsets.UTF_8);
                Process p = new ProcessBuilder("sh", "-c", editor + " \"$1\"", "editor", tmp.toString()).inheritIO().start();
                int rc = p.waitFor();
                if (rc != 0) {
                    throw new DebException(Setting.EDITOR, editor, "the editor exited with status " + rc
                            + "; debian/changelog is unchanged.", "fix $VISUAL/$EDITOR, or give the change with -m.");
                }
                return Files.readString(tmp, StandardCharsets.UTF_8);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new DebException(Setting.EDITOR, editor, "cannot run the editor: " + e.getMessage(),
                    "set $VISUAL or $EDITOR, or give the change with -m.", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DebException(Setting.EDITOR, editor, "interrupted.", "run it again.", e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new DebException(Setting.DEBIAN_CHANGELOG, file.toString(), "cannot read it: " + e.getMessage(),
                    "check that it is readable UTF-8 text.", e);
        }
    }

    private static void writeAtomically(Path file, String text) {
        try {
            Path tmp = Files.createTempFile(file.getParent(), ".changelog-", ".tmp");
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            Files.setPosixFilePermissions(tmp, Files.getPosixFilePermissions(file));
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new DebException(Setting.DEBIAN_CHANGELOG, file.toString(), "cannot write it: " + e.getMessage(),
                    "check that debian/ is writable.", e);
        }
    }
}
