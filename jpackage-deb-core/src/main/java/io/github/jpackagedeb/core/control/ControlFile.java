package io.github.jpackagedeb.core.control;

import io.github.jpackagedeb.core.WordWrap;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * Renders {@code DEBIAN/control} of a binary package (Debian Policy 5.3 for the fields, 5.1 for the syntax).
 * Field order follows what dpkg-gencontrol writes. The long description is folded per Policy 5.6.13:
 * every line indented by one space, empty lines written as {@code " ."}.
 */
public final class ControlFile {

    /** Text columns of a description line, after its leading space. */
    private static final int WIDTH = 78;

    private ControlFile() {
    }

    public static byte[] render(PackageSpec spec, long installedSizeKib) {
        StringBuilder sb = new StringBuilder(512);
        field(sb, "Package", spec.name());
        field(sb, "Version", spec.version().toString());
        field(sb, "Architecture", spec.architecture());
        field(sb, "Maintainer", spec.maintainer());
        field(sb, "Installed-Size", Long.toString(installedSizeKib));
        for (Map.Entry<Relation, List<String>> e : spec.relations().entrySet()) {
            field(sb, e.getKey().field(), String.join(", ", e.getValue()));
        }
        field(sb, "Section", spec.section());
        field(sb, "Priority", spec.priority());
        if (spec.homepage() != null) {
            field(sb, "Homepage", spec.homepage());
        }
        sb.append("Description: ").append(spec.synopsis()).append('\n');
        sb.append(foldDescription(spec.longDescription()));
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The extended description as continuation lines (each starting with a space), or "" when empty. */
    static String foldDescription(String longDescription) {
        if (longDescription == null || longDescription.isBlank()) {
            return "";
        }
        StringBuilder sb = new StringBuilder();
        for (String line : longDescription.strip().split("\n", -1)) {
            String l = line.stripTrailing().replace('\t', ' ');
            if (l.isBlank()) {
                sb.append(" .\n");
            } else if (l.strip().equals(".")) {
                sb.append(" .\n"); // a lone dot would read as a paragraph break anyway (Policy 5.6.13)
            } else if (l.startsWith(" ")) {
                sb.append(' ').append(l).append('\n'); // verbatim line (Policy 5.6.13)
            } else {
                // no description line over 80 columns (Policy 3.4.1, lintian's extended-description-line-too-long)
                for (String w : WordWrap.lines(l.trim(), WIDTH, true)) {
                    sb.append(' ').append(w).append('\n');
                }
            }
        }
        return sb.toString();
    }

    private static void field(StringBuilder sb, String name, String value) {
        if (value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0) {
            throw new IllegalStateException("field " + name + " holds a newline; PackageSpec should have refused it");
        }
        sb.append(name).append(": ").append(value).append('\n');
    }
}
