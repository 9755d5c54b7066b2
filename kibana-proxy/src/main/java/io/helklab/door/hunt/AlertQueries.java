package io.helklab.door.hunt;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.helklab.door.hunt.AlertStates.State;
import io.helklab.door.hunt.FieldCatalog.Field;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the Alerts view's Elasticsearch search bodies over {@link HuntIndices#ALERTS}. Pure: no I/O, so the
 * shapes are unit-tested. An alert's state lives in another index, so a state is a filter on alert ids: the
 * ids of every acknowledged and closed alert (a few thousand at most) come from {@link AlertStates}.
 *
 * <p>One search answers the view: the hits honour the state filter as a {@code post_filter}, so the count per
 * state can be taken over the same query without it; histogram and groups sit in a {@code filter}
 * aggregation that applies the state filter too.
 */
final class AlertQueries {
    /** The groupings the view offers, by name, and the alert field each counts. */
    static final Map<String, String> GROUPINGS = groupings();
    static final int GROUP_SIZE = 20;
    static final int TECHNIQUE_SIZE = 1_000;
    private static final int HISTOGRAM_BUCKETS = 60;
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final Map<String, Field> fields;

    AlertQueries(Map<String, Field> fields) {
        this.fields = fields;
    }

    private static Map<String, String> groupings() {
        Map<String, String> groupings = new LinkedHashMap<>();
        groupings.put("rule", "rule_title");
        groupings.put("host", "host_name");
        groupings.put("level", "rule_level");
        groupings.put("technique", "attack_technique_ids");
        return Collections.unmodifiableMap(groupings);
    }

    /** The query bar, time range and field filters, as Search applies them. */
    ObjectNode base(String query, List<SearchRequest.FieldFilter> filters, TimeRange range) {
        SearchRequest request = new SearchRequest(query, HuntIndices.ALERTS, range, 0, 0, SearchQueries.TIMESTAMP, true,
                filters, List.of(), 5, false);
        return new SearchQueries(fields, HuntIndices.ALERTS).query(request, range);
    }

    /** The restriction to one state ({@code null}: every state). */
    static ObjectNode stateFilter(State state, Map<State, List<String>> notOpen) {
        ObjectNode filter = NODES.objectNode();
        if (state == null) {
            filter.putObject("match_all");
        } else if (state == State.OPEN) {
            ArrayNode mustNot = filter.putObject("bool").putArray("must_not");
            mustNot.add(ids(notOpen.get(State.ACKNOWLEDGED)));
            mustNot.add(ids(notOpen.get(State.CLOSED)));
        } else {
            filter.setAll(ids(notOpen.get(state)));
        }
        return filter;
    }

    private static ObjectNode ids(List<String> values) {
        ObjectNode ids = NODES.objectNode();
        ArrayNode list = ids.putObject("ids").putArray("values");
        values.forEach(list::add);
        return ids;
    }

    /** The page of alerts, newest first, with counts per state, histogram and the groupings. */
    ObjectNode page(ObjectNode base, ObjectNode stateFilter, Map<State, List<String>> notOpen, int offset, int size) {
        ObjectNode body = NODES.objectNode();
        body.set("query", base);
        body.set("post_filter", stateFilter);
        body.put("from", offset);
        body.put("size", size);
        body.put("track_total_hits", true);
        body.put("timeout", QueryLimits.SEARCH_TIMEOUT);
        body.putArray("sort").addObject().putObject(SearchQueries.TIMESTAMP).put("order", "desc").put("unmapped_type", "date");
        ObjectNode aggregations = body.putObject("aggs");
        ObjectNode states = aggregations.putObject("states").putObject("filters");
        states.put("other_bucket_key", State.OPEN.spelling());
        ObjectNode named = states.putObject("filters");
        named.set(State.ACKNOWLEDGED.spelling(), ids(notOpen.get(State.ACKNOWLEDGED)));
        named.set(State.CLOSED.spelling(), ids(notOpen.get(State.CLOSED)));
        ObjectNode shown = aggregations.putObject("shown");
        shown.set("filter", stateFilter);
        ObjectNode inner = shown.putObject("aggs");
        // A burst of alerts within a second would otherwise get millisecond buckets, too fine to read.
        inner.putObject("histogram").putObject("auto_date_histogram").put("field", SearchQueries.TIMESTAMP)
                .put("buckets", HISTOGRAM_BUCKETS).put("minimum_interval", "minute");
        GROUPINGS.forEach((name, field) -> {
            Field known = fields.get(field);
            if (known != null && known.aggregatable()) {
                inner.putObject(name).putObject("terms").put("field", known.aggregationField()).put("size", GROUP_SIZE);
            }
        });
        return body;
    }

    /** Alerts per ATT&CK technique, each with the tactics its alerts name. */
    ObjectNode techniques(ObjectNode base) {
        ObjectNode body = NODES.objectNode();
        body.set("query", base);
        body.put("size", 0);
        body.put("track_total_hits", true);
        body.put("timeout", QueryLimits.SEARCH_TIMEOUT);
        Field technique = fields.get("attack_technique_ids");
        if (technique == null || !technique.aggregatable()) {
            return body;
        }
        ObjectNode terms = body.putObject("aggs").putObject("techniques");
        terms.putObject("terms").put("field", technique.aggregationField()).put("size", TECHNIQUE_SIZE);
        Field tactic = fields.get("attack_tactics");
        if (tactic != null && tactic.aggregatable()) {
            terms.putObject("aggs").putObject("tactics").putObject("terms").put("field", tactic.aggregationField())
                    .put("size", 20);
        }
        return body;
    }
}
