package io.github.jpackagedeb.core.app;

import io.github.jpackagedeb.core.DebException;
import io.github.jpackagedeb.core.Setting;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.regex.Pattern;
import java.util.zip.ZipFile;

/**
 * Checks the class path before anything is written: every entry is a readable jar with a file name that is safe
 * in a launcher and in an archive, no two jars share a file name (they would overwrite each other in
 * {@code lib/}), and the main class exists.
 */
public final class ClassPathCheck {

    /** A jar name safe in the launcher's class path and in the archive: no leading '-' (an option) or '.' (hidden). */
    private static final Pattern SAFE_JAR_NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._+-]*\\.jar");
    private static final Pattern JAVA_NAME = Pattern.compile(
            "\\p{javaJavaIdentifierStart}\\p{javaJavaIdentifierPart}*(\\.\\p{javaJavaIdentifierStart}\\p{javaJavaIdentifierPart}*)*");

    private ClassPathCheck() {
    }

    /**
     * Checks every jar of the class path; returns the files of those that hold no class (lintian's codeless-jar),
     * found while each jar's central directory is open for the check, so no jar is opened twice.
     */
    public static java.util.Set<Path> checkJars(List<Jar> classPath) {
        Map<String, Jar> byName = new HashMap<>();
        java.util.Set<Path> codeless = new java.util.HashSet<>();
        for (Jar jar : classPath) {
            Path f = jar.file();
            if (!Files.isRegularFile(f)) {
                throw new DebException(Setting.JAR, jar.origin(), "the class path entry " + f + " is not a file"
                        + (Files.isDirectory(f) ? " but a directory (was the jar built?)" : "") + ".",
                        "run the build up to 'package' so the jar exists, or remove the dependency.");
            }
            if (!Files.isReadable(f)) {
                throw new DebException(Setting.JAR, jar.origin(), "cannot read " + f + ".",
                        "check the file's permissions.");
            }
            String name = jar.fileName();
            if (!name.endsWith(".jar")) {
                throw new DebException(Setting.JAR, jar.origin(),
                        "the dependency " + f.getFileName() + " is not a jar.",
                        "only jars go on the class path: exclude it, or set its <scope> so it is not a runtime dependency.");
            }
            if (!SAFE_JAR_NAME.matcher(name).matches()) {
                throw unsafeName(jar, classPath.get(0) == jar);
            }
            if (!checkZip(jar)) {
                codeless.add(jar.file());
            }
            Jar other = byName.putIfAbsent(jar.path(), jar);
            if (other != null) {
                throw new DebException(Setting.JAR, jar.origin(), "two jars have the same file name '" + name + "': "
                        + other.origin() + " and " + jar.origin() + "; one would overwrite the other in lib/.",
                        "exclude one of them from the dependencies (or give one a different classifier/finalName).");
            }
        }
        return codeless;
    }

    /**
     * The error for a jar name outside {@link #SAFE_JAR_NAME}, naming the rule it breaks. The application's own jar
     * (the first of the class path) is reported as field {@code mainJar}, so that front ends send the user to
     * what names it (the build's final name, {@code --jar}) rather than to the dependencies.
     */
    private static DebException unsafeName(Jar jar, boolean main) {
        String name = jar.fileName();
        String rule = null;
        for (int i = 0; i < name.length() && rule == null; i++) {
            char c = name.charAt(i);
            boolean ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || c == '.' || c == '_' || c == '+' || c == '-';
            if (!ok) {
                rule = "contains '" + DebException.printable(String.valueOf(c))
                        + "', which is unsafe in a launcher or package path (only letters, digits and . _ + - are allowed)";
            }
        }
        if (rule == null) {
            rule = "starts with '" + name.charAt(0) + "', which is unsafe: a jar name must start with a letter, a digit or '_' "
                    + "(a leading '-' reads as an option, a leading '.' hides the file)";
        }
        String what = main ? "the application jar" : "the dependency";
        return new DebException(main ? Setting.MAIN_JAR : Setting.JAR, jar.origin(), what + "'s file name '"
                + DebException.printable(name) + "' " + rule + ".",
                main ? "give the application jar a file name made of letters, digits and . _ + -, starting with a letter, digit or '_'."
                        : "rename the jar to letters, digits and . _ + -, starting with a letter, digit or '_'.");
    }

    /** Checks that the jar is a readable zip; returns whether it holds at least one class file. */
    private static boolean checkZip(Jar jar) {
        try (InputStream in = Files.newInputStream(jar.file())) {
            byte[] magic = in.readNBytes(4);
            boolean zip = magic.length == 4 && magic[0] == 'P' && magic[1] == 'K'
                    && ((magic[2] == 3 && magic[3] == 4) || (magic[2] == 5 && magic[3] == 6));
            if (!zip) {
                throw new DebException(Setting.JAR, jar.origin(), jar.file() + " is not a jar (zip) file.",
                        "replace it with a real jar, or exclude the dependency.");
            }
        } catch (IOException e) {
            throw new DebException(Setting.JAR, jar.origin(), "cannot read " + jar.file() + ": " + e.getMessage(),
                    "check the file and its permissions.", e);
        }
        try (ZipFile z = new ZipFile(jar.file().toFile())) {
            return z.stream().anyMatch(e -> e.getName().endsWith(".class"));
        } catch (IOException e) {
            throw new DebException(Setting.JAR, jar.origin(), jar.file() + " is not a readable jar: " + e.getMessage(),
                    "rebuild or re-download it (delete it from the local Maven repository).", e);
        }
    }

    /** Returns the main class: the given one, checked, or the application jar's Main-Class. */
    public static String mainClass(String configured, Jar mainJar, List<Jar> classPath) {
        String main = configured;
        String source = "mainClass";
        if (main == null) {
            try (JarFile jf = new JarFile(mainJar.file().toFile())) {
                Manifest mf = jf.getManifest();
                main = mf == null ? null : mf.getMainAttributes().getValue(Attributes.Name.MAIN_CLASS);
            } catch (IOException e) {
                throw new DebException(Setting.JAR, mainJar.origin(),
                        "cannot read the manifest of " + mainJar.file() + ".",
                        "rebuild the jar.", e);
            }
            source = "Main-Class of " + mainJar.fileName();
            if (main == null || main.isBlank()) {
                throw new DebException(Setting.MAIN_CLASS, null,
                        "no main class: none is configured and " + mainJar.fileName()
                        + " has no Main-Class in its manifest.",
                        "set the main class, e.g. com.example.Main (or a Main-Class entry in the jar's manifest).");
            }
            main = main.trim();
        }
        if (!JAVA_NAME.matcher(main).matches()) {
            throw new DebException(Setting.MAIN_CLASS, main, "not a valid Java class name (" + source + ").",
                    "give the fully qualified name of the class with the main method, e.g. com.example.Main.");
        }
        String entry = main.replace('.', '/') + ".class";
        for (Jar jar : classPath) {
            try (ZipFile z = new ZipFile(jar.file().toFile())) {
                if (z.getEntry(entry) != null) {
                    return main;
                }
            } catch (IOException e) {
                throw new DebException(Setting.JAR, jar.origin(), "cannot read " + jar.file() + ".",
                        "rebuild the jar.", e);
            }
        }
        throw new DebException(Setting.MAIN_CLASS, main, "the main class is in none of the " + classPath.size()
                + " jars of the class path (" + source + ").", "check the spelling and the package of the class.");
    }
}
