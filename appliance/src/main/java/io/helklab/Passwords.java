package io.helklab;

import java.security.SecureRandom;

/** Generated secrets: passwords for remote access, tokens for child processes. */
public final class Passwords {
    /**
     * The environment variable the launcher reads the appliance password from, and passes it on in to the JVM it
     * relaunches: an environment is visible to the same user only, a command line to everyone through {@code ps}.
     */
    public static final String ENVIRONMENT_VARIABLE = "HELK_LAB_PASSWORD";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final char[] ALPHABET = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789".toCharArray();

    private Passwords() {}

    /** A 20-character password without look-alike characters (about 117 bits). */
    public static String generate() {
        return generate(20);
    }

    /** A random string of the given length from an unambiguous alphabet. */
    public static String generate(int length) {
        char[] password = new char[length];
        for (int i = 0; i < length; i++) {
            password[i] = ALPHABET[RANDOM.nextInt(ALPHABET.length)];
        }
        return new String(password);
    }
}
