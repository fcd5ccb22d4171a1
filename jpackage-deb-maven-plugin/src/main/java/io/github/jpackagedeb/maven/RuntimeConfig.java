package io.github.jpackagedeb.maven;

import io.github.jpackagedeb.core.DebLog;
import io.github.jpackagedeb.core.packaging.RuntimeChoice;
import io.github.jpackagedeb.core.runtime.RuntimeSpec;
import org.apache.maven.toolchain.Toolchain;

import java.io.File;
import java.nio.file.Path;

/**
 * Reads the {@code <runtime>} settings of the deb goal into core's {@link RuntimeChoice}. The JDK is, in this order:
 * {@code <jdkHome>}, the {@code jdk} toolchain chosen by maven-toolchains-plugin, the JDK running Maven. No logic
 * beyond choosing the JDK: core parses the mode, checks the values and links the runtime.
 */
final class RuntimeConfig {

    private RuntimeConfig() {
    }

    /** The runtime choice: none for {@code <runtime>none</runtime>} (a jar-only package), else jlink. */
    static RuntimeChoice choice(PackageGoal config, Toolchain toolchain, DebLog log) {
        if (RuntimeChoice.Mode.parse(config.runtime) == RuntimeChoice.Mode.NONE) {
            return RuntimeChoice.none();
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
        return RuntimeChoice.jlink(RuntimeSpec.builder()
                .jdkHome(jdk)
                .modules(config.modules)
                .addModules(config.addModules)
                .jlinkOptions(config.jlinkOptions)
                .compression(config.jlinkCompression)
                .cds(config.cds)
                .desktop(config.desktop)
                .cacheDirectory(config.cacheDirectory == null ? null : config.cacheDirectory.toPath())
                .fallbackCacheDirectory(new File(config.project.getBuild().getDirectory(), "jpackage-deb-cache").toPath())
                .build());
    }
}
