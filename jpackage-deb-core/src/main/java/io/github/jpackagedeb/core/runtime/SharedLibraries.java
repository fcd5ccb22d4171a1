package io.github.jpackagedeb.core.runtime;

import io.github.jpackagedeb.core.DebLog;
import io.github.jpackagedeb.core.version.DebianVersion;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Turns the shared libraries a runtime's ELF files need into Debian relationships, the way
 * {@code dpkg-shlibdeps} would on a Debian build host (Debian Policy 8.6), but from a table, so that a package can be
 * built on any machine and for another architecture.
 *
 * <p>For each needed soname not provided by the runtime itself, the table gives the Debian package (bookworm names;
 * the same on every release architecture) and the lowest version that {@code dpkg-shlibdeps} reports for a Debian
 * OpenJDK build. For libraries with GNU symbol versioning (glibc, libgcc, libstdc++, zlib) the version is raised to
 * what the symbol versions the files actually need require ({@code GLIBC_2.34} → {@code libc6 (>= 2.34)}); those
 * node tables are the minimum versions of Debian's own {@code .symbols} files. {@code SharedLibrariesDpkgTest} keeps
 * the table honest against {@code dpkg -S} and {@code dpkg-shlibdeps} on a Debian machine.
 *
 * <p>Libraries that only the native code of {@code java.desktop} needs (AWT, Java 2D, fonts, sound, image I/O; see
 * {@link #DESKTOP_LIBRARIES}) go to {@code Recommends}: the JVM loads that code only when the application uses those
 * APIs, and a command-line or server application that merely references {@code java.beans} (as commons-lang3 does)
 * never does. Everything else goes to {@code Depends}. Libraries loaded with {@code dlopen} (fontconfig, CUPS, GTK,
 * PC/SC on some builds) are not ELF dependencies and are not declared, as with Debian's own JRE.
 */
public final class SharedLibraries {

    /** The native libraries of java.desktop, by file name; their needs are recommended, not required. */
    public static final Set<String> DESKTOP_LIBRARIES = Set.of(
            "libawt.so", "libawt_headless.so", "libawt_xawt.so", "libfontmanager.so", "libjavajpeg.so", "libjawt.so",
            "libjsound.so", "liblcms.so", "libmlib_image.so", "libsplashscreen.so", "libfreetype.so");

    /**
     * The native libraries of java.desktop that only a display (X11: libawt_xawt, libjawt, libsplashscreen), sound
     * (libjsound: ALSA) or font rendering (libfontmanager, a bundled libfreetype) loads: left out of a runtime that is
     * not for a desktop application, so that no X11, ALSA or FreeType package lands in Depends or Recommends. Headless
     * AWT without text (java.awt.headless=true: BufferedImage, Java 2D shapes, ImageIO) keeps working with libawt,
     * libawt_headless, libmlib_image, libjavajpeg and liblcms; drawing text or loading a font fails
     * (UnsatisfiedLinkError), as do sound and windows.
     */
    public static final Set<String> DISPLAY_LIBRARIES = Set.of(
            "libawt_xawt.so", "libjawt.so", "libsplashscreen.so", "libjsound.so", "libfontmanager.so", "libfreetype.so");

    /**
     * One row: a soname, its package, the baseline minimum version (null: unversioned) and the symbol-version node
     * prefix whose versions raise it.
     */
    record Row(String soname, String pkg, String baseline, String nodePrefix) {
    }

    private static final String LIBC = "libc6";

    static final List<Row> TABLE = List.of(
            new Row("libc.so.6", LIBC, null, "GLIBC_"),
            new Row("libm.so.6", LIBC, null, "GLIBC_"),
            new Row("libdl.so.2", LIBC, null, "GLIBC_"),
            new Row("libpthread.so.0", LIBC, null, "GLIBC_"),
            new Row("librt.so.1", LIBC, null, "GLIBC_"),
            new Row("libresolv.so.2", LIBC, null, "GLIBC_"),
            new Row("libutil.so.1", LIBC, null, "GLIBC_"),
            new Row("ld-linux-x86-64.so.2", LIBC, null, "GLIBC_"),
            new Row("ld-linux-aarch64.so.1", LIBC, null, "GLIBC_"),
            new Row("ld-linux-armhf.so.3", LIBC, null, "GLIBC_"),
            new Row("ld-linux.so.2", LIBC, null, "GLIBC_"),
            new Row("ld64.so.2", LIBC, null, "GLIBC_"),
            new Row("ld64.so.1", LIBC, null, "GLIBC_"),
            new Row("ld-linux-riscv64-lp64d.so.1", LIBC, null, "GLIBC_"),
            new Row("libgcc_s.so.1", "libgcc-s1", "3.0", "GCC_"),
            new Row("libstdc++.so.6", "libstdc++6", "5", "GLIBCXX_"),
            new Row("libz.so.1", "zlib1g", "1:1.1.4", "ZLIB_"),
            new Row("libatomic.so.1", "libatomic1", null, null),
            new Row("libffi.so.8", "libffi8", null, null),
            new Row("libasound.so.2", "libasound2", "1.0.16", null),
            new Row("libfreetype.so.6", "libfreetype6", "2.3.5", null),
            new Row("libgif.so.7", "libgif7", "5.1", null),
            new Row("libharfbuzz.so.0", "libharfbuzz0b", "1.2.6", null),
            new Row("libjpeg.so.62", "libjpeg62-turbo", "1.3.1", null),
            new Row("liblcms2.so.2", "liblcms2-2", "2.2+git20110628", null),
            new Row("libpng16.so.16", "libpng16-16", "1.6.2-1", null),
            new Row("libpcsclite.so.1", "libpcsclite1", "1.3.0", null),
            new Row("libfontconfig.so.1", "libfontconfig1", null, null),
            new Row("libcups.so.2", "libcups2", null, null),
            new Row("libX11.so.6", "libx11-6", null, null),
            new Row("libXext.so.6", "libxext6", null, null),
            new Row("libXi.so.6", "libxi6", null, null),
            new Row("libXrender.so.1", "libxrender1", null, null),
            new Row("libXtst.so.6", "libxtst6", null, null),
            new Row("libatk-1.0.so.0", "libatk1.0-0", null, null),
            new Row("libatk-bridge-2.0.so.0", "libatk-bridge2.0-0", null, null),
            new Row("libglib-2.0.so.0", "libglib2.0-0", null, null),
            new Row("libgobject-2.0.so.0", "libglib2.0-0", null, null));

    /** Minimum versions of symbol-version nodes whose number is not the version (from Debian's .symbols files). */
    static final Map<String, String> NODE_VERSIONS = Map.ofEntries(
            Map.entry("GCC_4.0.0", "4.0"), Map.entry("GCC_4.2.0", "4.2"), Map.entry("GCC_4.3.0", "4.3"),
            Map.entry("GCC_4.7.0", "4.7"), Map.entry("GCC_4.8.0", "4.8"), Map.entry("GCC_7.0.0", "7"),
            Map.entry("GCC_12.0.0", "12"),
            Map.entry("GLIBCXX_3.4", "4.1.1"), Map.entry("GLIBCXX_3.4.1", "4.1.1"), Map.entry("GLIBCXX_3.4.2", "4.1.1"),
            Map.entry("GLIBCXX_3.4.3", "4.1.1"), Map.entry("GLIBCXX_3.4.4", "4.1.1"), Map.entry("GLIBCXX_3.4.5", "4.1.1"),
            Map.entry("GLIBCXX_3.4.6", "4.1.1"), Map.entry("GLIBCXX_3.4.7", "4.1.1"), Map.entry("GLIBCXX_3.4.8", "4.1.1"),
            Map.entry("GLIBCXX_3.4.9", "4.2.1"), Map.entry("GLIBCXX_3.4.10", "4.3"),
            Map.entry("GLIBCXX_3.4.11", "4.4"), Map.entry("GLIBCXX_3.4.12", "4.4"), Map.entry("GLIBCXX_3.4.13", "4.4.2"),
            Map.entry("GLIBCXX_3.4.14", "4.5"), Map.entry("GLIBCXX_3.4.15", "4.6"), Map.entry("GLIBCXX_3.4.16", "4.6"),
            Map.entry("GLIBCXX_3.4.17", "4.7"), Map.entry("GLIBCXX_3.4.18", "4.8"), Map.entry("GLIBCXX_3.4.19", "4.8"),
            Map.entry("GLIBCXX_3.4.20", "4.9"), Map.entry("GLIBCXX_3.4.21", "5.2"), Map.entry("GLIBCXX_3.4.22", "6"),
            Map.entry("GLIBCXX_3.4.23", "10.2"), Map.entry("GLIBCXX_3.4.24", "7"), Map.entry("GLIBCXX_3.4.25", "8"),
            Map.entry("GLIBCXX_3.4.26", "9"), Map.entry("GLIBCXX_3.4.27", "9.1"), Map.entry("GLIBCXX_3.4.28", "10.2"),
            Map.entry("GLIBCXX_3.4.29", "11"), Map.entry("GLIBCXX_3.4.30", "12"), Map.entry("GLIBCXX_3.4.31", "13"),
            Map.entry("GLIBCXX_3.4.32", "14"), Map.entry("GLIBCXX_3.4.33", "14"),
            Map.entry("CXXABI_1.3", "4.1.1"), Map.entry("CXXABI_1.3.1", "4.1.1"), Map.entry("CXXABI_1.3.2", "4.3"),
            Map.entry("CXXABI_1.3.3", "4.3"), Map.entry("CXXABI_1.3.4", "4.3"), Map.entry("CXXABI_1.3.5", "4.3"),
            Map.entry("CXXABI_1.3.6", "4.3"), Map.entry("CXXABI_1.3.7", "4.3"), Map.entry("CXXABI_1.3.8", "4.3"),
            Map.entry("CXXABI_1.3.9", "5"), Map.entry("CXXABI_1.3.10", "6"), Map.entry("CXXABI_1.3.11", "10.2"),
            Map.entry("CXXABI_1.3.12", "9"), Map.entry("CXXABI_1.3.13", "11"), Map.entry("CXXABI_1.3.14", "12"),
            Map.entry("CXXABI_1.3.15", "13"),
            Map.entry("ZLIB_1.2.3.5", "1:1.2.6"), Map.entry("ZLIB_1.2.5.1", "1:1.2.6"), Map.entry("ZLIB_1.2.5.2", "1:1.2.6"),
            Map.entry("ZLIB_1.2.7.1", "1:1.2.8"), Map.entry("ZLIB_1.2.9", "1:1.2.11.dfsg"),
            Map.entry("ZLIB_1.2.12", "1:1.2.13.dfsg"));

    private static final Map<String, Row> BY_SONAME = new LinkedHashMap<>();

    static {
        for (Row r : TABLE) {
            BY_SONAME.put(r.soname, r);
        }
    }

    /** The computed relationships: {@code Depends} and {@code Recommends} entries, sorted by package. */
    public record Relations(List<String> depends, List<String> recommends, List<String> unknownSonames) {
    }

    /**
     * One ELF file of the runtime.
     *
     * @param name the file name ({@code libawt.so}), to tell java.desktop's libraries apart
     * @param elf  what it needs
     */
    public record Input(String name, ElfFile elf) {
    }

    private SharedLibraries() {
    }

    /**
     * Computes the relationships for a runtime's ELF files. Sonames that one of the files provides (by file name or
     * {@code DT_SONAME}) are internal. An unknown soname is reported in {@link Relations#unknownSonames()} and logged.
     */
    public static Relations compute(Collection<Input> files, DebLog log) {
        Set<String> provided = new TreeSet<>();
        for (Input f : files) {
            provided.add(f.name());
            if (f.elf().soname() != null) {
                provided.add(f.elf().soname());
            }
        }
        Map<String, DebianVersion> depends = new TreeMap<>();
        Map<String, DebianVersion> recommends = new TreeMap<>();
        Set<String> unversionedDep = new TreeSet<>();
        Set<String> unversionedRec = new TreeSet<>();
        Set<String> unknown = new TreeSet<>();
        for (Input f : files) {
            boolean desktop = DESKTOP_LIBRARIES.contains(f.name());
            for (String soname : f.elf().needed()) {
                if (provided.contains(soname)) {
                    continue;
                }
                Row row = BY_SONAME.get(soname);
                if (row == null) {
                    unknown.add(soname);
                    continue;
                }
                DebianVersion min = minimum(row, f.elf().versionNeeds().getOrDefault(soname, Set.of()));
                Map<String, DebianVersion> target = desktop ? recommends : depends;
                Set<String> unversioned = desktop ? unversionedRec : unversionedDep;
                if (min == null) {
                    unversioned.add(row.pkg);
                } else {
                    target.merge(row.pkg, min, (a, b) -> a.compareTo(b) >= 0 ? a : b);
                }
            }
        }
        if (!unknown.isEmpty()) {
            log.warn("The runtime needs shared libraries that jpackage-deb cannot map to Debian packages: "
                    + String.join(", ", unknown) + ". Add the packages that provide them to the Depends yourself"
                    + " (find them with: dpkg -S <library>).");
        }
        List<String> dep = render(depends, unversionedDep);
        Set<String> depNames = new TreeSet<>(depends.keySet());
        depNames.addAll(unversionedDep);
        // a package that is required anyway is not recommended as well
        recommends.keySet().removeIf(p -> depends.containsKey(p) && depends.get(p).compareTo(recommends.get(p)) >= 0);
        unversionedRec.removeAll(depNames);
        List<String> rec = render(recommends, unversionedRec);
        return new Relations(dep, rec, List.copyOf(unknown));
    }

    private static List<String> render(Map<String, DebianVersion> versioned, Set<String> unversioned) {
        TreeMap<String, String> out = new TreeMap<>();
        for (String p : unversioned) {
            out.put(p, p);
        }
        versioned.forEach((p, v) -> out.put(p, p + " (>= " + v + ")"));
        return new ArrayList<>(out.values());
    }

    /** The minimum version of {@code row}'s package that provides the given symbol versions, or null for none. */
    static DebianVersion minimum(Row row, Set<String> nodes) {
        DebianVersion min = row.baseline == null ? null : DebianVersion.parse(row.baseline);
        if (row.nodePrefix == null) {
            return min;
        }
        for (String node : nodes) {
            String v = nodeVersion(row.nodePrefix, node);
            if (v != null) {
                DebianVersion dv = DebianVersion.parse(v);
                if (min == null || dv.compareTo(min) > 0) {
                    min = dv;
                }
            }
        }
        return min;
    }

    /** The package version a symbol-version node needs, or null when the node says nothing about versions. */
    static String nodeVersion(String prefix, String node) {
        String table = NODE_VERSIONS.get(node);
        if (table != null) {
            return table;
        }
        boolean cxx = prefix.equals("GLIBCXX_") && node.startsWith("CXXABI_");
        if (!node.startsWith(prefix) && !cxx) {
            return null;
        }
        String number = node.substring(node.indexOf('_') + 1);
        if (!number.matches("[0-9]+(\\.[0-9]+)*")) {
            return null; // GLIBC_PRIVATE, CXXABI_FLOAT128, CXXABI_TM_1 …
        }
        switch (prefix) {
            case "GLIBC_":
            case "GCC_":
                return number;
            case "ZLIB_":
                return "1:" + number;
            default:
                return null; // a libstdc++ node newer than the table: the baseline stands, and the test will say so
        }
    }
}
