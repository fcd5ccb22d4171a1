package io.github.jpackagedeb.core.archive;

import com.github.luben.zstd.ZstdOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipParameters;
import org.tukaani.xz.LZMA2Options;
import org.tukaani.xz.XZ;
import org.tukaani.xz.XZOutputStream;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.zip.Deflater;

/**
 * The compressors of the control and data members, each set up so that the same input gives the
 * same bytes. This is the seam for faster compressors later (a block-parallel xz, for one): the
 * writer only asks {@link #open} for a stream and closes it at the end.
 *
 * <ul>
 *   <li>xz: preset 6 (xz's and dpkg-deb's default), CRC64 check, one stream of one block, pure
 *       Java (org.tukaani.xz): the bytes depend on the xz-java version alone. The dictionary
 *       shrinks to the input's size when that is smaller than preset 6's 8 MiB.</li>
 *   <li>gzip: level 9 (dpkg-deb's default), no file name, mtime 0, OS byte 3 (Unix) as
 *       {@code gzip -n} writes on Linux. The deflate bytes come from the zlib the JDK uses (the
 *       system's on Debian's OpenJDK), so another zlib build may give other, equally valid bytes.</li>
 *   <li>zstd: level {@value #ZSTD_LEVEL}, single-threaded, with a content checksum, no pledged
 *       size. The bytes depend on the libzstd bundled in zstd-jni alone. Measured with zstd-jni
 *       1.5.7-6 on this project's 2-core machine (streaming, as the writer does):
 *       <pre>
 *                       level 3          level 6          level 9          level 19
 *       31 MB of jars   17.74 MB 0.24 s  17.01 MB 0.39 s  16.51 MB 1.49 s  16.37 MB 18.8 s
 *       56 MB jlink rt  17.45 MB 0.75 s  16.13 MB 1.72 s  15.58 MB 3.00 s  13.82 MB 77 s
 *       </pre>
 *       Level 6 is 4&ndash;8% smaller than dpkg-deb's default 3 for about twice the time, still
 *       well under xz's; 9 saves another 3% at 2&ndash;4 times the cost of 6, and 19 is slower
 *       than xz. Decompression speed is the same for all of them.</li>
 *   <li>none: the bytes as they are.</li>
 * </ul>
 */
final class Compressors {

    static final int XZ_PRESET = 6;
    static final int GZIP_LEVEL = Deflater.BEST_COMPRESSION;
    static final int ZSTD_LEVEL = 6;
    /** GZIP header OS field: 3 = Unix. */
    private static final int GZIP_OS_UNIX = 3;

    private Compressors() {
    }

    /**
     * Wraps {@code sink} in the compressor; closing the returned stream finishes the compressed
     * stream and closes {@code sink}.
     *
     * @param inputLength the exact number of bytes that will be written. xz's dictionary is cut
     *                    down to it (rounded up to a power of two, at least 4 KiB): a dictionary
     *                    larger than the input cannot find more matches, so the ratio is the same,
     *                    but preset 6's 8 MiB dictionary costs ~94 MB of encoder memory even for a
     *                    1 KiB control.tar. The bytes still depend on the input alone.
     */
    static OutputStream open(Compression compression, OutputStream sink, long inputLength) throws IOException {
        switch (compression) {
            case XZ: {
                LZMA2Options options = new LZMA2Options(XZ_PRESET);
                options.setDictSize(xzDictSize(options.getDictSize(), inputLength));
                return new XZOutputStream(sink, options, XZ.CHECK_CRC64);
            }
            case GZIP: {
                GzipParameters p = new GzipParameters();
                p.setCompressionLevel(GZIP_LEVEL);
                p.setModificationTime(0);
                p.setOperatingSystem(GZIP_OS_UNIX);
                return new GzipCompressorOutputStream(sink, p);
            }
            case ZSTD: {
                ZstdOutputStream z = new ZstdOutputStream(sink, ZSTD_LEVEL);
                z.setChecksum(true);
                z.setWorkers(0);
                z.setCloseFrameOnFlush(false);
                return z;
            }
            case NONE:
                return new PassThrough(sink);
            default:
                throw new IllegalArgumentException(String.valueOf(compression));
        }
    }

    static int xzDictSize(int presetDictSize, long inputLength) {
        int dict = LZMA2Options.DICT_SIZE_MIN;
        while (dict < inputLength && dict < presetDictSize) {
            dict <<= 1;
        }
        return Math.min(dict, presetDictSize);
    }

    /** No compression; passes whole arrays (FilterOutputStream alone would go byte by byte). */
    private static final class PassThrough extends FilterOutputStream {
        PassThrough(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }
    }
}
