package io.github.jpackagedeb.core.archive;

import java.nio.file.Path;

/**
 * What {@link DebArchiveWriter#write} produced.
 *
 * @param target        the .deb written (absolute)
 * @param size          its size in bytes
 * @param sha256        its SHA-256, lower-case hex
 * @param dataEntries   the number of entries in data.tar, including {@code ./} and the parent
 *                      directories the writer added
 * @param installedSize the Installed-Size of the data in KiB, computed as {@link InstalledSize} does
 */
public record WriteResult(Path target, long size, String sha256, int dataEntries, long installedSize) {
}
