package io.github.jpackagedeb.core.debiandir;

import io.github.jpackagedeb.core.DebException;
import io.github.jpackagedeb.core.Setting;
import io.github.jpackagedeb.core.control.Relation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A package's {@code debian/control} (Debian Policy 5.2): an optional source paragraph (the one with
 * {@code Source:}) and one or more binary paragraphs ({@code Package:}). The fields a binary package takes from it
 * are those of its own paragraph, then, for {@code Maintainer}, {@code Section}, {@code Priority} and
 * {@code Homepage}, those of the source paragraph (as dpkg-gencontrol does, Policy 5.6.2, 5.6.4, 5.6.5, 5.6.23).
 *
 * <p>Substitution variables ({@code ${misc:Depends}}, {@code ${shlibs:Depends}}) are filled by debhelper in a
 * {@code dpkg-buildpackage} build; a build without debhelper has nothing to put there, so a relationship entry
 * that is only a substitution variable is dropped. A variable inside another entry is an error.
 *
 * <p>A field that does not belong in its paragraph ({@code Recomends:}, or {@code Depends:} in the source
 * paragraph) is an error naming the closest known field ({@link ControlFields}); {@code X[BCS]-} fields are allowed.
 *
 * @param source   the source paragraph, if any
 * @param binaries the binary paragraphs, at least one
 * @param file     the file name, for messages
 */
public record DebianControl(Optional<Deb822.Paragraph> source, List<Deb822.Paragraph> binaries, String file) {

    private static final Pattern SUBSTVAR = Pattern.compile("\\$\\{[^}]*}");
    /** The fields a binary paragraph inherits from the source paragraph, with their settings. */
    private static final List<Map.Entry<String, Setting>> INHERITED = List.of(
            Map.entry("Maintainer", Setting.MAINTAINER), Map.entry("Section", Setting.SECTION),
            Map.entry("Priority", Setting.PRIORITY), Map.entry("Homepage", Setting.HOMEPAGE));

    public DebianControl {
        binaries = List.copyOf(binaries);
    }

    /**
     * Parses the text of a {@code debian/control}.
     *
     * @throws DebException (field {@code debianControl}) on a syntax error or a file without a binary paragraph
     */
    public static DebianControl parse(String text, String file) {
        List<Deb822.Paragraph> paragraphs = Deb822.parse(text, file);
        Optional<Deb822.Paragraph> source = Optional.empty();
        List<Deb822.Paragraph> binaries = new ArrayList<>();
        for (Deb822.Paragraph p : paragraphs) {
            if (p.field("Source").isPresent() && p.field("Package").isEmpty() && source.isEmpty() && binaries.isEmpty()) {
                ControlFields.check(p, true);
                source = Optional.of(p);
            } else if (p.field("Package").isPresent()) {
                if (p.value("Package").isEmpty()) {
                    // Policy 5.6.7: the binary package's name; the paragraph means nothing without one
                    throw new DebException(Setting.DEBIAN_CONTROL, "Package", p.where("Package")
                            + ": the Package field is empty, so this paragraph names no binary package.",
                            "give the package name after 'Package:' in " + file + ", e.g. 'Package: my-app'"
                                    + " (Debian Policy 5.6.7), or remove the field.");
                }
                ControlFields.check(p, false);
                binaries.add(p);
            } else {
                throw new DebException(Setting.DEBIAN_CONTROL, null, file + " line " + p.line()
                        + ": a paragraph with neither Source nor Package (only the first paragraph may be the source one).",
                        "start each binary paragraph with 'Package: <name>'.");
            }
        }
        if (binaries.isEmpty()) {
            throw new DebException(Setting.DEBIAN_CONTROL, null,
                    file + " has no binary package paragraph (Package: …).",
                    "add a paragraph with at least Package, Architecture and Description (make-deb init writes one).");
        }
        return new DebianControl(source, binaries, file);
    }

