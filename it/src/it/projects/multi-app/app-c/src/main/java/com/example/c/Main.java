package com.example.c;

import picocli.CommandLine;

@CommandLine.Command(name = "app-c", mixinStandardHelpOptions = true)
public class Main implements Runnable {

    @Override
    public void run() {
        System.out.println("app-c");
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new Main()).execute(args));
    }
}
