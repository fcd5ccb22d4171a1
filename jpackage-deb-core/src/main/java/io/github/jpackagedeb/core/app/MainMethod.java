package io.github.jpackagedeb.core.app;

import io.github.jpackagedeb.core.DebException;
import io.github.jpackagedeb.core.Setting;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Checks that the main class can be launched, by reading class files (JVMS chapter 4; java.lang.classfile is
 * JDK 22+, so a small reader of the constant pool, the class's access flags, its super class and its methods):
 * a {@code public static void main(String[])}, declared by the class or one of its super classes in the class path
 * (as the {@code java} launcher finds it). On a release of 25 or later, JEP 512's launch protocol (final in JDK 25)
 * also accepts a non-private {@code main} that is static or an instance method (then with a non-private no-argument
 * constructor), with a {@code String[]} or no parameter. Earlier releases had it only as a preview feature
 * (JEP 445, 463, 477, 495), which the launcher does not enable, so for them it is an error. A class extending
 * JavaFX's {@code Application} needs no main method, and a super class outside the class path (other than
 * {@code java.lang.Object}) cannot be read, so neither is an error.
 */
public final class MainMethod {

    /** The first release where an instance or argument-less main launches without --enable-preview (JEP 512). */
    static final int INSTANCE_MAIN_RELEASE = 25;

    private static final int ACC_PUBLIC = 0x0001;
    private static final int ACC_PRIVATE = 0x0002;
    private static final int ACC_STATIC = 0x0008;
    private static final String ARGS = "([Ljava/lang/String;)V";
    private static final String NO_ARGS = "()V";

    private MainMethod() {
    }

    /** One method of a class file. */
    record Method(String name, String descriptor, int flags) {
    }

    /** What the check needs of a class file. */
    record ClassInfo(String name, String superName, int flags, List<Method> methods) {
    }

    /**
     * Checks {@code mainClass} (dotted name) on the class path.
     *
     * @param release the Java feature release the package runs on
     * @throws DebException (field {@code mainClass}) naming the class and the fix when it cannot be launched
     */
    public static void check(String mainClass, List<Jar> classPath, int release) {
        String name = mainClass.replace('.', '/');
        ClassInfo first = find(name, classPath);
        if (first == null) {
            return; // ClassPathCheck.mainClass reports a missing class
        }
        boolean instanceAllowed = release >= INSTANCE_MAIN_RELEASE;
        boolean instanceFound = false;
        boolean hasConstructor = first.methods().stream()
                .anyMatch(m -> m.name().equals("<init>") && m.descriptor().equals(NO_ARGS) && (m.flags() & ACC_PRIVATE) == 0);
        ClassInfo c = first;
        while (c != null) {
            for (Method m : c.methods()) {
                if (!m.name().equals("main") || !(m.descriptor().equals(ARGS) || m.descriptor().equals(NO_ARGS))) {
                    continue;
                }
                boolean isStatic = (m.flags() & ACC_STATIC) != 0;
                if (isStatic && (m.flags() & ACC_PUBLIC) != 0 && m.descriptor().equals(ARGS)) {
                    return; // the classic entry point
                }
                if ((m.flags() & ACC_PRIVATE) == 0) {
                    instanceFound = true;
                    if (instanceAllowed && (isStatic || hasConstructor)) {
                        return; // JEP 512
                    }
                }
            }
            String sup = c.superName();
            if (sup == null || sup.equals("java/lang/Object")) {
                break;
            }
            if (sup.equals("javafx/application/Application")) {
                return; // the launcher starts JavaFX applications without a main method
            }
            c = find(sup, classPath);
            if (c == null) {
                return; // a super class outside the class path (a JDK class): it cannot be read here
            }
        }
        String fix = "declare 'public static void main(String[] args)' in " + mainClass + ", or set the main class"
                + " to the class that has it";
        if (instanceFound && !instanceAllowed) {
            throw new DebException(Setting.MAIN_CLASS, mainClass, mainClass + " has a main method the java launcher of"
                    + " Java " + release + " cannot start: an instance main, a main without parameters or a non-public"
                    + " one needs Java " + INSTANCE_MAIN_RELEASE + " or later (JEP 512); before that it was a preview"
                    + " feature.", fix + ", or target Java " + INSTANCE_MAIN_RELEASE + " (javaRelease, or a bundled"
                    + " runtime of " + INSTANCE_MAIN_RELEASE + " or later).");
        }
        if (instanceFound) {
            throw new DebException(Setting.MAIN_CLASS, mainClass, mainClass + " has an instance main method but no"
                    + " non-private constructor without parameters, so the java launcher cannot create it.",
                    "add a constructor without parameters, or make main static.");
        }
        throw new DebException(Setting.MAIN_CLASS, mainClass,
                "neither " + mainClass + " nor its super classes declare a"
                + " main method, so the installed command would fail with 'Main method not found'.", fix + ".");
    }

