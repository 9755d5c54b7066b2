package io.helklab.door.hunt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.helklab.door.hunt.DashboardDefinition.Panel;
import io.helklab.door.hunt.FieldCatalog.Field;
import io.helklab.door.hunt.SearchRequest.FieldFilter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Computes every panel of a dashboard with aggregations: one Elasticsearch search per index pattern the
 * panels count over (one for every built-in dashboard), each panel a {@code filter} aggregation around its
 * own histogram or nested top values. The shared time range, query and filters and the dashboard's
 * parameters narrow every panel. A panel that names a field the indices lack answers with an error of its
 * own; the others still get their data. Thread-safe.
 */
public final class DashboardData {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String SEARCH_OPTIONS = "/_search?ignore_unavailable=true&allow_no_indices=true&request_cache=true";
    private static final int HISTOGRAM_BUCKETS = 60;
    private static final Pattern INTERVAL = Pattern.compile("(\\d+)([smhdwMy])");

    /** One line of a top-values panel: the value of each of the panel's fields, and how many events have them. */
    public record Row(List<Object> values, long count) {}

    /** A panel's numbers: {@code rows} for top values, {@code buckets} for a histogram, or an {@code error}. */
    public record PanelData(String id, long total, List<Row> rows, long otherCount, String interval, long intervalMillis,
                            List<HuntSearch.Bucket> buckets, String error) {
        static PanelData failed(String id, String error) {
            return new PanelData(id, 0, List.of(), 0, null, 0, List.of(), error);
        }
    }

    /** The answer; {@code missingParameters} lists what the dashboard still needs before it can count. */
    public record Result(String dashboard, long tookMillis, int searches, List<PanelData> panels, List<String> warnings,
                         List<String> missingParameters) {}

    /** The shared state of the page: the query bar, the filters and the time range. */
    public record Scope(String query, List<FieldFilter> filters, TimeRange range, Map<String, String> parameters) {}

    private final HuntElasticsearch elasticsearch;
    private final FieldCatalog catalog;

    public DashboardData(HuntElasticsearch elasticsearch, FieldCatalog catalog) {
        this.elasticsearch = elasticsearch;
        this.catalog = catalog;
    }

    public Result compute(DashboardDefinition dashboard, Scope scope) {
        long started = System.nanoTime();
        List<String> missing = dashboard.parameters().stream()
                .filter(parameter -> scope.parameters().getOrDefault(parameter.name(), "").isBlank())
                .map(DashboardDefinition.Parameter::name).toList();
        if (!missing.isEmpty()) {
            return new Result(dashboard.id(), 0, 0, List.of(), List.of(), missing);
        }
        Map<String, List<Panel>> byIndex = new LinkedHashMap<>();
        dashboard.panels().forEach(panel -> byIndex.computeIfAbsent(panel.index() == null ? dashboard.index() : panel.index(),
                index -> new ArrayList<>()).add(panel));
        Map<String, PanelData> results = new LinkedHashMap<>();
        List<String> warnings = new ArrayList<>();
        int searches = 0;
        for (Map.Entry<String, List<Panel>> group : byIndex.entrySet()) {
            searches += computeGroup(dashboard, scope, group.getKey(), group.getValue(), results, warnings);
        }
        List<PanelData> ordered = dashboard.panels().stream().map(panel -> results.get(panel.id())).toList();
        return new Result(dashboard.id(), (System.nanoTime() - started) / 1_000_000, searches, ordered,
                List.copyOf(warnings), List.of());
    }

    private int computeGroup(DashboardDefinition dashboard, Scope scope, String index, List<Panel> panels,
                             Map<String, PanelData> results, List<String> warnings) {
        Map<String, Field> fields = catalog.fields(index);
        if (!SearchQueries.matchesAnIndex(fields) && index.equals(HuntIndices.ALERTS)) {
            // No alert yet is a quiet day, not a broken panel.
            panels.forEach(panel -> results.put(panel.id(), new PanelData(panel.id(), 0, List.of(), 0, "1d", 86_400_000L,
                    List.of(), null)));
            return 0;
        }
        if (!SearchQueries.matchesAnIndex(fields)) {
            panels.forEach(panel -> results.put(panel.id(), PanelData.failed(panel.id(), "No index matches " + index + ".")));
            return 0;
        }
        List<FieldFilter> filters = new ArrayList<>();
        for (FieldFilter filter : scope.filters()) {
            Field field = fields.get(filter.field());
            if (field == null || !field.aggregatable()) {
                warnings.add("The filter " + filter.spelling() + " does not apply to " + index + " (no such field there).");
            } else {
                filters.add(filter);
            }
        }
        for (DashboardDefinition.Parameter parameter : dashboard.parameters()) {
            Field field = fields.get(parameter.field());
            if (field == null || !field.aggregatable()) {
                panels.forEach(panel -> results.put(panel.id(), PanelData.failed(panel.id(), "The parameter "
                        + parameter.name() + " filters on " + parameter.field() + ", which no index matching " + index
                        + " has.")));
                return 0;
            }
            filters.add(new FieldFilter(parameter.field(), scope.parameters().get(parameter.name()).trim(), false));
        }
        String query = both(dashboard.query(), scope.query());
        SearchRequest request = new SearchRequest(query, index, scope.range(), 0, 0, SearchQueries.TIMESTAMP, true, filters,
                List.of(), 5, false);
        ObjectNode body = NODES.objectNode();
        body.set("query", new SearchQueries(fields, index).query(request, scope.range()));
        body.put("size", 0);
        body.put("track_total_hits", false);
        ObjectNode aggregations = body.putObject("aggs");
        List<Panel> asked = new ArrayList<>();
        for (Panel panel : panels) {
            List<String> aggregationFields = new ArrayList<>();
            String error = null;
            for (String name : panel.fields()) {
                Field field = fields.get(name);
                if (field == null || !field.aggregatable()) {
                    error = field == null ? "No field " + name + " in the indices matching " + index + "."
                            : "The field " + name + " cannot be counted (" + field.type() + " without a keyword form).";
                    break;
                }
                aggregationFields.add(field.aggregationField());
            }
            if (error != null) {
                results.put(panel.id(), PanelData.failed(panel.id(), error));
                continue;
            }
            aggregations.set(panel.id(), panelAggregation(panel, aggregationFields));
            asked.add(panel);
        }
        if (asked.isEmpty()) {
            return 0;
        }
        JsonNode answer = elasticsearch.post("/" + index + SEARCH_OPTIONS, body, "q").path("aggregations");
        for (Panel panel : asked) {
            results.put(panel.id(), read(panel, answer.path(panel.id())));
        }
        return 1;
    }

