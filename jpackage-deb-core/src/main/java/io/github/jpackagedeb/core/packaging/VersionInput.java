package io.github.jpackagedeb.core.packaging;

import io.github.jpackagedeb.core.version.MavenVersionMapper;

import java.time.Instant;
import java.util.Objects;

/**
 * Where the package's version comes from when the front end gives one: the whole Debian version, or an upstream
 * (Maven-style) version that core maps, with the build timestamp for snapshots. Without one, debian/changelog's newest
 * entry gives it.
 *
 * @param debianVersion   the whole Debian version, or null
 * @param upstreamVersion the upstream version to map, or null
 * @param revision        the Debian revision of the mapped version; null for the default
 * @param epoch           the epoch of the mapped version; null for none
 * @param label           where the value came from, for error messages (e.g. {@code --upstream-version 1.0})
 */
public record VersionInput(String debianVersion, String upstreamVersion, String revision, Integer epoch, String label) {

    public VersionInput {
        Objects.requireNonNull(label, "label");
        if ((debianVersion == null) == (upstreamVersion == null)) {
            throw new IllegalArgumentException("give either a Debian version or an upstream version");
        }
    }

    /** The whole Debian version, as configured. */
    public static VersionInput debian(String version, String label) {
        return new VersionInput(version, null, null, null, label);
    }

    /** An upstream version, mapped the way Maven versions are. */
    public static VersionInput upstream(String version, String revision, Integer epoch, String label) {
        return new VersionInput(null, version, revision, epoch, label);
    }

    /** The mapped Debian version; the snapshot timestamp is {@code timestamp}. */
    String mapped(Instant timestamp) {
        MavenVersionMapper mapper = MavenVersionMapper.defaults();
        if (revision != null) {
            mapper = mapper.withRevision(revision);
        }
        if (epoch != null) {
            mapper = mapper.withEpoch(epoch);
        }
        return mapper.map(upstreamVersion, timestamp).toString();
    }

    boolean snapshot() {
        return upstreamVersion != null && MavenVersionMapper.isSnapshot(upstreamVersion);
    }
}
