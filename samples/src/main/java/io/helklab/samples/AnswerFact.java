package io.helklab.samples;

import java.util.Map;
import java.util.Objects;

/**
 * One fact a hunter should find: documents in indices matching {@code index} whose HELK-normalised fields
 * equal every entry of {@code match} (values are strings or numbers, exactly as the normaliser stores
 * them), at least {@code minimumHits} of them. Values never contain timestamps, so facts survive
 * {@link TimeRebaser rebasing}. Immutable value.
 */
public record AnswerFact(String description, String index, Map<String, Object> match, int minimumHits) {

    public AnswerFact {
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(index, "index");
        match = Map.copyOf(match);
        if (match.isEmpty()) {
            throw new IllegalArgumentException("Answer fact '" + description + "' matches nothing: give it at least one field");
        }
        match.forEach((field, value) -> {
            if (!(value instanceof String) && !(value instanceof Number)) {
                throw new IllegalArgumentException("Answer fact '" + description + "': field " + field
                        + " must be a string or a number, got " + value.getClass().getSimpleName());
            }
        });
        if (minimumHits < 1) {
            throw new IllegalArgumentException("Answer fact '" + description + "': minimumHits must be at least 1, got " + minimumHits);
        }
    }
}
