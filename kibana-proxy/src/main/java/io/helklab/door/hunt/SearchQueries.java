package io.helklab.door.hunt;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.helklab.door.hunt.FieldCatalog.Field;
import java.util.Map;

/**
 * Builds Elasticsearch search bodies for a {@link SearchRequest} against the fields of its index
 * pattern. Pure: no I/O, so the query shapes are unit-tested. Fields named by the request are checked
 * against the catalogue here, so an unknown or unaggregatable field is a 400 before Elasticsearch is asked.
 */
public final class SearchQueries {
    static final String TIMESTAMP = "@timestamp";
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final Map<String, Field> fields;
    private final String index;

    public SearchQueries(Map<String, Field> fields, String index) {
        this.fields = fields;
        this.index = index;
    }

    /** The bool query: query string (or match_all), time range, positive filters, negated filters. */
    public ObjectNode query(SearchRequest request, TimeRange range) {
        ObjectNode bool = NODES.objectNode();
        ArrayNode must = bool.putArray("must");
        if (request.query().isEmpty()) {
            must.addObject().putObject("match_all");
        } else {
            ObjectNode queryString = must.addObject().putObject("query_string");
            queryString.put("query", request.query());
            queryString.put("analyze_wildcard", true);
            // Hunters paste values from documents; without this `*` fields of other types turn a plain word into an error.
            queryString.put("lenient", true);
        }
        ArrayNode filter = bool.putArray("filter");
        ArrayNode mustNot = bool.putArray("must_not");
        if (range.from() != null || range.to() != null) {
            ObjectNode timestamp = filter.addObject().putObject("range").putObject(TIMESTAMP);
            if (range.from() != null) {
                timestamp.put("gte", range.from().toEpochMilli());
            }
            if (range.to() != null) {
                timestamp.put("lt", range.to().toEpochMilli());
            }
            timestamp.put("format", "epoch_millis");
        }
        for (SearchRequest.FieldFilter fieldFilter : request.filters()) {
            Field field = aggregatable(fieldFilter.field(), "filter");
            ObjectNode term = NODES.objectNode();
            term.putObject("term").putObject(field.aggregationField()).put("value", fieldFilter.value());
            (fieldFilter.negated() ? mustNot : filter).add(term);
        }
        ObjectNode query = NODES.objectNode();
        query.set("bool", bool);
        return query;
    }

    /** The page of hits, the exact total, top values and (when an interval is given) the histogram. */
    public ObjectNode search(SearchRequest request, TimeRange range, HistogramInterval interval) {
        ObjectNode body = NODES.objectNode();
        body.set("query", query(request, range));
        body.put("from", request.from());
        body.put("size", request.size());
        body.put("track_total_hits", true);
        body.put("timeout", QueryLimits.SEARCH_TIMEOUT);
        Field sort = aggregatable(request.sortField(), "sort");
        ArrayNode sortList = body.putArray("sort");
        ObjectNode order = sortList.addObject().putObject(sort.aggregationField());
        order.put("order", request.sortDescending() ? "desc" : "asc");
        if (!sort.aggregationField().startsWith("_")) {
            // Indices without the field (another channel) sort last instead of failing the search.
            order.put("unmapped_type", sort.type().equals("text") ? "keyword" : sort.type());
        }
        ObjectNode aggregations = body.putObject("aggs");
        for (int position = 0; position < request.topValueFields().size(); position++) {
            Field field = aggregatable(request.topValueFields().get(position), "top");
            ObjectNode terms = aggregations.putObject("top_" + position).putObject("terms");
            terms.put("field", field.aggregationField());
            terms.put("size", request.topValueCount());
        }
        if (interval != null && range.isBounded()) {
            ObjectNode histogram = aggregations.putObject("histogram").putObject("date_histogram");
            histogram.put("field", TIMESTAMP);
            histogram.put("fixed_interval", interval.elasticsearch());
            histogram.put("min_doc_count", 0);
            ObjectNode bounds = histogram.putObject("extended_bounds");
            bounds.put("min", range.from().toEpochMilli());
            bounds.put("max", range.to().toEpochMilli() - 1);
        }
        return body;
    }

    /** A count-free probe for the first and last matching event, to size the histogram of an open range. */
    public ObjectNode extent(SearchRequest request, TimeRange range) {
        ObjectNode body = NODES.objectNode();
        body.set("query", query(request, range));
        body.put("size", 0);
        body.put("track_total_hits", false);
        body.put("timeout", QueryLimits.SEARCH_TIMEOUT);
        ObjectNode aggregations = body.putObject("aggs");
        aggregations.putObject("first").putObject("min").put("field", TIMESTAMP);
        aggregations.putObject("last").putObject("max").put("field", TIMESTAMP);
        return body;
    }

    /** Whether the catalogue came from at least one index (it always holds the meta fields {@code _index} and {@code _id}). */
    static boolean matchesAnIndex(Map<String, Field> fields) {
        return fields.keySet().stream().anyMatch(name -> !name.startsWith("_"));
    }

    private Field aggregatable(String name, String parameter) {
        Field field = fields.get(name);
        if (field == null && !matchesAnIndex(fields)) {
            throw HuntRequestException.badParameter("index", "No index matches " + index + ". The event indices are "
                    + HuntIndices.EVENTS + " (per channel, e.g. " + HuntIndices.SYSMON + ").");
        }
        if (field == null) {
            throw HuntRequestException.badParameter(parameter, "No field '" + name + "' in the indices matching '" + index
                    + "'. The fields are listed by /api/hunt/fields?index=" + index + ".");
        }
        if (!field.aggregatable()) {
            throw HuntRequestException.badParameter(parameter, "Field '" + name + "' (" + field.type() + ") has no keyword "
                    + "or numeric form to filter, sort or count on; search it in the query instead.");
        }
        return field;
    }
}
