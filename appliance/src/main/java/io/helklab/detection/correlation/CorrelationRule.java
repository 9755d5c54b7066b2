package io.helklab.detection.correlation;

import io.helklab.detection.RuleLevel;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A compiled Sigma correlation rule. Immutable.
 *
 * @param id          Sigma's {@code id}, or null
 * @param name        Sigma's {@code name}, or null
 * @param title       the title
 * @param sigmaStatus Sigma's {@code status}, or null
 * @param level       the level, or null
 * @param author      the author, or null
 * @param tags        the tags
 * @param file        the file it came from
 * @param line        the line of its document
 * @param type        the correlation type
 * @param rules       the referred rules, by {@code id} or {@code name}
 * @param groupBy     the fields (or aliases) whose values must be equal within a group
 * @param aliases     alias → referred rule → that rule's field
 * @param timespan    the window length
 * @param bounds      the count condition (all must hold); for temporal types without one, "all rules seen"
 * @param valueField  the field whose distinct values {@code value_count} counts, else null
 * @param generate    whether the referred rules also alert on their own
 */
public record CorrelationRule(String id, String name, String title, String sigmaStatus, RuleLevel level,
                              String author, List<String> tags, String file, int line, CorrelationType type,
                              List<String> rules, List<String> groupBy, Map<String, Map<String, String>> aliases,
                              Duration timespan, List<Bound> bounds, String valueField, boolean generate) {

    public CorrelationRule {
        tags = List.copyOf(tags);
        rules = List.copyOf(rules);
        groupBy = List.copyOf(groupBy);
        aliases = Map.copyOf(aliases);
        bounds = List.copyOf(bounds);
    }

    /** The id alerts carry. */
    public String key() {
        return id != null ? id : file + ":" + line;
    }

    /** One criterion of the condition, e.g. {@code gte: 10}. */
    public record Bound(String operator, long value) {
        boolean holds(long count) {
            return switch (operator) {
                case "gt" -> count > value;
                case "gte" -> count >= value;
                case "lt" -> count < value;
                case "lte" -> count <= value;
                case "eq" -> count == value;
                default -> count != value;
            };
        }
    }

    /** Whether a count satisfies every bound. */
    public boolean holds(long count) {
        for (Bound bound : bounds) {
            if (!bound.holds(count)) {
                return false;
            }
        }
        return true;
    }
}
