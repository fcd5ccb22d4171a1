package io.github.jpackagedeb.core.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the packaging needs to know about one ELF file (System V gABI; the GNU symbol-versioning extension):
 * its machine, the shared libraries it needs ({@code DT_NEEDED}), its own {@code DT_SONAME}, and the symbol
 * versions it needs from each library ({@code .gnu.version_r}). Reads only headers and the few sections involved,
 * through a file channel, so a 20 MB {@code libjvm.so} costs a few kilobytes of reading.
 *
 * <p>Hand-written: no ELF reader is on the class path (commons-compress reads archives, not object files), and only
 * these few headers and sections are needed.
 *
 * @param machine     {@code e_machine}
 * @param is64        ELFCLASS64
 * @param needed      {@code DT_NEEDED} sonames in file order
 * @param soname      {@code DT_SONAME}, or null
 * @param versionNeeds library soname → version names needed from it ({@code GLIBC_2.34}…), weak references left out
 */
public record ElfFile(int machine, boolean is64, List<String> needed, String soname,
                      Map<String, Set<String>> versionNeeds) {

    public static final int EM_386 = 3;
    public static final int EM_ARM = 40;
    public static final int EM_PPC64 = 21;
    public static final int EM_S390 = 22;
    public static final int EM_X86_64 = 62;
    public static final int EM_AARCH64 = 183;
    public static final int EM_RISCV = 243;
    public static final int EM_LOONGARCH = 258;

    private static final int SHT_DYNAMIC = 6;
    private static final int SHT_GNU_VERNEED = 0x6ffffffe;
    private static final long DT_NEEDED = 1;
    private static final long DT_SONAME = 14;
    private static final int VER_FLG_WEAK = 0x2;

    /** True when the file starts with the ELF magic. */
    public static boolean isElf(Path file) throws IOException {
        if (!Files.isRegularFile(file, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return false;
        }
        try (InputStream in = Files.newInputStream(file)) {
            byte[] m = in.readNBytes(4);
            return m.length == 4 && m[0] == 0x7f && m[1] == 'E' && m[2] == 'L' && m[3] == 'F';
        }
    }

    /** A readable name of an {@code e_machine} value, as {@code file(1)} prints it. */
    public static String machineName(int machine) {
        switch (machine) {
            case EM_X86_64:
                return "x86-64";
            case EM_AARCH64:
                return "ARM aarch64";
            case EM_386:
                return "Intel 80386";
            case EM_ARM:
                return "ARM";
            case EM_PPC64:
                return "64-bit PowerPC";
            case EM_S390:
                return "IBM S/390";
            case EM_RISCV:
                return "RISC-V";
            case EM_LOONGARCH:
                return "LoongArch";
            default:
                return "machine " + machine;
        }
    }

    /**
     * Reads an ELF file.
     *
     * @throws IOException when the file cannot be read or is not a well-formed ELF file
     */
    public static ElfFile read(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            ByteBuffer ident = read(ch, 0, 16, file);
            if (ident.get(0) != 0x7f || ident.get(1) != 'E' || ident.get(2) != 'L' || ident.get(3) != 'F') {
                throw new IOException(file + " is not an ELF file");
            }
            boolean is64 = ident.get(4) == 2;
            ByteOrder order = ident.get(5) == 2 ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
            ByteBuffer eh = read(ch, 0, is64 ? 64 : 52, file).order(order);
            int machine = Short.toUnsignedInt(eh.getShort(18));
            long shoff = is64 ? eh.getLong(40) : Integer.toUnsignedLong(eh.getInt(32));
            int shentsize = Short.toUnsignedInt(eh.getShort(is64 ? 58 : 46));
            int shnum = Short.toUnsignedInt(eh.getShort(is64 ? 60 : 48));
            if (shoff == 0 || shnum == 0) {
                return new ElfFile(machine, is64, List.of(), null, Map.of());
            }
            if (shoff < 0 || shoff + (long) shnum * shentsize > size || shentsize < (is64 ? 64 : 40)) {
                throw new IOException(file + ": section headers lie outside the file");
            }
            ByteBuffer sh = read(ch, shoff, shnum * shentsize, file).order(order);
            Section[] sections = new Section[shnum];
            for (int i = 0; i < shnum; i++) {
                int o = i * shentsize;
                int type = sh.getInt(o + 4);
                long offset = is64 ? sh.getLong(o + 24) : Integer.toUnsignedLong(sh.getInt(o + 16));
                long len = is64 ? sh.getLong(o + 32) : Integer.toUnsignedLong(sh.getInt(o + 20));
                int link = sh.getInt(o + (is64 ? 40 : 24));
                int info = sh.getInt(o + (is64 ? 44 : 28));
                sections[i] = new Section(type, offset, len, link, info);
            }
            List<String> needed = new ArrayList<>();
            String soname = null;
            Map<String, Set<String>> versions = new LinkedHashMap<>();
            for (Section s : sections) {
                if (s.type == SHT_DYNAMIC) {
                    ByteBuffer strtab = strtab(ch, sections, s.link, file, size);
                    ByteBuffer dyn = section(ch, s, file, size).order(order);
                    int entsize = is64 ? 16 : 8;
                    for (int o = 0; o + entsize <= dyn.capacity(); o += entsize) {
                        long tag = is64 ? dyn.getLong(o) : dyn.getInt(o);
                        long val = is64 ? dyn.getLong(o + 8) : Integer.toUnsignedLong(dyn.getInt(o + 4));
                        if (tag == 0) {
                            break;
                        } else if (tag == DT_NEEDED) {
                            needed.add(string(strtab, val, file));
                        } else if (tag == DT_SONAME) {
                            soname = string(strtab, val, file);
                        }
                    }
                } else if (s.type == SHT_GNU_VERNEED) {
                    ByteBuffer strtab = strtab(ch, sections, s.link, file, size);
                    ByteBuffer vn = section(ch, s, file, size).order(order);
                    int o = 0;
                    for (int n = 0; n < s.info && o + 16 <= vn.capacity(); n++) {
                        int cnt = Short.toUnsignedInt(vn.getShort(o + 2));
                        String lib = string(strtab, Integer.toUnsignedLong(vn.getInt(o + 4)), file);
                        long aux = o + Integer.toUnsignedLong(vn.getInt(o + 8));
                        Set<String> names = versions.computeIfAbsent(lib, k -> new LinkedHashSet<>());
                        for (int a = 0; a < cnt && aux + 16 <= vn.capacity(); a++) {
                            int flags = Short.toUnsignedInt(vn.getShort((int) aux + 4));
                            String name = string(strtab, Integer.toUnsignedLong(vn.getInt((int) aux + 8)), file);
                            if ((flags & VER_FLG_WEAK) == 0) {
                                names.add(name);
                            }
                            long next = Integer.toUnsignedLong(vn.getInt((int) aux + 12));
                            if (next == 0) {
                                break;
                            }
                            aux += next;
                        }
                        long next = Integer.toUnsignedLong(vn.getInt(o + 12));
                        if (next == 0) {
                            break;
                        }
                        o += (int) next;
                    }
                }
            }
            Map<String, Set<String>> frozen = new LinkedHashMap<>();
            versions.forEach((k, v) -> frozen.put(k, Collections.unmodifiableSet(v)));
            return new ElfFile(machine, is64, List.copyOf(needed), soname, Collections.unmodifiableMap(frozen));
        }
    }

    private record Section(int type, long offset, long size, int link, int info) {
    }

    private static ByteBuffer strtab(FileChannel ch, Section[] sections, int index, Path file, long size)
            throws IOException {
        if (index <= 0 || index >= sections.length) {
            throw new IOException(file + ": bad string table index " + index);
        }
        return section(ch, sections[index], file, size);
    }

    private static ByteBuffer section(FileChannel ch, Section s, Path file, long size) throws IOException {
        if (s.offset < 0 || s.size < 0 || s.offset + s.size > size || s.size > 64L * 1024 * 1024) {
            throw new IOException(file + ": a section lies outside the file");
        }
        return read(ch, s.offset, (int) s.size, file);
    }

    private static String string(ByteBuffer strtab, long offset, Path file) throws IOException {
        if (offset < 0 || offset >= strtab.capacity()) {
            throw new IOException(file + ": string offset " + offset + " outside its string table");
        }
        int start = (int) offset;
        int end = start;
        while (end < strtab.capacity() && strtab.get(end) != 0) {
            end++;
        }
        byte[] b = new byte[end - start];
        strtab.get(start, b);
        return new String(b, StandardCharsets.ISO_8859_1);
    }

    private static ByteBuffer read(FileChannel ch, long position, int length, Path file) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(length);
        while (buf.hasRemaining()) {
            int n = ch.read(buf, position + buf.position());
            if (n < 0) {
                throw new IOException(file + " is truncated");
            }
        }
        return buf.flip();
    }
}
