package com.example.quarkus;

import io.quarkus.runtime.QuarkusApplication;
import io.quarkus.runtime.annotations.QuarkusMain;

/** Greets whoever the arguments name, with the mark the system property hello.mark gives. */
@QuarkusMain
public class Hello implements QuarkusApplication {
    @Override
    public int run(String... args) {
        System.out.println("Hello from Quarkus, " + String.join(" ", args) + System.getProperty("hello.mark", "."));
        return 0;
    }
}
