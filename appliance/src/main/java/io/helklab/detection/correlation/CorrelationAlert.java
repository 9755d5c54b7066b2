package io.helklab.detection.correlation;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A correlation rule that fired.
 *
 * @param rule       the correlation rule
 * @param group      the group-by fields and their values
 * @param firstEvent the time of the first event counted in the window
 * @param lastEvent  the time of the event that completed it
 * @param count      the events (event_count), distinct values (value_count) or distinct rules (temporal) counted
 */
public record CorrelationAlert(CorrelationRule rule, Map<String, String> group, Instant firstEvent,
                               Instant lastEvent, long count) {

    public CorrelationAlert {
        group = Map.copyOf(group);
    }

    /** The group values in group-by order, for ids and messages. */
    public List<String> groupValues() {
        return rule.groupBy().stream().map(field -> group.getOrDefault(field, "")).toList();
    }
}
