package io.github.jpackagedeb.maven;

import io.github.jpackagedeb.core.DebException;
import io.github.jpackagedeb.core.DebLog;
import io.github.jpackagedeb.core.build.AppSpec;
import io.github.jpackagedeb.core.runtime.RuntimeBuilder;
import io.github.jpackagedeb.core.runtime.RuntimeImage;
import io.github.jpackagedeb.core.runtime.RuntimeSpec;
import org.apache.maven.toolchain.Toolchain;

import java.io.File;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Reads the {@code <runtime>} settings of the deb goal into core's {@link RuntimeSpec} and builds the runtime. The JDK
 * is, in this order: {@code <jdkHome>}, the {@code jdk} toolchain chosen by maven-toolchains-plugin, the JDK running
 * Maven. No logic beyond choosing defaults: core does the work and the checks.
 */
final class RuntimeOptions {

    private RuntimeOptions() {
    }

    /** The runtime to bundle, or null for {@code <runtime>none</runtime>} (a jar-only package). */
    static RuntimeImage build(DebMojo config, Toolchain toolchain, AppSpec app, DebLog log) {
        return build(config, toolchain, app, log, java.util.List.of());
    }

    /**
     * The runtime with {@code required} modules added to the configured ones, e.g. jdk.jfr when the service profiles
     * (core says which: {@code Lifecycle.profiling}).
     */
    static RuntimeImage build(DebMojo config, Toolchain toolchain, AppSpec app, DebLog log,
                              java.util.List<String> required) {
        String mode = config.runtime == null ? "jlink" : config.runtime.trim().toLowerCase(Locale.ROOT);
        if (mode.equals("none")) {
            return null;
        }
        if (!mode.equals("jlink")) {
            throw new DebException("runtime", config.runtime, "not a runtime mode.",
                    "use jlink (bundle a runtime trimmed to the modules the application needs) or none (jar-only"
                            + " package that depends on the system's Java).");
        }
        Path jdk = null;
        if (config.jdkHome != null) {
            jdk = config.jdkHome.toPath();
        } else if (toolchain != null) {
            String java = toolchain.findTool("java");
            if (java != null) {
                jdk = new File(java).toPath().toAbsolutePath().getParent().getParent();
                log.info("Linking the Java runtime from the JDK of the toolchain " + toolchain + ": " + jdk);
            }
        }
        RuntimeSpec spec = RuntimeSpec.builder()
                .jdkHome(jdk)
                .modules(config.modules)
                .addModules(withRequired(config.addModules, required))
                .jlinkOptions(config.jlinkOptions)
                .compression(config.jlinkCompression)
                .cds(config.cds)
                .desktop(config.desktop)
                .cacheDirectory(config.cacheDirectory == null ? null : config.cacheDirectory.toPath())
                .fallbackCacheDirectory(new File(config.project.getBuild().getDirectory(), "jpackage-deb-cache").toPath())
                .build();
        return RuntimeBuilder.build(spec, app.classPath(), app.javaRelease(), log);
    }

    private static java.util.List<String> withRequired(java.util.List<String> configured, java.util.List<String> required) {
        java.util.List<String> all = new java.util.ArrayList<>();
        if (configured != null) {
            all.addAll(configured);
        }
        all.addAll(required);
        return all;
    }
}
