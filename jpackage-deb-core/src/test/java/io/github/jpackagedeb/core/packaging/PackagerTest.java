package io.github.jpackagedeb.core.packaging;

import io.github.jpackagedeb.core.DebException;
import io.github.jpackagedeb.core.DebLog;
import io.github.jpackagedeb.core.Setting;
import io.github.jpackagedeb.core.archive.Compression;
import io.github.jpackagedeb.core.app.AppClosure;
import io.github.jpackagedeb.core.app.AppSpec;
import io.github.jpackagedeb.core.app.Jar;
import io.github.jpackagedeb.core.assembly.TestJars;
import io.github.jpackagedeb.core.debiandir.DebianDirectory;
import io.github.jpackagedeb.core.debiandir.SpecDraft;
import io.github.jpackagedeb.core.control.PackageSpec;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The facade: timestamp resolution, the package's fields, and a whole jar-only build with .changes. */
class PackagerTest {

    private static final Instant NOW = Instant.parse("2030-05-06T07:08:09Z");

    @TempDir
    Path tmp;
    final List<String> warnings = new ArrayList<>();
    final DebLog log = new DebLog() {
        @Override public void debug(String message) { }
        @Override public void info(String message) { }
        @Override public void warn(String message) {
            warnings.add(message);
        }
    };
    AppClosure.Result app;

    @BeforeEach
    void jar() throws IOException {
        Path jar = TestJars.jar(tmp.resolve("in/hello-1.0.jar"), "com.example.Main", "com/example/Main.class", "x");
        app = new AppClosure.Result(AppSpec.builder().mainJar(new Jar(jar, "com.example:hello:1.0")).build(), false,
                Map.of());
    }

    BuildRequest.Builder request() {
        return BuildRequest.builder()
                .draft(SpecDraft.empty().configured(Setting.PACKAGE_NAME, "hello", "--package")
                        .configured(Setting.MAINTAINER, "Jane Doe <jane@example.org>", "--maintainer")
                        .configured(Setting.DESCRIPTION, "says hello", "--description"))
                .version(VersionInput.upstream("1.0-SNAPSHOT", null, null, "--upstream-version 1.0-SNAPSHOT"))
                .app(app).outputDirectory(tmp.resolve("out")).cacheDirectory(tmp.resolve("cache"))
                .compression(Compression.GZIP).now(NOW).log(log);
    }

    @Test
    void theTimestampIsTheExplicitOneElseSourceDateEpochElseTheChangelogsElseNowWithAWarning() throws IOException {
        DebianDirectory none = DebianDirectory.read(null);
        assertEquals(Instant.parse("2026-01-01T00:00:00Z"), Packager.timestamp(request()
                .timestamp("2026-01-01T00:00:00Z").environment(Map.of("SOURCE_DATE_EPOCH", "5")).build(), none));
        assertEquals(Instant.ofEpochSecond(5), Packager.timestamp(request()
                .environment(Map.of("SOURCE_DATE_EPOCH", "5")).build(), none));
        assertTrue(warnings.isEmpty(), warnings.toString());
        assertEquals(NOW, Packager.timestamp(request().reproducibleFix("pass --timestamp.").build(), none));
        assertEquals(1, warnings.size());
        assertTrue(warnings.get(0).contains("Fix: pass --timestamp."), warnings.get(0));

        DebException e = assertThrows(DebException.class, () -> Packager.timestamp(request()
                .environment(Map.of("SOURCE_DATE_EPOCH", "yesterday")).build(), none));
        assertEquals("SOURCE_DATE_EPOCH", e.field());
        assertEquals("yesterday", e.value());
        e = assertThrows(DebException.class, () -> Packager.timestamp(request().timestamp("soon").build(), none));
        assertEquals("outputTimestamp", e.field());

        Path debian = Files.createDirectories(tmp.resolve("debian"));
        Files.writeString(debian.resolve("changelog"), "hello (1.0-1) unstable; urgency=medium\n\n  * First.\n\n"
                + " -- Jane Doe <jane@example.org>  Thu, 01 Jan 2026 12:00:00 +0000\n");
        DebianDirectory withChangelog = DebianDirectory.read(debian);
        assertEquals(Instant.parse("2026-01-01T12:00:00Z"), Packager.timestamp(request().changelogDateFallback(true)
                .build(), withChangelog));
        assertEquals(NOW, Packager.timestamp(request().build(), withChangelog), "only when the front end asks");
    }

