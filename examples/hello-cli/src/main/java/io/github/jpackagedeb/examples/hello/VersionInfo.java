package io.github.jpackagedeb.examples.hello;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/**
 * The application's version, as set in {@code pom.xml}.
 *
 * <p>It is read from {@code version.properties}, a resource that Maven filters at build time;
 * if that resource is missing (a hand-made jar), the jar manifest's
 * {@code Implementation-Version} is used instead.
 */
public final class VersionInfo implements IVersionProvider {

    /** The program name, as typed by users and as printed by {@code --version}. */
    public static final String PROGRAM = "hello-cli";

    private static final String RESOURCE = "version.properties";

    /** Creates a provider; picocli instantiates it through {@code @Command(versionProvider)}. */
    public VersionInfo() {
        // stateless
    }

    /**
     * The version string, for example {@code 1.0.0}.
     *
     * @return the version, or {@code unknown} when neither source has one
     */
    public static String version() {
        try (InputStream in = VersionInfo.class.getResourceAsStream(RESOURCE)) {
            if (in != null) {
                Properties props = new Properties();
                props.load(in);
                String fromResource = props.getProperty("version", "").trim();
                if (!fromResource.isEmpty() && !fromResource.startsWith("${")) {
                    return fromResource;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the " + RESOURCE + " resource", e);
        }
        String fromManifest = VersionInfo.class.getPackage().getImplementationVersion();
        return fromManifest != null ? fromManifest : "unknown";
    }

    @Override
    public String[] getVersion() {
        return new String[] {PROGRAM + " " + version()};
    }
}
