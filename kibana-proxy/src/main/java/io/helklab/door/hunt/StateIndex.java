package io.helklab.door.hunt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One of the hunt UI's own indices (saved searches, workshop progress): created on first write with one
 * shard, no replicas and an explicit keyword mapping, so it is healthy on the single embedded node.
 * Writes wait for the refresh, so the next read sees them. Thread-safe.
 */
final class StateIndex {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final int MAXIMUM_DOCUMENTS = 10_000;

    private final HuntElasticsearch elasticsearch;
    private final String name;
    private final ObjectNode properties;
    private volatile boolean created;

    /** @param properties the mapping's {@code properties}; strings not named there are keywords */
    StateIndex(HuntElasticsearch elasticsearch, String name, ObjectNode properties) {
        this.elasticsearch = elasticsearch;
        this.name = name;
        this.properties = properties;
    }

    String name() {
        return name;
    }

    private void ensureCreated() {
        if (created) {
            return;
        }
        ObjectNode body = NODES.objectNode();
        body.putObject("settings").put("number_of_shards", 1).put("number_of_replicas", 0);
        ObjectNode mappings = body.putObject("mappings");
        mappings.putArray("dynamic_templates").addObject().putObject("strings").put("match_mapping_type", "string")
                .putObject("mapping").put("type", "keyword");
        mappings.set("properties", properties);
        try {
            elasticsearch.put("/" + name, body, null);
        } catch (HuntRequestException refused) {
            if (!String.valueOf(refused.getMessage()).contains("resource_already_exists_exception")) {
                throw refused;
            }
        }
        created = true;
    }

    /** Creates or replaces the document {@code id}. */
    void put(String id, JsonNode document) {
        ensureCreated();
        elasticsearch.put("/" + name + "/_doc/" + encode(id) + "?refresh=wait_for", document, null);
    }

    /**
     * Creates or replaces several documents, then refreshes once: one refresh wait per document would make a
     * change to fifty alerts take fifty refresh intervals.
     */
    void putAll(Map<String, ? extends JsonNode> documents) {
        ensureCreated();
        documents.forEach((id, document) -> elasticsearch.put("/" + name + "/_doc/" + encode(id), document, null));
        elasticsearch.post("/" + name + "/_refresh", NODES.objectNode(), null);
    }

    /** The sources of the documents among {@code ids} that exist, by id. */
    Map<String, JsonNode> byIds(Collection<String> ids) {
        Map<String, JsonNode> found = new LinkedHashMap<>();
        if (ids.isEmpty()) {
            return found;
        }
        ObjectNode body = NODES.objectNode();
        ids.forEach(body.putArray("ids")::add);
        JsonNode answer;
        try {
            answer = elasticsearch.post("/" + name + "/_mget", body, null);
        } catch (HuntRequestException refused) {
            if (String.valueOf(refused.getMessage()).contains("index_not_found_exception")) {
                return found;
            }
            throw refused;
        }
        for (JsonNode document : answer.path("docs")) {
            if (document.path("found").asBoolean()) {
                found.put(document.path("_id").asText(), document.path("_source"));
            }
        }
        return found;
    }

    /** Deletes the document {@code id}; whether it existed. */
    boolean delete(String id) {
        JsonNode answer = elasticsearch.delete("/" + name + "/_doc/" + encode(id) + "?refresh=wait_for");
        return answer != null && answer.path("result").asText().equals("deleted");
    }

    /** Every document's source (the index holds at most a few thousand), in {@code sort} order. */
    List<JsonNode> all(String sortField) {
        ObjectNode body = NODES.objectNode();
        body.put("size", MAXIMUM_DOCUMENTS);
        body.putObject("query").putObject("match_all");
        body.putArray("sort").addObject().putObject(sortField).put("order", "asc").put("unmapped_type", "keyword");
        JsonNode answer = elasticsearch.post("/" + name + "/_search?ignore_unavailable=true&allow_no_indices=true", body, null);
        List<JsonNode> documents = new ArrayList<>();
        for (JsonNode hit : answer.path("hits").path("hits")) {
            documents.add(hit.path("_source"));
        }
        return documents;
    }

    private static String encode(String id) {
        return URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
