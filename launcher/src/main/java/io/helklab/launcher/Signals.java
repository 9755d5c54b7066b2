package io.helklab.launcher;

import sun.misc.Signal;

/**
 * Turns SIGINT and SIGTERM into an orderly stop with exit code 0.
 *
 * <p>A plain JVM shutdown hook would also stop the services, but the JVM then exits with
 * 128 + signal (130, 143); handling the signals lets the main thread stop everything and exit 0.
 */
final class Signals {
    private Signals() {}

    static void onStopRequest(Runnable action) {
        for (String name : new String[] {"INT", "TERM"}) {
            try {
                Signal.handle(new Signal(name), signal -> action.run());
            } catch (IllegalArgumentException unsupported) {
                // the platform does not have this signal; the shutdown hook still covers it
            }
        }
    }
}
