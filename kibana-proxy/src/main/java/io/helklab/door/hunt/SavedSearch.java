package io.helklab.door.hunt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A named search as the Search tab shows it: query, index pattern, filters, columns and sort (the time
 * range is not part of it, as in Kibana). Immutable value, validated in the constructor with messages
 * that name the field at fault.
 *
 * @param id the URL-safe name derived from {@code name}; what {@code #/search?saved=<id>} shares
 * @param builtIn shipped in the jar (read-only) rather than saved by a user
 */
public record SavedSearch(String id, String name, String description, String query, String index, List<String> filters,
                          List<String> columns, String sort, boolean builtIn) {
    static final int MAXIMUM_NAME = 100;

    public SavedSearch {
        Objects.requireNonNull(name, "name");
        if (name.isBlank() || name.length() > MAXIMUM_NAME || name.chars().anyMatch(Character::isISOControl)) {
            throw HuntRequestException.badParameter("name", "A saved search needs a name of 1 to " + MAXIMUM_NAME
                    + " printable characters, got '" + name + "'.");
        }
        id = id == null ? idFor(name) : id;
        description = description == null ? "" : description;
        query = query == null ? "" : query;
        if (query.length() > 10_000) {
            throw HuntRequestException.badParameter("query", "The query is longer than 10,000 characters.");
        }
        index = SearchRequest.requireIndexPattern(index == null || index.isBlank() ? HuntIndices.EVENTS : index, "index");
        filters = List.copyOf(filters == null ? List.of() : filters);
        filters.forEach(SearchRequest.FieldFilter::parse);
        columns = List.copyOf(columns == null ? List.of() : columns);
        columns.forEach(column -> SearchRequest.requireFieldName(column, "columns"));
        sort = sort == null || sort.isBlank() ? "@timestamp:desc" : sort;
        if (!sort.matches("[@A-Za-z0-9_][A-Za-z0-9_.@-]*:(asc|desc)")) {
            throw HuntRequestException.badParameter("sort", "Sort must read field:asc or field:desc, got '" + sort + "'.");
        }
    }

    /** {@code Sysmon_Registry Events} becomes {@code sysmon-registry-events}. */
    static String idFor(String name) {
        String id = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", "");
        if (id.isEmpty()) {
            throw HuntRequestException.badParameter("name", "The name '" + name + "' has no letters or digits to make "
                    + "a link from.");
        }
        return id;
    }

    /** Reads the JSON the UI posts and the index and resource files hold. */
    static SavedSearch fromJson(JsonNode json, boolean builtIn) {
        return new SavedSearch(json.hasNonNull("id") ? json.path("id").asText() : null, json.path("name").asText(""),
                json.path("description").asText(""), json.path("query").asText(""), json.path("index").asText(null),
                strings(json.path("filters"), "filters"), strings(json.path("columns"), "columns"),
                json.path("sort").asText(null), builtIn);
    }

    ObjectNode toJson() {
        return JsonEndpoint.JSON.valueToTree(this);
    }

    private static List<String> strings(JsonNode array, String field) {
        List<String> values = new ArrayList<>();
        if (array.isMissingNode() || array.isNull()) {
            return values;
        }
        if (!array.isArray() || array.size() > 50) {
            throw HuntRequestException.badParameter(field, "'" + field + "' must be a list of at most 50 texts.");
        }
        array.forEach(value -> values.add(value.asText()));
        return values;
    }
}
