package io.github.jpackagedeb.examples.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.javalin.Javalin;
import io.javalin.json.JavalinJackson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.bridge.SLF4JBridgeHandler;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Map;
import java.util.Properties;

/**
 * A small HTTP service: {@code GET /health} answers {@code {"status":"UP","version":…,"starts":…}} and
 * {@code GET /hello?name=x} greets; {@code GET /primes?n=N} counts the primes below N, the CPU-hot endpoint a
 * profile of the service shows ({@link PrimeCounter#countPrimes}). Each start is recorded in the data directory.
 */
public final class HelloService {

    private static final Logger LOG = LoggerFactory.getLogger(HelloService.class);

    private final Javalin app;

    private HelloService(Javalin app) {
        this.app = app;
    }

    public static void main(String[] args) {
        SLF4JBridgeHandler.removeHandlersForRootLogger();
        SLF4JBridgeHandler.install();
        Settings settings;
        try {
            settings = Settings.from(System.getenv());
        } catch (IllegalArgumentException e) {
            System.err.println("hello-service: " + e.getMessage());
            System.exit(2);
            return;
        }
        HelloService service = start(settings, Instant.now());
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            LOG.info("stopping");
            service.stop();
        }, "shutdown"));
    }

    /** Records the start, then serves on the configured address and port (0 = any free port). */
    public static HelloService start(Settings settings, Instant now) {
        String version = version();
        long starts;
        try {
            starts = new StartLog(settings.dataDir()).recordStart(version, now);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot record the start in " + settings.dataDir(), e);
        }
        ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
        Health health = new Health("UP", version, starts, now);
        Javalin app = Javalin.create(c -> {
            c.showJavalinBanner = false;
            c.jsonMapper(new JavalinJackson(json, false));
        });
        app.get("/health", ctx -> ctx.json(health));
        app.get("/hello", ctx -> ctx.json(Map.of("greeting",
                "Hello, " + ctx.queryParamAsClass("name", String.class).getOrDefault("world") + "!")));
        app.get("/primes", ctx -> {
            int n = ctx.queryParamAsClass("n", Integer.class)
                    .check(v -> v >= 0 && v <= PrimeCounter.MAX_N, "n must be from 0 to " + PrimeCounter.MAX_N)
                    .getOrDefault(100_000);
            ctx.json(Map.of("n", n, "primes", PrimeCounter.countPrimes(n)));
        });
        app.start(settings.bind(), settings.port());
        LOG.info("hello-service {} listening on {}:{} (start #{}, data in {})", version, settings.bind(), app.port(),
                starts, settings.dataDir());
        return new HelloService(app);
    }

    /** The port the server listens on. */
    public int port() {
        return app.port();
    }

    public void stop() {
        app.stop();
    }

    /** The version from the build (filtered version.properties). */
    public static String version() {
        try (InputStream in = HelloService.class.getResourceAsStream("version.properties")) {
            Properties p = new Properties();
            if (in != null) {
                p.load(in);
            }
            return p.getProperty("version", "unknown");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
