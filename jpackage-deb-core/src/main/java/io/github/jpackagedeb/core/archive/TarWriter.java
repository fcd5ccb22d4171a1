package io.github.jpackagedeb.core.archive;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A minimal, deterministic writer of GNU-format tar streams, the format {@code dpkg-deb --build}
 * itself writes ({@code tar --format=gnu}). deb(5) lists it as readable by every dpkg since
 * 1.4.1.17: GNU long names ({@code ././@LongLink}, type {@code L}) and long link names (type
 * {@code K}) lift the 100-byte limits of the ustar fields, and GNU base-256 numbers (dpkg &ge;
 * 1.18.24) carry files of 8 GiB and more.
 *
 * <p>Every header has owner and group 0 named {@code root}, the writer's mtime (unless an entry is given its own),
 * and no access or change times, so the bytes depend on the entries alone. Names are written as UTF-8. The
 * stream is buffered here and never flushed before {@link #finish()}, so a compressor below sees
 * the same write pattern for the same input (no flush points that depend on timing).
 */
final class TarWriter {

    static final int BLOCK = 512;
    /** GNU tar's default record size (blocking factor 20); the archive is padded to a multiple of it. */
    static final int RECORD = 20 * BLOCK;
    private static final int NAME_FIELD = 100;
    private static final long MAX_OCTAL_11 = 077777777777L;
    private static final byte[] LONG_LINK_NAME = "././@LongLink".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] ROOT = "root".getBytes(StandardCharsets.US_ASCII);

    private final OutputStream out;
    private final long mtime;
    private final byte[] buffer = new byte[64 * 1024];
    private int buffered;
    private long total;
    private long entryRemaining;
    private long entrySize;

    TarWriter(OutputStream out, long mtime) {
        this.out = out;
        if (mtime < 0 || mtime > MAX_OCTAL_11) {
            throw new IllegalArgumentException("mtime out of range: " + mtime);
        }
        this.mtime = mtime;
    }

    /** The bytes one entry takes in the archive: header, GNU long-name records and padded data. */
    static long entryLength(String name, String linkTarget, long size) {
        long n = BLOCK + padded(size);
        int nameBytes = utf8(name).length;
        if (nameBytes >= NAME_FIELD) {
            n += BLOCK + padded(nameBytes + 1L);
        }
        if (linkTarget != null) {
            int linkBytes = utf8(linkTarget).length;
            if (linkBytes >= NAME_FIELD) {
                n += BLOCK + padded(linkBytes + 1L);
            }
        }
        return n;
    }

    /** The length of a whole archive whose entries take {@code entries} bytes: end marker and record padding added. */
    static long archiveLength(long entries) {
        long n = entries + 2L * BLOCK;
        return (n + RECORD - 1) / RECORD * RECORD;
    }

    /** The bytes written so far (buffered or not). */
    long length() {
        return total;
    }

    private static long padded(long size) {
        return (size + BLOCK - 1) / BLOCK * BLOCK;
    }

    /** A directory; {@code name} must end with '/' ({@code ./usr/bin/}). */
    void directory(String name, int mode) throws IOException {
        directory(name, mode, mtime);
    }

    /** A directory with its own mtime (seconds since the epoch). */
    void directory(String name, int mode, long entryMtime) throws IOException {
        header(utf8(name), '5', mode, 0, null, entryMtime);
    }

    /** A symbolic link, stored with mode 0777 as dpkg-deb and tar store them. */
    void symlink(String name, String target) throws IOException {
        symlink(name, target, mtime);
    }

    /** A symbolic link with its own mtime (seconds since the epoch). */
    void symlink(String name, String target, long entryMtime) throws IOException {
        header(utf8(name), '2', 0777, 0, utf8(target), entryMtime);
    }

    /** Starts a regular file; exactly {@code size} bytes must follow through {@link #write}. */
    void file(String name, int mode, long size) throws IOException {
        file(name, mode, size, mtime);
    }

    /** Starts a regular file with its own mtime (seconds since the epoch). */
    void file(String name, int mode, long size, long entryMtime) throws IOException {
        header(utf8(name), '0', mode, size, null, entryMtime);
        entrySize = size;
        entryRemaining = size;
    }

    void write(byte[] b, int off, int len) throws IOException {
        if (len > entryRemaining) {
            throw new IllegalStateException("more bytes than the announced size " + entrySize);
        }
        entryRemaining -= len;
        raw(b, off, len);
    }

    /** Ends the current file: checks its length and pads it to a block. */
    void endFile() throws IOException {
        if (entryRemaining != 0) {
            throw new IllegalStateException(entryRemaining + " bytes missing of " + entrySize);
        }
        padToBlock();
    }

    /**
     * Sends what is buffered to the stream, so that the current file's content can go to the stream from elsewhere
     * ({@link #contentWrittenElsewhere}).
     */
    void flush() throws IOException {
        drain();
    }

    /**
     * Counts the current file's content and its padding as written: after {@link #flush}, the caller wrote exactly those
     * bytes to the stream itself (xz blocks copied from the block cache). Ends the file, as {@link #endFile} does.
     */
    void contentWrittenElsewhere() {
        if (buffered != 0 || entryRemaining != entrySize) {
            throw new IllegalStateException("the content of a file must follow its header and a flush");
        }
        total += padded(entrySize);
        entryRemaining = 0;
    }

    /** Writes the end-of-archive marker (two zero blocks), pads to the record size and drains the buffer. */
    void finish() throws IOException {
        raw(new byte[2 * BLOCK], 0, 2 * BLOCK);
        long rest = total % RECORD;
        if (rest != 0) {
            zeros(RECORD - rest);
        }
        drain();
    }

    private void header(byte[] name, char type, int mode, long size, byte[] link, long entryMtime)
            throws IOException {
        if (entryMtime < 0 || entryMtime > MAX_OCTAL_11) {
            throw new IllegalArgumentException("mtime out of range: " + entryMtime);
        }
        if (name.length >= NAME_FIELD) {
            longName('L', name);
        }
        if (link != null && link.length >= NAME_FIELD) {
            longName('K', link);
        }
        byte[] h = headerBlock(name, type, mode, size, entryMtime, link);
        raw(h, 0, h.length);
    }

    /** A GNU long name record: a pseudo entry whose data is the full name and a NUL. */
    private void longName(char type, byte[] value) throws IOException {
        byte[] h = headerBlock(LONG_LINK_NAME, type, 0644, value.length + 1L, 0, null);
        raw(h, 0, h.length);
        raw(value, 0, value.length);
        raw(new byte[1], 0, 1);
        padToBlock();
    }

    private static byte[] headerBlock(byte[] name, char type, int mode, long size, long time, byte[] link) {
        byte[] h = new byte[BLOCK];
        System.arraycopy(name, 0, h, 0, Math.min(name.length, NAME_FIELD));
        octal(h, 100, 8, mode);
        octal(h, 108, 8, 0);
        octal(h, 116, 8, 0);
        number(h, 124, 12, size);
        number(h, 136, 12, time);
        Arrays.fill(h, 148, 156, (byte) ' ');
        h[156] = (byte) type;
        if (link != null) {
            System.arraycopy(link, 0, h, 157, Math.min(link.length, NAME_FIELD));
        }
        byte[] magic = {'u', 's', 't', 'a', 'r', ' ', ' ', 0};
        System.arraycopy(magic, 0, h, 257, magic.length);
        System.arraycopy(ROOT, 0, h, 265, ROOT.length);
        System.arraycopy(ROOT, 0, h, 297, ROOT.length);
        long sum = 0;
        for (byte b : h) {
            sum += b & 0xff;
        }
        byte[] chk = String.format("%06o", sum).getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(chk, 0, h, 148, 6);
        h[154] = 0;
        h[155] = ' ';
        return h;
    }

    /** Zero-padded octal in {@code len - 1} digits and a NUL, as GNU tar writes. */
    private static void octal(byte[] h, int off, int len, long value) {
        String s = Long.toOctalString(value);
        if (s.length() > len - 1) {
            throw new IllegalArgumentException("value too large for a " + len + "-byte field: " + value);
        }
        byte[] digits = ("0".repeat(len - 1 - s.length()) + s).getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(digits, 0, h, off, len - 1);
        h[off + len - 1] = 0;
    }

    /** Octal when it fits, else GNU base-256 (high bit set, big-endian). */
    private static void number(byte[] h, int off, int len, long value) {
        if (value >= 0 && value <= MAX_OCTAL_11) {
            octal(h, off, len, value);
            return;
        }
        if (value < 0) {
            throw new IllegalArgumentException("negative value: " + value);
        }
        long v = value;
        for (int i = off + len - 1; i > off; i--) {
            h[i] = (byte) (v & 0xff);
            v >>>= 8;
        }
        h[off] = (byte) 0x80;
    }

    private void padToBlock() throws IOException {
        long rest = total % BLOCK;
        if (rest != 0) {
            zeros(BLOCK - rest);
        }
    }

    private void zeros(long n) throws IOException {
        byte[] z = new byte[(int) Math.min(n, RECORD)];
        long left = n;
        while (left > 0) {
            int k = (int) Math.min(left, z.length);
            raw(z, 0, k);
            left -= k;
        }
    }

    /**
     * Every byte goes through the buffer, and the buffer goes out only when full (or at the end):
     * the compressor always sees the same chunks for the same archive, whatever sizes the
     * input streams happened to return from {@code read}.
     */
    private void raw(byte[] b, int off, int len) throws IOException {
        total += len;
        int o = off;
        int left = len;
        while (left > 0) {
            int k = Math.min(left, buffer.length - buffered);
            System.arraycopy(b, o, buffer, buffered, k);
            buffered += k;
            o += k;
            left -= k;
            if (buffered == buffer.length) {
                drain();
            }
        }
    }

    private void drain() throws IOException {
        if (buffered > 0) {
            out.write(buffer, 0, buffered);
            buffered = 0;
        }
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
