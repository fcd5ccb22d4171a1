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
        Paragraph.Builder current = null;
        String lastName = null;
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (line.endsWith("\r")) {
                line = line.substring(0, line.length() - 1);
            }
            if (line.isBlank()) {
                if (current != null) {
                    result.add(current.build());
                    current = null;
                    lastName = null;
                }
                continue;
            }
            if (line.charAt(0) == ' ' || line.charAt(0) == '\t') {
                if (current == null || lastName == null) {
                    throw new IllegalArgumentException(where + " line " + (i + 1)
                            + ": a continuation line without a field before it: " + line);
                }
                current.append(lastName, line);
                continue;
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw new IllegalArgumentException(where + " line " + (i + 1) + ": not a 'Name: value' field: " + line);
            }
            String name = line.substring(0, colon);
            if (!name.matches("[\\x21-\\x39\\x3b-\\x7e]+") || name.startsWith("-") || name.startsWith("#")) {
                throw new IllegalArgumentException(where + " line " + (i + 1) + ": bad field name '" + name + "'");
            }
            if (current == null) {
                current = Paragraph.builder();
            }
            if (current.has(name)) {
                throw new IllegalArgumentException(where + " line " + (i + 1) + ": field " + name + " appears twice");
            }
            current.set(name, line.substring(colon + 1).strip());
            lastName = name;
        }
        if (current != null) {
            result.add(current.build());
        }
        return Collections.unmodifiableList(result);
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

            boolean has(String name) {
                return fields.containsKey(name.toLowerCase(Locale.ROOT));
            }

            void append(String name, String continuation) {
                Field f = fields.get(name.toLowerCase(Locale.ROOT));
                fields.put(name.toLowerCase(Locale.ROOT), new Field(f.name(), f.value() + "\n" + continuation));
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
