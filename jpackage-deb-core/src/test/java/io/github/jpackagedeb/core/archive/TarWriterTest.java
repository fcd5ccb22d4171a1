package io.github.jpackagedeb.core.archive;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class TarWriterTest {

    /** Sizes of 8 GiB and more use GNU base-256 (dpkg >= 1.18.24); below that, 11 octal digits. */
    @Test
    void largeSizesUseBase256() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        TarWriter tar = new TarWriter(out, 0);
        long big = 9_000_000_000L;
        tar.file("./big", 0644, big);
        tar.write(new byte[0], 0, 0);
        // drain the header through finish()'s path without completing the entry
        assertThrows(IllegalStateException.class, tar::endFile);
        tar.finish();
        byte[] h = out.toByteArray();
        assertEquals((byte) 0x80, h[124]);
        long v = 0;
        for (int i = 125; i < 136; i++) {
            v = (v << 8) | (h[i] & 0xff);
        }
        assertEquals(big, v);

        ByteArrayOutputStream small = new ByteArrayOutputStream();
        TarWriter t2 = new TarWriter(small, 0);
        t2.file("./s", 0644, 077777777777L);
        t2.finish();
        assertEquals("77777777777\0", new String(small.toByteArray(), 124, 12, StandardCharsets.US_ASCII));
    }

    @Test
    void archiveIsPaddedToWholeRecords() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        TarWriter tar = new TarWriter(out, 1);
        tar.directory("./", 0755);
        tar.finish();
        assertEquals(TarWriter.RECORD, out.size());
    }
}
