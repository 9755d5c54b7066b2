package io.helklab.door.hunt;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

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

    /**
     * The most specific explanation: the deepest {@code caused_by} reason, widened to its parent's while the
     * parent only adds context to it ({@code Cannot parse 'a AND (': Encountered "<EOF>" ...} rather than the bare
     * {@code Encountered ...}). Looks into the first failed shard; {@code null} if there is no reason at all.
     */
    static String innermostReason(JsonNode body) {
        JsonNode error = body.path("error");
        JsonNode start = error.path("failed_shards").path(0).path("reason");
        if (start.isMissingNode()) {
            start = error;
        }
        List<String> chain = new ArrayList<>();
        for (JsonNode cause = start; cause.isObject(); cause = cause.path("caused_by")) {
            if (cause.hasNonNull("reason")) {
                chain.add(cause.path("reason").asText());
            }
        }
        if (chain.isEmpty()) {
            return null;
        }
        String reason = chain.get(chain.size() - 1);
        for (int position = chain.size() - 2; position >= 0 && chain.get(position).contains(reason); position--) {
            reason = chain.get(position);
        }
        return reason;
    }
}
