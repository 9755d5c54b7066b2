package io.helklab.detection.sigma;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * Splits a rule file into rule documents: one rule per document, with Sigma's rule collections resolved
 * ({@code action: global} is merged into every following document until {@code action: reset};
 * {@code action: repeat} repeats the previous rule with its own keys replacing). YAML is composed safely (no
 * object construction, aliases and nesting capped) into nodes that keep their line numbers.
 */
public final class RuleDocuments {

    /** Receives each document of a file, or the problem that stopped reading it. */
    public interface Sink {
        void document(Node document, int index);

        void problem(RuleProblem problem);
    }

    private static final int NESTING_LIMIT = 40;
    private static final int ALIAS_LIMIT = 20;

    private RuleDocuments() {
    }

    /** Reads every document of {@code text}; a YAML error ends the file, after the documents before it. */
    public static void read(String text, int maximumCodePoints, Sink sink) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        options.setMaxAliasesForCollections(ALIAS_LIMIT);
        options.setNestingDepthLimit(NESTING_LIMIT);
        options.setCodePointLimit(Math.max(maximumCodePoints, 1));
        options.setAllowRecursiveKeys(false);
        Yaml yaml = new Yaml(new SafeConstructor(options));
        Node global = null;
        Node previous = null;
        int index = 0;
        try {
            for (Node node : yaml.composeAll(new StringReader(text))) {
                if (node == null) {
                    continue;
                }
                if (!(node instanceof MappingNode)) {
                    sink.problem(RuleProblem.error("document is not a map", "document " + (index + 1)
                            + " (line " + YamlNodes.line(node) + ") is not a map of rule fields", YamlNodes.line(node)));
                    index++;
                    continue;
                }
                String action = action((MappingNode) node);
                Node body = withoutAction((MappingNode) node);
                if ("global".equals(action)) {
                    global = global == null ? body : merge(global, body);
                    continue;
                }
                if ("reset".equals(action)) {
                    global = null;
                    continue;
                }
                Node rule;
                if ("repeat".equals(action)) {
                    if (previous == null) {
                        sink.problem(RuleProblem.error("repeat without a rule", "action: repeat (line "
                                + YamlNodes.line(node) + ") has no earlier rule to repeat", YamlNodes.line(node)));
                        continue;
                    }
                    rule = merge(previous, body);
                } else if (action != null) {
                    sink.problem(RuleProblem.error("unknown action", "action '" + action + "' (line "
                            + YamlNodes.line(node) + ") is not one of global, reset, repeat", YamlNodes.line(node)));
                    continue;
                } else {
                    rule = global == null ? body : merge(global, body);
                }
                previous = rule;
                sink.document(rule, index++);
            }
        } catch (MarkedYAMLException invalid) {
            Mark mark = invalid.getProblemMark() != null ? invalid.getProblemMark() : invalid.getContextMark();
            int line = mark == null ? 0 : mark.getLine() + 1;
            sink.problem(RuleProblem.error("invalid YAML", "invalid YAML at line " + line + ": "
                    + firstLine(invalid.getProblem() != null ? invalid.getProblem() : invalid.getMessage()), line,
                    invalid));
        } catch (YAMLException invalid) {
            sink.problem(RuleProblem.error("invalid YAML", "invalid YAML: " + firstLine(invalid.getMessage()), 0,
                    invalid));
        }
    }

    private static String action(MappingNode node) {
        for (NodeTuple tuple : node.getValue()) {
            if (tuple.getKeyNode() instanceof ScalarNode key && key.getValue().equals("action")
                    && tuple.getValueNode() instanceof ScalarNode value) {
                return value.getValue();
            }
        }
        return null;
    }

    private static Node withoutAction(MappingNode node) {
        List<NodeTuple> tuples = new ArrayList<>();
        for (NodeTuple tuple : node.getValue()) {
            if (!(tuple.getKeyNode() instanceof ScalarNode key && key.getValue().equals("action"))) {
                tuples.add(tuple);
            }
        }
        return copy(node, tuples);
    }

    /** {@code base} with {@code overlay}'s keys: maps merge recursively, anything else is replaced. */
    static Node merge(Node base, Node overlay) {
        if (!(base instanceof MappingNode baseMap) || !(overlay instanceof MappingNode overlayMap)) {
            return overlay;
        }
        List<NodeTuple> tuples = new ArrayList<>(baseMap.getValue());
        for (NodeTuple added : overlayMap.getValue()) {
            String key = added.getKeyNode() instanceof ScalarNode scalar ? scalar.getValue() : null;
            int existing = -1;
            for (int i = 0; i < tuples.size(); i++) {
                if (key != null && tuples.get(i).getKeyNode() instanceof ScalarNode scalar
                        && scalar.getValue().equals(key)) {
                    existing = i;
                }
            }
            if (existing < 0) {
                tuples.add(added);
            } else {
                tuples.set(existing, new NodeTuple(added.getKeyNode(),
                        merge(tuples.get(existing).getValueNode(), added.getValueNode())));
            }
        }
        return new MappingNode(overlayMap.getTag(), true, tuples, overlayMap.getStartMark(), overlayMap.getEndMark(),
                overlayMap.getFlowStyle());
    }

    private static Node copy(MappingNode node, List<NodeTuple> tuples) {
        return new MappingNode(node.getTag(), true, tuples, node.getStartMark(), node.getEndMark(),
                node.getFlowStyle());
    }

    /** Whether a document is a correlation rule. */
    public static boolean isCorrelation(Node document) {
        return hasKey(document, "correlation");
    }

    /** Whether a document is a Sigma filter (a separate kind of document). */
    public static boolean isFilter(Node document) {
        return hasKey(document, "filter") && !hasKey(document, "detection");
    }

    private static boolean hasKey(Node document, String name) {
        if (document instanceof MappingNode mapping) {
            for (NodeTuple tuple : mapping.getValue()) {
                if (tuple.getKeyNode() instanceof ScalarNode key && key.getValue().equals(name)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Best-effort {@code title} and {@code id} of a document for reports on rules that failed; either may be null. */
    public static String[] titleAndId(Node document) {
        String[] result = new String[2];
        if (document instanceof MappingNode mapping) {
            for (NodeTuple tuple : mapping.getValue()) {
                if (tuple.getKeyNode() instanceof ScalarNode key && tuple.getValueNode() instanceof ScalarNode value) {
                    if (key.getValue().equals("title")) {
                        result[0] = value.getValue();
                    } else if (key.getValue().equals("id")) {
                        result[1] = value.getValue();
                    }
                }
            }
        }
        return result;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unknown problem";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
