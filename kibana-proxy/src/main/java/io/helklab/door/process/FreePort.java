package io.helklab.door.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** Picks a free loopback port for a child that cannot report the port it bound. */
public final class FreePort {
    private FreePort() {}

    /**
     * A port that was free a moment ago. Another program could take it before the child binds; the
     * child then fails to start and its supervisor retries.
     */
    public static int pick() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException failure) {
            throw new UncheckedIOException("could not find a free port on 127.0.0.1", failure);
        }
    }
}
