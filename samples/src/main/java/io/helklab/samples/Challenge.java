package io.helklab.samples;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A question for the class with the answers that count as right. Answers compare trimmed,
 * case-insensitively and with curly braces removed, so {@code {A1B2…}} and {@code a1b2…} both match a GUID.
 * Immutable value.
 */
public record Challenge(String id, String question, List<String> acceptedAnswers) {

    public Challenge {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(question, "question");
        acceptedAnswers = List.copyOf(acceptedAnswers);
        if (acceptedAnswers.isEmpty()) {
            throw new IllegalArgumentException("Challenge '" + id + "' accepts no answer");
        }
    }

    public boolean accepts(String answer) {
        if (answer == null) {
            return false;
        }
        String candidate = comparable(answer);
        return acceptedAnswers.stream().anyMatch(accepted -> comparable(accepted).equals(candidate));
    }

    private static String comparable(String answer) {
        return answer.replace("{", "").replace("}", "").trim().toLowerCase(Locale.ROOT);
    }
}
