package io.helklab.config;

/**
 * The embedded ZooKeeper. It always listens on loopback: only the broker talks to it.
 *
 * @param port client port; 0 picks a free one
 */
public record ZooKeeperConfig(int port) {
    public static final int DEFAULT_PORT = 2181;

    public ZooKeeperConfig {
        Ports.check(port, "the ZooKeeper port");
    }

    public static ZooKeeperConfig defaults() {
        return new ZooKeeperConfig(DEFAULT_PORT);
    }

    public ZooKeeperConfig withPort(int newPort) {
        return new ZooKeeperConfig(newPort);
    }
}
