package io.github.jpackagedeb.examples.service;

import java.nio.file.Path;
import java.util.Map;

/**
 * The service's settings, from the environment (systemd reads them from /etc/default/hello-service).
 *
 * @param port    HELLO_SERVICE_PORT, default 8080
 * @param bind    HELLO_SERVICE_BIND, default 127.0.0.1 (only local clients)
 * @param dataDir HELLO_SERVICE_DATA, default /var/lib/hello-service
 */
public record Settings(int port, String bind, Path dataDir) {

    public static final int DEFAULT_PORT = 8080;

    /** Reads the settings; a bad value is an {@link IllegalArgumentException} naming the variable. */
    public static Settings from(Map<String, String> env) {
        String p = env.getOrDefault("HELLO_SERVICE_PORT", "").strip();
        int port = DEFAULT_PORT;
        if (!p.isEmpty()) {
            try {
                port = Integer.parseInt(p);
            } catch (NumberFormatException e) {
                port = -1;
            }
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("HELLO_SERVICE_PORT='" + p + "' is not a TCP port (0-65535); "
                        + "fix it in /etc/default/hello-service");
            }
        }
        String bind = env.getOrDefault("HELLO_SERVICE_BIND", "").strip();
        String data = env.getOrDefault("HELLO_SERVICE_DATA", "").strip();
        return new Settings(port, bind.isEmpty() ? "127.0.0.1" : bind,
                Path.of(data.isEmpty() ? "/var/lib/hello-service" : data));
    }
}
