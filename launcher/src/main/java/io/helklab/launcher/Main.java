package io.helklab.launcher;

/** Entry point of {@code helk-lab.jar}. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        System.out.println("HELK lab");
    }
}
