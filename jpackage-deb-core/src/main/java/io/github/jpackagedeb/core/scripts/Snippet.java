package io.github.jpackagedeb.core.scripts;

import io.github.jpackagedeb.core.DebException;
import io.github.jpackagedeb.core.Setting;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One concern of one maintainer script: a template from {@code debian-templates}
 * ({@code templates/scripts/<name>}, named like debhelper's autoscripts), the actions ({@code $1}) it runs for,
 * and the values of its placeholders. Values go into shell code unquoted, so only characters that mean nothing
 * to the shell are accepted: letters, digits, {@code _ . : / @ + -}, and spaces between words.
 *
 * @param script   the script it belongs to
 * @param template the template name, e.g. {@code postinst-user}; it must start with the script's name
 * @param actions  the actions it runs for, a subset of {@link ScriptName#actions()}
 * @param values   placeholder values; rendering fails on a missing or an unused one
 */
public record Snippet(ScriptName script, String template, Set<String> actions, Map<String, String> values) {

    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9_.:/@+-]+( [A-Za-z0-9_.:/@+-]+)*");

    public Snippet {
        Objects.requireNonNull(script, "script");
        Objects.requireNonNull(template, "template");
        if (!template.startsWith(script.fileName() + "-")) {
            throw new IllegalArgumentException("snippet " + template + " does not belong to " + script.fileName());
        }
        actions = Set.copyOf(new LinkedHashSet<>(actions));
        if (actions.isEmpty() || !script.actions().containsAll(actions)) {
            throw new IllegalArgumentException("snippet " + template + ": actions " + actions + " are not among "
                    + script.actions());
        }
        values = Map.copyOf(new LinkedHashMap<>(values));
        for (Map.Entry<String, String> e : values.entrySet()) {
            if (!SAFE.matcher(e.getValue()).matches()) {
                throw new DebException(Setting.MAINTAINER_SCRIPT, e.getValue(),
                        "this value of @@" + e.getKey() + "@@ in the " + template
                                + " snippet holds characters the shell would interpret.",
                        "use names and paths made of letters, digits and _ . : / @ + - only.");
            }
        }
    }

    /** A snippet for the given actions. */
    public static Snippet of(ScriptName script, String template, List<String> actions, Map<String, String> values) {
        return new Snippet(script, template, new LinkedHashSet<>(actions), values);
    }

    /** A snippet for every action that brings the package to its configured state (postinst: all four). */
    public static Snippet forAll(ScriptName script, String template, Map<String, String> values) {
        return of(script, template, script.actions(), values);
    }
}
