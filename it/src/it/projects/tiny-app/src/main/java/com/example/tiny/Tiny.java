package com.example.tiny;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "tiny-app", mixinStandardHelpOptions = true, version = "tiny-app 1")
public class Tiny implements Runnable {

    @Parameters(defaultValue = "world")
    String name;

    @Override
    public void run() {
        System.out.println("Hello, " + name + "!");
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new Tiny()).execute(args));
    }
}
