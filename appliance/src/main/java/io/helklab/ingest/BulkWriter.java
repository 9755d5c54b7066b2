package io.helklab.ingest;

import io.helklab.detection.live.Alert;
import io.helklab.ingest.normalize.Disposition;
import io.helklab.ingest.normalize.EventNormalizer;
import io.helklab.ingest.normalize.NormalizedEvent;
import io.helklab.schema.IndexNames;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.elasticsearch.action.ActionListener;
import org.elasticsearch.action.bulk.BulkItemResponse;
import org.elasticsearch.action.bulk.BulkRequest;
import org.elasticsearch.action.bulk.BulkResponse;
import org.elasticsearch.action.index.IndexRequest;
import org.elasticsearch.common.xcontent.XContentType;
import org.elasticsearch.rest.RestStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends batches to Elasticsearch (the embedded node's own client, or HTTP to an attached cluster) and completes a batch only when every
 * document is in.
 *
 * <p>Back-pressure (429, 503, a failed bulk) is retried with exponential backoff, never dropped. A
 * document Elasticsearch refuses for its content (a mapping conflict, 400) is re-routed as a parse
 * failure carrying the original record and Elasticsearch's reason. Only when the writer is closing
 * does a batch complete exceptionally, which leaves its offsets uncommitted for the next start.
 */
final class BulkWriter {
    private static final Logger LOG = LoggerFactory.getLogger(BulkWriter.class);
    private static final long FIRST_BACKOFF_MILLIS = 50;
    private static final long MAX_BACKOFF_MILLIS = 10_000;
    private static final int MAX_CONTENT_REJECTIONS = 3;

    private final IndexingClient client;
    private final EventNormalizer normalizer;
    private final IngestStatistics statistics;
    private final ScheduledExecutorService retries;
    private volatile boolean closing;

    BulkWriter(IndexingClient client, EventNormalizer normalizer, IngestStatistics statistics, ScheduledExecutorService retries) {
        this.client = client;
        this.normalizer = normalizer;
        this.statistics = statistics;
        this.retries = retries;
    }

    /**
     * One document on its way, with its original record, its namespace and how often Elasticsearch refused its
     * content. An alert's source is its JSON, which is also its "original": refused, it becomes a parse failure
     * like any other document.
     */
    private record Pending(NormalizedEvent document, byte[] original, String namespace, int contentRejections,
                           boolean alert) {}

    void write(Batch batch) {
        List<Pending> pending = new ArrayList<>(batch.documents().size() + batch.alerts().size());
        for (int i = 0; i < batch.documents().size(); i++) {
            pending.add(new Pending(batch.documents().get(i), batch.originals().get(i), batch.namespaces().get(i), 0,
                    false));
        }
        for (Alert alert : batch.alerts()) {
            byte[] json = alert.json();
            pending.add(new Pending(new NormalizedEvent(alert.index(), alert.id(), json, Disposition.CHANNEL, null, null),
                    json, namespaceOf(alert.index()), 0, true));
        }
        send(batch, pending, 0);
    }

    private static String namespaceOf(String alertIndex) {
        int start = alertIndex.indexOf("." + IndexNames.ALERTS_PREFIX);
        return start <= 0 ? null : alertIndex.substring(0, start);
    }

    void close() {
        closing = true;
    }

    private void send(Batch batch, List<Pending> pending, int attempt) {
        if (closing) {
            batch.done().completeExceptionally(new IllegalStateException("the indexer is stopping"));
            return;
        }
        BulkRequest request = new BulkRequest();
        for (Pending item : pending) {
            NormalizedEvent document = item.document();
            request.add(new IndexRequest(document.index()).id(document.id()).source(document.source(),
                    item.alert() ? XContentType.JSON : XContentType.SMILE));
        }
        try {
            client.bulk(request, ActionListener.wrap(
                    response -> onResponse(batch, pending, response, attempt),
                    failure -> retryLater(batch, pending, attempt, failure.toString())));
        } catch (RuntimeException refused) {
            retryLater(batch, pending, attempt, refused.toString());
        }
    }

    private void onResponse(Batch batch, List<Pending> pending, BulkResponse response, int attempt) {
        List<Pending> again = new ArrayList<>();
        long channel = 0;
        long catchAll = 0;
        long parseFailures = 0;
        long alerts = 0;
        BulkItemResponse[] items = response.getItems();
        for (int i = 0; i < items.length; i++) {
            Pending item = pending.get(i);
            BulkItemResponse result = items[i];
            if (!result.isFailed() && item.alert()) {
                alerts++;
                continue;
            }
            if (!result.isFailed()) {
                switch (item.document().disposition()) {
                    case CHANNEL -> channel++;
                    case CATCH_ALL -> catchAll++;
                    case PARSE_FAILURE -> parseFailures++;
                }
                continue;
            }
            RestStatus status = result.status();
            if (status == RestStatus.TOO_MANY_REQUESTS || status == RestStatus.SERVICE_UNAVAILABLE
                    || status.getStatus() >= 500) {
                again.add(item);
            } else {
                statistics.rejected(1);
                again.add(reroute(item, result.getFailureMessage()));
            }
        }
        statistics.indexed(channel, catchAll, parseFailures);
        statistics.alerts(alerts);
        again.removeIf(item -> item == null);
        if (again.isEmpty()) {
            batch.done().complete(null);
        } else {
            statistics.retried(again.size());
            retryLater(batch, again, attempt, again.size() + " documents were not accepted");
        }
    }

    /** A document Elasticsearch refused for its content becomes a parse failure with the original bytes. */
    private Pending reroute(Pending item, String elasticsearchReason) {
        if (item.document().disposition() == Disposition.PARSE_FAILURE
                && item.contentRejections() + 1 >= MAX_CONTENT_REJECTIONS) {
            // Only a parse-failure document refused again and again ends here: its mapping is tiny and fixed,
            // so this means the index itself is broken; say so loudly with the record, rather than loop forever.
            LOG.error("Elasticsearch refused parse-failure document {} for {} {} times ({}); original record: {}",
                    item.document().id(), item.document().index(), MAX_CONTENT_REJECTIONS, elasticsearchReason,
                    new String(item.original(), StandardCharsets.UTF_8));
            statistics.lost(1);
            return null;
        }
        String reason = "Elasticsearch rejected the document for " + item.document().index() + ": " + elasticsearchReason;
        NormalizedEvent failure = TopicNamespace.apply(item.namespace(), normalizer.parseFailure(item.original(), reason));
        return new Pending(failure, item.original(), item.namespace(), item.contentRejections() + 1, false);
    }

    private void retryLater(Batch batch, List<Pending> pending, int attempt, String why) {
        if (closing) {
            batch.done().completeExceptionally(new IllegalStateException("the indexer is stopping"));
            return;
        }
        long backoff = Math.min(MAX_BACKOFF_MILLIS, FIRST_BACKOFF_MILLIS << Math.min(attempt, 20));
        if (attempt >= 3) {
            LOG.warn("Elasticsearch did not take {} documents ({}); retry {} in {} ms", pending.size(), why, attempt + 1, backoff);
        }
        try {
            retries.schedule(() -> send(batch, pending, attempt + 1), backoff, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException stopping) {
            batch.done().completeExceptionally(stopping);
        }
    }
}