    /**
     * The paragraph of the package to build: the only one, or the one named {@code name} when there are several.
     *
     * @param name the package name the build expects, or null when it has none of its own
     * @throws DebException when there are several and none (or no name) matches
     */
    public Deb822.Paragraph binary(String name) {
        if (binaries.size() == 1) {
            return binaries.get(0);
        }
        List<String> names = new ArrayList<>();
        for (Deb822.Paragraph p : binaries) {
            String n = p.value("Package").orElse("");
            names.add(n);
            if (n.equals(name)) {
                return p;
            }
        }
        throw new DebException(Setting.PACKAGE_NAME, name,
                file + " describes several binary packages (" + String.join(", ", names)
                + ") and none is named '" + name + "'; this tool builds one package.",
                "set the package name to one of them, or keep one binary paragraph.");
    }

    /**
     * The values the binary paragraph of {@code name} sets, by setting (those of {@link SpecDraft#FIELDS} but the
     * version, {@link Setting#DESCRIPTION} being the synopsis, and the relationship fields), each with where it was
     * found.
     */
    public Map<Setting, SpecDraft.Value> values(String name) {
        Deb822.Paragraph bin = binary(name);
        Map<Setting, SpecDraft.Value> out = new LinkedHashMap<>();
        put(out, Setting.PACKAGE_NAME, bin, "Package");
        for (Map.Entry<String, Setting> i : INHERITED) {
            String f = i.getKey();
            Setting key = i.getValue();
            if (bin.value(f).isPresent()) {
                put(out, key, bin, f);
            } else if (source.isPresent() && source.get().value(f).isPresent()) {
                put(out, key, source.get(), f);
            }
        }
        put(out, Setting.ARCHITECTURE, bin, "Architecture");
        bin.field("Description").ifPresent(d -> {
            String where = bin.where("Description");
            out.put(Setting.DESCRIPTION, new SpecDraft.Value(d.firstLine().strip(),
                    SpecDraft.Origin.debian(where + " (Description)")));
            out.put(Setting.LONG_DESCRIPTION, new SpecDraft.Value(longDescription(d.continuation()),
                    SpecDraft.Origin.debian(where + " (Description)")));
        });
        for (Relation r : Relation.values()) {
            bin.field(r.field()).ifPresent(f -> {
                List<String> entries = relationEntries(f, bin.where(r.field()));
                out.put(r.setting(), new SpecDraft.Value(String.join(", ", entries),
                        SpecDraft.Origin.debian(bin.where(r.field()) + " (" + r.field() + ")")));
            });
        }
        return out;
    }

    private static void put(Map<Setting, SpecDraft.Value> out, Setting key, Deb822.Paragraph p, String field) {
        p.value(field).ifPresent(v -> out.put(key, new SpecDraft.Value(v,
                SpecDraft.Origin.debian(p.where(field) + " (" + field + ")"))));
    }

    /** Continuation lines back to text: {@code " ."} is a paragraph break, other lines lose their one leading space. */
    static String longDescription(List<String> lines) {
        StringBuilder sb = new StringBuilder();
        for (String l : lines) {
            if (sb.length() > 0) {
                sb.append('\n');
            }
            if (!l.strip().equals(".")) {
                sb.append(l.stripTrailing());
            }
        }
        return sb.toString().strip();
    }

    /** The comma-separated entries of a relationship field, without the substitution-variable-only ones. */
    static List<String> relationEntries(Deb822.Field f, String where) {
        List<String> out = new ArrayList<>();
        for (String raw : f.folded().split(",")) {
            String e = raw.strip();
            if (e.isEmpty()) {
                continue;
            }
            String rest = SUBSTVAR.matcher(e).replaceAll("").strip();
            if (rest.isEmpty()) {
                continue; // ${misc:Depends} and the like: only debhelper can fill them
            }
            if (!rest.equals(e)) {
                throw new DebException(Setting.DEBIAN_CONTROL, e, where + ": the entry '" + e
                        + "' uses a substitution variable inside a relation; only debhelper can fill it.",
                        "write the relation out, or put the variable in an entry of its own.");
            }
            out.add(e);
        }
        return out;
    }
}
