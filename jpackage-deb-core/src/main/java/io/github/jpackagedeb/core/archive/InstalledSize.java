package io.github.jpackagedeb.core.archive;

import io.github.jpackagedeb.core.DebLog;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The {@code Installed-Size} control field (Debian Policy 5.6.20: an estimate in KiB of the disk
 * space the package uses), computed the way {@code dpkg-gencontrol} computes its default.
 *
 * <p>deb-substvars(5), "Installed-Size": "dpkg-gencontrol will compute the default value by
 * accumulating the size of each regular file and symlink rounded to 1 KiB used units, and a
 * baseline of 1 KiB for any other filesystem object type". In dpkg-gencontrol's source (dpkg
 * 1.21.22, {@code scripts/dpkg-gencontrol.pl}) a {@code File::Find} walk over the package build
 * directory adds {@code POSIX::ceil((-s _) / 1024)} for every regular file and symlink
 * ({@code -s} of a symlink is the length of its target) and 1 for everything else, which
 * includes the build directory itself. So here:
 * <ul>
 *   <li>a file counts {@code ceil(size / 1024)} (an empty file counts 0);</li>
 *   <li>a symlink counts {@code ceil(length of its target in bytes / 1024)}, i.e. 1 for any
 *       ordinary target;</li>
 *   <li>every directory counts 1: those given, the parents the writer adds, and the root
 *       {@code ./}.</li>
 * </ul>
 * (dpkg-gencontrol's walk also meets the {@code DEBIAN} directory of the build tree; that is
 * not part of the installed files and is not counted here. There are no hard links.)
 */
public final class InstalledSize {

    private InstalledSize() {
    }

    /**
     * The Installed-Size in KiB of a package holding exactly these data entries (plus the parent
     * directories and root the writer adds).
     *
     * @throws io.github.jpackagedeb.core.DebException for entries {@link DebArchiveWriter} would
     *         refuse (bad paths, duplicates, unreadable files); modes are not checked here
     */
    public static long kibibytes(List<DebEntry> entries) {
        return of(EntryRules.normalise(entries, true, DebLog.SILENT));
    }

    static long of(List<EntryRules.Item> items) {
        long total = 0;
        for (EntryRules.Item i : items) {
            switch (i.type()) {
                case FILE:
                    total += ceilKiB(i.size());
                    break;
                case SYMLINK:
                    total += ceilKiB(i.linkTarget().getBytes(StandardCharsets.UTF_8).length);
                    break;
                default:
                    total += 1;
            }
        }
        return total;
    }

    private static long ceilKiB(long bytes) {
        return (bytes + 1023) / 1024;
    }
}
