package io.github.jpackagedeb.core.archive;

import io.github.jpackagedeb.core.DebException;
import io.github.jpackagedeb.core.Setting;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * The control member: {@code ./}, {@code control}, {@code md5sums}, {@code conffiles} and the
 * maintainer scripts, built in memory (it is small) and compressed. Members are sorted by name.
 */
final class ControlArchive {

    /** Maintainer scripts proper (deb-preinst(5) &hellip;, debconf's config): executable, with a #! line. */
    static final Set<String> SCRIPTS = Set.of("preinst", "postinst", "prerm", "postrm", "config");
    /** Data files of the control area: deb-triggers(5), debconf templates; mode 0644. */
    static final Set<String> DATA_MEMBERS = Set.of("triggers", "templates");

    private ControlArchive() {
    }

    static void checkControl(byte[] control) {
        if (control == null || control.length == 0) {
            throw new DebException(Setting.CONTROL, null, "the control file is empty.",
                    "pass the rendered DEBIAN/control stanza.");
        }
    }

    /** Refuses unknown member names, CR line endings and scripts without an interpreter line. */
    static void checkScripts(Map<String, byte[]> scripts) {
        Objects.requireNonNull(scripts, "maintainerScripts");
        for (Map.Entry<String, byte[]> e : scripts.entrySet()) {
            String name = e.getKey();
            if (name == null || !(SCRIPTS.contains(name) || DATA_MEMBERS.contains(name))) {
                throw new DebException(Setting.MAINTAINER_SCRIPT, name,
                        "is not a control member this writer ships.",
                        "use one of preinst, postinst, prerm, postrm, config, triggers, templates.");
            }
            byte[] body = e.getValue();
            if (body == null || body.length == 0) {
                throw new DebException(Setting.MAINTAINER_SCRIPT, name, "the " + name + " file is empty.",
                        "drop it or give it content.");
            }
            for (byte b : body) {
                if (b == '\r') {
                    throw new DebException(Setting.MAINTAINER_SCRIPT, name,
                            "the " + name + " file has CRLF (or CR) line endings; the shell would read "
                                    + "'\\r' as part of every command.",
                            "convert it to LF line endings (e.g. dos2unix, or git's core.autocrlf=input).");
                }
            }
            if (SCRIPTS.contains(name) && !(body.length >= 2 && body[0] == '#' && body[1] == '!')) {
                throw new DebException(Setting.MAINTAINER_SCRIPT, name,
                        "the " + name + " script does not start with a '#!' interpreter line (Debian Policy 10.4).",
                        "start it with #!/bin/sh (and set -e).");
            }
        }
    }

    /**
     * Builds control.tar, compressed.
     *
     * @param md5sums   the md5sums text, or empty when the package has no files
     * @param conffiles absolute conffile paths, sorted
     */
    static byte[] build(byte[] control, Map<String, byte[]> scripts, String md5sums, List<String> conffiles,
                        long mtime, Compression compression) throws IOException {
        TreeMap<String, Member> members = new TreeMap<>();
        members.put("control", new Member(control, 0644));
        if (!md5sums.isEmpty()) {
            members.put("md5sums", new Member(md5sums.getBytes(StandardCharsets.UTF_8), 0644));
        }
        if (!conffiles.isEmpty()) {
            StringBuilder sb = new StringBuilder();
            for (String c : conffiles) {
                sb.append(c).append('\n');
            }
            members.put("conffiles", new Member(sb.toString().getBytes(StandardCharsets.UTF_8), 0644));
        }
        for (Map.Entry<String, byte[]> e : scripts.entrySet()) {
            members.put(e.getKey(), new Member(e.getValue(), SCRIPTS.contains(e.getKey()) ? 0755 : 0644));
        }
        ByteArrayOutputStream tarBytes = new ByteArrayOutputStream();
        TarWriter tar = new TarWriter(tarBytes, mtime);
        tar.directory("./", 0755);
        for (Map.Entry<String, Member> e : members.entrySet()) {
            byte[] body = e.getValue().body();
            tar.file("./" + e.getKey(), e.getValue().mode(), body.length);
            tar.write(body, 0, body.length);
            tar.endFile();
        }
        tar.finish();
        byte[] plain = tarBytes.toByteArray();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream c = Compressors.open(compression, bytes, plain.length)) {
            c.write(plain);
        }
        return bytes.toByteArray();
    }

    private record Member(byte[] body, int mode) {
    }
}
