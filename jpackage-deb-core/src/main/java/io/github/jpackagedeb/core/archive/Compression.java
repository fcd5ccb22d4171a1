package io.github.jpackagedeb.core.archive;

import io.github.jpackagedeb.core.DebException;
import io.github.jpackagedeb.core.Setting;

import java.util.Locale;

/**
 * Compression of the control and data members. Names as dpkg-deb's -Z option spells them. The choice is the caller's;
 * which compressor (and which settings) writes each one is {@link Compressors}'s alone.
 */
public enum Compression {
    XZ("xz", ".xz"),
    GZIP("gzip", ".gz"),
    ZSTD("zstd", ".zst"),
    NONE("none", "");

    /**
     * The name of the default compression, as a constant for front ends whose defaults must be constants (a Maven
     * parameter's {@code defaultValue}, a picocli option's initial value): xz, which every dpkg reads.
     */
    public static final String DEFAULT_NAME = "xz";
    /** The default compression: {@link #DEFAULT_NAME}. */
    public static final Compression DEFAULT = parse(DEFAULT_NAME);

    private final String dpkgName;
    private final String suffix;

    Compression(String dpkgName, String suffix) {
        this.dpkgName = dpkgName;
        this.suffix = suffix;
    }

    /** The name dpkg-deb uses ({@code -Zxz}). */
    public String dpkgName() {
        return dpkgName;
    }

    /** The ar member suffix: {@code data.tar<suffix>}. */
    public String suffix() {
        return suffix;
    }

    public static Compression parse(String value) {
        if (value != null) {
            String v = value.trim().toLowerCase(Locale.ROOT);
            for (Compression c : values()) {
                if (c.dpkgName.equals(v) || c.name().toLowerCase(Locale.ROOT).equals(v)
                        || (c == GZIP && v.equals("gz")) || (c == ZSTD && v.equals("zst"))) {
                    return c;
                }
            }
        }
        throw new DebException(Setting.COMPRESSION, value, "unknown compression.",
                "use one of xz (default, every dpkg reads it), zstd (dpkg >= 1.21.18), gzip or none.");
    }
}
