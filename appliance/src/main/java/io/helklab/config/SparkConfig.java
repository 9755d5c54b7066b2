package io.helklab.config;

/**
 * Local-mode Spark. The driver, its block manager and Spark Connect bind to loopback only.
 *
 * @param cores        worker threads ({@code local[cores]}); 0 means one per available processor
 * @param connectPort  Spark Connect gRPC port; 0 picks a free one
 */
public record SparkConfig(int cores, int connectPort) {
    public static final int DEFAULT_CONNECT_PORT = 15_002;

    public SparkConfig {
        if (cores < 0 || cores > 256) {
            throw new IllegalArgumentException("Spark cores must be between 0 (all) and 256, got " + cores);
        }
        Ports.check(connectPort, "the Spark Connect port");
    }

    public static SparkConfig defaults() {
        return new SparkConfig(0, DEFAULT_CONNECT_PORT);
    }

    public SparkConfig withConnectPort(int port) {
        return new SparkConfig(cores, port);
    }

    public SparkConfig withCores(int newCores) {
        return new SparkConfig(newCores, connectPort);
    }

    /** The Spark master URL for these settings. */
    public String master() {
        return cores == 0 ? "local[*]" : "local[" + cores + "]";
    }
}
