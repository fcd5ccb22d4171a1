package io.github.jpackagedeb.core.template;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A text template from the {@code debian-templates} module with {@code @@NAME@@} placeholders.
 * Rendering is strict: a value given for a placeholder the template lacks, or a placeholder left without a
 * value, is an error, so a renamed placeholder can never ship as literal text in a maintainer script.
 */
public final class Template {

    /** Where the debian-templates module keeps its resources. */
    public static final String BASE = "/io/github/jpackagedeb/templates/";
    private static final Pattern PLACEHOLDER = Pattern.compile("@@([A-Z][A-Z0-9_]*)@@");

    private final String name;
    private final String text;

    private Template(String name, String text) {
        this.name = name;
        this.text = text;
    }

    /** Loads {@code BASE + name} from the class path. */
    public static Template load(String name) {
        try (InputStream in = Template.class.getResourceAsStream(BASE + name)) {
            if (in == null) {
                throw new IllegalStateException("template " + BASE + name + " is missing from debian-templates");
            }
            return new Template(name, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read template " + name, e);
        }
    }

    public static Template of(String name, String text) {
        return new Template(name, text);
    }

    /** The placeholders the template uses. */
    public Set<String> placeholders() {
        Set<String> names = new LinkedHashSet<>();
        Matcher m = PLACEHOLDER.matcher(text);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    public String render(Map<String, String> values) {
        Set<String> used = placeholders();
        for (String key : values.keySet()) {
            if (!used.contains(key)) {
                throw new IllegalStateException("template " + name + " has no placeholder @@" + key + "@@");
            }
        }
        StringBuilder out = new StringBuilder(text.length() + 256);
        Matcher m = PLACEHOLDER.matcher(text);
        while (m.find()) {
            String value = values.get(m.group(1));
            if (value == null) {
                throw new IllegalStateException("template " + name + ": no value for @@" + m.group(1) + "@@");
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        String result = out.toString();
        if (result.contains("@@")) {
            throw new IllegalStateException("template " + name + " still holds '@@' after rendering");
        }
        return result;
    }

    public String name() {
        return name;
    }

    @Override
    public String toString() {
        return "Template[" + name + "]";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Template t && name.equals(t.name) && text.equals(t.text);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, text);
    }
}
