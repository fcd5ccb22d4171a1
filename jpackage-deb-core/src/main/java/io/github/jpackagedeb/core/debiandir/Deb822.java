package io.github.jpackagedeb.core.debiandir;

import io.github.jpackagedeb.core.DebException;
import io.github.jpackagedeb.core.Setting;
import io.github.jpackagedeb.core.debfile.Deb822.RawField;
import io.github.jpackagedeb.core.debfile.Deb822.RawParagraph;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import static io.github.jpackagedeb.core.debfile.Deb822.read;

/**
 * The deb822 control-file syntax (deb822(5), Debian Policy 5.1) as {@code debian/control} uses it, read by the one
 * deb822 reader ({@link io.github.jpackagedeb.core.debfile.Deb822#read}) with line numbers kept for messages:
 * paragraphs separated by blank lines; {@code Field: value} lines; continuation lines that start with a space or a
 * tab; comment lines that start with {@code #} (allowed in {@code debian/control}, dropped wherever they are, even
 * between continuation lines). Field names are matched case-insensitively; a field given twice in one paragraph, a
 * continuation line before any field, a line without a colon, or CR line endings are errors naming the file, the
 * line and the fix.
 */
public final class Deb822 {

    private Deb822() {
    }

    /**
     * One field of a paragraph.
     *
     * @param name  the name as written
     * @param value the value: the text after the colon (trimmed), then each continuation line on a line of its
     *              own, as written (with its leading space)
     * @param line  the 1-based line of the field name
     */
    public record Field(String name, String value, int line) {

        /** The first line of the value (for a Description: the synopsis). */
        public String firstLine() {
            int nl = value.indexOf('\n');
            return nl < 0 ? value : value.substring(0, nl);
        }

        /** The continuation lines, each without its leading space (Policy 5.6.13 for descriptions). */
        public List<String> continuation() {
            List<String> out = new ArrayList<>();
            String[] lines = value.split("\n", -1);
            for (int i = 1; i < lines.length; i++) {
                out.add(lines[i].isEmpty() ? "" : lines[i].substring(1));
            }
            return out;
        }

        /** The value folded onto one line (for fields like Depends that may span lines). */
        public String folded() {
            return value.replaceAll("\\s*\\n\\s*", " ").strip();
        }
    }

    /**
     * One paragraph (stanza): its fields in file order.
     *
     * @param fields by lower-case name, in file order
     * @param line   the 1-based line where it starts
     * @param source the file, for messages
     */
    public record Paragraph(Map<String, Field> fields, int line, String source) {

        public Paragraph {
            fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
        }

        /** The field, matched case-insensitively. */
        public Optional<Field> field(String name) {
            return Optional.ofNullable(fields.get(name.toLowerCase(Locale.ROOT)));
        }

        /** The folded value of a field, if present and not empty. */
        public Optional<String> value(String name) {
            return field(name).map(Field::folded).filter(v -> !v.isEmpty());
        }

        /** Where a field is, for messages: {@code debian/control line 7}. */
        public String where(String name) {
            return source + field(name).map(f -> " line " + f.line()).orElse(" (paragraph at line " + line + ")");
        }
    }

    /**
     * Parses {@code text}.
     *
     * @param source the file name for messages
     * @throws DebException (field {@code debianControl}) on a syntax error
     */
    public static List<Paragraph> parse(String text, String source) {
        if (text.indexOf('\r') >= 0) {
            throw new DebException(Setting.DEBIAN_CONTROL, source, "the file has CR (Windows or old Mac) line endings.",
                    "convert it to LF line endings (dos2unix).");
        }
        List<Paragraph> out = new ArrayList<>();
        for (RawParagraph raw : read(text, true, true, (problem, no, what, first) ->
                switch (problem) {
                    case CONTINUATION_FIRST -> new DebException(Setting.DEBIAN_CONTROL, what.strip(),
                            source + " line " + no
                            + ": a continuation line (starting with a space) comes before any field.",
                            "start the paragraph with 'Field: value', or remove the leading space.");
                    case NOT_A_FIELD -> new DebException(Setting.DEBIAN_CONTROL, what, source + " line " + no
                            + ": not a 'Field: value' line, a continuation line or a comment.",
                            "write 'Field: value', indent continuation lines with one space, start comments with '#'.");
                    case BAD_NAME -> new DebException(Setting.DEBIAN_CONTROL, what, source + " line " + no
                            + ": not a valid field name (printable ASCII without spaces or ':', not starting with '-' or '#').",
                            "fix the field name.");
                    case DUPLICATE -> new DebException(Setting.DEBIAN_CONTROL, what,
                            source + " line " + no + ": the field " + what
                            + " is given twice in one paragraph (first at line " + first.line() + ").",
                            "keep only one of them.");
                })) {
            Map<String, Field> fields = new LinkedHashMap<>();
            for (RawField f : raw.fields()) {
                fields.put(f.name().toLowerCase(Locale.ROOT), new Field(f.name(), f.value(), f.line()));
            }
            out.add(new Paragraph(fields, raw.line(), source));
        }
        return out;
    }
}
