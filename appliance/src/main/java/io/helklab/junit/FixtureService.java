package io.helklab.junit;

import io.helklab.config.Component;

/**
 * The services a {@link HelkLabTest} can ask for. Requirements are added automatically: Kafka brings
 * ZooKeeper, the indexer brings Kafka and Elasticsearch.
 */
public enum FixtureService {
    ELASTICSEARCH(Component.ELASTICSEARCH),
    KAFKA(Component.KAFKA),
    /** The Kafka → Elasticsearch ingest pipeline that {@link HuntNamespace} sends events through. */
    INDEXER(Component.INDEXER),
    /** Local-mode Spark; one per JVM, so tests that use it need their own JVM (see {@link HelkLabTest}). */
    SPARK(Component.SPARK);

    private final Component component;

    FixtureService(Component component) {
        this.component = component;
    }

    /** The appliance component this service maps to. */
    public Component component() {
        return component;
    }
}
