package io.github.jpackagedeb.maven;

import io.github.jpackagedeb.core.runtime.AppCdsSpec;

import java.time.Duration;
import java.util.List;

/**
 * The {@code <appCds>} block of the deb goal: application class-data sharing for a package that bundles a runtime.
 * Configuring it turns it on. For a Spring Boot application without training arguments, the training run starts the
 * application context and exits ({@code -Dspring.context.exit=onRefresh}, Spring Boot's own CDS training).
 *
 * <pre>{@code
 * <appCds>
 *   <trainingArgs><arg>--version</arg></trainingArgs>  <!-- the application must exit 0 with them, without input -->
 *   <trainingJvmArgs><arg>-Dx=y</arg></trainingJvmArgs> <!-- Java options of the training run only -->
 *   <timeoutSeconds>60</timeoutSeconds>                 <!-- default 60 -->
 * </appCds>
 * }</pre>
 */
public class AppCdsConfig {
    /** Set to false to switch it off again (e.g. from a profile). */
    boolean enabled = true;
    /** The arguments of the build-time training run, after the main class. */
    List<String> trainingArgs;
    /** Java options of the training run only, before the main class, e.g. -Dspring.context.exit=onRefresh. */
    List<String> trainingJvmArgs;
    /** How long the training run may take; default 60. */
    Integer timeoutSeconds;

    /** Core's spec for this block, or null when it is absent or switched off. */
    static AppCdsSpec spec(AppCdsConfig c) {
        if (c == null || !c.enabled) {
            return null;
        }
        return AppCdsSpec.builder()
                .trainingArgs(c.trainingArgs)
                .trainingJvmArgs(c.trainingJvmArgs)
                .timeout(c.timeoutSeconds == null ? null : Duration.ofSeconds(c.timeoutSeconds))
                .build();
    }
}
