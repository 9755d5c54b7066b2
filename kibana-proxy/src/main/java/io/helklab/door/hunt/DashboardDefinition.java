package io.helklab.door.hunt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A dashboard as a file declares it: a title, the index pattern its panels count over, an optional base
 * query, the parameters it takes (an investigation dashboard's host, user or process) and its panels.
 * Immutable; {@link #fromJson} refuses a malformed declaration with a message that names the field.
 *
 * <pre>{@code
 * {"title": "Host investigation", "index": "logs-*",
 *  "parameters": [{"name": "host", "field": "host_name", "label": "Host"}],
 *  "panels": [{"id": "events", "title": "Events over time", "kind": "histogram"},
 *             {"id": "processes", "title": "Top processes", "kind": "bar", "query": "event_id:1",
 *              "fields": ["process_name"], "size": 10}]}
 * }</pre>
 */
public record DashboardDefinition(String id, String title, String description, String index, String query,
                                  List<Parameter> parameters, List<Panel> panels) {
    static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");
    static final Set<String> KINDS = Set.of("histogram", "table", "bar", "pie", "network");
    static final int MAXIMUM_PANELS = 24;

    /** A value the dashboard asks for, applied as a filter on {@code field}. */
    public record Parameter(String name, String field, String label) {}

    /**
     * One panel. {@code fields} are counted together (nested top values: one for a bar or pie, up to four
     * for a table or network view); a histogram counts events over time and takes none. {@code query}
     * narrows the dashboard's events for this panel only; {@code index}, when set, replaces the
     * dashboard's pattern (a panel over {@code alerts-*}, say). {@code width} is 1 to 3 thirds of a row.
     */
    public record Panel(String id, String title, String kind, List<String> fields, String query, String index, int size,
                        int width) {}

    public DashboardDefinition {
        parameters = List.copyOf(parameters);
        panels = List.copyOf(panels);
    }

    /** Reads and validates a declaration; {@code fallbackId} (the file name) is used when it names no id. */
    static DashboardDefinition fromJson(JsonNode json, String fallbackId) {
        if (!json.isObject()) {
            throw new IllegalArgumentException("a dashboard is an object with a title and panels");
        }
        String id = text(json, "id", fallbackId);
        if (id == null || !ID.matcher(id).matches()) {
            throw new IllegalArgumentException("id '" + id + "' must be lower-case letters, digits, - and _ (at most 64)");
        }
        String title = text(json, "title", null);
        if (title == null || title.isBlank()) {
            throw new IllegalArgumentException("'title' is missing");
        }
        String index = indexPattern(text(json, "index", HuntIndices.EVENTS), "index");
        List<Parameter> parameters = new ArrayList<>();
        for (JsonNode parameter : array(json, "parameters")) {
            String name = text(parameter, "name", null);
            if (name == null || !name.matches("[a-z][a-z0-9_]{0,31}") || Set.of("from", "to", "q", "filter").contains(name)) {
                throw new IllegalArgumentException("parameter name '" + name + "' must be lower-case letters, digits "
                        + "and _, and not from, to, q or filter");
            }
            parameters.add(new Parameter(name, field(text(parameter, "field", null), "parameters." + name + ".field"),
                    text(parameter, "label", name)));
        }
        List<Panel> panels = new ArrayList<>();
        Set<String> panelIds = new HashSet<>();
        JsonNode declared = array(json, "panels");
        if (declared.isEmpty() || declared.size() > MAXIMUM_PANELS) {
            throw new IllegalArgumentException("'panels' must list 1 to " + MAXIMUM_PANELS + " panels");
        }
        for (JsonNode panel : declared) {
            panels.add(panel(panel, panels.size(), panelIds));
        }
        return new DashboardDefinition(id, title, text(json, "description", ""), index, text(json, "query", ""),
                parameters, panels);
    }

    private static Panel panel(JsonNode json, int position, Set<String> ids) {
        String id = text(json, "id", "panel-" + (position + 1));
        String where = "panel '" + id + "'";
        if (!ID.matcher(id).matches() || !ids.add(id)) {
            throw new IllegalArgumentException(where + ": the id must be unique and use lower-case letters, digits, - and _");
        }
        String kind = text(json, "kind", null);
        if (kind == null || !KINDS.contains(kind)) {
            throw new IllegalArgumentException(where + ": 'kind' is '" + kind + "'; use one of " + String.join(", ",
                    KINDS.stream().sorted().toList()));
        }
        List<String> fields = new ArrayList<>();
        for (JsonNode field : array(json, "fields")) {
            fields.add(field(field.asText(null), where + " fields"));
        }
        int most = switch (kind) {
            case "histogram" -> 0;
            case "bar", "pie" -> 1;
            default -> 4;
        };
        int least = kind.equals("histogram") ? 0 : kind.equals("network") ? 2 : 1;
        if (fields.size() < least || fields.size() > most) {
            throw new IllegalArgumentException(where + ": a " + kind + " panel takes " + (least == most ? least
                    : least + " to " + most) + " fields, got " + fields.size());
        }
        int size = json.path("size").asInt(10);
        if (size < 1 || size > 100) {
            throw new IllegalArgumentException(where + ": 'size' must be between 1 and 100");
        }
        int width = json.path("width").asInt(kind.equals("histogram") || kind.equals("network") ? 3 : 1);
        if (width < 1 || width > 3) {
            throw new IllegalArgumentException(where + ": 'width' is in thirds of a row, 1 to 3");
        }
        String index = text(json, "index", null);
        return new Panel(id, text(json, "title", id), kind, fields, text(json, "query", ""),
                index == null ? null : indexPattern(index, where + " index"), size, width);
    }

    private static String text(JsonNode json, String name, String fallback) {
        JsonNode value = json.path(name);
        if (value.isMissingNode() || value.isNull()) {
            return fallback;
        }
        if (!value.isValueNode()) {
            throw new IllegalArgumentException("'" + name + "' must be a text");
        }
        return value.asText();
    }

    private static JsonNode array(JsonNode json, String name) {
        JsonNode value = json.path(name);
        if (value.isMissingNode() || value.isNull()) {
            return JsonNodeFactory.instance.arrayNode();
        }
        if (!value.isArray()) {
            throw new IllegalArgumentException("'" + name + "' must be a list");
        }
        return value;
    }

    private static String field(String name, String where) {
        try {
            return SearchRequest.requireFieldName(name, where);
        } catch (HuntRequestException invalid) {
            throw new IllegalArgumentException(where + ": " + invalid.getMessage());
        }
    }

    private static String indexPattern(String pattern, String where) {
        try {
            return SearchRequest.requireIndexPattern(pattern, where);
        } catch (HuntRequestException invalid) {
            throw new IllegalArgumentException(where + ": " + invalid.getMessage());
        }
    }
}
