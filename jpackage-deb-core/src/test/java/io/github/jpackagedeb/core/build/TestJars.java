package io.github.jpackagedeb.core.build;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/** Makes small real jars for tests. */
public final class TestJars {

    private TestJars() {
    }

    /** A jar with the given entries (name, text content) and an optional Main-Class. */
    public static Path jar(Path file, String mainClass, String... namesAndContents) throws IOException {
        Files.createDirectories(file.getParent());
        Manifest mf = new Manifest();
        mf.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        if (mainClass != null) {
            mf.getMainAttributes().put(Attributes.Name.MAIN_CLASS, mainClass);
        }
        try (OutputStream os = Files.newOutputStream(file); JarOutputStream jos = new JarOutputStream(os, mf)) {
            for (int i = 0; i + 1 < namesAndContents.length; i += 2) {
                JarEntry e = new JarEntry(namesAndContents[i]);
                e.setLastModifiedTime(FileTime.fromMillis(0));
                jos.putNextEntry(e);
                jos.write(namesAndContents[i + 1].getBytes(StandardCharsets.UTF_8));
                jos.closeEntry();
            }
        }
        return file;
    }

    /** Compiles one Java source (class {@code fqcn}) and puts the class into a jar with it as Main-Class. */
    public static Path compiledMain(Path dir, String fqcn, String source) throws IOException {
        Path src = dir.resolve("src/" + fqcn.replace('.', '/') + ".java");
        Path classes = dir.resolve("classes");
        Files.createDirectories(src.getParent());
        Files.createDirectories(classes);
        Files.writeString(src, source);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        int rc = javac.run(null, null, null, "--release", "17", "-d", classes.toString(), src.toString());
        if (rc != 0) {
            throw new IllegalStateException("javac failed on " + src);
        }
        Path classFile = classes.resolve(fqcn.replace('.', '/') + ".class");
        Manifest mf = new Manifest();
        mf.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        mf.getMainAttributes().put(Attributes.Name.MAIN_CLASS, fqcn);
        Path jar = dir.resolve("app-1.0.jar");
        try (OutputStream os = Files.newOutputStream(jar); JarOutputStream jos = new JarOutputStream(os, mf)) {
            JarEntry e = new JarEntry(fqcn.replace('.', '/') + ".class");
            e.setLastModifiedTime(FileTime.fromMillis(0));
            jos.putNextEntry(e);
            jos.write(Files.readAllBytes(classFile));
            jos.closeEntry();
        }
        return jar;
    }
}
