package io.helklab.door.kibana;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.helklab.schema.IndexNames;
import java.util.List;
import java.util.Map;

/**
 * HELK lab's Kibana objects: index patterns for its indices, a saved search and the "HELK lab
 * overview" dashboard, as the body of {@code POST /api/saved_objects/_bulk_create?overwrite=true}.
 *
 * <p>Ids are fixed, so installing again on every boot replaces HELK lab's own objects and never
 * duplicates them; a user's copies under other ids are untouched. Field names are HELK's (see
 * SCHEMA.md): {@code log_name}, {@code event_id}, {@code host_name}, {@code process_name}.
 */
public final class KibanaSavedObjects {
    public static final String WINEVENT_PATTERN_ID = "helk-logs-endpoint-winevent";
    public static final String DASHBOARD_ID = "helk-lab-overview";
    public static final String DASHBOARD_TITLE = "HELK lab overview";
    static final String SEARCH_ID = "helk-windows-events";
    private static final String INDEX_REFERENCE = "kibanaSavedObjectMeta.searchSourceJSON.index";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** title → id of each index pattern; every one has {@code @timestamp} as its time field. */
    public static final Map<String, String> INDEX_PATTERNS = Map.of(
            IndexNames.WINEVENT_PATTERN, WINEVENT_PATTERN_ID,
            IndexNames.LOGS_PATTERN, "helk-logs",
            IndexNames.SYSMON_JOIN_PATTERN, "helk-sysmon-join");

    private record TermsTable(String id, String title, String field) {}

    private static final List<TermsTable> TABLES = List.of(
            new TermsTable("helk-events-by-channel", "Events by channel", "log_name"),
            new TermsTable("helk-top-event-ids", "Top event IDs", "event_id"),
            new TermsTable("helk-top-hosts", "Top hosts", "host_name"),
            new TermsTable("helk-top-processes", "Top processes", "process_name"));
    static final String HISTOGRAM_ID = "helk-events-over-time";

    private KibanaSavedObjects() {}

    /** The {@code _bulk_create} request body: a JSON array of saved objects. */
    public static String bulkCreateBody() {
        ArrayNode objects = JSON.createArrayNode();
        INDEX_PATTERNS.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(pattern -> {
            ObjectNode attributes = JSON.createObjectNode()
                    .put("title", pattern.getKey())
                    .put("timeFieldName", "@timestamp");
            objects.add(savedObject("index-pattern", pattern.getValue(), attributes));
        });
        objects.add(histogram());
        TABLES.forEach(table -> objects.add(termsTable(table)));
        objects.add(search());
        objects.add(dashboard());
        return write(objects);
    }

    /** The body of {@code POST /api/kibana/settings} that makes the Windows events pattern the default. */
    public static String defaultIndexBody() {
        return write(JSON.createObjectNode().set("changes", JSON.createObjectNode().put("defaultIndex", WINEVENT_PATTERN_ID)));
    }

    private static ObjectNode savedObject(String type, String id, ObjectNode attributes) {
        ObjectNode object = JSON.createObjectNode().put("type", type).put("id", id);
        object.set("attributes", attributes);
        object.set("references", JSON.createArrayNode());
        return object;
    }

    /** A visualization or search that reads the Windows events index pattern. */
    private static ObjectNode onWindowsEvents(String type, String id, ObjectNode attributes) {
        ObjectNode source = JSON.createObjectNode();
        source.set("query", JSON.createObjectNode().put("query", "").put("language", "kuery"));
        source.set("filter", JSON.createArrayNode());
        source.put("indexRefName", INDEX_REFERENCE);
        attributes.set("kibanaSavedObjectMeta", JSON.createObjectNode().put("searchSourceJSON", write(source)));
        ObjectNode object = savedObject(type, id, attributes);
        ((ArrayNode) object.get("references")).add(reference(INDEX_REFERENCE, "index-pattern", WINEVENT_PATTERN_ID));
        return object;
    }

    private static ObjectNode visualization(String id, String title, ObjectNode visState) {
        ObjectNode attributes = JSON.createObjectNode()
                .put("title", title)
                .put("visState", write(visState.put("title", title)))
                .put("uiStateJSON", "{}")
                .put("description", "")
                .put("version", 1);
        return onWindowsEvents("visualization", id, attributes);
    }

