package io.github.jpackagedeb.core.runtime;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What the runtime cache records about an image it linked, beside the image's files: written as the {@code meta}
 * lines of the entry's manifest ({@link #toProperties}) and read back from them ({@link #fromProperties}).
 *
 * <p>The on-disk form is that of the cache's format {@code v1} (key=value, lists joined): {@code modules} joined with
 * {@code ","}, {@code headless-removed}, {@code depends} and {@code recommends} with {@code ", "}, booleans as
 * {@code true}/{@code false}. A change to it must change {@link RuntimeCache}'s format revision, so that no entry
 * written in the old form is read in the new one.
 *
 * @param modules         the modules linked in, sorted
 * @param platform        the platform of the image's native code
 * @param architecture    its Debian architecture ({@code amd64}, {@code arm64}…)
 * @param jdk             the JDK it was linked from, for messages ({@code Debian 17.0.15+6-Debian-1deb12u1})
 * @param stripped        whether the native libraries' symbols were stripped
 * @param cds             whether it holds a CDS archive
 * @param headlessRemoved the display, sound and font libraries left out of a headless runtime ({@code lib/...})
 * @param depends         {@code Depends} entries for the shared libraries it needs
 * @param recommends      {@code Recommends} entries for the libraries only java.desktop's native code needs
 */
public record RuntimeMetadata(List<String> modules, Platform platform, String architecture, String jdk,
                              boolean stripped, boolean cds, List<String> headlessRemoved, List<String> depends,
                              List<String> recommends) {

    private static final String MODULES = "modules";
    private static final String PLATFORM = "platform";
    private static final String ARCH = "arch";
    private static final String JDK = "jdk";
    private static final String STRIPPED = "stripped";
    private static final String CDS = "cds";
    private static final String HEADLESS_REMOVED = "headless-removed";
    private static final String DEPENDS = "depends";
    private static final String RECOMMENDS = "recommends";

    public RuntimeMetadata {
        modules = List.copyOf(modules);
        Objects.requireNonNull(platform, "platform");
        Objects.requireNonNull(architecture, "architecture");
        Objects.requireNonNull(jdk, "jdk");
        headlessRemoved = List.copyOf(headlessRemoved);
        depends = List.copyOf(depends);
        recommends = List.copyOf(recommends);
    }

    /** This metadata with what was learnt after linking: the libraries left out and the package relations. */
    public RuntimeMetadata withLibraries(List<String> removed, List<String> dependsOn, List<String> recommended) {
        return new RuntimeMetadata(modules, platform, architecture, jdk, stripped, cds, removed, dependsOn,
                recommended);
    }

    /** The manifest's key=value form, in the order the manifest lists it. */
    Map<String, String> toProperties() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put(MODULES, String.join(",", modules));
        p.put(PLATFORM, platform.toString());
        p.put(ARCH, architecture);
        p.put(JDK, jdk);
        p.put(STRIPPED, Boolean.toString(stripped));
        p.put(CDS, Boolean.toString(cds));
        p.put(HEADLESS_REMOVED, String.join(", ", headlessRemoved));
        p.put(DEPENDS, String.join(", ", depends));
        p.put(RECOMMENDS, String.join(", ", recommends));
        return p;
    }

    /**
     * Reads the manifest's key=value form.
     *
     * @throws IllegalArgumentException when a key is missing or a value is not of its type (the entry is then
     *                                  treated as damaged and built again)
     */
    static RuntimeMetadata fromProperties(Map<String, String> p) {
        Platform platform = Platform.ofModuleTarget(required(p, PLATFORM));
        if (platform == null) {
            throw new IllegalArgumentException("bad platform '" + p.get(PLATFORM) + "'");
        }
        return new RuntimeMetadata(split(required(p, MODULES), ","), platform, required(p, ARCH), required(p, JDK),
                bool(p, STRIPPED), bool(p, CDS), split(required(p, HEADLESS_REMOVED), ", "),
                split(required(p, DEPENDS), ", "), split(required(p, RECOMMENDS), ", "));
    }

    private static String required(Map<String, String> p, String key) {
        String v = p.get(key);
        if (v == null) {
            throw new IllegalArgumentException("no " + key);
        }
        return v;
    }

    private static boolean bool(Map<String, String> p, String key) {
        String v = required(p, key);
        if (!v.equals("true") && !v.equals("false")) {
            throw new IllegalArgumentException("bad " + key + " '" + v + "'");
        }
        return Boolean.parseBoolean(v);
    }

    private static List<String> split(String s, String separator) {
        if (s.isBlank()) {
            return List.of();
        }
        return Arrays.stream(s.split(java.util.regex.Pattern.quote(separator))).map(String::strip)
                .filter(x -> !x.isEmpty()).toList();
    }
}
