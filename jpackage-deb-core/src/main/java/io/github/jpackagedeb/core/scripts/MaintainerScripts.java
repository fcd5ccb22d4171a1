package io.github.jpackagedeb.core.scripts;

import io.github.jpackagedeb.core.DebException;
import io.github.jpackagedeb.core.Setting;
import io.github.jpackagedeb.core.template.Template;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Assembles preinst, postinst, prerm and postrm from {@link Snippet}s and the author's own scripts
 * (docs/services.md#how-the-maintainer-scripts-are-assembled):
 * <ul>
 *   <li>The snippets of one script form one {@code case "$1" in … esac} block that names every action dpkg
 *       passes (Debian Policy 6.5-6.8); each action runs the snippets that apply to it. Actions nothing applies
 *       to share an empty branch; an unknown action is ignored (left to the rest of the script), so the block
 *       also works inside an author's script and under a future dpkg.</li>
 *   <li>postinst (and preinst) run snippets in the order added; prerm and postrm in reverse order, so what was
 *       set up last is taken down first (as debhelper does).</li>
 *   <li>An author's script keeps its content; the block replaces its one {@code #DEBHELPER#} line (indented like
 *       it), so one {@code debian/} directory serves this tool and debhelper. Without one, the script is
 *       {@code #!/bin/sh}, {@code set -e}, the block, {@code exit 0}.</li>
 *   <li>A script with nothing to do is not shipped at all.</li>
 * </ul>
 * Rendering is strict (see {@link Template}); an author's script without the token, with it twice, with CRLF
 * line endings or with a non-shell interpreter is a {@link DebException} naming the file and the fix.
 */
public final class MaintainerScripts {

    /** debhelper's token, which marks where generated code goes. */
    public static final String TOKEN = "#DEBHELPER#";
    private static final String INDENT = "        ";
    private static final Pattern SHELL = Pattern.compile("#!\\s*/(usr/)?bin/(sh|dash|bash)(\\s.*)?");

    private MaintainerScripts() {
    }

    /**
     * All scripts of a package.
     *
     * @param pkg         the package name, for the generated header
     * @param snippets    every snippet, in set-up order (user, directories, owners, systemd…)
     * @param userScripts the author's scripts by name (may be empty)
     * @return control member name ({@code postinst}) to content, only for scripts that exist, in
     *         preinst-postinst-prerm-postrm order
     */
    public static Map<String, byte[]> assemble(String pkg, List<Snippet> snippets,
                                               Map<ScriptName, UserScript> userScripts) {
        Map<String, byte[]> out = new LinkedHashMap<>();
        for (ScriptName s : ScriptName.values()) {
            render(s, pkg, snippets, userScripts.get(s))
                    .ifPresent(text -> out.put(s.fileName(), text.getBytes(StandardCharsets.UTF_8)));
        }
        return out;
    }

    /** One script, or empty when it has neither snippets nor an author's version. */
    public static Optional<String> render(ScriptName script, String pkg, List<Snippet> snippets, UserScript user) {
        List<Snippet> mine = new ArrayList<>();
        for (Snippet sn : snippets) {
            if (sn.script() == script) {
                mine.add(sn);
            }
        }
        if (script.reversed()) {
            Collections.reverse(mine);
        }
        if (mine.isEmpty() && user == null) {
            return Optional.empty();
        }
        String block = mine.isEmpty() ? null : block(script, mine);
        if (user == null) {
            String frame = Template.load("scripts/frame").render(Map.of("SCRIPT", script.fileName(), "PACKAGE", pkg));
            return Optional.of(insert(frame, block, "the generated frame"));
        }
        checkUserScript(script, user);
        return Optional.of(insert(user.text(), block, user.source()));
    }

    /** The {@code case} block of one script's snippets. */
    static String block(ScriptName script, List<Snippet> snippets) {
        // actions with the same snippet list share a branch; branches keep Policy's order of first appearance
        Map<List<Snippet>, List<String>> branches = new LinkedHashMap<>();
        List<String> idle = new ArrayList<>();
        for (String action : script.actions()) {
            List<Snippet> applies = new ArrayList<>();
            for (Snippet sn : snippets) {
                if (sn.actions().contains(action)) {
                    applies.add(sn);
                }
            }
            if (applies.isEmpty()) {
                idle.add(action);
            } else {
                branches.computeIfAbsent(applies, k -> new ArrayList<>()).add(action);
            }
        }
        Map<String, String> rendered = new LinkedHashMap<>();
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<List<Snippet>, List<String>> b : branches.entrySet()) {
            sb.append("    ").append(String.join("|", b.getValue())).append(")\n");
            boolean first = true;
            for (Snippet sn : b.getKey()) {
                if (!first) {
                    sb.append('\n');
                }
                first = false;
                String text = rendered.computeIfAbsent(key(sn), k -> renderSnippet(sn));
                sb.append(indent(text, INDENT));
            }
            sb.append(INDENT).append(";;\n");
        }
        if (!idle.isEmpty()) {
            sb.append("    ").append(String.join("|", idle)).append(")\n");
            sb.append(INDENT).append(";;\n");
        }
        sb.append("    *)\n").append(INDENT).append(";;");
        List<String> names = new ArrayList<>();
        for (Snippet sn : snippets) {
            if (!names.contains(sn.template())) {
                names.add(sn.template());
            }
        }
        return Template.load("scripts/dispatch").render(Map.of("SNIPPETS", String.join(", ", names),
                "BRANCHES", sb.toString()));
    }

    private static String key(Snippet sn) {
        return sn.template() + sn.values();
    }

    private static String renderSnippet(Snippet sn) {
        String text = Template.load("scripts/" + sn.template()).render(sn.values());
        if (text.contains("<<")) {
            throw new IllegalStateException("snippet " + sn.template() + " uses a here-document, which cannot be "
                    + "indented into a case branch");
        }
        return text.endsWith("\n") ? text : text + "\n";
    }

    private static String indent(String text, String prefix) {
        StringBuilder sb = new StringBuilder();
        for (String line : text.split("\n", -1)) {
            if (!line.isEmpty()) {
                sb.append(prefix).append(line);
            }
            sb.append('\n');
        }
        // split keeps a trailing empty string after the last newline: drop the extra newline it added
        return sb.substring(0, sb.length() - 1);
    }

    /** Replaces the one {@code #DEBHELPER#} line of {@code text} with {@code block} (or with nothing). */
    private static String insert(String text, String block, String source) {
        String[] lines = text.split("\n", -1);
        int at = -1;
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].strip().equals(TOKEN)) {
                if (at >= 0) {
                    throw new DebException(Setting.MAINTAINER_SCRIPT, source,
                            "the " + TOKEN + " line appears more than once "
                            + "(lines " + (at + 1) + " and " + (i + 1) + "), so it is not clear where the generated "
                            + "code goes.", "keep exactly one line holding only " + TOKEN + ".");
                }
                at = i;
            }
        }
        if (at < 0) {
            boolean inline = text.contains(TOKEN);
            throw new DebException(Setting.MAINTAINER_SCRIPT, source, inline
                    ? "the " + TOKEN + " token is not on a line of its own."
                    : "the script has no " + TOKEN + " line, so the code jpackage-deb generates (system user, "
                    + "directories, systemd start and stop) would be lost.",
                    "add a line holding only " + TOKEN + " where the generated code should run, usually right "
                            + "after 'set -e' (as with debhelper).");
        }
        String lead = lines[at].substring(0, lines[at].indexOf(TOKEN.charAt(0)));
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < lines.length; i++) {
            if (i == at) {
                if (block != null) {
                    sb.append(indent(block.endsWith("\n") ? block.substring(0, block.length() - 1) : block, lead));
                } else {
                    continue; // nothing generated: the token line goes
                }
            } else {
                sb.append(lines[i]);
            }
            if (i < lines.length - 1) {
                sb.append('\n');
            }
        }
        return sb.toString();
    }

    /** The checks an author's script must pass before code is put into it. */
    static void checkUserScript(ScriptName script, UserScript user) {
        Objects.requireNonNull(user, "user");
        String text = user.text();
        if (text.indexOf('\r') >= 0) {
            throw new DebException(Setting.MAINTAINER_SCRIPT, user.source(),
                    "the file has CRLF (or CR) line endings; the shell would read '\\r' as part of every command.",
                    "convert it to LF line endings (dos2unix, or git's core.autocrlf=input).");
        }
        String first = text.lines().findFirst().orElse("");
        if (!first.startsWith("#!")) {
            throw new DebException(Setting.MAINTAINER_SCRIPT, user.source(),
                    "the " + script.fileName() + " script does not start with a '#!' interpreter line (Debian Policy "
                            + "10.4).", "start it with #!/bin/sh, then set -e, then the " + TOKEN + " line.");
        }
        if (!SHELL.matcher(first).matches()) {
            throw new DebException(Setting.MAINTAINER_SCRIPT, user.source(),
                    "its interpreter line '" + first + "' is not a POSIX shell, and the generated code that goes in "
                            + "at " + TOKEN + " is shell code.", "write the script for #!/bin/sh.");
        }
    }

    /** The scripts by name of a map from {@link #assemble}: a view for callers that prefer the enum. */
    public static Map<ScriptName, String> byName(Map<String, byte[]> scripts) {
        Map<ScriptName, String> m = new EnumMap<>(ScriptName.class);
        scripts.forEach((k, v) -> m.put(ScriptName.ofFileName(k), new String(v, StandardCharsets.UTF_8)));
        return m;
    }
}
