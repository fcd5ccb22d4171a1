package com.example.b;

import picocli.CommandLine;

@CommandLine.Command(name = "app-b", mixinStandardHelpOptions = true)
public class Main implements Runnable {

    @Override
    public void run() {
        System.out.println("app-b");
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new Main()).execute(args));
    }
}
