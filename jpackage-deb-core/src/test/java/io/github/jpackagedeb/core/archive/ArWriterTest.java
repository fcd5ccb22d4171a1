package io.github.jpackagedeb.core.archive;

import org.apache.commons.compress.archivers.ar.ArArchiveEntry;
import org.apache.commons.compress.archivers.ar.ArArchiveOutputStream;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

/** ArWriter writes what commons-compress's ar writer writes (see the ArWriter comment for why it is ours). */
class ArWriterTest {

    @Test
    void sameBytesAsCommonsCompress() throws IOException {
        String[] names = {"debian-binary", "control.tar.xz", "data.tar.zst", "_gpgorigin"};
        byte[][] data = {"2.0\n".getBytes(StandardCharsets.US_ASCII), new byte[1233], new byte[40_000], new byte[833]};
        long mtime = 1_767_225_600L;

        ByteArrayOutputStream ours = new ByteArrayOutputStream();
        ArWriter.magic(ours);
        for (int i = 0; i < names.length; i++) {
            ArWriter.member(ours, names[i], mtime, data[i]);
        }

        ByteArrayOutputStream theirs = new ByteArrayOutputStream();
        try (ArArchiveOutputStream ar = new ArArchiveOutputStream(theirs)) {
            for (int i = 0; i < names.length; i++) {
                ar.putArchiveEntry(new ArArchiveEntry(names[i], data[i].length, 0, 0, 0100644, mtime));
                ar.write(data[i]);
                ar.closeArchiveEntry();
            }
        }
        assertArrayEquals(theirs.toByteArray(), ours.toByteArray());
    }
}
