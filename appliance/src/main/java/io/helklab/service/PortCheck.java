package io.helklab.service;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/**
 * Checks that fixed ports are free before anything starts, so a busy port fails the boot at once
 * with a message naming the port and its flag instead of half-way through with a library's error.
 */
public final class PortCheck {
    private PortCheck() {}

    /** Does nothing for port 0 (ephemeral); otherwise binds and releases the port once. */
    public static void requireFree(String serviceName, String host, int port, String flag) {
        if (port == 0) {
            return;
        }
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(host, port));
        } catch (IOException inUse) {
            throw new PortInUseException(serviceName, host, port, flag, inUse);
        }
    }
}
