package io.github.jpackagedeb.core.assembly;

import io.github.jpackagedeb.core.check.DebContents;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The writer rules of docs/architecture.md#the-archive / Debian Policy 10.9, checked on a built package: every entry
 * root:root (0/0), no setuid/setgid/sticky bit, files 0644 or 0755, directories 0755, symlinks only, no hard links
 * or device files, names relative ({@code ./…}) without {@code ..}.
 */
final class SecurityScan {

    private SecurityScan() {
    }

    static List<String> problems(DebContents c) {
        List<String> bad = new ArrayList<>();
        for (DebContents.Entry e : c.data()) {
            String p = e.path();
            if (e.uid() != 0 || e.gid() != 0 || !"root".equals(e.owner()) || !"root".equals(e.group())) {
                bad.add(p + " owned by " + e.uid() + "/" + e.gid() + " " + e.owner() + ":" + e.group());
            }
            if (!p.startsWith("./") || ("/" + p + "/").contains("/../") || p.contains("//")) {
                bad.add(p + ": not a normalised relative name");
            }
            switch (e.type()) {
                case FILE -> {
                    if (e.mode() != 0644 && e.mode() != 0755) {
                        bad.add(p + ": file mode " + Integer.toOctalString(e.mode()));
                    }
                }
                case DIRECTORY -> {
                    if (e.mode() != 0755) {
                        bad.add(p + ": directory mode " + Integer.toOctalString(e.mode()));
                    }
                }
                case SYMLINK -> {
                    if (e.linkTarget() == null || e.linkTarget().contains("\n")) {
                        bad.add(p + ": bad link target");
                    }
                }
                default -> bad.add(p + ": entry type " + e.type());
            }
        }
        for (DebContents.Member m : c.control().values()) {
            boolean script = List.of("preinst", "postinst", "prerm", "postrm", "config").contains(m.name());
            if (m.mode() != (script ? 0755 : 0644)) {
                bad.add("control member " + m.name() + " mode " + Integer.toOctalString(m.mode()));
            }
        }
        return bad;
    }

    static void assertSafe(DebContents c) {
        assertEquals(List.of(), problems(c), c.file().toString());
    }
}
