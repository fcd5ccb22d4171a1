package io.github.jpackagedeb.core.runtime;

import io.github.jpackagedeb.core.archive.Content;
import io.github.jpackagedeb.core.archive.DebEntry;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SortedSet;

/**
 * A finished runtime image in the cache, ready to be packaged: where it is, what it contains (as recorded in its
 * manifest, with normalised modes), and what the package must declare for it.
 *
 * @param image        the image directory (in the cache; do not modify)
 * @param files        its content: directories, files (mode 0644/0755) and symbolic links, sorted by path
 * @param modules      the modules linked in
 * @param platform     the platform of its native code
 * @param architecture the Debian architecture ({@code amd64}, {@code arm64}…)
 * @param depends      {@code Depends} entries for the shared libraries it needs
 * @param recommends   {@code Recommends} entries for the libraries only java.desktop's native code needs
 * @param jdk          the JDK it was linked from, for messages ({@code Debian 17.0.15+6-Debian-1deb12u1})
 * @param cds          whether it holds a CDS archive
 * @param reused       true when it came from the cache (no jdeps, no jlink ran)
 * @param modulesFrom  where the module list came from: {@code jdeps}, {@code cache} or {@code configured}
 */
public record RuntimeImage(Path image, List<RuntimeFile> files, SortedSet<String> modules, Platform platform,
                           String architecture, List<String> depends, List<String> recommends, String jdk,
                           boolean cds, boolean reused, String modulesFrom) {

    public RuntimeImage {
        Objects.requireNonNull(image, "image");
        files = List.copyOf(files);
        depends = List.copyOf(depends);
        recommends = List.copyOf(recommends);
    }

    /**
     * One path of the image.
     *
     * @param path   relative to the image root, '/'-separated
     * @param type   'd', 'f' or 'l'
     * @param mode   the mode to package (0755 directories and executables, 0644 other files)
     * @param size   bytes of a file
     * @param target the target of a link
     */
    public record RuntimeFile(String path, char type, int mode, long size, String target) {
    }

    /** The total size of the files, in bytes. */
    public long size() {
        return files.stream().mapToLong(RuntimeFile::size).sum();
    }

    /**
     * The data entries that install this runtime under {@code dir} (a package path without the leading slash, e.g.
     * {@code usr/lib/hello/runtime}): the directory itself and everything in it, with normalised modes.
     */
    public List<DebEntry> entries(String dir) {
        List<DebEntry> out = new ArrayList<>(files.size() + 1);
        out.add(DebEntry.directory(dir));
        for (RuntimeFile f : files) {
            String p = dir + "/" + f.path();
            switch (f.type()) {
                case 'd':
                    out.add(DebEntry.directory(p));
                    break;
                case 'l':
                    out.add(DebEntry.symlink(p, f.target()));
                    break;
                default:
                    Content c = Content.of(image.resolve(f.path()));
                    out.add(f.mode() == 0755 ? DebEntry.executable(p, c) : DebEntry.file(p, c));
            }
        }
        return out;
    }
}
