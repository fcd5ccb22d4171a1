package io.github.jpackagedeb.core.archive;

import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipParameters;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.zip.Deflater;

/**
 * The one gzip writer of the project (data.tar.gz, control.tar.gz, changelog.Debian.gz, man pages, an apt
 * repository's Packages.gz): the same bytes on every build, as {@code gzip -9n} writes them on Linux. Level 9
 * (dpkg-deb's default; Policy 12.1/12.7 ask for {@code gzip -9n} on man pages and changelogs), no file name,
 * modification time 0, XFL byte 2 (maximum compression: lintian reads it), OS byte 3 (Unix). The deflate bytes come
 * from the zlib the JDK uses (the system's on Debian's OpenJDK), so another zlib build may give other, equally valid
 * bytes.
 */
public final class Gzip {

    /** The compression level: {@code gzip -9}. */
    static final int LEVEL = Deflater.BEST_COMPRESSION;
    /** GZIP header OS field: 3 = Unix, as {@code gzip} writes on Linux. */
    private static final int OS_UNIX = 3;

    private Gzip() {
    }

    /** Wraps {@code sink}; closing the returned stream finishes the gzip member and closes {@code sink}. */
    public static OutputStream open(OutputStream sink) throws IOException {
        GzipParameters p = new GzipParameters();
        p.setCompressionLevel(LEVEL); // commons-compress writes XFL 2 for level 9
        p.setModificationTime(0);
        p.setOperatingSystem(OS_UNIX);
        return new GzipCompressorOutputStream(sink, p);
    }

    /** {@code data} gzipped as {@link #open} does. */
    public static byte[] reproducible(byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(data.length / 2 + 64);
        try (OutputStream gz = open(out)) {
            gz.write(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
