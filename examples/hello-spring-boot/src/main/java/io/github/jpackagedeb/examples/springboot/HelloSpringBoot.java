package io.github.jpackagedeb.examples.springboot;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.LinkedHashMap;
import java.util.Map;

/** A small Spring Boot web service: {@code GET /health} answers {@code {"status":"UP","version":"…"}}. */
@SpringBootApplication
@RestController
public class HelloSpringBoot {

    /** The version from the jar's manifest (Implementation-Version), "unknown" when run from classes. */
    static String version() {
        String v = HelloSpringBoot.class.getPackage().getImplementationVersion();
        return v == null ? "unknown" : v;
    }

    @GetMapping("/health")
    public Map<String, Object> health() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("status", "UP");
        m.put("version", version());
        return m;
    }

    public static void main(String[] args) {
        SpringApplication.run(HelloSpringBoot.class, args);
    }
}
