package io.github.jpackagedeb.core.runtime;

import io.github.jpackagedeb.core.DebException;
import io.github.jpackagedeb.core.Setting;

import java.util.Locale;
import java.util.Objects;

/**
 * The platform a Java runtime is built for: operating system and CPU, named as the JDK names them ({@code linux},
 * {@code amd64}, {@code aarch64}…), with the matching Debian architecture (Debian Policy 5.6.8; dpkg-architecture(1)).
 *
 * @param os   the operating system, lower case ({@code linux})
 * @param arch the CPU architecture in the JDK's spelling after aliases are folded ({@code x86_64} → {@code amd64})
 */
public record Platform(String os, String arch) {

    public Platform {
        Objects.requireNonNull(os, "os");
        Objects.requireNonNull(arch, "arch");
        os = os.toLowerCase(Locale.ROOT);
        arch = canonicalArch(arch);
    }

    /** The platform this JVM runs on. */
    public static Platform host() {
        return new Platform(System.getProperty("os.name", "linux"), System.getProperty("os.arch", "unknown"));
    }

    /** From a module's {@code ModuleTarget} attribute, e.g. {@code linux-aarch64}, or null when it has none. */
    public static Platform ofModuleTarget(String target) {
        if (target == null || target.indexOf('-') < 1) {
            return null;
        }
        int dash = target.indexOf('-');
        return new Platform(target.substring(0, dash), target.substring(dash + 1));
    }

    private static String canonicalArch(String arch) {
        String a = arch.toLowerCase(Locale.ROOT);
        switch (a) {
            case "x86_64":
            case "x86-64":
            case "amd64":
                return "amd64";
            case "arm64":
            case "aarch64":
                return "aarch64";
            case "i386":
            case "i486":
            case "i586":
            case "i686":
            case "x86":
                return "x86";
            case "ppc64el":
            case "ppc64le":
                return "ppc64le";
            case "loong64":
            case "loongarch64":
                return "loongarch64";
            case "armhf":
            case "armv7l":
            case "arm":
                return "arm";
            default:
                return a;
        }
    }

    /** True when both name the same CPU and OS. */
    public boolean sameAs(Platform other) {
        return equals(other);
    }

    /**
     * The Debian architecture of binaries for this platform ({@code amd64}, {@code arm64}…).
     *
     * @throws DebException when Debian has no architecture for it (not Linux, or an unknown CPU)
     */
    public String debianArch() {
        if (!os.equals("linux")) {
            throw new DebException(Setting.JDK_HOME, os + "-" + arch, "the JDK is built for " + os
                    + ", not Linux: its runtime cannot go into a Debian package.",
                    "use a Linux JDK, or the jmods of a Linux JDK for the target architecture.");
        }
        switch (arch) {
            case "amd64":
                return "amd64";
            case "aarch64":
                return "arm64";
            case "x86":
                return "i386";
            case "arm":
                return "armhf";
            case "ppc64le":
                return "ppc64el";
            case "ppc64":
                return "ppc64";
            case "s390x":
                return "s390x";
            case "riscv64":
                return "riscv64";
            case "loongarch64":
                return "loong64";
            case "mips64el":
                return "mips64el";
            default:
                throw new DebException(Setting.JDK_HOME, os + "-" + arch,
                "there is no Debian architecture for the CPU '"
                        + arch + "'.", "use a JDK for amd64, arm64, armhf, i386, ppc64el, s390x or riscv64.");
        }
    }

    /** The GNU triplet binutils uses as a prefix for this platform's tools ({@code aarch64-linux-gnu}), or null. */
    public String gnuTriplet() {
        switch (arch) {
            case "amd64":
                return "x86_64-linux-gnu";
            case "aarch64":
                return "aarch64-linux-gnu";
            case "x86":
                return "i686-linux-gnu";
            case "arm":
                return "arm-linux-gnueabihf";
            case "ppc64le":
                return "powerpc64le-linux-gnu";
            case "s390x":
                return "s390x-linux-gnu";
            case "riscv64":
                return "riscv64-linux-gnu";
            default:
                return null;
        }
    }

    /** The ELF {@code e_machine} of this CPU, or -1 when unknown. */
    public int elfMachine() {
        switch (arch) {
            case "amd64":
                return ElfFile.EM_X86_64;
            case "aarch64":
                return ElfFile.EM_AARCH64;
            case "x86":
                return ElfFile.EM_386;
            case "arm":
                return ElfFile.EM_ARM;
            case "ppc64le":
            case "ppc64":
                return ElfFile.EM_PPC64;
            case "s390x":
                return ElfFile.EM_S390;
            case "riscv64":
                return ElfFile.EM_RISCV;
            case "loongarch64":
                return ElfFile.EM_LOONGARCH;
            default:
                return -1;
        }
    }

    @Override
    public String toString() {
        return os + "-" + arch;
    }
}
