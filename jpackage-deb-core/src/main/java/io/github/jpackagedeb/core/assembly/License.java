package io.github.jpackagedeb.core.assembly;

import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * A license of the packaged application, as a pom states it, with its Debian short name
 * (the DEP-5 / SPDX name) when it can be recognised.
 *
 * @param name the name as given (e.g. "The Apache Software License, Version 2.0")
 * @param url  where the text lives, or null
 */
public record License(String name, String url) {

    /** Licenses whose full text Debian ships in /usr/share/common-licenses (Policy 12.5). */
    private static final Map<String, String> COMMON = Map.of(
            "Apache-2.0", "Apache-2.0", "GPL-2.0", "GPL-2", "GPL-3.0", "GPL-3", "LGPL-2.1", "LGPL-2.1",
            "LGPL-3.0", "LGPL-3", "MPL-2.0", "MPL-2.0", "CC0-1.0", "CC0-1.0", "Artistic-1.0", "Artistic",
            "GFDL-1.3", "GFDL-1.3");

    public License {
        Objects.requireNonNull(name, "name");
    }

    /** The DEP-5 short name: SPDX-like where recognised, else the name with blanks replaced. */
    public String shortName() {
        String n = name.toLowerCase(Locale.ROOT);
        String u = url == null ? "" : url.toLowerCase(Locale.ROOT);
        if (n.contains("apache") && (n.contains("2") || u.contains("license-2.0"))) {
            return "Apache-2.0";
        }
        if (n.equals("mit") || n.contains("mit license") || u.contains("opensource.org/licenses/mit")) {
            return "Expat";
        }
        if (n.contains("lesser") || n.contains("lgpl")) {
            return n.contains("3") ? "LGPL-3.0" : "LGPL-2.1";
        }
        if (n.contains("gpl") || n.contains("general public")) {
            return n.contains("3") ? "GPL-3.0" : "GPL-2.0";
        }
        if (n.contains("mozilla") || n.contains("mpl")) {
            return "MPL-2.0";
        }
        if (n.contains("eclipse public") || n.startsWith("epl")) {
            return n.contains("1") && !n.contains("2") ? "EPL-1.0" : "EPL-2.0";
        }
        if (n.contains("bsd")) {
            return n.contains("2") ? "BSD-2-clause" : "BSD-3-clause";
        }
        if (n.contains("cc0")) {
            return "CC0-1.0";
        }
        return name.trim().replaceAll("\\s+", "-");
    }

    /** The file under /usr/share/common-licenses holding the full text, or null. */
    public String commonLicenseFile() {
        String file = COMMON.get(shortName());
        return file == null ? null : "/usr/share/common-licenses/" + file;
    }
}
