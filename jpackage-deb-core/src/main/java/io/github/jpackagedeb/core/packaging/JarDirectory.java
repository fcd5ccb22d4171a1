package io.github.jpackagedeb.core.packaging;

import io.github.jpackagedeb.core.DebException;
import io.github.jpackagedeb.core.Setting;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * The class path of a build without Maven: the application jar first, then the others. From a directory of jars,
 * the application jar is the one named, else the one with a Main-Class, else the only jar; the others follow sorted
 * by name, after the ones named one by one.
 *
 * @param mainJar the application jar
 * @param libs    the runtime dependencies, in class-path order
 */
public record JarDirectory(Path mainJar, List<Path> libs) {

    public JarDirectory {
        libs = List.copyOf(libs);
    }

    /**
     * The class path from a directory of jars and/or jars named one by one.
     *
     * @param dir     a directory of jars, or null
     * @param mainJar the application jar as named, or null (then found in {@code dir})
     * @param libs    dependency jars named one by one, in order
     * @throws DebException ({@code jar}) when the directory cannot be read or names no single application jar
     */
    public static JarDirectory resolve(Path dir, Path mainJar, List<Path> libs) {
        List<Path> rest = new ArrayList<>(libs);
        Path main = mainJar;
        if (dir != null) {
            List<Path> jars;
            try (Stream<Path> s = Files.list(dir)) {
                jars = s.filter(p -> p.getFileName().toString().endsWith(".jar") && Files.isRegularFile(p)).sorted().toList();
            } catch (IOException e) {
                throw new DebException(Setting.JAR, dir.toString(), "cannot list the directory: " + e.getMessage(),
                        "give a directory of jars.", e);
            }
            if (main == null) {
                List<Path> withMain = jars.stream().filter(JarDirectory::hasMainClass).toList();
                if (withMain.size() == 1) {
                    main = withMain.get(0);
                } else if (jars.size() == 1) {
                    main = jars.get(0);
                } else {
                    throw new DebException(Setting.JAR, dir.toString(), withMain.isEmpty()
                            ? "none of its " + jars.size() + " jars has a Main-Class, so the application jar is not known."
                            : "several jars have a Main-Class: " + withMain.stream().map(p -> p.getFileName().toString())
                            .toList() + ".", "name the application jar with --jar.");
                }
            }
            Path chosen = main.toAbsolutePath().normalize();
            for (Path j : jars) {
                if (!j.toAbsolutePath().normalize().equals(chosen) && !rest.contains(j)) {
                    rest.add(j);
                }
            }
        }
        if (main == null) {
            throw new DebException(Setting.JAR, null, "no application jar was given.",
                    "give a directory of jars, or the application jar (--jar FILE).");
        }
        return new JarDirectory(main, rest);
    }

    private static boolean hasMainClass(Path jar) {
        try (JarFile j = new JarFile(jar.toFile())) {
            return j.getManifest() != null && j.getManifest().getMainAttributes().getValue("Main-Class") != null;
        } catch (IOException e) {
            return false; // the class path check reports a broken jar with its name
        }
    }
}
