package io.github.jpackagedeb.core.runtime;

import io.github.jpackagedeb.core.DebLog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The runtime metadata the cache keeps: its v1 on-disk form, and the round trip through a real cache entry. */
class RuntimeMetadataTest {

    @TempDir
    Path tmp;

    static final RuntimeMetadata FULL = new RuntimeMetadata(List.of("java.base", "java.logging", "jdk.jfr"),
            new Platform("linux", "aarch64"), "arm64", "Debian 17.0.15+6-Debian-1deb12u1", true, true,
            List.of("lib/libawt_xawt.so", "lib/libfontmanager.so"), List.of("libc6 (>= 2.34)", "zlib1g (>= 1:1.2.0)"),
            List.of("libasound2 (>= 1.0.16)"));

    /** The meta lines as the cache's format v1 has always written them (older entries hold exactly these). */
    static final String V1_META = """
            meta modules=java.base,java.logging,jdk.jfr
            meta platform=linux-aarch64
            meta arch=arm64
            meta jdk=Debian 17.0.15+6-Debian-1deb12u1
            meta stripped=true
            meta cds=true
            meta headless-removed=lib/libawt_xawt.so, lib/libfontmanager.so
            meta depends=libc6 (>= 2.34), zlib1g (>= 1:1.2.0)
            meta recommends=libasound2 (>= 1.0.16)
            """;

    @Test
    void writesTheV1FormKeyByKeyInOrder() {
        StringBuilder sb = new StringBuilder();
        FULL.toProperties().forEach((k, v) -> sb.append("meta ").append(k).append('=').append(v).append('\n'));
        assertEquals(V1_META, sb.toString());
    }

    @Test
    void roundTripsWithAndWithoutLists() {
        assertEquals(FULL, RuntimeMetadata.fromProperties(FULL.toProperties()));
        RuntimeMetadata bare = new RuntimeMetadata(List.of("java.base"), new Platform("linux", "amd64"), "amd64",
                "Eclipse Adoptium 21.0.4+7-LTS", false, false, List.of(), List.of(), List.of());
        assertEquals(bare, RuntimeMetadata.fromProperties(bare.toProperties()));
        RuntimeMetadata linked = bare.withLibraries(List.of(), List.of("libc6"), List.of());
        assertEquals(List.of("libc6"), linked.depends());
        assertEquals(bare.jdk(), linked.jdk());
    }

    @Test
    void aMissingKeyOrABadValueIsRefused() {
        Map<String, String> p = new LinkedHashMap<>(FULL.toProperties());
        p.remove("depends");
        assertThrows(IllegalArgumentException.class, () -> RuntimeMetadata.fromProperties(p));
        Map<String, String> q = new LinkedHashMap<>(FULL.toProperties());
        q.put("cds", "yes");
        assertThrows(IllegalArgumentException.class, () -> RuntimeMetadata.fromProperties(q));
        Map<String, String> r = new LinkedHashMap<>(FULL.toProperties());
        r.put("platform", "linux");
        assertThrows(IllegalArgumentException.class, () -> RuntimeMetadata.fromProperties(r));
    }

    @Test
    void roundTripsThroughACacheEntryAndReadsAnEntryOfTheOldCode() throws IOException {
        RuntimeCache cache = RuntimeCache.open(tmp.resolve("cache"), null, DebLog.SILENT);
        RuntimeCache.Entry built = cache.image("17-arm64-test", dir -> {
            Files.createDirectories(dir.resolve("lib"));
            Files.writeString(dir.resolve("release"), "JAVA_VERSION=\"17.0.15\"\n");
            return FULL;
        });
        assertFalse(built.reused());
        String manifest = Files.readString(built.dir().resolve("manifest"));
        assertTrue(manifest.startsWith("jpackage-deb runtime manifest 1\n" + V1_META + "d lib\n"), manifest);
        RuntimeCache.Entry again = RuntimeCache.verify(built.dir());
        assertTrue(again.reused());
        assertEquals(FULL, again.meta());

        // damaged metadata: the entry is corrupt, so the cache builds it again
        Files.writeString(built.dir().resolve("manifest"), manifest.replace("meta cds=true", "meta cds=maybe"));
        assertThrows(RuntimeCache.CorruptEntry.class, () -> RuntimeCache.verify(built.dir()));
        Files.writeString(built.dir().resolve("manifest"), manifest.replace("meta depends=", "meta depends"));
        assertThrows(RuntimeCache.CorruptEntry.class, () -> RuntimeCache.verify(built.dir()));
    }
}
