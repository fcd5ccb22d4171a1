package io.github.jpackagedeb.core.archive;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;

/** Where a file entry's bytes come from: a file on disk (streamed, never buffered whole) or bytes in memory. */
public abstract class Content {

    private Content() {
    }

    public abstract long size() throws IOException;

    public abstract InputStream open() throws IOException;

    /** A short description for error messages (the path, or "generated"). */
    public abstract String describe();

    public static Content of(Path file) {
        return new FileContent(file);
    }

    public static Content of(byte[] bytes, String description) {
        return new BytesContent(bytes, description);
    }

    /** File content read from disk when the archive is written. */
    public static final class FileContent extends Content {
        private final Path file;

        FileContent(Path file) {
            this.file = Objects.requireNonNull(file, "file");
        }

        public Path file() {
            return file;
        }

        @Override
        public long size() throws IOException {
            return Files.size(file);
        }

        @Override
        public InputStream open() throws IOException {
            return Files.newInputStream(file);
        }

        @Override
        public String describe() {
            return file.toString();
        }
    }

    /** Generated content, small by nature (control files, launcher, copyright). */
    public static final class BytesContent extends Content {
        private final byte[] bytes;
        private final String description;

        BytesContent(byte[] bytes, String description) {
            this.bytes = Objects.requireNonNull(bytes, "bytes").clone();
            this.description = Objects.requireNonNull(description, "description");
        }

        public byte[] bytes() {
            return bytes.clone();
        }

        @Override
        public long size() {
            return bytes.length;
        }

        @Override
        public InputStream open() {
            return new java.io.ByteArrayInputStream(bytes);
        }

        @Override
        public String describe() {
            return description;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof BytesContent b && Arrays.equals(bytes, b.bytes);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(bytes);
        }
    }
}
