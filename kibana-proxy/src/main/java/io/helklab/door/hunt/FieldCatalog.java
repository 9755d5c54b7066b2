package io.helklab.door.hunt;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The fields of an index pattern, discovered from Elasticsearch's {@code _mapping} and merged over all
 * matching indices, with the name to aggregate, sort and filter on: the field itself for keyword,
 * numeric, date, ip and boolean fields, its {@code .keyword} sub-field for text fields.
 *
 * <p>Thread-safe. Answers are cached per pattern for a few seconds: the mapping only grows as new event
 * types arrive, and a search should not pay for a mapping round-trip every time.
 */
public final class FieldCatalog {
    private static final Duration CACHE_TIME = Duration.ofSeconds(10);
    private static final int CACHE_ENTRIES = 64;
    private static final Set<String> AGGREGATABLE_TYPES = Set.of("keyword", "constant_keyword", "long", "integer",
            "short", "byte", "double", "float", "half_float", "scaled_float", "unsigned_long", "date", "date_nanos",
            "boolean", "ip");

    /** One field: its HELK name, its Elasticsearch type, and what to aggregate on ({@code null}: not aggregatable). */
    public record Field(String name, String type, String aggregationField, boolean searchable) {
        public boolean aggregatable() {
            return aggregationField != null;
        }
    }

    private record Cached(Instant expires, Map<String, Field> fields) {}

    private final HuntElasticsearch elasticsearch;
    private final Clock clock;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    public FieldCatalog(HuntElasticsearch elasticsearch, Clock clock) {
        this.elasticsearch = elasticsearch;
        this.clock = clock;
    }

    /** The fields of {@code indexPattern} (already validated), by name in alphabetical order, meta fields first. */
    public Map<String, Field> fields(String indexPattern) {
        Instant now = clock.instant();
        Cached cached = cache.get(indexPattern);
        if (cached != null && cached.expires.isAfter(now)) {
            return cached.fields;
        }
        JsonNode mapping = elasticsearch.get("/" + indexPattern + "/_mapping?ignore_unavailable=true&allow_no_indices=true");
        Map<String, Field> fields = fromMapping(mapping);
        if (cache.size() >= CACHE_ENTRIES) {
            cache.clear();
        }
        cache.put(indexPattern, new Cached(now.plus(CACHE_TIME), fields));
        return fields;
    }

    /** Parses a {@code _mapping} answer; package-private for tests. */
    static Map<String, Field> fromMapping(JsonNode mapping) {
        Map<String, Field> fields = new TreeMap<>();
        for (Iterator<JsonNode> indices = mapping.elements(); indices.hasNext(); ) {
            collect(indices.next().path("mappings").path("properties"), "", fields);
        }
        Map<String, Field> ordered = new LinkedHashMap<>();
        ordered.put("_index", new Field("_index", "keyword", "_index", true));
        ordered.put("_id", new Field("_id", "keyword", "_id", true));
        ordered.putAll(fields);
        return Collections.unmodifiableMap(ordered);
    }

    private static void collect(JsonNode properties, String prefix, Map<String, Field> into) {
        for (Iterator<Map.Entry<String, JsonNode>> entries = properties.fields(); entries.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = entries.next();
            String name = prefix + entry.getKey();
            JsonNode definition = entry.getValue();
            if (definition.has("properties")) {
                collect(definition.path("properties"), name + ".", into);
                continue;
            }
            Field field = describe(name, definition);
            // Indices can disagree (a field typed in one, absent or different in another); keep the first
            // aggregatable description, since that is the one filters and counts can use.
            into.merge(name, field, (existing, candidate) -> existing.aggregatable() ? existing : candidate);
        }
    }

    private static Field describe(String name, JsonNode definition) {
        String type = definition.path("type").asText("object");
        boolean searchable = definition.path("index").asBoolean(true);
        String aggregation = null;
        if (AGGREGATABLE_TYPES.contains(type) && definition.path("doc_values").asBoolean(true)) {
            aggregation = name;
        } else {
            List<String> keywordSubFields = new ArrayList<>();
            definition.path("fields").fields().forEachRemaining(sub -> {
                if (sub.getValue().path("type").asText().equals("keyword")) {
                    keywordSubFields.add(sub.getKey());
                }
            });
            if (keywordSubFields.contains("keyword")) {
                aggregation = name + ".keyword";
            } else if (!keywordSubFields.isEmpty()) {
                aggregation = name + "." + keywordSubFields.get(0);
            }
        }
        return new Field(name, type, aggregation, searchable);
    }
}
