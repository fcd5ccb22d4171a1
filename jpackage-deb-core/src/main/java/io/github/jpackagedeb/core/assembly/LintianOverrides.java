package io.github.jpackagedeb.core.assembly;

import io.github.jpackagedeb.core.app.ClassPathCheck;
import io.github.jpackagedeb.core.app.Jar;
import io.github.jpackagedeb.core.control.PackageSpec;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The lintian overrides a package ships in {@code /usr/share/lintian/overrides/<pkg>} (before the author's own from
 * debian/ are merged in): only for what a packaged Java application does on purpose, each with its reason in a
 * comment.
 */
final class LintianOverrides {

    /**
     * The newest class-file major version bookworm's lintian (2.116) knows, /usr/share/lintian/data/java/constants
     * highest-known-bytecode-version: 65, Java 21. lintian reports a newer one as unknown-java-class-version.
     */
    static final int LINTIAN_HIGHEST_CLASS_VERSION = 65;

    private LintianOverrides() {
    }

    /**
     * The overrides of a package.
     *
     * @param spec      the package as written
     * @param layout    where its files go
     * @param classPath its jars
     * @param codeless  the files of the jars that hold no class (from {@link ClassPathCheck#checkJars})
     * @param runtime   whether it bundles a Java runtime
     */
    static String render(PackageSpec spec, Layout layout, List<Jar> classPath, Set<Path> codeless, boolean runtime) {
        return application(spec, layout, classPath, codeless) + (runtime ? runtime(spec, layout) : "");
    }

    private static String application(PackageSpec spec, Layout layout, List<Jar> classPath, Set<Path> codeless) {
        StringBuilder sb = new StringBuilder();
        sb.append("# Built by jpackage-deb for direct installation, not uploaded to the Debian archive:\n")
                .append("# its changelog has no ITP bug to close.\n")
                .append(spec.name()).append(": initial-upload-closes-no-bugs\n");
        for (Jar jar : classPath) {
            if (codeless.contains(jar.file())) {
                sb.append("# ").append(jar.origin()).append(" holds no classes by design, and is shipped as Maven resolved it.\n")
                        .append(spec.name()).append(": codeless-jar [").append(Layout.rel(layout.libDir())).append('/')
                        .append(jar.path()).append("]\n");
            }
            if (hasMultiReleaseClasses(jar)) {
                sb.append("# ").append(jar.origin()).append(" is a multi-release jar: classes under META-INF/versions/N")
                        .append(" are loaded only by Java N and later; some are newer than lintian's known class-file")
                        .append(" versions.\n")
                        .append(spec.name()).append(": unknown-java-class-version META-INF/versions/* [")
                        .append(Layout.rel(layout.libDir())).append('/').append(jar.path()).append("]\n");
            }
        }
        return sb.toString();
    }

    /**
     * Whether the jar holds, under META-INF/versions/N (a multi-release jar, loaded only by Java N and later), a class
     * newer than lintian knows.
     */
    private static boolean hasMultiReleaseClasses(Jar jar) {
        try (ZipFile z = new ZipFile(jar.file().toFile())) {
            for (ZipEntry e : Collections.list(z.entries())) {
                if (e.getName().startsWith("META-INF/versions/") && e.getName().endsWith(".class")) {
                    try (InputStream in = z.getInputStream(e)) {
                        byte[] h = in.readNBytes(8);
                        if (h.length == 8 && ((h[6] & 0xff) << 8 | (h[7] & 0xff)) > LINTIAN_HIGHEST_CLASS_VERSION) {
                            return true;
                        }
                    }
                }
            }
            return false;
        } catch (IOException e) {
            return false; // ClassPathCheck has already read it
        }
    }

    /** The overrides for the bundled runtime, only for tags lintian 2.116 reports on it, each with its reason. */
    private static String runtime(PackageSpec spec, Layout layout) {
        String p = spec.name();
        String dir = Layout.rel(layout.runtimeDir());
        StringBuilder sb = new StringBuilder();
        sb.append("# The bundled Java runtime is a private jlink image, as the JDK lays it out (bin/, lib/, legal/).\n");
        sb.append("# Its legal/ notices (GPLv2 with Classpath Exception and third-party licenses) must ship with it,\n")
                .append("# in the place the JDK puts them.\n")
                .append(p).append(": package-contains-documentation-outside-usr-share-doc [").append(dir).append("/legal/*]\n")
                .append(p).append(": extra-license-file [").append(dir).append("/legal/*]\n");
        sb.append("# jrt-fs.jar is the runtime's own jrt: file system provider; the JVM loads it from its lib/.\n")
                .append(p).append(": jar-not-in-usr-share [").append(dir).append("/lib/jrt-fs.jar]\n");
        return sb.toString();
    }
}
