package io.github.jpackagedeb.it.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;

/**
 * A static file server on 127.0.0.1 and an ephemeral port, in the test JVM ({@code com.sun.net.httpserver}): what
 * "serve the repository directory from any static host" means, at its simplest. Each mounted directory is served
 * under {@code /<name>/}; GET and HEAD only; no directory listings; paths with {@code ..} are refused. Requests are
 * logged ({@link #requests()}) so a test can show what apt fetched.
 */
public final class StaticHttpServer implements AutoCloseable {

    private final HttpServer server;
    private final Map<String, Path> mounts = new ConcurrentHashMap<>();
    private final List<String> requests = Collections.synchronizedList(new ArrayList<>());

    private StaticHttpServer(HttpServer server) {
        this.server = server;
    }

    /** Starts a server on 127.0.0.1, port chosen by the kernel. */
    public static StaticHttpServer start() {
        try {
            HttpServer s = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
            StaticHttpServer h = new StaticHttpServer(s);
            s.createContext("/", h::handle);
            s.setExecutor(Executors.newFixedThreadPool(4));
            s.start();
            return h;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the HTTP server on 127.0.0.1", e);
        }
    }

    /** Serves {@code dir} under {@code /<name>/}; returns the URL. */
    public String mount(String name, Path dir) {
        mounts.put(name, dir.toAbsolutePath().normalize());
        return url() + name + "/";
    }

    /** {@code http://127.0.0.1:<port>/}. */
    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/";
    }

    /** Every request so far: {@code <status> <method> <path>}. */
    public List<String> requests() {
        synchronized (requests) {
            return List.copyOf(requests);
        }
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String path = ex.getRequestURI().getPath();
            String method = ex.getRequestMethod();
            int status = serve(ex, method, path);
            requests.add(status + " " + method + " " + path);
        }
    }

    private int serve(HttpExchange ex, String method, String path) throws IOException {
        if (!method.equals("GET") && !method.equals("HEAD")) {
            return empty(ex, 405);
        }
        String[] parts = path.replaceFirst("^/", "").split("/", 2);
        Path base = mounts.get(parts[0]);
        if (base == null || parts.length < 2 || path.contains("..")) {
            return empty(ex, 404);
        }
        Path file = base.resolve(parts[1]).normalize();
        if (!file.startsWith(base) || !Files.isRegularFile(file)) {
            return empty(ex, 404);
        }
        long size = Files.size(file);
        ex.getResponseHeaders().set("Content-Type", "application/octet-stream");
        if (method.equals("HEAD")) {
            ex.getResponseHeaders().set("Content-Length", Long.toString(size));
            ex.sendResponseHeaders(200, -1);
            return 200;
        }
        ex.sendResponseHeaders(200, size == 0 ? -1 : size);
        try (OutputStream out = ex.getResponseBody()) {
            Files.copy(file, out);
        }
        return 200;
    }

    private static int empty(HttpExchange ex, int status) throws IOException {
        ex.sendResponseHeaders(status, -1);
        return status;
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
}
