package io.helklab.ingest;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The indexer's counters: consumed, indexed (by kind of index), retried, lag and a recent rate.
 *
 * <p>Counters are updated by the indexer's threads and read by anyone; the rate is computed over
 * the last ten seconds of completed batches.
 */
public final class IngestStatistics {
    private static final long WINDOW_NANOS = 10_000_000_000L;

    private final AtomicLong consumed = new AtomicLong();
    private final AtomicLong indexed = new AtomicLong();
    private final AtomicLong catchAll = new AtomicLong();
    private final AtomicLong parseFailures = new AtomicLong();
    private final AtomicLong rejectedByElasticsearch = new AtomicLong();
    private final AtomicLong retries = new AtomicLong();
    private final AtomicLong lost = new AtomicLong();
    private final AtomicLong alerts = new AtomicLong();
    private volatile long lag;
    private final Deque<long[]> samples = new ArrayDeque<>();

    void consumed(int records) {
        consumed.addAndGet(records);
    }

    void indexed(long channelDocuments, long catchAllDocuments, long parseFailureDocuments) {
        indexed.addAndGet(channelDocuments + catchAllDocuments + parseFailureDocuments);
        catchAll.addAndGet(catchAllDocuments);
        parseFailures.addAndGet(parseFailureDocuments);
        long now = System.nanoTime();
        synchronized (samples) {
            samples.addLast(new long[] {now, indexed.get()});
            while (samples.size() > 2 && now - samples.peekFirst()[0] > WINDOW_NANOS) {
                samples.removeFirst();
            }
        }
    }

    void alerts(long documents) {
        alerts.addAndGet(documents);
    }

    /** Alert documents Elasticsearch accepted (not counted in {@link #indexed()}). */
    public long alerts() {
        return alerts.get();
    }

    void rejected(long documents) {
        rejectedByElasticsearch.addAndGet(documents);
    }

    void retried(long documents) {
        retries.addAndGet(documents);
    }

    void lost(long documents) {
        lost.addAndGet(documents);
    }

    void lag(long records) {
        lag = records;
    }

    public long consumed() {
        return consumed.get();
    }

    /** Documents Elasticsearch accepted, parse failures and catch-all documents included. */
    public long indexed() {
        return indexed.get();
    }

    public long parseFailures() {
        return parseFailures.get();
    }

    public long catchAll() {
        return catchAll.get();
    }

    public long lag() {
        return lag;
    }

    /** Documents indexed per second over the last ten seconds (0 when idle). */
    public double eventsPerSecond() {
        synchronized (samples) {
            if (samples.size() < 2) {
                return 0;
            }
            long[] first = samples.peekFirst();
            long[] last = samples.peekLast();
            if (System.nanoTime() - last[0] > WINDOW_NANOS) {
                return 0;
            }
            double seconds = (last[0] - first[0]) / 1e9;
            return seconds <= 0 ? 0 : (last[1] - first[1]) / seconds;
        }
    }

    /** The figures for {@code /api/health}. */
    public Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("consumed", consumed.get());
        map.put("indexed", indexed.get());
        map.put("catch_all", catchAll.get());
        map.put("parse_failures", parseFailures.get());
        map.put("rejected_by_elasticsearch", rejectedByElasticsearch.get());
        map.put("retried", retries.get());
        map.put("failed", lost.get());
        map.put("alerts", alerts.get());
        map.put("lag", lag);
        map.put("events_per_second", Math.round(eventsPerSecond()));
        return map;
    }
}
