package io.helklab.config;

/** Port validation shared by the configuration records. */
final class Ports {
    private Ports() {}

    /** Checks a listening port: 0 (ephemeral) or 1–65535. */
    static int check(int port, String what) {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException(what + " must be between 0 and 65535 (0 picks a free port), got " + port);
        }
        return port;
    }
}
