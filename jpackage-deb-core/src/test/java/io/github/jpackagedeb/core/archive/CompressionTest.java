package io.github.jpackagedeb.core.archive;

import io.github.jpackagedeb.core.DebException;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;
import org.apache.commons.compress.compressors.zstandard.ZstdCompressorInputStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The compression choice and the one factory that turns it into a stream. */
class CompressionTest {

    @Test
    void theDefaultIsDeclaredOnceAndIsXz() {
        assertSame(Compression.XZ, Compression.DEFAULT);
        assertSame(Compression.DEFAULT, Compression.parse(Compression.DEFAULT_NAME));
    }

    @Test
    void namesAsDpkgDebSpellsThemAndCommonAliases() {
        assertSame(Compression.GZIP, Compression.parse(" GZ "));
        assertSame(Compression.ZSTD, Compression.parse("zst"));
        assertSame(Compression.NONE, Compression.parse("none"));
        DebException e = assertThrows(DebException.class, () -> Compression.parse("bzip2"));
        assertEquals("bzip2", e.value());
    }

    @ParameterizedTest
    @EnumSource(Compression.class)
    void eachChoiceWritesAStreamItsReaderReadsBack(Compression c) throws IOException {
        byte[] plain = "Package: hello\n".repeat(500).getBytes(StandardCharsets.US_ASCII);
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        try (OutputStream out = Compressors.open(c, sink, plain.length)) {
            out.write(plain);
        }
        byte[] written = sink.toByteArray();
        InputStream in = new ByteArrayInputStream(written);
        InputStream reader = switch (c) {
            case XZ -> new XZCompressorInputStream(in);
            case GZIP -> new GzipCompressorInputStream(in);
            case ZSTD -> new ZstdCompressorInputStream(in);
            case NONE -> in;
        };
        assertArrayEquals(plain, reader.readAllBytes(), c.dpkgName());
        // the same input gives the same bytes, whatever the number of threads
        ByteArrayOutputStream again = new ByteArrayOutputStream();
        try (OutputStream out = Compressors.open(c, again, plain.length, 1, Compressors.XZ_BLOCK_SIZE,
                Compressors.XzPlan.NONE)) {
            out.write(plain);
        }
        assertArrayEquals(written, again.toByteArray(), c.dpkgName());
    }
}
