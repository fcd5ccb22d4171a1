package io.github.jpackagedeb.cli;

import io.github.jpackagedeb.core.service.DataOnPurge;
import io.github.jpackagedeb.core.service.ProfilingSpec;
import io.github.jpackagedeb.core.service.ServiceSpec;
import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.List;

/** The service options of {@code make-deb build}: the plugin's {@code <service>} block, as flags. */
final class BuildServiceOptions {

    @Option(names = "--service", description = "Package the application as a systemd service (also when "
            + "debian/<pkg>.service exists): unit, system user, state and log directories.")
    boolean service;

    @Option(names = "--service-name", paramLabel = "NAME", description = "The unit's name (default: the package name).")
    String serviceName;

    @Option(names = "--service-user", paramLabel = "USER", description = "The system user (default: the package name).")
    String serviceUser;

    @Option(names = "--service-group", paramLabel = "GROUP", description = "The group (default: the user).")
    String serviceGroup;

    @Option(names = "--service-description", paramLabel = "TEXT", description = "The unit's Description (default: the synopsis).")
    String serviceDescription;

    @Option(names = "--restart", paramLabel = "POLICY", description = "systemd's Restart= (default on-failure).")
    String restart;

    @Option(names = "--restart-sec", paramLabel = "TIME", description = "systemd's RestartSec=.")
    String restartSec;

    @Option(names = "--data-on-purge", paramLabel = "WHAT", description = "What purge does with the data "
            + "directory: keep (removed only when empty; the default) or delete.")
    String dataOnPurge;

    @Option(names = "--unit-directive", paramLabel = "KEY=VALUE", description = "A directive for the unit's [Service] "
            + "section; repeat for several.")
    List<String> unitDirectives = new ArrayList<>();

    @Option(names = "--profiling", description = "Continuous profiling of the service with JDK Flight Recorder "
            + "(docs/services.md).")
    boolean profiling;

    /** The service the options ask for; null when none is (debian/&lt;pkg&gt;.service alone also makes one). */
    ServiceSpec spec() {
        boolean any = service || profiling || serviceName != null || serviceUser != null || serviceGroup != null
                || serviceDescription != null || restart != null || restartSec != null || dataOnPurge != null
                || !unitDirectives.isEmpty();
        if (!any) {
            return null;
        }
        return ServiceSpec.builder().name(serviceName).user(serviceUser).group(serviceGroup)
                .description(serviceDescription).restart(restart).restartSec(restartSec)
                .dataOnPurge(dataOnPurge == null ? null : DataOnPurge.parse(dataOnPurge))
                .unitDirectives(unitDirectives)
                .profiling(profiling ? ProfilingSpec.builder().build() : null)
                .build();
    }
}
