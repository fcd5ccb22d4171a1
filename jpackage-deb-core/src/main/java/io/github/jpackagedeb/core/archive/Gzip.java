package io.github.jpackagedeb.core.archive;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/** gzip for files inside a package (changelog.Debian.gz, man pages): the same bytes on every build. */
public final class Gzip {

    private Gzip() {
    }

    /**
     * gzip with no file name and no time stamp, at the best level, marked as {@code gzip -9n} marks it: lintian
     * reads the XFL byte for its max-compression checks, and Policy 12.1/12.7 want man pages and changelogs
     * compressed with {@code gzip -9n}.
     */
    public static byte[] reproducible(byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(data.length / 2 + 64);
        try (GZIPOutputStream gz = new GZIPOutputStream(out) {
            {
                def.setLevel(Deflater.BEST_COMPRESSION);
            }
        }) {
            gz.write(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        byte[] bytes = out.toByteArray();
        bytes[8] = 2; // XFL: maximum compression, as gzip -9 marks it (lintian reads this byte)
        bytes[9] = 3; // OS = Unix, as gzip -n writes it
        return bytes;
    }
}
