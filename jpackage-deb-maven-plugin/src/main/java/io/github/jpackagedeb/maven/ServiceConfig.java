package io.github.jpackagedeb.maven;

import java.util.List;

/**
 * The {@code <service>} block of the plugin configuration: configuring it packages the application as a systemd
 * service (docs/services.md). Every element is optional.
 *
 * <pre>{@code
 * <service>
 *   <user>hello-service</user>            <!-- default: the package name -->
 *   <dataOnPurge>keep</dataOnPurge>       <!-- keep (default: removed only when empty) or delete -->
 *   <unitDirectives>
 *     <unitDirective>LimitNOFILE=65536</unitDirective>
 *   </unitDirectives>
 *   <profiling><enabled>true</enabled></profiling>   <!-- continuous JFR profiling, see ProfilingConfig -->
 * </service>
 * }</pre>
 */
public class ServiceConfig {
    /** Set to false to switch the service archetype off again (e.g. from a profile). */
    boolean enabled = true;
    /** The unit name without {@code .service}; default: the package name. */
    String name;
    /** The system user; default: the package name. */
    String user;
    /** The group; default: the user's name. */
    String group;
    /** {@code Description=}; default: the package synopsis. */
    String description;
    /** {@code Restart=}; default on-failure. */
    String restart;
    /** {@code RestartSec=}; default 5s. */
    String restartSec;
    /** {@code keep} (default) or {@code delete}: what purge does with /var/lib/&lt;pkg&gt;. */
    String dataOnPurge;
    /** More {@code [Service]} directives, {@code Key=value}; they come last, so they win. */
    List<String> unitDirectives;
    /** Continuous profiling with JDK Flight Recorder ({@link ProfilingConfig}); off unless configured. */
    ProfilingConfig profiling;
}
