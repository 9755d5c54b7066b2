package io.helklab.door.hunt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.Writer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes a search's matches as CSV, {@code @timestamp} first and then the chosen columns, streaming page by
 * page through Elasticsearch's scroll API so memory stays flat however many rows are asked for. The scroll
 * is cleared when the export ends, fails or the client goes away. Thread-safe; one call per export.
 *
 * <p>Values are RFC 4180 fields. Arrays are joined with {@code "; "}. A value that a spreadsheet would run
 * as a formula (it starts with {@code = + @}) gets a leading apostrophe, since exported command lines are
 * attacker-controlled text.
 */
public final class CsvExport {
    public static final int DEFAULT_ROWS = 100_000;
    public static final int MAXIMUM_ROWS = 1_000_000;
    static final Set<String> PARAMETERS = Set.of("q", "index", "from", "to", "filter", "columns", "sort", "rows");
    private static final int PAGE = 5_000;
    private static final String KEEP_ALIVE = "1m";
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** What to export; {@code search} carries the query, range, filters and sort. */
    public record Request(SearchRequest search, List<String> columns, int rows) {
        public Request {
            columns = List.copyOf(columns);
            if (columns.isEmpty()) {
                throw HuntRequestException.badParameter("columns", "Name at least one column to export, e.g. "
                        + "columns=host_name,process_name.");
            }
            if (rows < 1 || rows > MAXIMUM_ROWS) {
                throw HuntRequestException.badParameter("rows", "rows must be between 1 and " + MAXIMUM_ROWS + ".");
            }
        }

        static Request parse(Map<String, Deque<String>> raw, Instant now) {
            Parameters parameters = new Parameters(raw);
            parameters.requireOnly(PARAMETERS);
            List<String> columns = parameters.list("columns", true, 100, 200);
            columns.forEach(column -> SearchRequest.requireFieldName(column, "columns"));
            int rows = parameters.integer("rows", DEFAULT_ROWS, 1, MAXIMUM_ROWS);
            Map<String, Deque<String>> searchOnly = new HashMap<>(raw);
            searchOnly.keySet().removeAll(Set.of("columns", "rows"));
            SearchRequest base = SearchRequest.parse(new Parameters(searchOnly), now);
            SearchRequest search = new SearchRequest(base.query(), base.index(), base.timeRange(), 0, 0, base.sortField(),
                    base.sortDescending(), base.filters(), List.of(), 5, false);
            return new Request(search, columns, rows);
        }
    }

    private final HuntElasticsearch elasticsearch;
    private final FieldCatalog catalog;

    public CsvExport(HuntElasticsearch elasticsearch, FieldCatalog catalog) {
        this.elasticsearch = elasticsearch;
        this.catalog = catalog;
    }

    /** Checks the request against the index's fields before anything is written, so errors can still be JSON. */
    public ObjectNode firstPage(Request request) {
        Map<String, FieldCatalog.Field> fields = catalog.fields(request.search().index());
        if (!SearchQueries.matchesAnIndex(fields)) {
            throw HuntRequestException.badParameter("index", "No index matches " + request.search().index() + ".");
        }
        SearchQueries queries = new SearchQueries(fields, request.search().index());
        ObjectNode body = NODES.objectNode();
        body.set("query", queries.query(request.search(), request.search().timeRange()));
        // A scroll refuses track_total_hits=false; counting is cheap next to reading the pages anyway.
        body.put("size", Math.min(PAGE, request.rows()));
        FieldCatalog.Field sort = fields.get(request.search().sortField());
        String sortField = sort != null && sort.aggregatable() ? sort.aggregationField() : SearchQueries.TIMESTAMP;
        ObjectNode order = body.putArray("sort").addObject().putObject(sortField);
        order.put("order", request.search().sortDescending() ? "desc" : "asc");
        order.put("unmapped_type", sort == null || sort.type().equals("text") ? "keyword" : sort.type());
        ArrayNode source = body.putArray("_source");
        source.add(SearchQueries.TIMESTAMP);
        request.columns().forEach(source::add);
        return body;
    }

    /** Writes the header and up to {@code rows} rows; answers how many rows were written. */
    public long write(Request request, ObjectNode firstPage, Writer out) throws IOException {
        List<String> header = new ArrayList<>();
        header.add(SearchQueries.TIMESTAMP);
        header.addAll(request.columns());
        // Field names are validated identifiers: no quoting, and @timestamp is not a formula to defuse.
        out.write(String.join(",", header));
        out.write("\r\n");
        String path = "/" + request.search().index() + "/_search?scroll=" + KEEP_ALIVE
                + "&ignore_unavailable=true&allow_no_indices=true";
        JsonNode page = elasticsearch.post(path, firstPage, "q");
        String scrollId = page.path("_scroll_id").asText(null);
        long written = 0;
        try {
            List<String> row = new ArrayList<>(header.size());
            while (written < request.rows()) {
                JsonNode hits = page.path("hits").path("hits");
                if (hits.isEmpty()) {
                    break;
                }
                for (JsonNode hit : hits) {
                    if (written == request.rows()) {
                        break;
                    }
                    row.clear();
                    JsonNode document = hit.path("_source");
                    for (String column : header) {
                        row.add(text(valueAt(document, column)));
                    }
                    writeRow(out, row);
                    written++;
                }
                if (written == request.rows() || scrollId == null) {
                    break;
                }
                ObjectNode next = NODES.objectNode().put("scroll", KEEP_ALIVE).put("scroll_id", scrollId);
                page = elasticsearch.post("/_search/scroll", next, null);
                scrollId = page.path("_scroll_id").asText(scrollId);
            }
        } finally {
            if (scrollId != null) {
                elasticsearch.delete("/_search/scroll/" + scrollId);
            }
        }
        out.flush();
        return written;
    }

    /** A dotted name looked up as a flat key first (HELK's documents are flat), then as a path. */
    static JsonNode valueAt(JsonNode document, String name) {
        JsonNode flat = document.get(name);
        if (flat != null) {
            return flat;
        }
        JsonNode node = document;
        for (String part : name.split("\\.")) {
            node = node.path(part);
        }
        return node;
    }

    static String text(JsonNode value) {
        if (value == null || value.isMissingNode() || value.isNull()) {
            return "";
        }
        if (value.isArray()) {
            List<String> parts = new ArrayList<>();
            value.forEach(element -> parts.add(text(element)));
            return String.join("; ", parts);
        }
        return value.isValueNode() ? value.asText() : value.toString();
    }

    static void writeRow(Writer out, List<String> values) throws IOException {
        for (int position = 0; position < values.size(); position++) {
            if (position > 0) {
                out.write(',');
            }
            out.write(field(values.get(position)));
        }
        out.write("\r\n");
    }

    static String field(String value) {
        String safe = !value.isEmpty() && "=+@".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
        if (safe.indexOf(',') < 0 && safe.indexOf('"') < 0 && safe.indexOf('\n') < 0 && safe.indexOf('\r') < 0) {
            return safe;
        }
        return '"' + safe.replace("\"", "\"\"") + '"';
    }
}
