package io.github.jpackagedeb.core.repo;

import io.github.jpackagedeb.core.DebException;
import io.github.jpackagedeb.core.DebLog;
import io.github.jpackagedeb.core.Setting;
import io.github.jpackagedeb.core.debfile.Deb822;
import io.github.jpackagedeb.core.debfile.DebFile;
import io.github.jpackagedeb.core.sign.OpenPgpSigner;
import io.github.jpackagedeb.core.version.DebianVersion;

import org.apache.commons.codec.digest.DigestUtils;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

/**
 * Writes the {@code .buildinfo} (deb-buildinfo(5), format 1.0) and {@code .changes} (deb-changes(5), format 1.8)
 * of a binary package beside it, as {@code dpkg-genbuildinfo} and {@code dpkg-genchanges -b} would for a
 * binary-only build: {@code <source>_<version>_<arch>.buildinfo} and {@code .changes}.
 *
 * <p>Everything comes from the package itself: its control file and the first entry of its
 * {@code /usr/share/doc/<pkg>/changelog.Debian.gz} (distribution, urgency, the change text, Changed-By and Date;
 * Debian Policy 4.4 and 5.5). A package without a changelog gets distribution {@code unstable}, urgency
 * {@code medium}, its maintainer and the build date.
 *
 * <p>Reproducible: the content depends only on the package, the build date, the build architecture and the
 * environment variables given (the Maven front end records {@code SOURCE_DATE_EPOCH}); no host name, path, user or
 * clock. {@code Installed-Build-Depends} is present and empty: the build uses no Debian packages (the JVM
 * dependencies are inside the .deb, listed in its copyright file). With a signer, the {@code .buildinfo} is
 * clearsigned first and the {@code .changes} then lists the signed file's checksums and is clearsigned too (what
 * {@code debsign} does). Each file is written to a temporary name and renamed.
 */
public final class UploadFiles {

