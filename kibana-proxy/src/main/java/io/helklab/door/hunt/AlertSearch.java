package io.helklab.door.hunt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.helklab.door.hunt.AlertStates.Recorded;
import io.helklab.door.hunt.AlertStates.State;
import io.helklab.door.hunt.FieldCatalog.Field;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Alerts view's reads over {@link HuntIndices#ALERTS}: a page of alerts with each one's state, counts per
 * state, a histogram and the groupings by rule, host, level and technique, in one search (plus one read of the
 * states); and alert counts per ATT&CK technique for the coverage matrix. Before the first alert exists
 * there is no {@code alerts-*} index, and both answer empty rather than fail. Thread-safe.
 */
public final class AlertSearch {
    private static final String SEARCH_OPTIONS = "/_search?ignore_unavailable=true&allow_no_indices=true";

    /** What the view asks for. {@code state} {@code null} means every state. */
    public record Request(String query, List<SearchRequest.FieldFilter> filters, TimeRange range, State state, int offset,
                          int size) {}

    /** One alert: where it lives, its state, and the whole alert document. */
    public record Alert(String index, String id, String state, Instant stateChangedAt, JsonNode source) {}

    /** A value of a grouping and how many alerts have it. */
    public record Group(Object value, long count) {}

    /** The answer; {@code states} counts every state regardless of the state asked for. */
    public record Result(long total, long tookMillis, Map<String, Long> states, String interval, long intervalMillis,
                         List<HuntSearch.Bucket> buckets, Map<String, List<Group>> groups, List<Alert> alerts,
                         List<String> warnings) {}

    /** Alerts on one ATT&CK technique and the tactics they name. */
    public record Technique(String id, long count, List<String> tactics) {}

    public record Techniques(long total, List<Technique> techniques) {}

    private final HuntElasticsearch elasticsearch;
    private final FieldCatalog catalog;
    private final AlertStates states;

    public AlertSearch(HuntElasticsearch elasticsearch, FieldCatalog catalog, AlertStates states) {
        this.elasticsearch = elasticsearch;
        this.catalog = catalog;
        this.states = states;
    }

    public Result search(Request request) {
        long started = System.nanoTime();
        Map<String, Field> fields = catalog.fields(HuntIndices.ALERTS);
        Map<String, List<Group>> groups = new LinkedHashMap<>();
        AlertQueries.GROUPINGS.keySet().forEach(name -> groups.put(name, List.of()));
        if (!SearchQueries.matchesAnIndex(fields)) {
            Map<String, Long> none = new LinkedHashMap<>();
            for (State state : State.values()) {
                none.put(state.spelling(), 0L);
            }
            return new Result(0, 0, none, null, 0, List.of(), groups, List.of(), List.of());
        }
        AlertQueries queries = new AlertQueries(fields);
        Map<State, List<String>> notOpen = states.notOpen();
        ObjectNode body = queries.page(queries.base(request.query(), request.filters(), request.range()),
                AlertQueries.stateFilter(request.state(), notOpen), notOpen, request.offset(), request.size());
        JsonNode response = elasticsearch.post("/" + HuntIndices.ALERTS + SEARCH_OPTIONS, body, "q");
        List<String> warnings = new ArrayList<>();
        if (response.path("timed_out").asBoolean()) {
            warnings.add("Elasticsearch stopped this search after " + QueryLimits.SEARCH_TIMEOUT + ", so the counts are "
                    + "partial; narrow the query or the time range.");
        }
        JsonNode hits = response.path("hits").path("hits");
        List<String> ids = new ArrayList<>();
        hits.forEach(hit -> ids.add(hit.path("_id").asText()));
        Map<String, Recorded> recorded = states.of(ids);
        List<Alert> alerts = new ArrayList<>();
        for (JsonNode hit : hits) {
            Recorded state = recorded.get(hit.path("_id").asText());
            alerts.add(new Alert(hit.path("_index").asText(), hit.path("_id").asText(),
                    state == null ? State.OPEN.spelling() : state.state().spelling(),
                    state == null ? null : state.changedAt(), hit.path("_source")));
        }
        JsonNode aggregations = response.path("aggregations");
        Map<String, Long> perState = new LinkedHashMap<>();
        for (State state : State.values()) {
            perState.put(state.spelling(), aggregations.path("states").path("buckets").path(state.spelling()).path("doc_count")
                    .asLong());
        }
        JsonNode shown = aggregations.path("shown");
        for (String name : AlertQueries.GROUPINGS.keySet()) {
            List<Group> values = new ArrayList<>();
            for (JsonNode bucket : shown.path(name).path("buckets")) {
                JsonNode key = bucket.has("key_as_string") ? bucket.path("key_as_string") : bucket.path("key");
                values.add(new Group(key.isNumber() ? key.numberValue() : key.asText(), bucket.path("doc_count").asLong()));
            }
            groups.put(name, values);
        }
        JsonNode histogram = shown.path("histogram");
        List<HuntSearch.Bucket> buckets = new ArrayList<>();
        histogram.path("buckets").forEach(bucket -> buckets.add(new HuntSearch.Bucket(bucket.path("key").asLong(),
                bucket.path("doc_count").asLong())));
        String interval = histogram.path("interval").asText("1d");
        return new Result(response.path("hits").path("total").path("value").asLong(), (System.nanoTime() - started) / 1_000_000,
                perState, interval, DashboardData.intervalMillis(interval), buckets, groups, alerts, warnings);
    }

    public Techniques techniques(String query, List<SearchRequest.FieldFilter> filters, TimeRange range) {
        Map<String, Field> fields = catalog.fields(HuntIndices.ALERTS);
        if (!SearchQueries.matchesAnIndex(fields)) {
            return new Techniques(0, List.of());
        }
        AlertQueries queries = new AlertQueries(fields);
        JsonNode response = elasticsearch.post("/" + HuntIndices.ALERTS + SEARCH_OPTIONS,
                queries.techniques(queries.base(query, filters, range)), "q");
        List<Technique> techniques = new ArrayList<>();
        for (JsonNode bucket : response.path("aggregations").path("techniques").path("buckets")) {
            List<String> tactics = new ArrayList<>();
            bucket.path("tactics").path("buckets").forEach(tactic -> tactics.add(tactic.path("key").asText()));
            techniques.add(new Technique(bucket.path("key").asText(), bucket.path("doc_count").asLong(), tactics));
        }
        return new Techniques(response.path("hits").path("total").path("value").asLong(), techniques);
    }
}
