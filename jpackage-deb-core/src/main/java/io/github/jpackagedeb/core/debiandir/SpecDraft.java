package io.github.jpackagedeb.core.debiandir;

import io.github.jpackagedeb.core.DebException;
import io.github.jpackagedeb.core.Setting;
import io.github.jpackagedeb.core.control.PackageSpec;
import io.github.jpackagedeb.core.control.Relation;
import io.github.jpackagedeb.core.version.DebianVersion;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The fields of a {@link PackageSpec} before validation, each with where its value came from
 * (docs/architecture.md#precedence): derived from the project's metadata (a pom's description, the artifactId…),
 * configured explicitly (plugin configuration, a command-line flag), or read from {@code debian/}. Later sources
 * override earlier ones field by field; when two explicit sources disagree, {@link #override} refuses with an error
 * naming both.
 *
 * <p>Keys are the {@link Setting}s of {@link #FIELDS} ({@link Setting#DESCRIPTION} is the synopsis) and those of the
 * relationship fields ({@link Relation#setting()}), a relationship field's value its entries joined by {@code ", "}.
 * Immutable.
 */
public final class SpecDraft {

    /** The scalar fields, in the order {@link #toSpec()} sets them. */
    public static final List<Setting> FIELDS = List.of(Setting.PACKAGE_NAME, Setting.VERSION, Setting.MAINTAINER,
            Setting.DESCRIPTION, Setting.LONG_DESCRIPTION, Setting.SECTION, Setting.PRIORITY, Setting.HOMEPAGE,
            Setting.ARCHITECTURE);

    /** Where a value came from. */
    public enum Kind {
        /** Derived from project metadata; anything explicit overrides it silently. */
        DERIVED,
        /** Set explicitly by the user in the front end (pom configuration, command-line flag). */
        CONFIGURED,
        /** Read from a file in {@code debian/}. */
        DEBIAN
    }

    /**
     * The origin of a value.
     *
     * @param kind  how it was given
     * @param label how to name it to the user: {@code <packageName>}, {@code --maintainer},
     *              {@code debian/control line 7 (Maintainer)}
     */
    public record Origin(Kind kind, String label) {
        public Origin {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(label, "label");
        }

        public static Origin derived(String label) {
            return new Origin(Kind.DERIVED, label);
        }

        public static Origin configured(String label) {
            return new Origin(Kind.CONFIGURED, label);
        }

        public static Origin debian(String label) {
            return new Origin(Kind.DEBIAN, label);
        }
    }

    /**
     * A value and its origin.
     *
     * @param value  the value as text (a relationship field: its entries joined by {@code ", "})
     * @param origin where it came from
     */
    public record Value(String value, Origin origin) {
        public Value {
            Objects.requireNonNull(value, "value");
            Objects.requireNonNull(origin, "origin");
        }
    }

    private final Map<Setting, Value> values;
    private final boolean snapshot;
    /** Fields whose derivation failed and that no other source has set yet: the error {@link #toSpec()} throws. */
    private final Map<Setting, DebException> underivable;

    private SpecDraft(Map<Setting, Value> values, boolean snapshot, Map<Setting, DebException> underivable) {
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
        this.snapshot = snapshot;
        this.underivable = Collections.unmodifiableMap(new LinkedHashMap<>(underivable));
    }

    /** An empty draft. */
    public static SpecDraft empty() {
        return new SpecDraft(Map.of(), false, Map.of());
    }

    /**
     * This draft with a value derived by {@code derive}, which may refuse its input (e.g. an artifactId that gives
     * no valid package name). The refusal is kept, not thrown: a configured value or one from {@code debian/}
     * replaces it, and only when none does, {@link #toSpec()} throws it. So a value is derived only where nothing
     * explicit is given, and an explicit value is never blamed on what it replaces.
     */
    public SpecDraft derived(Setting field, Supplier<String> derive, String label) {
        Value have = values.get(checkField(field));
        if (have != null && have.origin().kind() != Kind.DERIVED) {
            return this;
        }
        try {
            return derived(field, derive.get(), label);
        } catch (DebException e) {
            Map<Setting, DebException> u = new LinkedHashMap<>(underivable);
            u.put(field, e);
            return new SpecDraft(values, snapshot, u);
        }
    }

    /** This draft with a derived value (ignored when null or blank; an explicit value already there is kept). */
    public SpecDraft derived(Setting field, String value, String label) {
        if (value == null || value.isBlank()) {
            return this;
        }
        Value have = values.get(checkField(field));
        if (have != null && have.origin().kind() != Kind.DERIVED) {
            return this;
        }
        return with(field, new Value(value, Origin.derived(label)));
    }

    /** This draft with an explicitly configured value (ignored when null), which replaces a derived one. */
    public SpecDraft configured(Setting field, String value, String label) {
        if (value == null) {
            return this;
        }
        return with(checkField(field), new Value(value, Origin.configured(label)));
    }

    /** A relationship field configured explicitly (ignored when null or empty). */
    public SpecDraft configured(Relation relation, List<String> entries, String label) {
        if (entries == null || entries.isEmpty()) {
            return this;
        }
        return with(relation.setting(), new Value(String.join(", ", entries), Origin.configured(label)));
    }

    /** Marks the version as mapped from a snapshot (its upstream part carries a build time stamp). */
    public SpecDraft snapshot(boolean value) {
        return new SpecDraft(values, value, underivable);
    }

    /** Whether the version was mapped from a Maven snapshot. */
    public boolean isSnapshot() {
        return snapshot;
    }

    /** The value of a field, if set. */
    public Optional<Value> get(Setting field) {
        return Optional.ofNullable(values.get(field));
    }

    /** Every value, by field. */
    public Map<Setting, Value> values() {
        return values;
    }

    /**
     * This draft with {@code value} (from {@code debian/}) for {@code field}: it overrides a derived value; it must
     * equal an explicitly configured one.
     *
     * @throws DebException (the field's core name) when an explicit value disagrees, naming both sources
     */
    public SpecDraft override(Setting field, Value value) {
        Value have = values.get(checkField(field));
        if (have != null && have.origin().kind() == Kind.CONFIGURED && !same(field, have.value(), value.value())) {
            if (Relation.of(field) != null) {
                throw new DebException(field, have.value(), have.origin().label() + " lists '"
                        + DebException.printable(have.value()) + "', but " + value.origin().label() + " ('"
                        + DebException.printable(value.value()) + "') lacks some of it; each field must have one source.",
                        "list the entries in one of the two places (debian/control may add to what is configured).");
            }
            throw conflict(field, have, value);
        }
        if (have != null && have.origin().kind() == Kind.CONFIGURED && Relation.of(field) == null) {
            return this; // the same value twice: keep the explicit one
        }
        return with(field, value);
    }

    /**
     * This draft with {@code value} in place of whatever {@code field} had, whatever its source: a stand-in that lets
     * a check go on past a bad or missing value to list the next problem. Never for a package that is built.
     */
    public SpecDraft standIn(Setting field, String value) {
        return with(checkField(field), new Value(value, Origin.derived("a stand-in while checking")));
    }

    /** The error for two sources that disagree about one field. */
    static DebException conflict(Setting field, Value a, Value b) {
        return new DebException(field, a.value(), a.origin().label() + " says '" + DebException.printable(a.value())
                + "', but " + b.origin().label() + " says '" + DebException.printable(b.value())
                + "'; each field must have one source.",
                "remove one of the two, or make them agree.");
    }

    /**
     * Whether {@code debian}'s value agrees with the configured one: equal, or for a relationship field, holding
     * every configured entry (debian/control may add entries, such as the Java runtime the plugin adds itself).
     */
    private static boolean same(Setting field, String configured, String debian) {
        if (Relation.of(field) != null) {
            java.util.Set<String> have = new java.util.HashSet<>();
            for (String e : debian.split(",")) {
                have.add(e.replaceAll("\\s+", ""));
            }
            for (String e : configured.split(",")) {
                if (!e.isBlank() && !have.contains(e.replaceAll("\\s+", ""))) {
                    return false;
                }
            }
            return true;
        }
        return configured.strip().equals(debian.strip());
    }

    private SpecDraft with(Setting field, Value value) {
        Map<Setting, Value> m = new LinkedHashMap<>(values);
        m.put(field, value);
        Map<Setting, DebException> u = new LinkedHashMap<>(underivable);
        u.remove(field);
        return new SpecDraft(m, snapshot, u);
    }

    private static Setting checkField(Setting field) {
        if (!FIELDS.contains(field) && Relation.of(field) == null) {
            throw new IllegalArgumentException("not a spec field: " + field);
        }
        return field;
    }

    /**
     * Validates every value into a spec. A bad value read from {@code debian/} is reported as
     * {@link Setting#DEBIAN_CONTROL} (or {@link Setting#DEBIAN_CHANGELOG}) with the file and line, so that the user
     * is sent to the file rather than to a configuration element that was never set.
     *
     * @throws DebException naming the first bad value
     */
    public PackageSpec toSpec() {
        for (DebException e : underivable.values()) {
            throw e;
        }
        PackageSpec.Builder b = PackageSpec.builder();
        get(Setting.PACKAGE_NAME).ifPresent(v -> b.name(v.value()));
        b.maintainer(text(Setting.MAINTAINER)).synopsis(text(Setting.DESCRIPTION))
                .longDescription(text(Setting.LONG_DESCRIPTION)).homepage(text(Setting.HOMEPAGE));
        get(Setting.SECTION).ifPresent(v -> b.section(v.value()));
        get(Setting.PRIORITY).ifPresent(v -> b.priority(v.value()));
        get(Setting.ARCHITECTURE).ifPresent(v -> b.architecture(v.value()));
        for (Relation r : Relation.values()) {
            get(r.setting()).ifPresent(v -> {
                List<String> entries = new ArrayList<>();
                for (String e : v.value().split(",")) {
                    if (!e.isBlank()) {
                        entries.add(e.strip());
                    }
                }
                b.relations(r, entries);
            });
        }
        try {
            get(Setting.VERSION).ifPresent(v -> b.version(DebianVersion.parse(v.value())));
            return b.build();
        } catch (DebException e) {
            Value v = values.get(e.setting());
            if (v != null && v.origin().kind() == Kind.DEBIAN) {
                Setting file = v.origin().label().contains("changelog") ? Setting.DEBIAN_CHANGELOG
                        : Setting.DEBIAN_CONTROL;
                throw e.restate(file, e.value(), v.origin().label() + ": " + e.problem());
            }
            throw e;
        }
    }

    private String text(Setting field) {
        Value v = values.get(field);
        return v == null ? null : v.value();
    }

    @Override
    public String toString() {
        return "SpecDraft" + values;
    }
}
