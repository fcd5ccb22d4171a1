package io.github.jpackagedeb.cli;

import io.github.jpackagedeb.core.testing.ExternalTools;
import io.github.jpackagedeb.core.testing.Integration;

import io.github.jpackagedeb.core.archive.Content;
import io.github.jpackagedeb.core.archive.DebArchiveWriter;
import io.github.jpackagedeb.core.archive.DebEntry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code make-deb repo}: parsing, output, exit codes and error wording; keys from the real gpg. */
@Integration
class RepoCommandTest {

    @TempDir
    static Path tmp;
    static Path secretKey;
    static Path v1;
    static Path v2;

    @BeforeAll
    static void setUp() throws Exception {
        ExternalTools.require("gpg", "gpgconf");
        Path home = Files.createDirectories(tmp.resolve("gnupg"));
        Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("rwx------"));
        exec(home, "gpg", "--batch", "--pinentry-mode", "loopback", "--passphrase", "s3cret phrase", "--quick-gen-key",
                "cli test <cli@test.invalid>", "ed25519", "sign", "never");
        secretKey = tmp.resolve("TEST-ONLY-secret-key.asc");
        exec(home, "gpg", "--batch", "--pinentry-mode", "loopback", "--passphrase", "s3cret phrase",
                "--export-secret-keys", "--armor", "--output", secretKey.toString(), "cli@test.invalid");
        exec(home, "gpgconf", "--homedir", home.toString(), "--kill", "gpg-agent"); // no daemon outlives the test
        v1 = deb("1", "1.0-1", "");
        v2 = deb("2", "2.0-1", "");
        RepoCommand.environment = () -> Map.of("PW", "s3cret phrase", "BAD", "not it");
    }

    @AfterAll
    static void restore() {
        RepoCommand.environment = System::getenv;
    }

    private static void exec(Path home, String... cmd) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("GNUPGHOME", home.toString());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), out);
    }

    private static Path deb(String dir, String version, String extra) throws IOException {
        Path d = Files.createDirectories(tmp.resolve("debs").resolve(dir));
        String control = "Package: tiny\nVersion: " + version + "\nArchitecture: all\nMaintainer: T <t@example.org>\n"
                + "Description: tiny\n tiny package\n";
        Path target = d.resolve("tiny_" + version + "_all.deb");
        DebArchiveWriter.builder().timestamp(1767225600L).build().write(target, control.getBytes(StandardCharsets.UTF_8),
                Map.of(), List.of(DebEntry.file("usr/share/tiny/v", Content.of((version + extra).getBytes(
                        StandardCharsets.UTF_8), "v"))));
        return target;
    }

    private record R(int exit, String out, String err) {
    }

    private static R run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = new CommandLine(new MakeDeb());
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int code = cl.execute(args);
        return new R(code, out.toString(), err.toString());
    }

    private static Map<String, String> tree(Path root) throws IOException {
        Map<String, String> m = new TreeMap<>();
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.toList()) {
                m.put(root.relativize(p).toString(), Files.isDirectory(p) ? "dir"
                        : HexFormat.of().formatHex(sha256(Files.readAllBytes(p))));
            }
        }
        return m;
    }

    private static byte[] sha256(byte[] b) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(b);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private String[] add(Path repo, String... more) {
        List<String> a = new java.util.ArrayList<>(List.of("repo", "add", "--signing-key", secretKey.toString(),
                "--passphrase-env", "PW", "--date", "2026-11-26T00:00:00Z", repo.toString()));
        a.addAll(List.of(more));
        return a.toArray(String[]::new);
    }

    @Test
    void addListRemove() throws IOException {
        Path repo = tmp.resolve("repo");
        R r = run(add(repo, v1.toString(), v2.toString()));
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("Added tiny 1.0-1 all to stable/main (pool/main/t/tiny/tiny_1.0-1_all.deb)"), r.out());
        assertTrue(Files.isRegularFile(repo.resolve("dists/stable/InRelease")));

        R again = run(add(repo, v1.toString()));
        assertEquals(0, again.exit(), again.err());
        assertTrue(again.out().contains("unchanged tiny 1.0-1 all"), again.out());

        R list = run("repo", "list", repo.toString());
        assertEquals(0, list.exit(), list.err());
        assertEquals("stable/main\ttiny\t1.0-1\tall\tpool/main/t/tiny/tiny_1.0-1_all.deb\n"
                + "stable/main\ttiny\t2.0-1\tall\tpool/main/t/tiny/tiny_2.0-1_all.deb\n", list.out());

        R rm = run("repo", "remove", "--signing-key", secretKey.toString(), "--passphrase-env", "PW", repo.toString(),
                "tiny=1.0-1");
        assertEquals(0, rm.exit(), rm.err());
        assertFalse(Files.exists(repo.resolve("pool/main/t/tiny/tiny_1.0-1_all.deb")));
    }

    @Test
    void refusalsExitOneNameTheOptionAndLeaveTheRepositoryAlone() throws IOException {
        Path repo = tmp.resolve("refusals");
        assertEquals(0, run(add(repo, v1.toString())).exit());
        Map<String, String> before = tree(repo);

        Path rebuilt = deb("rebuilt", "1.0-1", " rebuilt");
        R conflict = run(add(repo, rebuilt.toString()));
        assertEquals(1, conflict.exit());
        assertTrue(conflict.err().startsWith("make-deb repo add: FILE.deb '" + rebuilt + "': the repository already has "
                + "tiny 1.0-1 all"), conflict.err());
        assertTrue(conflict.err().contains("--force"), conflict.err());
        assertEquals(before, tree(repo));

        R wrongPass = run("repo", "add", "--signing-key", secretKey.toString(), "--passphrase-env", "BAD",
                repo.toString(), v2.toString());
        assertEquals(1, wrongPass.exit());
        assertTrue(wrongPass.err().contains("--passphrase-env 'BAD': the passphrase from the environment variable BAD "
                + "does not unlock the key"), wrongPass.err());
        assertFalse(wrongPass.err().contains("not it"), "the passphrase is never printed");

        R noKey = run("repo", "add", "--signing-key", tmp.resolve("missing.asc").toString(), repo.toString(),
                v2.toString());
        assertEquals(1, noKey.exit());
        assertTrue(noKey.err().contains("--signing-key '" + tmp.resolve("missing.asc") + "': does not exist."),
                noKey.err());

        Path corrupt = tmp.resolve("corrupt.deb");
        Files.write(corrupt, "!<arch>\ngarbage".getBytes(StandardCharsets.US_ASCII));
        R bad = run(add(repo, corrupt.toString()));
        assertEquals(1, bad.exit());
        assertTrue(bad.err().contains("FILE.deb '" + corrupt + "': is not a valid Debian package"), bad.err());

        R unsignedNotAsked = run("repo", "add", repo.toString(), v2.toString());
        assertEquals(1, unsignedNotAsked.exit(), unsignedNotAsked.err());
        assertTrue(unsignedNotAsked.err().contains("--signing-key: no signing key was given"), unsignedNotAsked.err());
        assertEquals(before, tree(repo));

        R forced = run(add(repo, "--force", rebuilt.toString()));
        assertEquals(0, forced.exit(), forced.err());
    }

    @Test
    void usageErrorsExitTwo() {
        assertEquals(2, run("repo", "add", tmp.toString()).exit(), "FILE.deb is required");
        assertEquals(2, run("repo", "frobnicate").exit());
        R help = run("repo", "--help");
        assertEquals(0, help.exit());
        assertTrue(help.out().contains("add") && help.out().contains("list") && help.out().contains("remove"), help.out());
    }

}
