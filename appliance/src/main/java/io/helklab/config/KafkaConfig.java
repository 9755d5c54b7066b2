package io.helklab.config;

import io.helklab.schema.TopicNames;
import java.util.List;
import java.util.Objects;

/**
 * The embedded Kafka broker (ZooKeeper mode).
 *
 * @param port           the port shippers use; 0 picks a free one
 * @param advertisedHost the host name shippers on other machines must use to reach this broker
 *                       (a classroom laptop's address); {@code null} advertises the bind address
 * @param topics         topics created at start, one partition each, as HELK did
 * @param external       an existing cluster to attach to instead of the embedded broker and its ZooKeeper, or
 *                       {@code null} for the broker
 */
public record KafkaConfig(int port, String advertisedHost, List<String> topics, ExternalKafkaConfig external) {
    public static final int DEFAULT_PORT = 9092;
    public static final List<String> DEFAULT_TOPICS = List.of(TopicNames.WINLOGBEAT, TopicNames.WINEVENT, TopicNames.SYSMON_JOIN,
            TopicNames.ALERTS);

    public KafkaConfig {
        Ports.check(port, "the Kafka port");
        if (advertisedHost != null && advertisedHost.isBlank()) {
            throw new IllegalArgumentException("the Kafka advertised host must not be blank");
        }
        topics = List.copyOf(Objects.requireNonNull(topics, "topics"));
        for (String topic : topics) {
            if (!topic.matches("[A-Za-z0-9._-]{1,249}")) {
                throw new IllegalArgumentException("'" + topic + "' is not a valid Kafka topic name "
                        + "(letters, digits, '.', '_' and '-', at most 249)");
            }
        }
    }

    /** The embedded broker. */
    public KafkaConfig(int port, String advertisedHost, List<String> topics) {
        this(port, advertisedHost, topics, null);
    }

    public static KafkaConfig defaults() {
        return new KafkaConfig(DEFAULT_PORT, null, DEFAULT_TOPICS);
    }

    public KafkaConfig withPort(int newPort) {
        return new KafkaConfig(newPort, advertisedHost, topics, external);
    }

    public KafkaConfig withAdvertisedHost(String host) {
        return new KafkaConfig(port, host, topics, external);
    }

    public KafkaConfig withTopics(List<String> newTopics) {
        return new KafkaConfig(port, advertisedHost, newTopics, external);
    }

    /** Attaches to this cluster instead of starting the embedded broker; {@code null} goes back to the broker. */
    public KafkaConfig withExternal(ExternalKafkaConfig cluster) {
        return new KafkaConfig(port, advertisedHost, topics, cluster);
    }

    /** Whether an existing cluster stands in for the embedded broker (and no ZooKeeper starts). */
    public boolean isExternal() {
        return external != null;
    }
}
