package com.example.one;

public final class Main {
    public static void main(String[] args) {
        System.out.println("app-one " + String.join(" ", args));
    }
}
