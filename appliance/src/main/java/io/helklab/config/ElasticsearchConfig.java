package io.helklab.config;

import java.util.Objects;

/**
 * The embedded Elasticsearch node. Its HTTP API listens on loopback only: Elasticsearch OSS has
 * no authentication, so remote users reach the data through the front door instead.
 *
 * @param port        HTTP port; 0 picks a free one
 * @param clusterName the cluster name reported by {@code GET /}
 * @param external    an existing cluster to attach to instead of the embedded node, or {@code null} for the node
 */
public record ElasticsearchConfig(int port, String clusterName, ExternalElasticsearchConfig external) {
    public static final int DEFAULT_PORT = 9200;

    public ElasticsearchConfig {
        Ports.check(port, "the Elasticsearch port");
        Objects.requireNonNull(clusterName, "clusterName");
        if (!clusterName.matches("[a-z0-9_-]+")) {
            throw new IllegalArgumentException("the cluster name may hold only a-z, 0-9, '_' and '-', got '" + clusterName + "'");
        }
    }

    /** The embedded node. */
    public ElasticsearchConfig(int port, String clusterName) {
        this(port, clusterName, null);
    }

    public static ElasticsearchConfig defaults() {
        return new ElasticsearchConfig(DEFAULT_PORT, "helk-lab");
    }

    public ElasticsearchConfig withPort(int newPort) {
        return new ElasticsearchConfig(newPort, clusterName, external);
    }

    /** Attaches to this cluster instead of starting the embedded node; {@code null} goes back to the node. */
    public ElasticsearchConfig withExternal(ExternalElasticsearchConfig cluster) {
        return new ElasticsearchConfig(port, clusterName, cluster);
    }

    /** Whether an existing cluster stands in for the embedded node. */
    public boolean isExternal() {
        return external != null;
    }
}
