package io.helklab.detection.sigma;

import io.helklab.detection.DetectionRule;
import io.helklab.detection.RuleLevel;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/** Compiles one Sigma detection rule document (after rule-collection merging). */
public final class RuleCompiler {

    private RuleCompiler() {
    }

    /**
     * @param document     the rule's YAML mapping
     * @param file         where it came from, for reports
     * @param placeholders values for {@code expand}
     * @throws RuleProblem when the rule is invalid or uses what the engine does not support
     */
    public static DetectionRule compile(Node document, String file, Placeholders placeholders) throws RuleProblem {
        int line = YamlNodes.line(document);
        Map<String, Node> rule = YamlNodes.mapping(document, "a rule");
        String title = YamlNodes.text(rule.get("title"), "title");
        if (title == null || title.isBlank()) {
            throw RuleProblem.error("no title", "the rule (line " + line + ") has no title", line);
        }
        String levelText = YamlNodes.text(rule.get("level"), "level");
        RuleLevel level = RuleLevel.parse(levelText);
        if (levelText != null && level == null) {
            throw RuleProblem.error("unknown level", "level '" + levelText + "' (line " + YamlNodes.line(rule.get("level"))
                    + ") is not one of informational, low, medium, high, critical", YamlNodes.line(rule.get("level")));
        }
        List<String> authors = YamlNodes.texts(rule.get("author"), "author");
        Node logsourceNode = rule.get("logsource");
        if (logsourceNode == null) {
            throw RuleProblem.error("no logsource", "the rule (line " + line + ") has no logsource", line);
        }
        Map<String, Node> logsource = YamlNodes.mapping(logsourceNode, "logsource");
        Logsource source = Logsources.resolve(YamlNodes.text(logsource.get("product"), "product"),
                YamlNodes.text(logsource.get("category"), "category"),
                YamlNodes.text(logsource.get("service"), "service"), YamlNodes.line(logsourceNode));
        Node detectionNode = rule.get("detection");
        if (detectionNode == null) {
            throw RuleProblem.error("no detection", "the rule (line " + line + ") has no detection", line);
        }
        Matcher condition = detection(detectionNode, new ValueCompiler(placeholders));
        return new DetectionRule(YamlNodes.text(rule.get("id"), "id"), YamlNodes.text(rule.get("name"), "name"),
                title.strip(), YamlNodes.text(rule.get("status"), "status"), level,
                authors.isEmpty() ? null : String.join(", ", authors), YamlNodes.texts(rule.get("tags"), "tags"),
                file, line, source, condition);
    }

    private static Matcher detection(Node node, ValueCompiler values) throws RuleProblem {
        int line = YamlNodes.line(node);
        Map<String, Node> detection = YamlNodes.mapping(node, "detection");
        Node conditionNode = detection.get("condition");
        if (conditionNode == null) {
            throw RuleProblem.error("no condition", "the detection (line " + line + ") has no condition", line);
        }
        Map<String, Matcher> identifiers = new LinkedHashMap<>();
        for (Map.Entry<String, Node> entry : detection.entrySet()) {
            String name = entry.getKey();
            if (name.equals("condition") || name.equals("timeframe")) {
                continue;
            }
            identifiers.put(name, identifier(name, entry.getValue(), values));
        }
        List<Matcher> conditions = new ArrayList<>();
        if (conditionNode instanceof SequenceNode list) {
            for (Node element : list.getValue()) {
                conditions.add(ConditionParser.parse(YamlNodes.text(element, "condition"), identifiers,
                        YamlNodes.line(element)));
            }
        } else {
            String text = YamlNodes.text(conditionNode, "condition");
            if (text == null) {
                throw RuleProblem.error("empty condition", "the condition (line " + YamlNodes.line(conditionNode)
                        + ") is empty", YamlNodes.line(conditionNode));
            }
            conditions.add(ConditionParser.parse(text, identifiers, YamlNodes.line(conditionNode)));
        }
        if (conditions.isEmpty()) {
            throw RuleProblem.error("empty condition", "the condition list (line " + line + ") is empty", line);
        }
        return Logic.or(conditions);
    }

    private static Matcher identifier(String name, Node node, ValueCompiler values) throws RuleProblem {
        int line = YamlNodes.line(node);
        if (YamlNodes.isNull(node)) {
            throw RuleProblem.error("empty search identifier", "the search identifier '" + name + "' (line " + line
                    + ") is empty", line);
        }
        if (node instanceof MappingNode) {
            return selection(name, node, values);
        }
        if (node instanceof ScalarNode) {
            return values.keywords(List.of(), List.of(node), line);
        }
        List<Node> elements = ((SequenceNode) node).getValue();
        if (elements.isEmpty()) {
            throw RuleProblem.error("empty search identifier", "the search identifier '" + name + "' (line " + line
                    + ") is an empty list", line);
        }
        if (elements.stream().allMatch(element -> element instanceof ScalarNode)) {
            return values.keywords(List.of(), elements, line);
        }
        List<Matcher> alternatives = new ArrayList<>();
        for (Node element : elements) {
            if (element instanceof MappingNode) {
                alternatives.add(selection(name, element, values));
            } else if (element instanceof ScalarNode) {
                alternatives.add(values.keywords(List.of(), List.of(element), YamlNodes.line(element)));
            } else {
                throw RuleProblem.error("nested list", "the search identifier '" + name + "' holds a list in a list "
                        + "(line " + YamlNodes.line(element) + ")", YamlNodes.line(element));
            }
        }
        return Logic.or(alternatives);
    }

    private static Matcher selection(String name, Node node, ValueCompiler values) throws RuleProblem {
        Map<String, Node> entries = YamlNodes.mapping(node, "the search identifier '" + name + "'");
        if (entries.isEmpty()) {
            throw RuleProblem.error("empty search identifier", "the search identifier '" + name + "' (line "
                    + YamlNodes.line(node) + ") is an empty map", YamlNodes.line(node));
        }
        List<Matcher> items = new ArrayList<>(entries.size());
        for (Map.Entry<String, Node> entry : entries.entrySet()) {
            items.add(values.field(entry.getKey(), entry.getValue(), YamlNodes.line(entry.getValue())));
        }
        return Logic.and(items);
    }
}
