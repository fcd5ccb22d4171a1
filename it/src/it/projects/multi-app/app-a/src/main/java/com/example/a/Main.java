package com.example.a;

import picocli.CommandLine;

@CommandLine.Command(name = "app-a", mixinStandardHelpOptions = true)
public class Main implements Runnable {

    @Override
    public void run() {
        System.out.println("app-a");
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new Main()).execute(args));
    }
}
