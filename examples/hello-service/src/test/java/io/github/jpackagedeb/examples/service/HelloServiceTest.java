package io.github.jpackagedeb.examples.service;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HelloServiceTest {

    @TempDir
    Path data;

    @Test
    void healthAnswersWithTheVersionAndCountsStarts() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        for (int i = 1; i <= 2; i++) {
            HelloService s = HelloService.start(new Settings(0, "127.0.0.1", data), Instant.parse("2026-01-01T00:00:00Z"));
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + s.port() + "/health")).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertEquals(200, r.statusCode());
                assertEquals("{\"status\":\"UP\",\"version\":\"" + System.getProperty("hello.expected.version")
                        + "\",\"starts\":" + i + ",\"since\":\"2026-01-01T00:00:00Z\"}", r.body());
                HttpResponse<String> h = http.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + s.port() + "/hello?name=deb")).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertEquals("{\"greeting\":\"Hello, deb!\"}", h.body());
            } finally {
                s.stop();
            }
        }
        assertEquals("2\n", Files.readString(data.resolve("starts")));
        assertEquals(2, Files.readAllLines(data.resolve("starts.log")).size());
    }

    @Test
    void primesCountsPrimesAndRejectsAnOutOfRangeN() throws Exception {
        assertEquals(0, PrimeCounter.countPrimes(2));
        assertEquals(25, PrimeCounter.countPrimes(100));
        assertEquals(78498, PrimeCounter.countPrimes(1_000_000));
        HttpClient http = HttpClient.newHttpClient();
        HelloService s = HelloService.start(new Settings(0, "127.0.0.1", data), Instant.parse("2026-01-01T00:00:00Z"));
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + s.port() + "/primes?n=1000")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, r.statusCode());
            assertTrue(r.body().contains("\"primes\":168"), r.body());
            HttpResponse<String> bad = http.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + s.port() + "/primes?n=-1")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(400, bad.statusCode(), bad.body());
        } finally {
            s.stop();
        }
    }

    @Test
    void settingsComeFromTheEnvironment() {
        Settings d = Settings.from(Map.of());
        assertEquals(8080, d.port());
        assertEquals("127.0.0.1", d.bind());
        assertEquals(Path.of("/var/lib/hello-service"), d.dataDir());
        Settings s = Settings.from(Map.of("HELLO_SERVICE_PORT", "8123", "HELLO_SERVICE_BIND", "0.0.0.0",
                "HELLO_SERVICE_DATA", "/tmp/x"));
        assertEquals(new Settings(8123, "0.0.0.0", Path.of("/tmp/x")), s);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Settings.from(Map.of("HELLO_SERVICE_PORT", "http")));
        assertTrue(e.getMessage().contains("/etc/default/hello-service"), e.getMessage());
    }
}
