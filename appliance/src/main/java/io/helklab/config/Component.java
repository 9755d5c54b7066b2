package io.helklab.config;

import java.util.EnumSet;
import java.util.Set;

/** The parts of the appliance a configuration can switch on. */
public enum Component {
    ZOOKEEPER,
    KAFKA,
    ELASTICSEARCH,
    /** The Kafka → Elasticsearch ingest pipeline. */
    INDEXER,
    SPARK,
    /** Spark Structured Streaming analytics (the SYSMON_JOIN stream); needs Spark, Kafka and Elasticsearch. */
    STREAMS,
    /** The Spark Connect server on the appliance's Spark context; needs Spark. */
    SPARK_CONNECT;

    /** Everything. */
    public static Set<Component> all() {
        return EnumSet.allOf(Component.class);
    }

    /**
     * The given components plus what they need (Kafka needs ZooKeeper, the indexer Kafka and Elasticsearch, the
     * streams Spark, Kafka and Elasticsearch, Spark Connect Spark).
     */
    public static Set<Component> withRequirements(Set<Component> chosen) {
        EnumSet<Component> result = chosen.isEmpty() ? EnumSet.noneOf(Component.class) : EnumSet.copyOf(chosen);
        if (result.contains(INDEXER)) {
            result.add(KAFKA);
            result.add(ELASTICSEARCH);
        }
        if (result.contains(STREAMS)) {
            result.add(SPARK);
            result.add(KAFKA);
            result.add(ELASTICSEARCH);
        }
        if (result.contains(SPARK_CONNECT)) {
            result.add(SPARK);
        }
        if (result.contains(KAFKA)) {
            result.add(ZOOKEEPER);
        }
        return result;
    }
}