    @Test
    void theRuntimeModeIsJlinkOrNoneAndABadOneNamesTheSetting() {
        assertEquals(RuntimeChoice.Mode.JLINK, RuntimeChoice.Mode.parse(null));
        assertEquals(RuntimeChoice.Mode.NONE, RuntimeChoice.Mode.parse(" None "));
        DebException e = assertThrows(DebException.class, () -> RuntimeChoice.Mode.parse("jre"));
        assertEquals("runtime", e.field());
        assertEquals("jre", e.value());
        assertTrue(e.fix().contains("jlink") && e.fix().contains("none"), e.fix());
    }

    @Test
    void theVersionIsMappedWithTheBuildTimestampAndTheLongDescriptionDerivedLast() {
        BuildRequest r = request().longDescription((name, jars) -> "The " + name + " app with " + jars + " jar(s).",
                "the project <description>").build();
        PackageSpec spec = Packager.spec(r, DebianDirectory.read(null), Instant.parse("2026-01-02T03:04:05Z"), 1);
        assertEquals("1.0~snapshot.20260102030405-1", spec.version().toString());
        assertEquals("The hello app with 1 jar(s).", spec.longDescription());
    }

    @Test
    void checkListsEveryProblemTogether() {
        BuildRequest r = BuildRequest.builder().app(app).outputDirectory(tmp.resolve("out"))
                .draft(SpecDraft.empty().configured(Setting.PACKAGE_NAME, "Bad_Name", "--package")
                        .configured(Setting.HOMEPAGE, "not a url", "--homepage"))
                .environment(Map.of("SOURCE_DATE_EPOCH", "soon")).now(NOW).log(log).build();
        List<String> fields = Packager.check(r).stream().map(DebException::field).toList();
        assertEquals(List.of("SOURCE_DATE_EPOCH", "packageName", "maintainer", "description", "homepage", "version"),
                fields.stream().sorted(java.util.Comparator.comparing(f -> List.of("SOURCE_DATE_EPOCH",
                        "packageName", "maintainer", "description", "homepage", "version").indexOf(f))).toList(),
                fields.toString());
        assertEquals(List.of(), Packager.check(request().timestamp("0").build()), "a good request has none");
    }

    @Test
    void architectureAnyWithoutARuntimeIsAnErrorNotASilentAll() throws IOException {
        Path debian = Files.createDirectories(tmp.resolve("debian-any"));
        Files.writeString(debian.resolve("control"), "Source: hello\nMaintainer: Jane Doe <jane@example.org>\n\n"
                + "Package: hello\nArchitecture: any\nDescription: says hello\n hello.\n");
        DebException e = assertThrows(DebException.class, () -> Packager.build(request().timestamp("0")
                .debianDirectory(debian).build()));
        assertEquals("architecture", e.field());
        assertEquals("any", e.value());
        assertTrue(e.fix().contains("runtime jlink"), e.fix());
        assertFalse(Files.exists(tmp.resolve("out")), "nothing written");
        assertEquals(List.of("architecture"), Packager.check(request().timestamp("0").debianDirectory(debian).build())
                .stream().map(DebException::field).toList());
    }

    @Test
    void buildWritesTheDebAndItsUploadFilesWithTheSameBytesEachTime() throws IOException {
        Packager.Result a = Packager.build(request().timestamp("2026-01-02T03:04:05Z").build());
        assertEquals("hello_1.0~snapshot.20260102030405-1_all.deb", a.deb().getFileName().toString());
        assertFalse(a.signed());
        Path changes = a.deb().resolveSibling("hello_1.0~snapshot.20260102030405-1_all.changes");
        assertTrue(Files.isRegularFile(changes), "the .changes is written by default");
        byte[] first = Files.readAllBytes(a.deb());
        Files.delete(changes);
        Packager.Result b = Packager.build(request().timestamp("2026-01-02T03:04:05Z").changes(false).build());
        assertArrayEquals(first, Files.readAllBytes(b.deb()));
        assertFalse(Files.exists(changes), "--no-changes writes none");
    }
}
