package io.helklab.kafka;

import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The client properties (SASL, TLS) of an attached Kafka cluster, known by its bootstrap servers inside this JVM,
 * so every producer, consumer and admin client of the appliance built from {@code HelkLab.kafkaBootstrapServers()}
 * reaches the cluster without carrying the secrets itself. The embedded broker on loopback needs none. Thread-safe.
 */
public final class KafkaClientSettings {
    private static final Map<String, Map<String, String>> REGISTERED = new ConcurrentHashMap<>();

    private KafkaClientSettings() {
    }

    /** Registers the properties for clients of these bootstrap servers, until {@link #unregister}. */
    public static void register(String bootstrapServers, Map<String, String> properties) {
        REGISTERED.put(bootstrapServers, Map.copyOf(properties));
    }

    public static void unregister(String bootstrapServers) {
        REGISTERED.remove(bootstrapServers);
    }

    /** New client properties: the bootstrap servers and whatever was registered for them. */
    public static Properties properties(String bootstrapServers) {
        Properties properties = new Properties();
        properties.putAll(REGISTERED.getOrDefault(bootstrapServers, Map.of()));
        properties.put("bootstrap.servers", bootstrapServers);
        return properties;
    }

    /** The same settings as options of Spark's Kafka source and sink, which take them prefixed with {@code kafka.}. */
    public static Map<String, String> sparkOptions(String bootstrapServers) {
        Map<String, String> options = new HashMap<>();
        properties(bootstrapServers).forEach((key, value) -> options.put("kafka." + key, value.toString()));
        return options;
    }
}