    /** The class {@code name} (internal form) from the first jar of the class path that has it, or null. */
    private static ClassInfo find(String name, List<Jar> classPath) {
        String entry = name + ".class";
        for (Jar jar : classPath) {
            try (ZipFile z = new ZipFile(jar.file().toFile())) {
                ZipEntry e = z.getEntry(entry);
                if (e != null) {
                    try (InputStream in = z.getInputStream(e)) {
                        return read(in.readAllBytes(), entry + " in " + jar.origin());
                    }
                }
            } catch (IOException ex) {
                throw new DebException(Setting.JAR, jar.origin(), "cannot read " + jar.file() + ": " + ex.getMessage(),
                        "rebuild the jar.", ex);
            }
        }
        return null;
    }

    /**
     * Reads a class file's name, flags, super class and methods (JVMS 4.1).
     *
     * @param where for messages
     * @throws DebException (field {@code jar}) when the bytes are not a class file
     */
    static ClassInfo read(byte[] bytes, String where) {
        try {
            DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes));
            if (in.readInt() != 0xCAFEBABE) {
                throw new IOException("no class file magic number");
            }
            in.readUnsignedShort(); // minor
            in.readUnsignedShort(); // major
            int count = in.readUnsignedShort();
            String[] utf8 = new String[count];
            int[] classNameIndex = new int[count];
            for (int i = 1; i < count; i++) {
                int tag = in.readUnsignedByte();
                switch (tag) {
                    case 1 -> utf8[i] = in.readUTF(); // class files use the same modified UTF-8 as DataInput
                    case 7 -> classNameIndex[i] = in.readUnsignedShort(); // Class
                    case 8, 16, 19, 20 -> in.readUnsignedShort(); // String, MethodType, Module, Package
                    case 15 -> { // MethodHandle
                        in.readUnsignedByte();
                        in.readUnsignedShort();
                    }
                    case 3, 4, 9, 10, 11, 12, 17, 18 -> in.readInt(); // Integer, Float, refs, NameAndType, dynamic
                    case 5, 6 -> { // Long, Double take two slots
                        in.readLong();
                        i++;
                    }
                    default -> throw new IOException("unknown constant pool tag " + tag + " at " + i);
                }
            }
            int flags = in.readUnsignedShort();
            String name = utf8[classNameIndex[in.readUnsignedShort()]];
            int superIndex = in.readUnsignedShort();
            String superName = superIndex == 0 ? null : utf8[classNameIndex[superIndex]];
            in.skipNBytes(2L * in.readUnsignedShort()); // interfaces
            skipMembers(in); // fields
            int methodCount = in.readUnsignedShort();
            List<Method> methods = new ArrayList<>(methodCount);
            for (int i = 0; i < methodCount; i++) {
                int mflags = in.readUnsignedShort();
                String mname = utf8[in.readUnsignedShort()];
                String desc = utf8[in.readUnsignedShort()];
                skipAttributes(in);
                methods.add(new Method(mname, desc, mflags));
            }
            return new ClassInfo(name, superName, flags, methods);
        } catch (IOException | RuntimeException e) {
            throw new DebException(Setting.JAR, where, "not a readable class file: " + e.getMessage(),
                    "rebuild the jar (or exclude the broken dependency).", e);
        }
    }

    private static void skipMembers(DataInputStream in) throws IOException {
        int n = in.readUnsignedShort();
        for (int i = 0; i < n; i++) {
            in.skipNBytes(6); // access flags, name, descriptor
            skipAttributes(in);
        }
    }

    private static void skipAttributes(DataInputStream in) throws IOException {
        int n = in.readUnsignedShort();
        for (int i = 0; i < n; i++) {
            in.readUnsignedShort();
            in.skipNBytes(in.readInt() & 0xFFFFFFFFL);
        }
    }
}
