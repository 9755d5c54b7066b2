package io.helklab.detection.sigma;

import io.helklab.detection.RuleLevel;
import io.helklab.detection.correlation.CorrelationRule;
import io.helklab.detection.correlation.CorrelationType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.nodes.Node;

/** Compiles one Sigma correlation rule document. */
public final class CorrelationCompiler {

    private static final Set<String> OPERATORS = Set.of("gt", "gte", "lt", "lte", "eq", "neq");

    private CorrelationCompiler() {
    }

    public static CorrelationRule compile(Node document, String file) throws RuleProblem {
        int line = YamlNodes.line(document);
        Map<String, Node> rule = YamlNodes.mapping(document, "a correlation rule");
        String title = YamlNodes.text(rule.get("title"), "title");
        if (title == null || title.isBlank()) {
            throw RuleProblem.error("no title", "the correlation rule (line " + line + ") has no title", line);
        }
        Node correlationNode = rule.get("correlation");
        int correlationLine = YamlNodes.line(correlationNode);
        Map<String, Node> correlation = YamlNodes.mapping(correlationNode, "correlation");
        String typeText = YamlNodes.text(correlation.get("type"), "type");
        CorrelationType type = typeText == null ? null : CorrelationType.parse(typeText.strip());
        if (type == null) {
            if (typeText != null && Set.of("value_sum", "value_avg", "value_percentile").contains(typeText.strip())) {
                throw RuleProblem.unsupported("correlation type " + typeText.strip(), "correlation type '" + typeText
                        + "' (line " + correlationLine + ") is not supported", correlationLine);
            }
            throw RuleProblem.error("unknown correlation type", "correlation type '" + typeText + "' (line "
                    + correlationLine + ") is not one of event_count, value_count, temporal, temporal_ordered",
                    correlationLine);
        }
        List<String> rules = YamlNodes.texts(correlation.get("rules"), "rules");
        if (rules.isEmpty()) {
            throw RuleProblem.error("no rules", "the correlation (line " + correlationLine + ") refers to no rules",
                    correlationLine);
        }
        List<String> groupBy = YamlNodes.texts(correlation.get("group-by"), "group-by");
        Node timespanNode = correlation.containsKey("timespan") ? correlation.get("timespan") : correlation.get("timeframe");
        Duration timespan = duration(YamlNodes.text(timespanNode, "timespan"), YamlNodes.line(timespanNode));
        List<CorrelationRule.Bound> bounds = new ArrayList<>();
        String valueField = null;
        Node conditionNode = correlation.get("condition");
        if (conditionNode != null) {
            for (Map.Entry<String, Node> entry : YamlNodes.mapping(conditionNode, "condition").entrySet()) {
                if (entry.getKey().equals("field")) {
                    valueField = YamlNodes.text(entry.getValue(), "field");
                    continue;
                }
                Long value = Text.parseInteger(YamlNodes.text(entry.getValue(), entry.getKey()));
                if (!OPERATORS.contains(entry.getKey()) || value == null) {
                    throw RuleProblem.error("invalid correlation condition", "correlation condition '"
                            + entry.getKey() + "' (line " + YamlNodes.line(entry.getValue())
                            + ") must be one of " + OPERATORS + " with an integer", YamlNodes.line(entry.getValue()));
                }
                bounds.add(new CorrelationRule.Bound(entry.getKey(), value));
            }
        }
        if (bounds.isEmpty() && (type == CorrelationType.EVENT_COUNT || type == CorrelationType.VALUE_COUNT)) {
            throw RuleProblem.error("no correlation condition", "a " + typeText + " correlation (line "
                    + correlationLine + ") needs a condition such as gte: 10", correlationLine);
        }
        if (!bounds.isEmpty() && bounds.stream().noneMatch(bound -> Set.of("gt", "gte", "eq").contains(bound.operator()))) {
            throw RuleProblem.unsupported("correlation condition without lower bound", "the correlation condition "
                    + "(line " + correlationLine + ") has only an upper bound; on a stream it would fire on the first "
                    + "event, so it needs a timer this engine does not have", correlationLine);
        }
        if (type == CorrelationType.VALUE_COUNT && valueField == null) {
            throw RuleProblem.error("no value field", "a value_count correlation (line " + correlationLine
                    + ") needs condition.field", correlationLine);
        }
        Map<String, Map<String, String>> aliases = new LinkedHashMap<>();
        Node aliasNode = correlation.get("aliases");
        if (aliasNode != null) {
            for (Map.Entry<String, Node> alias : YamlNodes.mapping(aliasNode, "aliases").entrySet()) {
                Map<String, String> byRule = new LinkedHashMap<>();
                for (Map.Entry<String, Node> entry : YamlNodes.mapping(alias.getValue(), "alias").entrySet()) {
                    byRule.put(entry.getKey(), YamlNodes.text(entry.getValue(), "alias field"));
                }
                aliases.put(alias.getKey(), byRule);
            }
        }
        String levelText = YamlNodes.text(rule.get("level"), "level");
        List<String> authors = YamlNodes.texts(rule.get("author"), "author");
        String generate = YamlNodes.text(correlation.containsKey("generate") ? correlation.get("generate")
                : rule.get("generate"), "generate");
        return new CorrelationRule(YamlNodes.text(rule.get("id"), "id"), YamlNodes.text(rule.get("name"), "name"),
                title.strip(), YamlNodes.text(rule.get("status"), "status"), RuleLevel.parse(levelText),
                authors.isEmpty() ? null : String.join(", ", authors), YamlNodes.texts(rule.get("tags"), "tags"),
                file, line, type, rules, groupBy, aliases, timespan, bounds, valueField,
                generate != null && generate.strip().equalsIgnoreCase("true"));
    }

    /** {@code 30s}, {@code 5m}, {@code 1h}, {@code 2d}, {@code 1w}. */
    static Duration duration(String text, int line) throws RuleProblem {
        if (text == null || text.strip().length() < 2) {
            throw RuleProblem.error("invalid timespan", "timespan '" + text + "' (line " + line
                    + ") must be a number and a unit: 30s, 5m, 1h, 1d", line);
        }
        String value = text.strip();
        Long amount = Text.parseInteger(value.substring(0, value.length() - 1));
        char unit = value.charAt(value.length() - 1);
        if (amount == null || amount <= 0) {
            throw RuleProblem.error("invalid timespan", "timespan '" + text + "' (line " + line
                    + ") must be a positive number and a unit: 30s, 5m, 1h, 1d", line);
        }
        return switch (unit) {
            case 's' -> Duration.ofSeconds(amount);
            case 'm' -> Duration.ofMinutes(amount);
            case 'h' -> Duration.ofHours(amount);
            case 'd' -> Duration.ofDays(amount);
            case 'w' -> Duration.ofDays(7 * amount);
            case 'M' -> Duration.ofDays(30 * amount);
            case 'y' -> Duration.ofDays(365 * amount);
            default -> throw RuleProblem.error("invalid timespan", "timespan '" + text + "' (line " + line
                    + ") has an unknown unit '" + unit + "'; use s, m, h or d", line);
        };
    }
}
