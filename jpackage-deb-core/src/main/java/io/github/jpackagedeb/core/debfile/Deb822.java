package io.github.jpackagedeb.core.debfile;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The control-file syntax of deb822(5) (Debian Policy 5.1): paragraphs of {@code Name: value} fields separated by
 * blank lines; a line starting with a space or a tab continues the previous field. Field names compare
 * case-insensitively. Used for the {@code control} member of a .deb, apt's {@code Packages} and {@code Release}
 * files, {@code .changes} and {@code .buildinfo}.
 *
 * <p>A value is kept as written: the text after the colon on the first line (without its surrounding blanks), then
 * {@code "\n"} and each continuation line unchanged (with its leading blank). {@link Paragraph#render()} writes it
 * back byte for byte.
 */
public final class Deb822 {

    private Deb822() {
    }

    /**
     * Parses paragraphs. Blank lines (also lines of only blanks) separate them; {@code #} comment lines are not
     * allowed in these files and are refused like any other malformed line.
     *
     * @param text  the file content
     * @param where names the file in error messages
     * @throws IllegalArgumentException on a malformed line, naming the line number
     */
    public static List<Paragraph> parse(String text, String where) {
        List<Paragraph> result = new ArrayList<>();
        for (RawParagraph raw : read(text, false, false, (problem, line, what, first) -> new IllegalArgumentException(
                where + " line " + line + switch (problem) {
                    case CONTINUATION_FIRST -> ": a continuation line without a field before it: " + what;
                    case NOT_A_FIELD -> ": not a 'Name: value' field: " + what;
                    case BAD_NAME -> ": bad field name '" + what + "'";
                    case DUPLICATE -> ": field " + what + " appears twice";
                }))) {
            Paragraph.Builder b = Paragraph.builder();
            for (RawField f : raw.fields()) {
                b.set(f.name(), f.value());
            }
            result.add(b.build());
        }
        return Collections.unmodifiableList(result);
    }

    /** A syntax error {@link #read} found. */
    public enum Problem {
        /** a continuation line with no field before it in its paragraph (the text: the line) */
        CONTINUATION_FIRST,
        /** a line that is not blank, not a continuation and has no colon after a name (the text: the line) */
        NOT_A_FIELD,
        /** a field name with a space or a control character, or starting with {@code -} or {@code #} (the name) */
        BAD_NAME,
        /** a field given twice in one paragraph, names compared case-insensitively (the name) */
        DUPLICATE
    }

    /** Words a syntax error for the caller's users. */
    @FunctionalInterface
    public interface SyntaxErrors {
        /**
         * @param line  the 1-based line
         * @param text  what {@link Problem} says
         * @param first for {@link Problem#DUPLICATE} the field given first, else null
         */
        RuntimeException error(Problem problem, int line, String text, RawField first);
    }

    /**
     * A field as read.
     *
     * @param value the text after the colon (without its surrounding blanks), then {@code "\n"} and each continuation
     *              line as written
     * @param line  the 1-based line of the name
     */
    public record RawField(String name, String value, int line) {
    }

    /** A paragraph as read: its fields in file order and the 1-based line of the first one. */
    public record RawParagraph(List<RawField> fields, int line) {
    }

    /**
     * The one deb822 reader: {@link #parse} and {@code debiandir.Deb822} (debian/control) are views of it. A CR
     * before a line's end is dropped.
     *
     * @param comments   whether lines starting with {@code #} are comments, dropped wherever they are (debian/control);
     *                   if not, they are refused as bad field names
     * @param tabAsSpace whether a continuation line's leading tab is kept as a space
     * @param errors     makes the exception thrown on a syntax error
     */
    public static List<RawParagraph> read(String text, boolean comments, boolean tabAsSpace, SyntaxErrors errors) {
        List<RawParagraph> result = new ArrayList<>();
        LinkedHashMap<String, RawField> fields = new LinkedHashMap<>(); // by lower-case name
        String last = null; // lower-case name of the field continuation lines belong to
        int start = 0;
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            int no = i + 1;
            if (line.endsWith("\r")) {
                line = line.substring(0, line.length() - 1);
            }
            if (comments && line.startsWith("#")) {
                continue;
            }
            if (line.isBlank()) {
                if (!fields.isEmpty()) {
                    result.add(new RawParagraph(List.copyOf(fields.values()), start));
                    fields = new LinkedHashMap<>();
                }
                last = null;
                continue;
            }
            if (line.charAt(0) == ' ' || line.charAt(0) == '\t') {
                if (last == null) {
                    throw errors.error(Problem.CONTINUATION_FIRST, no, line, null);
                }
                RawField f = fields.get(last);
                String continuation = tabAsSpace && line.charAt(0) == '\t' ? " " + line.substring(1) : line;
                fields.put(last, new RawField(f.name(), f.value() + "\n" + continuation, f.line()));
                continue;
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw errors.error(Problem.NOT_A_FIELD, no, line, null);
            }
            String name = line.substring(0, colon);
            if (!name.matches("[\\x21-\\x39\\x3b-\\x7e]+") || name.startsWith("-") || name.startsWith("#")) {
                throw errors.error(Problem.BAD_NAME, no, name, null);
            }
            String key = name.toLowerCase(Locale.ROOT);
            if (fields.containsKey(key)) {
                throw errors.error(Problem.DUPLICATE, no, name, fields.get(key));
            }
            if (fields.isEmpty()) {
                start = no;
            }
            fields.put(key, new RawField(name, line.substring(colon + 1).strip(), no));
            last = key;
        }
        if (!fields.isEmpty()) {
            result.add(new RawParagraph(List.copyOf(fields.values()), start));
        }
        return result;
    }

    /** Renders paragraphs separated by one blank line. */
    public static String render(List<Paragraph> paragraphs) {
        StringBuilder sb = new StringBuilder();
        for (Paragraph p : paragraphs) {
            if (sb.length() > 0) {
                sb.append('\n');
            }
            sb.append(p.render());
        }
        return sb.toString();
    }

    /** One paragraph: fields in their order, names compared case-insensitively. Immutable. */
    public static final class Paragraph {
        private final Map<String, Field> fields; // key: lower-case name

        private Paragraph(Map<String, Field> fields) {
            this.fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
        }

        public static Builder builder() {
            return new Builder();
        }

        /** A builder that starts with these fields. */
        public Builder toBuilder() {
            Builder b = new Builder();
            b.fields.putAll(fields);
            return b;
        }

        /** The value as written (continuation lines joined with {@code \n}). */
        public Optional<String> get(String name) {
            Field f = fields.get(name.toLowerCase(Locale.ROOT));
            return f == null ? Optional.empty() : Optional.of(f.value());
        }

        /** The value, or an exception naming the missing field. */
        public String require(String name, String where) {
            return get(name).orElseThrow(() -> new IllegalArgumentException(where + ": the field " + name + " is missing"));
        }

        /** The field names, in order, as written. */
        public List<String> names() {
            List<String> names = new ArrayList<>();
            for (Field f : fields.values()) {
                names.add(f.name());
            }
            return names;
        }

        /** The lines of a multi-line field (e.g. {@code SHA256}), without the empty first line, stripped. */
        public List<String> lines(String name) {
            List<String> out = new ArrayList<>();
            for (String l : get(name).orElse("").split("\n")) {
                if (!l.isBlank()) {
                    out.add(l.strip());
                }
            }
            return out;
        }

        /** The paragraph as text, each line ending with {@code \n}. */
        public String render() {
            StringBuilder sb = new StringBuilder();
            for (Field f : fields.values()) {
                String v = f.value();
                sb.append(f.name()).append(':');
                if (!v.isEmpty() && v.charAt(0) != '\n') {
                    sb.append(' ');
                }
                sb.append(v).append('\n');
            }
            return sb.toString();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Paragraph p && render().equals(p.render());
        }

        @Override
        public int hashCode() {
            return render().hashCode();
        }

        @Override
        public String toString() {
            return render();
        }

        /** Builds a paragraph; {@link #set} keeps the position of a field that is already there. */
        public static final class Builder {
            private final LinkedHashMap<String, Field> fields = new LinkedHashMap<>();

            private Builder() {
            }

            /** Sets a field; a value with several lines must have its continuation lines indented. */
            public Builder set(String name, String value) {
                Objects.requireNonNull(value, name);
                String key = name.toLowerCase(Locale.ROOT);
                Field old = fields.get(key);
                fields.put(key, new Field(old == null ? name : old.name(), value));
                return this;
            }

            /** Sets a multi-line field whose first line is empty (e.g. {@code SHA256}), one line per entry. */
            public Builder setLines(String name, List<String> lines) {
                StringBuilder sb = new StringBuilder();
                for (String l : lines) {
                    sb.append("\n ").append(l);
                }
                return set(name, sb.toString());
            }

            public Builder remove(String name) {
                fields.remove(name.toLowerCase(Locale.ROOT));
                return this;
            }

            public Paragraph build() {
                return new Paragraph(fields);
            }
        }
    }

    private record Field(String name, String value) {
    }
}
