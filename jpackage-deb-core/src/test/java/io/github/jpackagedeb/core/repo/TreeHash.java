package io.github.jpackagedeb.core.repo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** Every path under a directory with its type, mode and content hash: two equal maps are two equal trees. */
final class TreeHash {

    private TreeHash() {
    }

    static Map<String, String> of(Path root) {
        Map<String, String> out = new TreeMap<>();
        if (!Files.exists(root)) {
            return out;
        }
        try (Stream<Path> s = Files.walk(root)) {
            s.forEach(p -> {
                try {
                    String rel = root.relativize(p).toString();
                    if (Files.isSymbolicLink(p)) {
                        out.put(rel, "link " + Files.readSymbolicLink(p));
                    } else if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                        out.put(rel, "dir");
                    } else {
                        out.put(rel, org.apache.commons.codec.digest.DigestUtils.sha256Hex(Files.readAllBytes(p)) + " "
                                + java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(p)));
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }
}
