package io.github.jpackagedeb.core.profile;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * How much of a recording file can be read: a walk over the fixed 68-byte chunk headers only (magic {@code FLR\0},
 * version, chunk size, constant-pool and metadata offsets), as the JDK's chunk format lays them out. The events
 * themselves are read by jfr-converter; this only finds where the last whole chunk ends, so that a truncated
 * recording (a copy cut short, a file still being written) is read up to there.
 */
final class JfrChunks {

    static final int HEADER_SIZE = 68;
    private static final int MAGIC = 0x464c5200; // "FLR\0"

    /**
     * @param jfr       whether the file starts like a recording (the magic)
     * @param chunks    whole chunks
     * @param readable  bytes in whole chunks, from the start
     * @param size      the file's size
     */
    record Scan(boolean jfr, int chunks, long readable, long size) {
        boolean complete() {
            return readable == size;
        }
    }

    private JfrChunks() {
    }

    static Scan scan(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            long pos = 0;
            int chunks = 0;
            ByteBuffer h = ByteBuffer.allocate(HEADER_SIZE);
            while (pos + HEADER_SIZE <= size) {
                h.clear();
                while (h.hasRemaining() && ch.read(h, pos + h.position()) > 0) {
                    // read the whole header
                }
                if (h.hasRemaining() || h.getInt(0) != MAGIC) {
                    break;
                }
                long chunkSize = h.getLong(8);
                long cpOffset = h.getLong(16);
                long metaOffset = h.getLong(24);
                if (chunkSize < HEADER_SIZE || pos + chunkSize > size || cpOffset <= 0 || metaOffset <= 0
                        || cpOffset >= chunkSize || metaOffset >= chunkSize) {
                    break; // cut short, or still being written (the JDK fills in the sizes when the chunk ends)
                }
                chunks++;
                pos += chunkSize;
            }
            boolean jfr = false;
            if (size >= 4) {
                ByteBuffer m = ByteBuffer.allocate(4);
                while (m.hasRemaining() && ch.read(m, m.position()) > 0) {
                    // read the magic
                }
                jfr = !m.hasRemaining() && m.getInt(0) == MAGIC;
            }
            return new Scan(jfr, chunks, pos, size);
        }
    }
}
