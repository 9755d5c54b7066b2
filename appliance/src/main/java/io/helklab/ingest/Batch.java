package io.helklab.ingest;

import io.helklab.detection.live.Alert;
import io.helklab.ingest.normalize.NormalizedEvent;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * One poll's worth of records on their way to Elasticsearch: the normalised documents and their alerts, the
 * original records and the namespace each came from (to re-route a rejected document without losing it,
 * in its namespace) and the offsets to commit once Elasticsearch accepted every document.
 */
final class Batch {
    private final List<NormalizedEvent> documents;
    private final List<byte[]> originals;
    private final List<String> namespaces;
    private final Map<TopicPartition, OffsetAndMetadata> offsets;
    private final List<Alert> alerts;
    private final CompletableFuture<Void> done = new CompletableFuture<>();

    /**
     * @param namespaces per document, the namespace of its topic, {@code null} for HELK's own topics
     * @param alerts     the alerts the detection service raised on these documents, written in the same bulk
     */
    Batch(List<NormalizedEvent> documents, List<byte[]> originals, List<String> namespaces,
            Map<TopicPartition, OffsetAndMetadata> offsets, List<Alert> alerts) {
        this.documents = documents;
        this.originals = originals;
        this.namespaces = namespaces;
        this.offsets = offsets;
        this.alerts = alerts;
    }

    /** Alerts on this batch's events: indexed with them, and sent to Kafka once Elasticsearch has them. */
    List<Alert> alerts() {
        return alerts;
    }

    List<NormalizedEvent> documents() {
        return documents;
    }

    List<byte[]> originals() {
        return originals;
    }

    List<String> namespaces() {
        return namespaces;
    }

    /** The next offset per partition: what to commit once this batch is in Elasticsearch. */
    Map<TopicPartition, OffsetAndMetadata> offsets() {
        return offsets;
    }

    CompletableFuture<Void> done() {
        return done;
    }
}
