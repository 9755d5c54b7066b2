package io.helklab.door.hunt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs the Search tab's searches: at most two Elasticsearch round-trips (an extent probe when the time
 * range is open, then hits, total, top values and histogram in one search). Thread-safe.
 */
public final class HuntSearch {
    private static final String SEARCH_OPTIONS = "/_search?ignore_unavailable=true&allow_no_indices=true";

    /** One hit: where it lives and its whole document. */
    public record Hit(String index, String id, JsonNode source) {}

    /** One histogram bar: its start (epoch milliseconds) and how many events fall in it. */
    public record Bucket(long time, long count) {}

    /** The histogram of matching events over the resolved range. */
    public record Histogram(String interval, long intervalMillis, Instant from, Instant to, List<Bucket> buckets) {}

    /** A value of a field and how many matching events have it. */
    public record ValueCount(Object value, long count) {}

    /** A field's most frequent values among all matches; {@code otherCount} counts the rest. */
    public record TopValues(String field, List<ValueCount> values, long otherCount) {}

    /** The answer: {@code histogram} is {@code null} when nothing matched or it was not asked for. */
    public record Result(long total, long tookMillis, List<Hit> hits, Histogram histogram, List<TopValues> topValues,
                         List<String> warnings) {}

    private final HuntElasticsearch elasticsearch;
    private final FieldCatalog catalog;
    private final Clock clock;

    public HuntSearch(HuntElasticsearch elasticsearch, FieldCatalog catalog, Clock clock) {
        this.elasticsearch = elasticsearch;
        this.catalog = catalog;
        this.clock = clock;
    }

    public Result search(SearchRequest request) {
        long started = System.nanoTime();
        SearchQueries queries = new SearchQueries(catalog.fields(request.index()), request.index());
        String path = "/" + request.index() + SEARCH_OPTIONS;
        TimeRange range = request.timeRange();
        HistogramInterval interval = null;
        if (request.histogram()) {
            range = resolveOpenEnds(request, queries, path);
            if (range.isBounded()) {
                interval = HistogramInterval.forSpan(range.length());
            }
        }
        JsonNode response = elasticsearch.post(path, queries.search(request, range, interval), "q");
        List<String> warnings = new ArrayList<>();
        JsonNode shards = response.path("_shards");
        if (shards.path("failed").asInt() > 0) {
            warnings.add(shards.path("failed").asInt() + " of " + shards.path("total").asInt() + " shards failed: "
                    + shards.path("failures").path(0).path("reason").path("reason").asText("no reason given"));
        }
        if (response.path("timed_out").asBoolean()) {
            warnings.add("Elasticsearch stopped this search after " + QueryLimits.SEARCH_TIMEOUT + ", so the hits, counts "
                    + "and histogram are partial; narrow the query or the time range.");
        }
        List<Hit> hits = new ArrayList<>();
        for (JsonNode hit : response.path("hits").path("hits")) {
            hits.add(new Hit(hit.path("_index").asText(), hit.path("_id").asText(), hit.path("_source")));
        }
        JsonNode aggregations = response.path("aggregations");
        List<TopValues> top = new ArrayList<>();
        for (int position = 0; position < request.topValueFields().size(); position++) {
            JsonNode terms = aggregations.path("top_" + position);
            List<ValueCount> values = new ArrayList<>();
            for (JsonNode bucket : terms.path("buckets")) {
                JsonNode key = bucket.has("key_as_string") ? bucket.path("key_as_string") : bucket.path("key");
                values.add(new ValueCount(key.isNumber() ? key.numberValue() : key.asText(), bucket.path("doc_count").asLong()));
            }
            top.add(new TopValues(request.topValueFields().get(position), values, terms.path("sum_other_doc_count").asLong()));
        }
        Histogram histogram = null;
        if (interval != null) {
            List<Bucket> buckets = new ArrayList<>();
            for (JsonNode bucket : aggregations.path("histogram").path("buckets")) {
                buckets.add(new Bucket(bucket.path("key").asLong(), bucket.path("doc_count").asLong()));
            }
            histogram = new Histogram(interval.elasticsearch(), interval.width().toMillis(), range.from(), range.to(), buckets);
        }
        long total = response.path("hits").path("total").path("value").asLong();
        return new Result(total, (System.nanoTime() - started) / 1_000_000, hits, histogram, top, warnings);
    }

    /** Fills open ends of the range with the first and last matching event, so the histogram spans the data. */
    private TimeRange resolveOpenEnds(SearchRequest request, SearchQueries queries, String path) {
        TimeRange range = request.timeRange();
        if (range.isBounded()) {
            return range;
        }
        ObjectNode probe = queries.extent(request, range);
        JsonNode aggregations = elasticsearch.post(path, probe, "q").path("aggregations");
        JsonNode first = aggregations.path("first").path("value");
        JsonNode last = aggregations.path("last").path("value");
        if (!first.isNumber() || !last.isNumber()) {
            return range;
        }
        Instant from = range.from() != null ? range.from() : Instant.ofEpochMilli(first.asLong());
        Instant to = range.to() != null ? range.to() : Instant.ofEpochMilli(last.asLong() + 1);
        if (!from.isBefore(to)) {
            return range;
        }
        return new TimeRange(from, to);
    }

    /** The clock relative times are resolved against. */
    public Instant now() {
        return clock.instant();
    }

    /** The fields of an index pattern, as the field list shows them. */
    public Map<String, FieldCatalog.Field> fields(String index) {
        return new LinkedHashMap<>(catalog.fields(SearchRequest.requireIndexPattern(index, "index")));
    }
}
