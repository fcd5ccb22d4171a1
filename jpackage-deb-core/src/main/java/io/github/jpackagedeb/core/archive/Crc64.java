package io.github.jpackagedeb.core.archive;

/**
 * CRC-64 as the xz format defines it (ECMA-182 polynomial, reflected, initial value and final
 * XOR all ones): the integrity check of each xz block. Slicing-by-8, about as fast as reading
 * the bytes from the page cache. (xz-java has one too, in a package its module does not export.)
 */
final class Crc64 {

    private static final long POLY = 0xC96C5795D7870F42L;
    private static final long[][] TABLE = new long[8][256];

    static {
        for (int i = 0; i < 256; i++) {
            long r = i;
            for (int k = 0; k < 8; k++) {
                r = (r & 1) != 0 ? (r >>> 1) ^ POLY : r >>> 1;
            }
            TABLE[0][i] = r;
        }
        for (int i = 0; i < 256; i++) {
            long r = TABLE[0][i];
            for (int t = 1; t < 8; t++) {
                r = TABLE[0][(int) (r & 0xFF)] ^ (r >>> 8);
                TABLE[t][i] = r;
            }
        }
    }

    private long crc = -1L;

    void update(byte[] b, int off, int len) {
        long c = crc;
        int i = off;
        int end = off + len;
        long[] t0 = TABLE[0];
        long[] t1 = TABLE[1];
        long[] t2 = TABLE[2];
        long[] t3 = TABLE[3];
        long[] t4 = TABLE[4];
        long[] t5 = TABLE[5];
        long[] t6 = TABLE[6];
        long[] t7 = TABLE[7];
        while (end - i >= 8) {
            c ^= (b[i] & 0xFFL) | (b[i + 1] & 0xFFL) << 8 | (b[i + 2] & 0xFFL) << 16 | (b[i + 3] & 0xFFL) << 24
                    | (b[i + 4] & 0xFFL) << 32 | (b[i + 5] & 0xFFL) << 40 | (b[i + 6] & 0xFFL) << 48
                    | (b[i + 7] & 0xFFL) << 56;
            c = t7[(int) (c & 0xFF)] ^ t6[(int) ((c >>> 8) & 0xFF)] ^ t5[(int) ((c >>> 16) & 0xFF)]
                    ^ t4[(int) ((c >>> 24) & 0xFF)] ^ t3[(int) ((c >>> 32) & 0xFF)] ^ t2[(int) ((c >>> 40) & 0xFF)]
                    ^ t1[(int) ((c >>> 48) & 0xFF)] ^ t0[(int) (c >>> 56)];
            i += 8;
        }
        while (i < end) {
            c = t0[(int) ((c ^ b[i++]) & 0xFF)] ^ (c >>> 8);
        }
        crc = c;
    }

    /** The check value (after the final XOR). */
    long value() {
        return ~crc;
    }
}
