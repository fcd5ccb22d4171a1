package io.github.jpackagedeb.core.runtime;

import io.github.jpackagedeb.core.DebException;
import io.github.jpackagedeb.core.Setting;

import org.apache.commons.codec.digest.DigestUtils;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.lang.module.ModuleDescriptor;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;

/**
 * A JDK (or the unpacked jmods of one) that a runtime is linked from: its version, vendor, platform, modules, and
 * whether it has {@code jmods/}. Read from the {@code release} file of its home and, when present, from
 * {@code jmods/java.base.jmod} (its module version and {@code ModuleTarget} platform are what jlink links, so they win
 * over the {@code release} file). A directory that has neither is not a JDK.
 *
 * <p>Debian's {@code openjdk-17-jdk-headless} package for another architecture, unpacked with {@code dpkg-deb -x},
 * gives {@code usr/lib/jvm/java-17-openjdk-<arch>/jmods} without a {@code release} file (that one is in
 * {@code -jre-headless}); such a home is accepted through its jmods.
 */
public final class Jdk {

    private final Path home;
    private final Runtime.Version version;
    private final String implementor;
    private final String runtimeVersion;
    private final Platform platform;
    private final Path jmods;
    private final SortedSet<String> modules;
    private final String identity;

    private Jdk(Path home, Runtime.Version version, String implementor, String runtimeVersion, Platform platform,
                Path jmods, SortedSet<String> modules, String identity) {
        this.home = home;
        this.version = version;
        this.implementor = implementor;
        this.runtimeVersion = runtimeVersion;
        this.platform = platform;
        this.jmods = jmods;
        this.modules = Collections.unmodifiableSortedSet(modules);
        this.identity = identity;
    }

    /** The JDK this JVM runs on ({@code java.home}). */
    public static Jdk current() {
        return at(Path.of(System.getProperty("java.home")));
    }

    /**
     * Reads the JDK at {@code home}.
     *
     * @throws DebException (field {@code jdkHome}) when the path is not a JDK
     */
    public static Jdk at(Path home) {
        Path h;
        try {
            h = home.toAbsolutePath().normalize();
            if (Files.isDirectory(h)) {
                h = h.toRealPath();
            }
        } catch (IOException e) {
            throw notAJdk(home, "cannot be read (" + e.getMessage() + ").");
        }
        if (!Files.isDirectory(h)) {
            throw notAJdk(home, Files.exists(h) ? "is not a directory." : "does not exist.");
        }
        Path release = h.resolve("release");
        Path jmodsDir = h.resolve("jmods");
        boolean hasRelease = Files.isRegularFile(release);
        boolean hasJmods = Files.isRegularFile(jmodsDir.resolve("java.base.jmod"));
        if (!hasRelease && !hasJmods) {
            String hint = Files.isDirectory(h.resolve("jre")) ? " (it looks like an old Java 8 layout)"
                    : Files.isRegularFile(h.resolve("bin/java")) ? " (it has bin/java, but no release file: a JRE or a"
                    + " distribution's wrapper directory?)" : "";
            throw notAJdk(home, "has neither a 'release' file nor jmods/java.base.jmod, so it is not a JDK" + hint + ".");
        }
        Properties props = new Properties();
        byte[] releaseBytes = new byte[0];
        if (hasRelease) {
            try {
                releaseBytes = Files.readAllBytes(release);
                props.load(new StringReader(new String(releaseBytes, StandardCharsets.UTF_8)));
            } catch (IOException e) {
                throw notAJdk(home, "its release file cannot be read: " + e.getMessage());
            }
        }
        String javaVersion = unquote(props.getProperty("JAVA_VERSION"));
        String implementor = unquote(props.getProperty("IMPLEMENTOR"));
        String runtimeVersion = unquote(props.getProperty("JAVA_RUNTIME_VERSION"));
        Platform platform = null;
        if (props.getProperty("OS_ARCH") != null) {
            platform = new Platform(nonNull(unquote(props.getProperty("OS_NAME")), "linux"),
                    unquote(props.getProperty("OS_ARCH")));
        }
        SortedSet<String> modules = new TreeSet<>();
        MessageDigest id = DigestUtils.getSha256Digest();
        id.update(releaseBytes);
        if (hasJmods) {
            BaseModule base = readBaseModule(jmodsDir.resolve("java.base.jmod"), home);
            if (base.version != null) {
                javaVersion = base.version;
            }
            if (base.platform != null) {
                platform = base.platform;
            }
            id.update(("\njava.base@" + base.version + " " + base.platform + "\n").getBytes(StandardCharsets.UTF_8));
            try (Stream<Path> list = Files.list(jmodsDir)) {
                List<Path> jmodFiles = new ArrayList<>(list.filter(p -> p.getFileName().toString().endsWith(".jmod"))
                        .sorted().toList());
                for (Path p : jmodFiles) {
                    String name = p.getFileName().toString();
                    modules.add(name.substring(0, name.length() - ".jmod".length()));
                    id.update((name + " " + Files.size(p) + "\n").getBytes(StandardCharsets.UTF_8));
                }
            } catch (IOException e) {
                throw notAJdk(home, "its jmods directory cannot be listed: " + e.getMessage());
            }
        } else {
            String mods = unquote(props.getProperty("MODULES"));
            if (mods != null) {
                modules.addAll(List.of(mods.trim().split("\\s+")));
            }
            try {
                Path image = h.resolve("lib/modules");
                if (Files.isRegularFile(image)) {
                    id.update(("lib/modules " + Files.size(image) + "\n").getBytes(StandardCharsets.UTF_8));
                }
            } catch (IOException e) {
                throw notAJdk(home, "its lib/modules cannot be read: " + e.getMessage());
            }
        }
        if (javaVersion == null) {
            throw notAJdk(home, "its release file has no JAVA_VERSION.");
        }
        Runtime.Version version;
        try {
            version = Runtime.Version.parse(javaVersion);
        } catch (IllegalArgumentException e) {
            throw notAJdk(home, "its Java version '" + javaVersion + "' cannot be parsed.");
        }
        if (platform == null) {
            throw notAJdk(home, "neither its release file (OS_ARCH) nor java.base.jmod names the platform it is built for.");
        }
        return new Jdk(h, version, implementor == null ? "unknown" : implementor,
                runtimeVersion == null ? javaVersion : runtimeVersion, platform, hasJmods ? jmodsDir : null, modules,
                HexFormat.of().formatHex(id.digest()));
    }

