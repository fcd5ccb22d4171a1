package io.github.jpackagedeb.core.archive;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;
import java.util.zip.Deflater;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class GzipTest {

    @Test
    void headerIsGzip9nOnLinux() {
        byte[] gz = Gzip.reproducible("hello\n".getBytes(StandardCharsets.US_ASCII));
        // magic, deflate, no flags (no name), mtime 0, XFL 2 (best compression), OS 3 (Unix)
        assertEquals("1f8b0800000000000203", HexFormat.of().formatHex(gz, 0, 10));
    }

    /** The bytes of the JDK's gzip at level 9 with the header gzip -9n writes (the project's former writer). */
    @Test
    void sameBytesAsJdkDeflaterWithGzip9nHeader() throws IOException {
        Random r = new Random(7);
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 20_000; i++) {
            text.append("word").append(r.nextInt(3000)).append(i % 11 == 0 ? '\n' : ' ');
        }
        byte[] noise = new byte[100_000];
        r.nextBytes(noise);
        for (byte[] in : new byte[][] {new byte[0], "x".getBytes(StandardCharsets.US_ASCII),
                text.toString().getBytes(StandardCharsets.US_ASCII), noise}) {
            byte[] gz = Gzip.reproducible(in);
            assertArrayEquals(jdkGzip9n(in), gz, in.length + " bytes");
            try (GZIPInputStream back = new GZIPInputStream(new ByteArrayInputStream(gz))) {
                assertArrayEquals(in, back.readAllBytes());
            }
        }
    }

    private static byte[] jdkGzip9n(byte[] data) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out) {
            {
                def.setLevel(Deflater.BEST_COMPRESSION);
            }
        }) {
            gz.write(data);
        }
        byte[] b = out.toByteArray();
        b[8] = 2;
        b[9] = 3;
        return Arrays.copyOf(b, b.length);
    }
}
