package io.helklab.config;

/**
 * Spark: local mode inside the appliance's JVM, or the driver here and the executors on an existing standalone
 * cluster. The driver, its block manager and Spark Connect bind to loopback unless a cluster's workers on other
 * machines need to reach the driver ({@link SparkClusterConfig#driverHost()}).
 *
 * @param cores        worker threads in local mode ({@code local[cores]}); 0 means one per available processor
 * @param connectPort  Spark Connect gRPC port; 0 picks a free one
 * @param cluster      the standalone cluster to run on, {@code null} for local mode
 */
public record SparkConfig(int cores, int connectPort, SparkClusterConfig cluster) {
    public static final int DEFAULT_CONNECT_PORT = 15_002;

    public SparkConfig {
        if (cores < 0 || cores > 256) {
            throw new IllegalArgumentException("Spark cores must be between 0 (all) and 256, got " + cores);
        }
        Ports.check(connectPort, "the Spark Connect port");
    }

    /** Local mode. */
    public SparkConfig(int cores, int connectPort) {
        this(cores, connectPort, null);
    }

    public static SparkConfig defaults() {
        return new SparkConfig(0, DEFAULT_CONNECT_PORT);
    }

    public SparkConfig withConnectPort(int port) {
        return new SparkConfig(cores, port, cluster);
    }

    public SparkConfig withCores(int newCores) {
        return new SparkConfig(newCores, connectPort, cluster);
    }

    /** Runs on this standalone cluster; {@code null} for local mode. */
    public SparkConfig withCluster(SparkClusterConfig newCluster) {
        return new SparkConfig(cores, connectPort, newCluster);
    }

    /** Whether the executors run on an external cluster. */
    public boolean external() {
        return cluster != null;
    }

    /** The Spark master URL for these settings. */
    public String master() {
        if (cluster != null) {
            return cluster.master();
        }
        return cores == 0 ? "local[*]" : "local[" + cores + "]";
    }

    /** The address the driver binds and advertises. */
    public String driverHost() {
        return cluster == null ? HelkLabConfig.LOOPBACK : cluster.driverHost();
    }
}
