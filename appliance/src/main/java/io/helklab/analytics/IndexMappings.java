package io.helklab.analytics;

import com.fasterxml.jackson.databind.JsonNode;
import io.helklab.elasticsearch.ElasticsearchHttp;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What Elasticsearch holds right now for the hunt indices: every index name with a fingerprint of its mapping
 * and the top-level fields whose values Elasticsearch cannot compare exactly the way Spark does ({@code text}
 * fields, which are analysed, and {@code ip} fields, which refuse wildcard queries).
 *
 * <p>One {@code GET <patterns>/_mapping} per {@link #read}; stateless and thread-safe. Failures are
 * {@link IllegalStateException}s naming the URL, the status and the body.
 */
final class IndexMappings {
    private static final Set<String> EXACT_TYPES = Set.of("keyword", "constant_keyword", "long", "integer", "short",
            "byte", "double", "float", "half_float", "scaled_float", "date", "date_nanos", "boolean", "object");

    /** One index: its mapping fingerprint and its inexact top-level fields. */
    record IndexMapping(String index, String fingerprint, Set<String> inexactFields) {}

    private final ElasticsearchHttp elasticsearch;

    IndexMappings(String elasticsearchUrl) {
        this.elasticsearch = new ElasticsearchHttp(elasticsearchUrl, Duration.ofSeconds(30));
    }

    /** Every index matching {@code patterns} (comma-separated, wildcards allowed), by name. */
    Map<String, IndexMapping> read(String patterns) {
        String path = "/" + patterns + "/_mapping?ignore_unavailable=true&allow_no_indices=true";
        String url = elasticsearch.baseUrl() + path;
        ElasticsearchHttp.Response response;
        try {
            response = elasticsearch.get(path);
        } catch (IOException failure) {
            throw new IllegalStateException("Could not read the index mappings from " + url + ": " + failure
                    + ". Is Elasticsearch running?", failure);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while reading the index mappings from " + url, interrupted);
        }
        if (response.status() != 200) {
            throw new IllegalStateException("Elasticsearch answered " + response.status() + " to " + url + ": "
                    + response.body());
        }
        if (response.body() == null) {
            throw new IllegalStateException("Elasticsearch's answer to " + url + " is not JSON");
        }
        Map<String, IndexMapping> indices = new TreeMap<>();
        Iterator<Map.Entry<String, JsonNode>> entries = response.body().fields();
        while (entries.hasNext()) {
            Map.Entry<String, JsonNode> entry = entries.next();
            JsonNode mappings = entry.getValue().path("mappings");
            indices.put(entry.getKey(), new IndexMapping(entry.getKey(), fingerprint(mappings),
                    inexactFields(mappings.path("properties"))));
        }
        return indices;
    }

    private static Set<String> inexactFields(JsonNode properties) {
        Set<String> inexact = new TreeSet<>();
        Iterator<Map.Entry<String, JsonNode>> fields = properties.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            // An object (no "type", only "properties") is read as a struct; Spark pushes no filter into it.
            String type = field.getValue().path("type").asText("object");
            if (!EXACT_TYPES.contains(type)) {
                inexact.add(field.getKey());
            }
        }
        return inexact;
    }

    private static String fingerprint(JsonNode mappings) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(mappings.toString().getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("This JVM has no SHA-256; every Java SE JVM must", impossible);
        }
    }
}
