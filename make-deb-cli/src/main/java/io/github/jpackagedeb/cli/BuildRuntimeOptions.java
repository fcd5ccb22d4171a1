package io.github.jpackagedeb.cli;

import io.github.jpackagedeb.core.packaging.RuntimeChoice;
import io.github.jpackagedeb.core.runtime.AppCdsSpec;
import io.github.jpackagedeb.core.runtime.RuntimeSpec;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The runtime options of {@code make-deb build}: the plugin's {@code <runtime>} settings, as flags. */
final class BuildRuntimeOptions {

    @Option(names = "--runtime", paramLabel = "MODE", description = "jlink (default): bundle a Java runtime trimmed by "
            + "jdeps to the modules the application needs (Architecture: the JDK's); none: a jar-only package "
            + "(Architecture: all) that depends on the system's Java.")
    String runtime;

    @Option(names = "--jdk-home", paramLabel = "DIR", description = "The JDK to link the runtime from (default: the "
            + "JDK running make-deb); a JDK for another CPU makes a package for that CPU.")
    Path jdkHome;

    @Option(names = "--add-module", paramLabel = "MODULE", description = "A module added to those jdeps finds, e.g. "
            + "jdk.crypto.ec; repeat or separate with commas.")
    List<String> addModules = new ArrayList<>();

    @Option(names = "--module", paramLabel = "MODULE", description = "The runtime's modules, listed explicitly (jdeps "
            + "is not run); repeat or separate with commas.")
    List<String> modules = new ArrayList<>();

    @Option(names = "--jlink-option", paramLabel = "OPTION", description = "An extra jlink option, e.g. "
            + "--include-locales=en,de; repeat for several.")
    List<String> jlinkOptions = new ArrayList<>();

    @Option(names = "--jlink-compression", paramLabel = "LEVEL", description = "jlink's --compress (default none: the "
            + ".deb compresses the runtime better).")
    String jlinkCompression;

    @Option(names = "--desktop", description = "A desktop application: keep java.desktop's display, sound and font "
            + "libraries in the runtime (default: headless).")
    boolean desktop;

    @Option(names = "--no-cds", description = "Do not dump a CDS archive into the runtime.")
    boolean noCds;

    @Option(names = "--cache-dir", paramLabel = "DIR", description = "Where jdeps results, runtimes and xz blocks are "
            + "cached (default: $XDG_CACHE_HOME/jpackage-deb, else ~/.cache/jpackage-deb).")
    Path cacheDir;

    @Option(names = "--app-cds-args", paramLabel = "ARGS", description = "Application class-data sharing: the "
            + "arguments of the build-time training run (the application must exit 0 with them), separated by spaces; "
            + "'' for none.")
    String appCdsArgs;

    /** The application class-data sharing the options ask for, or null. */
    AppCdsSpec appCds() {
        return appCdsArgs == null ? null : AppCdsSpec.builder()
                .trainingArgs(appCdsArgs.isBlank() ? List.of() : List.of(appCdsArgs.strip().split("\\s+"))).build();
    }

    /** The runtime the options choose; a bad value names its option. */
    RuntimeChoice choice() {
        if (RuntimeChoice.Mode.parse(runtime) == RuntimeChoice.Mode.NONE) {
            return RuntimeChoice.none();
        }
        return RuntimeChoice.jlink(RuntimeSpec.builder().jdkHome(jdkHome).modules(modules).addModules(addModules)
                .jlinkOptions(jlinkOptions).compression(jlinkCompression).cds(!noCds).desktop(desktop)
                .cacheDirectory(cacheDir)
                .fallbackCacheDirectory(Path.of(System.getProperty("java.io.tmpdir"), "jpackage-deb-cache"))
                .build());
    }
}
