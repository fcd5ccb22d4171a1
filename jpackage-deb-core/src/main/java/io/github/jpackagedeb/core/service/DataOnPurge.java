package io.github.jpackagedeb.core.service;

import io.github.jpackagedeb.core.DebException;
import io.github.jpackagedeb.core.Setting;

import java.util.Locale;

/** What {@code dpkg --purge} does with the service's data directory {@code /var/lib/<pkg>}. */
public enum DataOnPurge {
    /** Remove it only when it is empty ({@code rmdir --ignore-fail-on-non-empty}): the default, no data is lost. */
    KEEP,
    /** Remove it with everything in it. */
    DELETE;

    /** {@code keep} or {@code delete}, any case. */
    public static DataOnPurge parse(String value) {
        if (value != null) {
            for (DataOnPurge d : values()) {
                if (d.name().equalsIgnoreCase(value.strip())) {
                    return d;
                }
            }
        }
        throw new DebException(Setting.SERVICE_DATA_ON_PURGE, value, "not a data-on-purge policy.",
                "use keep (remove the data directory on purge only when it is empty; the default) or delete.");
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
