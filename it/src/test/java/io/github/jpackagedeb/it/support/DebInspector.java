package io.github.jpackagedeb.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Looks at a .deb with the real {@code dpkg-deb} (never with our own reader: the point is to see what dpkg sees).
 * Needs {@code dpkg-deb} on PATH (see {@link Env#requireTool}).
 */
public final class DebInspector {

    /** {@code dpkg-deb -c} line: mode, owner/group, size (or major,minor), date time, name [-> target | link to x]. */
    private static final Pattern CONTENT_LINE = Pattern.compile(
            "^([-dlhcbps][-rwxsStT]{9})\\s+([^/\\s]+)/(\\S+)\\s+(\\S+)\\s+(\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d)\\s(.*)$");

    private final Path deb;

    private DebInspector(Path deb) {
        this.deb = deb;
    }

    /** An inspector for one .deb file. */
    public static DebInspector of(Path deb) {
        Env.requireTool("dpkg-deb");
        if (!Files.isRegularFile(deb)) {
            throw new IllegalArgumentException("no such .deb: " + deb);
        }
        return new DebInspector(deb);
    }

    /** The .deb. */
    public Path deb() {
        return deb;
    }

    /** {@code dpkg-deb -I}: the member summary followed by the control file. */
    public String info() {
        return Proc.of("dpkg-deb", "-I", deb.toString()).run().stdout();
    }

    /**
     * One control field as dpkg reads it ({@code dpkg-deb -f DEB FIELD}; the name is case-insensitive), or empty
     * when the field is absent. Multi-line fields (Description) keep their continuation lines.
     */
    public Optional<String> field(String name) {
        String out = Proc.of("dpkg-deb", "-f", deb.toString(), name).run().stdout();
        String value = out.endsWith("\n") ? out.substring(0, out.length() - 1) : out;
        return value.isEmpty() ? Optional.empty() : Optional.of(value);
    }

    /** The whole control file, field → value (as {@code dpkg-deb -f DEB} prints it). */
    public Map<String, String> fields() {
        Map<String, String> map = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        String current = null;
        for (String line : Proc.of("dpkg-deb", "-f", deb.toString()).run().stdout().split("\n")) {
            if (!line.isEmpty() && (line.charAt(0) == ' ' || line.charAt(0) == '\t') && current != null) {
                map.put(current, map.get(current) + "\n" + line);
            } else if (line.contains(":")) {
                current = line.substring(0, line.indexOf(':'));
                map.put(current, line.substring(line.indexOf(':') + 1).strip());
            }
        }
        return map;
    }

    /** {@code dpkg-deb -c}, parsed. Throws when dpkg-deb cannot list the data member. */
    public List<Entry> contents() {
        String out = Proc.of("dpkg-deb", "-c", deb.toString()).run().stdout();
        List<Entry> entries = new ArrayList<>();
        for (String line : out.split("\n")) {
            if (line.isEmpty()) {
                continue;
            }
            Matcher m = CONTENT_LINE.matcher(line);
            if (!m.matches()) {
                throw new IllegalStateException("unexpected dpkg-deb -c line: " + line);
            }
            String mode = m.group(1);
            String rest = m.group(6);
            String target = null;
            if (mode.charAt(0) == 'l' && rest.contains(" -> ")) {
                target = rest.substring(rest.indexOf(" -> ") + 4);
                rest = rest.substring(0, rest.indexOf(" -> "));
            } else if (mode.charAt(0) == 'h' && rest.contains(" link to ")) {
                target = rest.substring(rest.indexOf(" link to ") + 9);
                rest = rest.substring(0, rest.indexOf(" link to "));
            }
            long size = m.group(4).matches("\\d+") ? Long.parseLong(m.group(4)) : -1;
            entries.add(new Entry(mode, m.group(2), m.group(3), size, rest, target));
        }
        return entries;
    }

    /** The entry for {@code path} ({@code ./usr/bin/x} or {@code /usr/bin/x}; a trailing / for dirs is optional). */
    public Optional<Entry> entry(String path) {
        String wanted = Entry.normalise(path);
        return contents().stream().filter(e -> Entry.normalise(e.path()).equals(wanted)).findFirst();
    }

    /**
     * {@code dpkg-deb --fsys-tarfile DEB | tar -t}: the data member decompresses and is a valid tar to its end
     * (this catches a corrupt data member that {@code dpkg-deb -I} does not). Returns the result; exit 0 = good.
     */
    public Proc.Result checkFsysTarfile() {
        return Proc.bash("dpkg-deb --fsys-tarfile \"$1\" | tar -t >/dev/null", deb.toString()).exec();
    }

    /** Extracts the control member ({@code dpkg-deb -e}) into {@code dir} (created; must not exist or be empty). */
    public Path extractControl(Path dir) {
        Proc.of("dpkg-deb", "-e", deb.toString(), dir.toString()).run();
        return dir;
    }

    /** The control member's files (control, md5sums, postinst…), name → text, read through {@code dpkg-deb -e}. */
    public Map<String, String> controlFiles() {
        try {
            Path tmp = Files.createTempDirectory("deb-control-");
            try {
                Path dir = extractControl(tmp.resolve("DEBIAN"));
                Map<String, String> files = new TreeMap<>();
                try (Stream<Path> list = Files.list(dir)) {
                    for (Path p : (Iterable<Path>) list::iterator) {
                        files.put(p.getFileName().toString(), Files.readString(p));
                    }
                }
                return files;
            } finally {
                DebianRoot.removeTree(tmp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the control member of " + deb, e);
        }
    }

    /** One control-member file ({@code postinst}, {@code md5sums}…), if present. */
    public Optional<String> controlFile(String name) {
        return Optional.ofNullable(controlFiles().get(name));
    }

    /**
     * One {@code dpkg-deb -c} line.
     *
     * @param mode       e.g. {@code -rwxr-xr-x}, {@code drwxr-xr-x}, {@code lrwxrwxrwx}
     * @param owner      user name (or uid when unnamed)
     * @param group      group name (or gid)
     * @param size       bytes; -1 for device entries
     * @param path       as stored, e.g. {@code ./usr/bin/hello}
     * @param linkTarget symlink target or hard-link source; null otherwise
     */
    public record Entry(String mode, String owner, String group, long size, String path, String linkTarget) {

        /** A directory. */
        public boolean isDirectory() {
            return mode.charAt(0) == 'd';
        }

        /** A symbolic link. */
        public boolean isSymlink() {
            return mode.charAt(0) == 'l';
        }

        /** A regular file. */
        public boolean isRegularFile() {
            return mode.charAt(0) == '-';
        }

        /** A hard link to an earlier entry. */
        public boolean isHardLink() {
            return mode.charAt(0) == 'h';
        }

        /** The permission bits, e.g. 0755, with setuid 04000, setgid 02000 and sticky 01000. */
        public int permissions() {
            int bits = 0;
            for (int i = 0; i < 9; i++) {
                char c = mode.charAt(1 + i);
                if (c != '-' && c != 'S' && c != 'T') {
                    bits |= 1 << (8 - i);
                }
            }
            char u = mode.charAt(3);
            char g = mode.charAt(6);
            char o = mode.charAt(9);
            if (u == 's' || u == 'S') {
                bits |= 04000;
            }
            if (g == 's' || g == 'S') {
                bits |= 02000;
            }
            if (o == 't' || o == 'T') {
                bits |= 01000;
            }
            return bits;
        }

        /** The permissions as 4 octal digits, e.g. {@code 0755}. */
        public String octal() {
            return String.format("%04o", permissions());
        }

        /** The path without the leading {@code ./} and trailing {@code /}, with a leading {@code /}. */
        public String absolutePath() {
            return normalise(path);
        }

        static String normalise(String p) {
            String s = p;
            if (s.startsWith("./")) {
                s = s.substring(1);
            } else if (s.equals(".")) {
                s = "/";
            }
            if (!s.startsWith("/")) {
                s = "/" + s;
            }
            if (s.length() > 1 && s.endsWith("/")) {
                s = s.substring(0, s.length() - 1);
            }
            return s;
        }
    }
}
