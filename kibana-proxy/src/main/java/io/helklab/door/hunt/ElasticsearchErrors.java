package io.helklab.door.hunt;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Reads Elasticsearch's error bodies. A query-string syntax error arrives as
 * {@code search_phase_execution_exception} → {@code failed_shards[].reason} ({@code query_shard_exception})
 * → {@code caused_by} ({@code parse_exception}) → {@code caused_by} ({@code parse_exception: Cannot parse ...});
 * the innermost reason is the parser's own words, which is what a hunter needs to fix the query.
 */
final class ElasticsearchErrors {
    private ElasticsearchErrors() {}

    /** The top-level type and reason, e.g. {@code query_shard_exception: Failed to parse query [foo AND (]}. */
    static String summary(JsonNode body) {
        JsonNode error = body.path("error");
        if (error.isTextual()) {
            return error.asText();
        }
        JsonNode root = error.path("root_cause").path(0);
        JsonNode described = root.isMissingNode() ? error : root;
        String type = described.path("type").asText("unknown_error");
        String reason = described.path("reason").asText("");
        return reason.isEmpty() ? type : type + ": " + reason;
    }

    /** The deepest {@code caused_by} reason, searching the first failed shard too; {@code null} if there is none. */
    static String innermostReason(JsonNode body) {
        JsonNode error = body.path("error");
        JsonNode start = error.path("failed_shards").path(0).path("reason");
        if (start.isMissingNode()) {
            start = error;
        }
        String reason = null;
        for (JsonNode cause = start; cause.isObject(); cause = cause.path("caused_by")) {
            if (cause.hasNonNull("reason")) {
                reason = cause.path("reason").asText();
            }
        }
        return reason;
    }
}
