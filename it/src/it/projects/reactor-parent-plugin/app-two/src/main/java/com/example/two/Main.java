package com.example.two;

public final class Main {
    public static void main(String[] args) {
        System.out.println("app-two " + String.join(" ", args));
    }
}
