package io.github.jpackagedeb.maven;

/**
 * The {@code <profiling>} block of {@code <service>}: continuous profiling with JDK Flight Recorder into
 * /var/lib/&lt;pkg&gt;/profiles, switched on and off on a host with PROFILING=on|off in /etc/default/&lt;pkg&gt;
 * (docs/services.md, "Profiling in production"). Every element is optional; core checks the values.
 *
 * <pre>{@code
 * <profiling>
 *   <enabled>true</enabled>        <!-- default true when the block is there -->
 *   <maxSize>100M</maxSize>        <!-- JFR maxsize of the live recording -->
 *   <maxAge>24h</maxAge>           <!-- JFR maxage -->
 *   <settings>lean</settings>      <!-- lean (default), default, profile or a .jfc file the package installs -->
 *   <keep>4</keep>                 <!-- recordings of earlier runs kept -->
 * </profiling>
 * }</pre>
 */
public class ProfilingConfig {
    /** Set to false to leave profiling out of the package. */
    boolean enabled = true;
    /** PROFILING's value on hosts until an administrator changes it: on (default) or off. */
    String defaultSwitch;
    /** JFR's maxsize of the live recording, e.g. 100M (PROFILING_MAXSIZE in /etc/default). */
    String maxSize;
    /** JFR's maxage of the live recording, e.g. 24h (PROFILING_MAXAGE). */
    String maxAge;
    /** lean (default), default, profile or the path of a .jfc file the package installs (PROFILING_SETTINGS). */
    String settings;
    /** How many recordings of earlier runs are kept (PROFILING_KEEP). */
    String keep;
}
