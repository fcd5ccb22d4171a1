package io.github.jpackagedeb.core.assembly;

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

    /**
     * A jar with the given entries (name, text content) and an optional Main-Class; a {@code .class} entry gets the
     * bytes of {@link #classWithMain} (a class with a {@code public static main(String[])}) instead of its text.
     */
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
                String name = namesAndContents[i];
                String content = namesAndContents[i + 1];
                // a .class entry is a real class with a main method, unless its text starts with '.': then it is
                // stand-in bytes for tests that only search class bytes (e.g. for an annotation's descriptor)
                jos.write(name.endsWith(".class") && !content.startsWith(".")
                        ? classWithMain(name.substring(0, name.length() - 6), "java/lang/Object", 0x0009)
                        : content.getBytes(StandardCharsets.UTF_8));
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

    /**
     * The bytes of a class file (JVMS 4.1) named {@code name} (internal form) extending {@code superName}, with one
     * method {@code main(String[])} of the given access flags (0x0009: public static) and no code: enough for
     * readers of class files, not for a JVM.
     *
     * @param mainFlags the flags of main, or -1 for a class without a main method
     */
    public static byte[] classWithMain(String name, String superName, int mainFlags) {
        try {
            java.io.ByteArrayOutputStream b = new java.io.ByteArrayOutputStream();
            java.io.DataOutputStream out = new java.io.DataOutputStream(b);
            out.writeInt(0xCAFEBABE);
            out.writeShort(0);
            out.writeShort(61);
            out.writeShort(9); // constant pool count: 8 entries, #1..#8
            out.writeByte(1); out.writeUTF(name);                  // #1
            out.writeByte(7); out.writeShort(1);                   // #2 this class
            out.writeByte(1); out.writeUTF(superName);             // #3
            out.writeByte(7); out.writeShort(3);                   // #4 super class
            out.writeByte(1); out.writeUTF("main");                // #5
            out.writeByte(1); out.writeUTF("([Ljava/lang/String;)V"); // #6
            out.writeByte(5); out.writeLong(42);                   // #7, #8: a long takes two slots
            out.writeShort(0x0021); // public super
            out.writeShort(2);
            out.writeShort(4);
            out.writeShort(0); // interfaces
            out.writeShort(0); // fields
            if (mainFlags < 0) {
                out.writeShort(0);
            } else {
                out.writeShort(1);
                out.writeShort(mainFlags);
                out.writeShort(5);
                out.writeShort(6);
                out.writeShort(0); // attributes
            }
            out.writeShort(0); // class attributes
            return b.toByteArray();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
