package io.helklab.config;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * An existing Kafka cluster the appliance attaches to instead of starting its own broker and ZooKeeper.
 *
 * @param bootstrapServers  {@code host:port[,host:port…]}
 * @param clientProperties  Kafka client properties for every producer, consumer and admin client (SASL, TLS), as
 *                          {@code --kafka-config FILE} gives them; never shown by {@link #toString()}
 * @param minimumPartitions how many partitions each input topic must have at least; an existing topic with fewer
 *                          fails the start, a missing one is created with this many
 */
public record ExternalKafkaConfig(String bootstrapServers, Map<String, String> clientProperties, int minimumPartitions) {

    public ExternalKafkaConfig {
        Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        for (String server : bootstrapServers.split(",")) {
            if (!server.strip().matches("[A-Za-z0-9._\\-\\[\\]:]+:\\d{1,5}")) {
                throw new IllegalArgumentException("--kafka takes HOST:PORT[,HOST:PORT…], got '" + server.strip() + "' in '"
                        + bootstrapServers + "'");
            }
        }
        clientProperties = Map.copyOf(Objects.requireNonNull(clientProperties, "clientProperties"));
        if (clientProperties.containsKey("bootstrap.servers")) {
            throw new IllegalArgumentException("--kafka-config must not set bootstrap.servers; pass the brokers with --kafka");
        }
        if (minimumPartitions < 1) {
            throw new IllegalArgumentException("--kafka-min-partitions must be at least 1, got " + minimumPartitions);
        }
    }

    /** A cluster without client settings at these brokers; topics need one partition. */
    public static ExternalKafkaConfig at(String bootstrapServers) {
        return new ExternalKafkaConfig(bootstrapServers, Map.of(), 1);
    }

    public ExternalKafkaConfig withClientProperties(Map<String, String> properties) {
        return new ExternalKafkaConfig(bootstrapServers, properties, minimumPartitions);
    }

    public ExternalKafkaConfig withMinimumPartitions(int partitions) {
        return new ExternalKafkaConfig(bootstrapServers, clientProperties, partitions);
    }

    @Override
    public String toString() {
        return "ExternalKafkaConfig[bootstrapServers=" + bootstrapServers + ", clientProperties="
                + new TreeMap<>(clientProperties).keySet() + ", minimumPartitions=" + minimumPartitions + "]";
    }
}
