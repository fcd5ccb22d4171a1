package io.github.jpackagedeb.core.control;

import io.github.jpackagedeb.core.DebException;
import io.github.jpackagedeb.core.Setting;
import io.github.jpackagedeb.core.version.DebianVersion;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a binary package says about itself: the fields of its {@code DEBIAN/control} (Debian Policy 5.3, 5.6).
 * Immutable; made by {@link Builder}, which validates every field once, in {@link Builder#build()}.
 * Field values never contain newlines that could inject other fields: the long description is the only
 * multi-line value and is rendered by {@code ControlFile}.
 */
public final class PackageSpec {

    /** Policy 5.6.2: {@code Full Name <address>}. */
    private static final Pattern MAINTAINER = Pattern.compile("[^<>\\p{Cntrl},]*[^<>\\p{Cntrl}\\s,] <[^<>@\\s]+@[^<>@\\s]+\\.[^<>@\\s]+>");
    private static final Pattern SECTION = Pattern.compile("([a-z0-9-]+/)?[a-z0-9-]+");
    private static final Pattern ARCH = Pattern.compile("all|any|[a-z0-9]+(-[a-z0-9]+)*");
    private static final Set<String> PRIORITIES = Set.of("required", "important", "standard", "optional", "extra");
    private static final int SYNOPSIS_MAX = 80;

    private final String name;
    private final DebianVersion version;
    private final String maintainer;
    private final String synopsis;
    private final String longDescription;
    private final String section;
    private final String priority;
    private final String homepage;
    private final String architecture;
    private final Map<Relation, List<String>> relations;

    private PackageSpec(Builder b) {
        this.name = b.name;
        this.version = b.version;
        this.maintainer = b.maintainer;
        this.synopsis = b.synopsis;
        this.longDescription = b.longDescription;
        this.section = b.section;
        this.priority = b.priority;
        this.homepage = b.homepage;
        this.architecture = b.architecture;
        EnumMap<Relation, List<String>> r = new EnumMap<>(Relation.class);
        b.relations.forEach((k, v) -> {
            if (!v.isEmpty()) {
                r.put(k, List.copyOf(v));
            }
        });
        this.relations = Collections.unmodifiableMap(r);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this spec's values, to derive a changed spec. */
    public Builder toBuilder() {
        Builder b = new Builder().name(name).version(version).maintainer(maintainer).synopsis(synopsis)
                .longDescription(longDescription).section(section).priority(priority).homepage(homepage)
                .architecture(architecture);
        relations.forEach((k, v) -> v.forEach(e -> b.relation(k, e)));
        return b;
    }

    /** {@code Package}: the package name (Policy 5.6.1). */
    public String name() {
        return name;
    }

    /** {@code Version} (Policy 5.6.12). */
    public DebianVersion version() {
        return version;
    }

    /** {@code Maintainer}: {@code Full Name <address>} (Policy 5.6.2). */
    public String maintainer() {
        return maintainer;
    }

    /** The first line of {@code Description}: the synopsis (Policy 3.4.1). */
    public String synopsis() {
        return synopsis;
    }

    /** The extended description, paragraphs separated by blank lines; may be empty (Policy 3.4.2). */
    public String longDescription() {
        return longDescription;
    }

    public String section() {
        return section;
    }

    public String priority() {
        return priority;
    }

    /** {@code Homepage}, or null. */
    public String homepage() {
        return homepage;
    }

    /** {@code Architecture}: {@code all} for a jar-only package, the Debian architecture when a runtime is bundled. */
    public String architecture() {
        return architecture;
    }

    /** The entries of one relationship field in the order given; empty when the field is absent. */
    public List<String> relation(Relation relation) {
        return relations.getOrDefault(relation, List.of());
    }

    /** All non-empty relationship fields, in control-file order. */
    public Map<Relation, List<String>> relations() {
        return relations;
    }

    /** The file name Debian tools give this package: {@code <name>_<version without epoch>_<arch>.deb}. */
    public String debFileName() {
        return name + "_" + version.withoutEpoch() + "_" + architecture + ".deb";
    }

    @Override
    public String toString() {
        return name + " " + version + " (" + architecture + ")";
    }

    /** Collects values; {@link #build()} validates them all and names the first bad one. */
    public static final class Builder {
        private String name;
        private DebianVersion version;
        private String maintainer;
        private String synopsis;
        private String longDescription = "";
        private String section = "misc";
        private String priority = "optional";
        private String homepage;
        private String architecture = "all";
        private final Map<Relation, List<String>> relations = new EnumMap<>(Relation.class);

        private Builder() {
        }

        public Builder name(String value) {
            this.name = value;
            return this;
        }

        public Builder version(DebianVersion value) {
            this.version = value;
            return this;
        }

        public Builder maintainer(String value) {
            this.maintainer = value;
            return this;
        }

        public Builder synopsis(String value) {
            this.synopsis = value;
            return this;
        }

        public Builder longDescription(String value) {
            this.longDescription = value == null ? "" : value;
            return this;
        }

        public Builder section(String value) {
            this.section = value;
            return this;
        }

        public Builder priority(String value) {
            this.priority = value;
            return this;
        }

        public Builder homepage(String value) {
            this.homepage = value;
            return this;
        }

        public Builder architecture(String value) {
            this.architecture = value;
            return this;
        }

        /** Adds one entry (which may hold alternatives, {@code a | b}) to a relationship field. */
        public Builder relation(Relation relation, String entry) {
            relations.computeIfAbsent(relation, k -> new ArrayList<>()).add(entry);
            return this;
        }

        /** Replaces a relationship field's entries. */
        public Builder relations(Relation relation, List<String> entries) {
            relations.put(relation, new ArrayList<>(entries));
            return this;
        }

        public PackageSpec build() {
            PackageName.validate(name);
            if (version == null) {
                throw new DebException(Setting.VERSION, null, "the package has no version.",
                        "set a version, e.g. 1.0.0 (mapped to the Debian version 1.0.0-1).");
            }
            maintainer = checkMaintainer(maintainer);
            synopsis = checkSynopsis(synopsis, name);
            longDescription = checkLongDescription(longDescription);
            section = checkMatches(Setting.SECTION, section, SECTION,
                    "use a Debian section such as misc, java, utils, net, web, admin.");
            if (priority == null || !PRIORITIES.contains(priority)) {
                throw new DebException(Setting.PRIORITY, priority, "not a Debian priority (Policy 2.5).",
                        "use one of " + String.join(", ", new java.util.TreeSet<>(PRIORITIES)) + " (optional is usual).");
            }
            if (homepage != null) {
                homepage = homepage.trim();
                if (homepage.isEmpty()) {
                    homepage = null;
                } else if (!homepage.matches("https?://[^\\s\\p{Cntrl}]+")) {
                    throw new DebException(Setting.HOMEPAGE, homepage, "not an http(s) URL (Policy 5.6.23).",
                            "give an absolute URL such as https://example.org/app, or none.");
                }
            }
            architecture = checkMatches(Setting.ARCHITECTURE, architecture, ARCH,
                    "use a Debian architecture name such as all, amd64 or arm64.");
            for (Map.Entry<Relation, List<String>> e : relations.entrySet()) {
                LinkedHashSet<String> seen = new LinkedHashSet<>();
                for (String entry : e.getValue()) {
                    seen.add(RelationSyntax.check(e.getKey(), entry));
                }
                e.setValue(new ArrayList<>(seen));
            }
            return new PackageSpec(this);
        }

        private static String checkMatches(Setting field, String value, Pattern pattern, String fix) {
            if (value == null || !pattern.matcher(value).matches()) {
                throw new DebException(field, value, "not a valid " + field + ".", fix);
            }
            return value;
        }

        /**
         * A Maintainer field as Policy 5.6.2 writes it, trimmed.
         *
         * @throws DebException naming the value when it is missing or not {@code Full Name <email>}
         */
        public static String checkMaintainer(String value) {
            if (value == null || value.isBlank()) {
                throw new DebException(Setting.MAINTAINER, value, "the package has no maintainer (Policy 5.6.2).",
                        "set the maintainer as 'Full Name <email@example.org>' (in a pom: a <developer> with <name> and <email>).");
            }
            String v = value.trim();
            if (!MAINTAINER.matcher(v).matches()) {
                throw new DebException(Setting.MAINTAINER, value,
                        "not of the form 'Full Name <email@example.org>' (Policy 5.6.2).",
                        "give a name and an email address in angle brackets, without commas.");
            }
            return v;
        }

        private static String checkSynopsis(String value, String name) {
            if (value == null || value.isBlank()) {
                throw new DebException(Setting.DESCRIPTION, value, "the package has no description (Policy 3.4).",
                        "give a one-line summary of what the package does (in a pom: <description>).");
            }
            String v = value.strip();
            if (v.indexOf('\n') >= 0 || v.indexOf('\r') >= 0 || hasControl(v)) {
                throw new DebException(Setting.DESCRIPTION, value,
                        "the synopsis must be a single line without control characters.",
                        "put the first line in the synopsis and the rest in the long description.");
            }
            if (v.endsWith(".") && !v.endsWith("..")) {
                v = v.substring(0, v.length() - 1);
            }
            if (v.length() > SYNOPSIS_MAX) {
                throw new DebException(Setting.DESCRIPTION, value,
                        "the synopsis is " + v.length() + " characters long; Debian allows "
                        + SYNOPSIS_MAX + " (Policy 3.4.1).", "shorten it to one short line, and put details in the long description.");
            }
            if (v.toLowerCase(java.util.Locale.ROOT).startsWith(name + " ") || v.equalsIgnoreCase(name)) {
                throw new DebException(Setting.DESCRIPTION, value,
                        "the synopsis starts with the package name (Policy 3.4.1).",
                        "describe what the package does, e.g. 'command-line tool to summarise CSV files'.");
            }
            return v;
        }

        private static String checkLongDescription(String value) {
            String v = value.replace("\r\n", "\n").strip();
            for (String line : v.split("\n", -1)) {
                if (hasControl(line.replace("\t", " "))) {
                    throw new DebException(Setting.LONG_DESCRIPTION, value,
                            "the long description contains control characters.",
                            "use plain text; separate paragraphs with an empty line.");
                }
            }
            return v;
        }

        private static boolean hasControl(String s) {
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if ((c < 0x20 && c != '\n') || c == 0x7f) {
                    return true;
                }
            }
            return false;
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PackageSpec p && name.equals(p.name) && version.equals(p.version)
                && maintainer.equals(p.maintainer) && synopsis.equals(p.synopsis)
                && longDescription.equals(p.longDescription) && section.equals(p.section)
                && priority.equals(p.priority) && Objects.equals(homepage, p.homepage)
                && architecture.equals(p.architecture) && relations.equals(p.relations);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, version, architecture);
    }
}