    private static ObjectNode histogram() {
        ObjectNode visState = JSON.createObjectNode().put("type", "histogram");
        visState.set("params", read("""
                {"type":"histogram","grid":{"categoryLines":false},
                 "categoryAxes":[{"id":"CategoryAxis-1","type":"category","position":"bottom","show":true,"style":{},
                   "scale":{"type":"linear"},"labels":{"show":true,"filter":true,"truncate":100},"title":{}}],
                 "valueAxes":[{"id":"ValueAxis-1","name":"LeftAxis-1","type":"value","position":"left","show":true,"style":{},
                   "scale":{"type":"linear","mode":"normal"},"labels":{"show":true,"rotate":0,"filter":false,"truncate":100},
                   "title":{"text":"Events"}}],
                 "seriesParams":[{"show":true,"type":"histogram","mode":"stacked","data":{"label":"Events","id":"1"},
                   "valueAxis":"ValueAxis-1","drawLinesBetweenPoints":true,"lineWidth":2,"showCircles":true}],
                 "addTooltip":true,"addLegend":true,"legendPosition":"right","times":[],"addTimeMarker":false,
                 "labels":{"show":false},
                 "thresholdLine":{"show":false,"value":10,"width":1,"style":"full","color":"#E7664C"}}"""));
        ArrayNode aggregations = visState.putArray("aggs");
        aggregations.add(read("""
                {"id":"1","enabled":true,"type":"count","schema":"metric","params":{"customLabel":"Events"}}"""));
        aggregations.add(read("""
                {"id":"2","enabled":true,"type":"date_histogram","schema":"segment",
                 "params":{"field":"@timestamp","useNormalizedEsInterval":true,"interval":"auto","drop_partials":false,
                   "min_doc_count":1,"extended_bounds":{}}}"""));
        aggregations.add(read("""
                {"id":"3","enabled":true,"type":"terms","schema":"group",
                 "params":{"field":"log_name","size":6,"order":"desc","orderBy":"1","otherBucket":true,
                   "otherBucketLabel":"Other","missingBucket":false,"missingBucketLabel":"Missing"}}"""));
        return visualization(HISTOGRAM_ID, "Events over time", visState);
    }

    private static ObjectNode termsTable(TermsTable table) {
        ObjectNode visState = JSON.createObjectNode().put("type", "table");
        visState.set("params", read("""
                {"perPage":10,"showPartialRows":false,"showMetricsAtAllLevels":false,"showTotal":false,
                 "totalFunc":"sum","percentageCol":"","sort":{"columnIndex":null,"direction":null}}"""));
        ArrayNode aggregations = visState.putArray("aggs");
        aggregations.add(read("""
                {"id":"1","enabled":true,"type":"count","schema":"metric","params":{"customLabel":"Events"}}"""));
        ObjectNode terms = read("""
                {"id":"2","enabled":true,"type":"terms","schema":"bucket",
                 "params":{"size":10,"order":"desc","orderBy":"1","otherBucket":false,"missingBucket":false}}""");
        ((ObjectNode) terms.get("params")).put("field", table.field());
        aggregations.add(terms);
        return visualization(table.id(), table.title(), visState);
    }

    private static ObjectNode search() {
        ObjectNode attributes = JSON.createObjectNode().put("title", "Windows events").put("description", "");
        ArrayNode columns = attributes.putArray("columns");
        List.of("host_name", "log_name", "event_id", "process_name", "user_name").forEach(columns::add);
        attributes.putArray("sort").add(JSON.createArrayNode().add("@timestamp").add("desc"));
        attributes.put("version", 1);
        return onWindowsEvents("search", SEARCH_ID, attributes);
    }

    private static ObjectNode dashboard() {
        ArrayNode panels = JSON.createArrayNode();
        ObjectNode dashboard = JSON.createObjectNode();
        ArrayNode references = JSON.createArrayNode();
        addPanel(panels, references, "visualization", HISTOGRAM_ID, 0, 0, 48, 13);
        for (int index = 0; index < TABLES.size(); index++) {
            addPanel(panels, references, "visualization", TABLES.get(index).id(), (index % 2) * 24, 13 + (index / 2) * 15, 24, 15);
        }
        addPanel(panels, references, "search", SEARCH_ID, 0, 43, 48, 18);
        dashboard.put("title", DASHBOARD_TITLE)
                .put("description", "Windows and Sysmon events as HELK lab indexed them: volume, channels, event IDs, hosts, processes.")
                .put("panelsJSON", write(panels))
                .put("optionsJSON", "{\"useMargins\":true,\"hidePanelTitles\":false}")
                .put("timeRestore", false)
                .put("version", 1);
        ObjectNode source = JSON.createObjectNode();
        source.set("query", JSON.createObjectNode().put("query", "").put("language", "kuery"));
        source.set("filter", JSON.createArrayNode());
        dashboard.set("kibanaSavedObjectMeta", JSON.createObjectNode().put("searchSourceJSON", write(source)));
        ObjectNode object = savedObject("dashboard", DASHBOARD_ID, dashboard);
        object.set("references", references);
        return object;
    }

    private static void addPanel(ArrayNode panels, ArrayNode references, String type, String id, int x, int y, int width,
            int height) {
        String index = Integer.toString(panels.size() + 1);
        String referenceName = "panel_" + panels.size();
        ObjectNode panel = JSON.createObjectNode().put("version", KibanaSettings.VERSION).put("panelIndex", index)
                .put("panelRefName", referenceName);
        panel.set("gridData", JSON.createObjectNode().put("x", x).put("y", y).put("w", width).put("h", height).put("i", index));
        panel.set("embeddableConfig", JSON.createObjectNode());
        panels.add(panel);
        references.add(reference(referenceName, type, id));
    }

    private static ObjectNode reference(String name, String type, String id) {
        return JSON.createObjectNode().put("name", name).put("type", type).put("id", id);
    }

    private static ObjectNode read(String json) {
        try {
            return (ObjectNode) JSON.readTree(json);
        } catch (JsonProcessingException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    private static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