    private static DebException notAJdk(Path home, String problem) {
        return new DebException(Setting.JDK_HOME, home.toString(), "the path " + problem,
                "point it at a JDK home: the directory holding 'release' and bin/ (e.g. /usr/lib/jvm/java-17-openjdk-amd64),"
                        + " or one with jmods/ (a JDK for another architecture unpacked with dpkg-deb -x).");
    }

    private record BaseModule(String version, Platform platform) {
    }

    /** The version and ModuleTarget of java.base, from the module-info.class inside its jmod. */
    private static BaseModule readBaseModule(Path jmod, Path home) {
        try (InputStream raw = Files.newInputStream(jmod)) {
            byte[] magic = raw.readNBytes(4);
            if (magic.length != 4 || magic[0] != 'J' || magic[1] != 'M') {
                throw notAJdk(home, "has a jmods/java.base.jmod that is not a jmod file.");
            }
        } catch (IOException e) {
            throw notAJdk(home, "has a jmods/java.base.jmod that cannot be read: " + e.getMessage());
        }
        // through the zip's central directory (ZipFile skips the jmod's 4-byte header as it skips any prefix), not by
        // inflating the entries in order: module-info.class comes late, and reading up to it took about 130 ms of
        // every build that reads the JDK
        try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(jmod.toFile())) {
            ZipEntry e = zip.getEntry("classes/module-info.class");
            if (e != null) {
                byte[] bytes;
                try (InputStream in = zip.getInputStream(e)) {
                    bytes = in.readAllBytes();
                }
                ModuleDescriptor d = ModuleDescriptor.read(ByteBuffer.wrap(bytes));
                String v = d.rawVersion().orElse(null);
                return new BaseModule(v, Platform.ofModuleTarget(moduleTarget(bytes)));
            }
            throw notAJdk(home, "has a jmods/java.base.jmod without a module-info.class.");
        } catch (IOException | RuntimeException e) {
            if (e instanceof DebException d) {
                throw d;
            }
            throw notAJdk(home, "has a jmods/java.base.jmod that cannot be read: " + e.getMessage());
        }
    }

    /** The {@code ModuleTarget} attribute (JVMS 4.7.27 is ModulePackages; ModuleTarget is a JDK attribute). */
    static String moduleTarget(byte[] classFile) throws IOException {
        DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(classFile));
        if (in.readInt() != 0xCAFEBABE) {
            throw new IOException("not a class file");
        }
        in.readUnsignedShort();
        in.readUnsignedShort();
        int count = in.readUnsignedShort();
        String[] utf8 = new String[count];
        for (int i = 1; i < count; i++) {
            int tag = in.readUnsignedByte();
            switch (tag) {
                case 1:
                    utf8[i] = in.readUTF();
                    break;
                case 3: case 4: case 9: case 10: case 11: case 12: case 17: case 18:
                    in.skipNBytes(4);
                    break;
                case 5: case 6:
                    in.skipNBytes(8);
                    i++;
                    break;
                case 7: case 8: case 16: case 19: case 20:
                    in.skipNBytes(2);
                    break;
                case 15:
                    in.skipNBytes(3);
                    break;
                default:
                    throw new IOException("unknown constant pool tag " + tag);
            }
        }
        in.skipNBytes(6);
        in.skipNBytes(2L * in.readUnsignedShort());
        for (int members = 0; members < 2; members++) {
            int n = in.readUnsignedShort();
            for (int i = 0; i < n; i++) {
                in.skipNBytes(6);
                int attrs = in.readUnsignedShort();
                for (int a = 0; a < attrs; a++) {
                    in.skipNBytes(2);
                    in.skipNBytes(in.readInt() & 0xffffffffL);
                }
            }
        }
        int attrs = in.readUnsignedShort();
        for (int a = 0; a < attrs; a++) {
            String name = utf8[in.readUnsignedShort()];
            long len = in.readInt() & 0xffffffffL;
            if ("ModuleTarget".equals(name)) {
                int idx = in.readUnsignedShort();
                return idx == 0 ? null : utf8[idx];
            }
            in.skipNBytes(len);
        }
        return null;
    }

    private static String unquote(String s) {
        if (s == null) {
            return null;
        }
        String t = s.trim();
        if (t.length() >= 2 && t.startsWith("\"") && t.endsWith("\"")) {
            t = t.substring(1, t.length() - 1);
        }
        return t;
    }

    private static String nonNull(String s, String dflt) {
        return s == null || s.isEmpty() ? dflt : s;
    }

    /** The JDK home (real path). */
    public Path home() {
        return home;
    }

    /** The Java version, e.g. 17.0.15 (from java.base.jmod when there are jmods). */
    public Runtime.Version version() {
        return version;
    }

    /** The feature release: 17, 21, 25… */
    public int feature() {
        return version.feature();
    }

    /** {@code IMPLEMENTOR} of the release file ({@code Debian}, {@code Eclipse Adoptium}…), or "unknown". */
    public String implementor() {
        return implementor;
    }

    /** {@code JAVA_RUNTIME_VERSION}, the full build string, e.g. {@code 17.0.15+6-Debian-1deb12u1}. */
    public String runtimeVersion() {
        return runtimeVersion;
    }

    /** The platform its native code is built for. */
    public Platform platform() {
        return platform;
    }

    /** Whether it has {@code jmods/} (jlink can link from them for any platform). */
    public boolean hasJmods() {
        return jmods != null;
    }

    /** {@code jmods/}, or null. */
    public Path jmods() {
        return jmods;
    }

    /** The names of its modules (from jmods/, else the release file's MODULES). */
    public SortedSet<String> modules() {
        return modules;
    }

    /** A hash identifying this exact JDK build (release file, jmods or lib/modules): part of the runtime cache key. */
    public String identity() {
        return identity;
    }

    /** The executable {@code bin/<tool>} of this JDK, or null when it has none. */
    public Path tool(String name) {
        Path p = home.resolve("bin").resolve(name);
        return Files.isRegularFile(p) && Files.isExecutable(p) ? p : null;
    }

    /** Whether this machine can run its tools: same platform as this JVM and it has {@code bin/java}. */
    public boolean runsHere() {
        return platform.sameAs(Platform.host()) && tool("java") != null;
    }

    /** Whether this is the JDK the current JVM runs on. */
    public boolean isCurrent() {
        try {
            return home.equals(Path.of(System.getProperty("java.home")).toRealPath());
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public String toString() {
        return implementor + " " + version + " (" + platform + ") at " + home;
    }
}