    static String both(String base, String extra) {
        if (base == null || base.isBlank()) {
            return extra == null ? "" : extra.trim();
        }
        if (extra == null || extra.isBlank()) {
            return base.trim();
        }
        return "(" + base.trim() + ") AND (" + extra.trim() + ")";
    }

    static ObjectNode panelAggregation(Panel panel, List<String> aggregationFields) {
        ObjectNode aggregation = NODES.objectNode();
        ObjectNode filter = aggregation.putObject("filter");
        if (panel.query().isBlank()) {
            filter.putObject("match_all");
        } else {
            ObjectNode queryString = filter.putObject("query_string");
            queryString.put("query", panel.query());
            queryString.put("analyze_wildcard", true);
            queryString.put("lenient", true);
        }
        ObjectNode data = aggregation.putObject("aggs").putObject("data");
        if (panel.kind().equals("histogram")) {
            data.putObject("auto_date_histogram").put("field", SearchQueries.TIMESTAMP).put("buckets", HISTOGRAM_BUCKETS);
            return aggregation;
        }
        ObjectNode level = data;
        for (int depth = 0; depth < aggregationFields.size(); depth++) {
            int size = depth == 0 ? panel.size() : Math.max(3, Math.min(5, panel.size()));
            level.putObject("terms").put("field", aggregationFields.get(depth)).put("size", size);
            if (depth + 1 < aggregationFields.size()) {
                level = level.putObject("aggs").putObject("data");
            }
        }
        return aggregation;
    }

    static PanelData read(Panel panel, JsonNode aggregation) {
        long total = aggregation.path("doc_count").asLong();
        JsonNode data = aggregation.path("data");
        if (panel.kind().equals("histogram")) {
            List<HuntSearch.Bucket> buckets = new ArrayList<>();
            for (JsonNode bucket : data.path("buckets")) {
                buckets.add(new HuntSearch.Bucket(bucket.path("key").asLong(), bucket.path("doc_count").asLong()));
            }
            String interval = data.path("interval").asText("1d");
            return new PanelData(panel.id(), total, List.of(), 0, interval, intervalMillis(interval), buckets, null);
        }
        List<Row> rows = new ArrayList<>();
        collect(data, new ArrayList<>(), rows);
        rows.sort(Comparator.comparingLong(Row::count).reversed());
        List<Row> shown = rows.size() > panel.size() ? List.copyOf(rows.subList(0, panel.size())) : rows;
        return new PanelData(panel.id(), total, shown, data.path("sum_other_doc_count").asLong(), null, 0, List.of(), null);
    }

    private static void collect(JsonNode terms, List<Object> prefix, List<Row> into) {
        for (JsonNode bucket : terms.path("buckets")) {
            JsonNode key = bucket.has("key_as_string") ? bucket.path("key_as_string") : bucket.path("key");
            List<Object> values = new ArrayList<>(prefix);
            values.add(key.isNumber() ? key.numberValue() : key.asText());
            JsonNode deeper = bucket.path("data");
            if (deeper.isMissingNode()) {
                into.add(new Row(values, bucket.path("doc_count").asLong()));
            } else {
                collect(deeper, values, into);
            }
        }
    }

    /** Elasticsearch's interval spelling ({@code 30m}, {@code 7d}, {@code 1M}) in milliseconds; months and years approximate. */
    static long intervalMillis(String interval) {
        Matcher matcher = INTERVAL.matcher(interval);
        if (!matcher.matches()) {
            return 86_400_000L;
        }
        long amount = Long.parseLong(matcher.group(1));
        long unit = switch (matcher.group(2)) {
            case "s" -> 1_000L;
            case "m" -> 60_000L;
            case "h" -> 3_600_000L;
            case "d" -> 86_400_000L;
            case "w" -> 7 * 86_400_000L;
            case "M" -> 30 * 86_400_000L;
            default -> 365 * 86_400_000L;
        };
        return amount * unit;
    }
}
