package io.github.jpackagedeb.core.archive;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The outer {@code ar} archive in the common (System V) format deb(5) asks for: the
 * {@code !<arch>\n} magic, then per member a 60-byte header (name space-padded to 16 bytes
 * without a trailing slash, decimal mtime, uid and gid 0, octal mode 100644, decimal size,
 * {@code `\n}) followed by the data and a {@code \n} pad byte when the size is odd.
 *
 * <p>The one writer of ar headers (DebArchiveWriter's members, DebSigner's {@code _gpgorigin}). Hand-written rather
 * than commons-compress's {@code ArArchiveOutputStream}, which writes the same bytes (ArWriterTest): DebSigner
 * appends a member to an existing archive, and that stream always starts with the magic.
 */
public final class ArWriter {

    static final byte[] MAGIC = "!<arch>\n".getBytes(StandardCharsets.US_ASCII);
    /** Member sizes are limited to 10 decimal digits (deb(5)). */
    static final long MAX_MEMBER_SIZE = 9_999_999_999L;

    private ArWriter() {
    }

    static void magic(OutputStream out) throws IOException {
        out.write(MAGIC);
    }

    static void header(OutputStream out, String name, long mtime, long size) throws IOException {
        if (name.length() > 15) {
            throw new IllegalArgumentException("ar member name too long: " + name);
        }
        if (size < 0 || size > MAX_MEMBER_SIZE) {
            throw new IOException("the ar member " + name + " is " + size
                    + " bytes; the .deb format allows at most " + MAX_MEMBER_SIZE + " bytes per member");
        }
        String h = pad(name, 16) + pad(Long.toString(mtime), 12) + pad("0", 6) + pad("0", 6)
                + pad("100644", 8) + pad(Long.toString(size), 10) + "`\n";
        out.write(h.getBytes(StandardCharsets.US_ASCII));
    }

    /** A whole member from memory, padded. */
    public static void member(OutputStream out, String name, long mtime, byte[] data) throws IOException {
        header(out, name, mtime, data.length);
        out.write(data);
        pad(out, data.length);
    }

    /** The pad byte after a member of odd size. */
    static void pad(OutputStream out, long size) throws IOException {
        if (size % 2 != 0) {
            out.write('\n');
        }
    }

    private static String pad(String s, int width) {
        if (s.length() > width) {
            throw new IllegalArgumentException(s + " does not fit in " + width);
        }
        return s + " ".repeat(width - s.length());
    }
}