    private static final DateTimeFormatter CHANGELOG_DATE =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss Z", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final Pattern HEADER = Pattern.compile("^(\\S+) \\(([^)\\s]+)\\) ([^;]+); (.*)$");
    private static final Pattern TRAILER = Pattern.compile("^ -- (.+?)  (.+)$");

    /**
     * What was written.
     *
     * @param buildinfo the .buildinfo file
     * @param changes   the .changes file
     */
    public record Written(Path buildinfo, Path changes) {
    }

    private final Instant buildDate;
    private final String buildArchitecture;
    private final Map<String, String> environment;
    private final OpenPgpSigner signer;
    private final DebLog log;

    /**
     * @param buildDate         Build-Date of the .buildinfo (the build timestamp)
     * @param buildArchitecture Debian name of the machine's architecture (Build-Architecture), e.g. {@code amd64}
     * @param environment       variables that affected the build (Environment), e.g. SOURCE_DATE_EPOCH
     * @param signer            clearsigns both files, or null
     */
    public UploadFiles(Instant buildDate, String buildArchitecture, Map<String, String> environment,
                       OpenPgpSigner signer, DebLog log) {
        this.buildDate = Objects.requireNonNull(buildDate, "buildDate");
        this.buildArchitecture = Objects.requireNonNull(buildArchitecture, "buildArchitecture");
        this.environment = new TreeMap<>(environment);
        this.signer = signer;
        this.log = Objects.requireNonNull(log, "log");
    }

    /** The Debian architecture of this JVM's machine ({@code os.arch}), for Build-Architecture. */
    public static String hostArchitecture() {
        String a = System.getProperty("os.arch", "");
        return switch (a) {
            case "amd64", "x86_64" -> "amd64";
            case "aarch64", "arm64" -> "arm64";
            case "x86", "i386", "i486", "i586", "i686" -> "i386";
            case "arm" -> "armhf";
            case "ppc64le" -> "ppc64el";
            case "s390x" -> "s390x";
            case "riscv64" -> "riscv64";
            default -> a;
        };
    }

    /** Writes both files beside {@code deb}. */
    public Written write(DebFile deb) {
        Deb822.Paragraph control = deb.control();
        String source = control.get("Source").map(s -> s.split("\\s+")[0]).orElse(deb.packageName());
        DebianVersion version = deb.version();
        String noEpoch = version.upstream() + (version.revision().isEmpty() ? "" : "-" + version.revision());
        String base = source + "_" + noEpoch + "_" + deb.architecture();
        Path dir = deb.path().getParent();
        Entry entry = changelogEntry(deb);

        Deb822.Paragraph.Builder bi = Deb822.Paragraph.builder()
                .set("Format", "1.0")
                .set("Source", source)
                .set("Binary", deb.packageName())
                .set("Architecture", deb.architecture())
                .set("Version", version.toString())
                .setLines("Checksums-Md5", List.of(deb.md5() + " " + deb.size() + " " + deb.path().getFileName()))
                .setLines("Checksums-Sha1", List.of(deb.sha1() + " " + deb.size() + " " + deb.path().getFileName()))
                .setLines("Checksums-Sha256", List.of(deb.sha256() + " " + deb.size() + " " + deb.path().getFileName()))
                .set("Build-Architecture", buildArchitecture)
                .set("Build-Date", CHANGELOG_DATE.format(buildDate))
                .setLines("Installed-Build-Depends", List.of());
        List<String> env = new ArrayList<>();
        environment.forEach((k, v) -> env.add(k + "=\"" + v.replace("\\", "\\\\").replace("\"", "\\\"") + "\""));
        bi.setLines("Environment", env);
        String buildinfoText = bi.build().render();
        byte[] buildinfo = signer != null ? signer.clearSign(buildinfoText) : buildinfoText.getBytes(StandardCharsets.UTF_8);
        String buildinfoName = base + ".buildinfo";

        String section = control.get("Section").orElse("-");
        String priority = control.get("Priority").orElse("-");
        String synopsis = control.get("Description").orElseThrow().split("\n", 2)[0].strip();
        Deb822.Paragraph.Builder ch = Deb822.Paragraph.builder()
                .set("Format", "1.8")
                .set("Date", entry.date())
                .set("Source", source)
                .set("Binary", deb.packageName())
                .set("Architecture", deb.architecture())
                .set("Version", version.toString())
                .set("Distribution", entry.distribution())
                .set("Urgency", entry.urgency())
                .set("Maintainer", control.get("Maintainer").orElse(entry.changedBy()))
                .set("Changed-By", entry.changedBy())
                .setLines("Description", List.of(String.format("%-10s - %s", deb.packageName(), synopsis)))
                .set("Changes", entry.changes());
        String debName = deb.path().getFileName().toString();
        // one line per file, sorted by file name, as dpkg-genchanges writes them
        TreeMap<String, String[]> files = new TreeMap<>();
        files.put(debName, new String[] {deb.md5(), deb.sha1(), deb.sha256(), Long.toString(deb.size())});
        files.put(buildinfoName, new String[] {DigestUtils.md5Hex(buildinfo), DigestUtils.sha1Hex(buildinfo),
                DigestUtils.sha256Hex(buildinfo), Integer.toString(buildinfo.length)});
        List<String> sha1 = new ArrayList<>();
        List<String> sha256 = new ArrayList<>();
        List<String> md5 = new ArrayList<>();
        files.forEach((name, h) -> {
            sha1.add(h[1] + " " + h[3] + " " + name);
            sha256.add(h[2] + " " + h[3] + " " + name);
            md5.add(h[0] + " " + h[3] + " " + section + " " + priority + " " + name);
        });
        ch.setLines("Checksums-Sha1", sha1).setLines("Checksums-Sha256", sha256).setLines("Files", md5);
        String changesText = ch.build().render();
        byte[] changes = signer != null ? signer.clearSign(changesText) : changesText.getBytes(StandardCharsets.UTF_8);

        Path buildinfoPath = dir.resolve(buildinfoName);
        Path changesPath = dir.resolve(base + ".changes");
        writeAtomically(buildinfoPath, buildinfo);
        writeAtomically(changesPath, changes);
        log.info("Wrote " + changesPath.getFileName() + " and " + buildinfoPath.getFileName()
                + (signer != null ? " (signed by " + signer.key().keyId() + ")" : ""));
        return new Written(buildinfoPath, changesPath);
    }

    private record Entry(String distribution, String urgency, String changes, String changedBy, String date) {
    }

    /** The first entry of the package's changelog, for Distribution, Urgency, Changes, Changed-By and Date. */
    private Entry changelogEntry(DebFile deb) {
        String fallbackDate = CHANGELOG_DATE.format(buildDate);
        String maintainer = deb.control().get("Maintainer").orElse("unknown <unknown@unknown>");
        String version = deb.version().toString();
        if (deb.changelogGz().isEmpty()) {
            log.warn(deb.path().getFileName() + " has no /usr/share/doc/" + deb.packageName()
                    + "/changelog.Debian.gz; the .changes says distribution unstable, urgency medium");
            return new Entry("unstable", "medium", "\n " + deb.packageName() + " (" + version
                    + ") unstable; urgency=medium\n .\n   * Built by jpackage-deb.", maintainer, fallbackDate);
        }
        String text;
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(deb.changelogGz().get()))) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new DebException(Setting.DEB, deb.path().toString(), "its changelog.Debian.gz cannot be read: " + e,
                    "rebuild the package.", e);
        }
        List<String> lines = text.lines().toList();
        int first = 0;
        while (first < lines.size() && lines.get(first).isBlank()) {
            first++;
        }
        Matcher h = first < lines.size() ? HEADER.matcher(lines.get(first)) : null;
        if (h == null || !h.matches()) {
            throw new DebException(Setting.DEB, deb.path().toString(),
                    "the first line of its changelog is not a Debian "
                    + "changelog header ('pkg (version) distribution; urgency=...').",
                    "fix debian/changelog (Debian Policy 4.4) and rebuild.");
        }
        String urgency = "medium";
        for (String kv : h.group(4).split(",")) {
            String[] p = kv.strip().split("=", 2);
            if (p.length == 2 && p[0].equalsIgnoreCase("urgency")) {
                urgency = p[1].strip();
            }
        }
        StringBuilder changes = new StringBuilder("\n ").append(lines.get(first));
        String changedBy = maintainer;
        String date = fallbackDate;
        List<String> body = new ArrayList<>();
        for (int i = first + 1; i < lines.size(); i++) {
            Matcher t = TRAILER.matcher(lines.get(i));
            if (t.matches()) {
                changedBy = t.group(1).strip();
                date = t.group(2).strip();
                break;
            }
            body.add(lines.get(i));
        }
        while (!body.isEmpty() && body.get(body.size() - 1).isBlank()) {
            body.remove(body.size() - 1);
        }
        for (String l : body) {
            changes.append("\n ").append(l.isBlank() ? "." : l);
        }
        return new Entry(h.group(3).strip(), urgency, changes.toString(), changedBy, date);
    }

    private void writeAtomically(Path target, byte[] bytes) {
        Path tmp = target.resolveSibling("." + target.getFileName() + ".tmp-" + ProcessHandle.current().pid());
        try {
            Files.write(tmp, bytes, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                    StandardOpenOption.WRITE);
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new DebException(Setting.OUTPUT_DIRECTORY, target.getParent().toString(),
                    "cannot write " + target.getFileName()
                    + ": " + e.getMessage(), "check free space and permissions.", e);
        } finally {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException e) {
                log.warn("could not delete " + tmp + ": " + e);
            }
        }
    }
}
