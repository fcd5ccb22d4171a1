package io.github.jpackagedeb.core.control;

import io.github.jpackagedeb.core.spec.PackageSpec;
import io.github.jpackagedeb.core.spec.Relation;

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
                wrap(sb, l);
            }
        }
        return sb.toString();
    }

    /**
     * Wraps a paragraph line at word boundaries so no description line exceeds 80 columns (Debian Policy 3.4.1,
     * lintian's extended-description-line-too-long); a word longer than a line (Maven coordinates, a URL) is broken
     * after a {@code : / . - _ ,} where it can be, else at the width.
     */
    private static void wrap(StringBuilder sb, String line) {
        StringBuilder cur = new StringBuilder();
        for (String word : words(line.trim().split(" +"))) {
            if (cur.length() > 0 && cur.length() + 1 + word.length() > WIDTH) {
                sb.append(' ').append(cur).append('\n');
                cur.setLength(0);
            }
            if (cur.length() > 0) {
                cur.append(' ');
            }
            cur.append(word);
        }
        sb.append(' ').append(cur).append('\n');
    }

    /** The words, with each one longer than {@link #WIDTH} split into pieces that fit. */
    private static List<String> words(String[] words) {
        List<String> out = new java.util.ArrayList<>();
        for (String w : words) {
            while (w.length() > WIDTH) {
                int cut = WIDTH;
                for (int i = WIDTH; i > 1; i--) {
                    if (":/.-_,".indexOf(w.charAt(i - 1)) >= 0) {
                        cut = i;
                        break;
                    }
                }
                out.add(w.substring(0, cut));
                w = w.substring(cut);
            }
            out.add(w);
        }
        return out;
    }

    private static void field(StringBuilder sb, String name, String value) {
        if (value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0) {
            throw new IllegalStateException("field " + name + " holds a newline; PackageSpec should have refused it");
        }
        sb.append(name).append(": ").append(value).append('\n');
    }
}
