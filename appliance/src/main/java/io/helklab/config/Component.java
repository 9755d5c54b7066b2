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
    SPARK;

    /** Everything. */
    public static Set<Component> all() {
        return EnumSet.allOf(Component.class);
    }

    /** The given components plus what they need (Kafka needs ZooKeeper, the indexer Kafka and Elasticsearch). */
    public static Set<Component> withRequirements(Set<Component> chosen) {
        EnumSet<Component> result = chosen.isEmpty() ? EnumSet.noneOf(Component.class) : EnumSet.copyOf(chosen);
        if (result.contains(INDEXER)) {
            result.add(KAFKA);
            result.add(ELASTICSEARCH);
        }
        if (result.contains(KAFKA)) {
            result.add(ZOOKEEPER);
        }
        return result;
    }
}
