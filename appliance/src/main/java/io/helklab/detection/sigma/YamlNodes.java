package io.helklab.detection.sigma;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/** Reading SnakeYAML's composed nodes (which keep their line numbers) as Sigma's maps, lists and scalars. */
final class YamlNodes {

    private YamlNodes() {
    }

    /** The node's 1-based line. */
    static int line(Node node) {
        return node.getStartMark() == null ? 0 : node.getStartMark().getLine() + 1;
    }

    /** A mapping's entries by key text, in order; a repeated key is an error (YAML leaves it undefined). */
    static Map<String, Node> mapping(Node node, String what) throws RuleProblem {
        if (!(node instanceof MappingNode mapping)) {
            throw RuleProblem.error("not a map", what + " must be a map (line " + line(node) + ")", line(node));
        }
        Map<String, Node> entries = new LinkedHashMap<>();
        Map<String, Node> keys = new LinkedHashMap<>();
        for (NodeTuple tuple : mapping.getValue()) {
            if (!(tuple.getKeyNode() instanceof ScalarNode key)) {
                throw RuleProblem.error("key is not a string", what + " has a key that is not a string (line "
                        + line(tuple.getKeyNode()) + ")", line(tuple.getKeyNode()));
            }
            Node earlier = keys.put(key.getValue(), key);
            if (earlier != null) {
                throw RuleProblem.error("duplicate key", what + " has the key '" + key.getValue() + "' twice (lines "
                        + line(earlier) + " and " + line(key) + "); keep one", line(key));
            }
            entries.put(key.getValue(), tuple.getValueNode());
        }
        return entries;
    }

    static boolean isNull(Node node) {
        return node == null || node instanceof ScalarNode && node.getTag().equals(Tag.NULL);
    }

    static boolean isNumber(Node node) {
        return node instanceof ScalarNode && (node.getTag().equals(Tag.INT) || node.getTag().equals(Tag.FLOAT));
    }

    static boolean isBoolean(Node node) {
        return node instanceof ScalarNode && node.getTag().equals(Tag.BOOL);
    }

    /** A scalar's text; null for a missing or null node; an error for a map or list. */
    static String text(Node node, String what) throws RuleProblem {
        if (isNull(node)) {
            return null;
        }
        if (!(node instanceof ScalarNode scalar)) {
            throw RuleProblem.error("not a string", what + " must be a single value (line " + line(node) + ")",
                    line(node));
        }
        return scalar.getValue();
    }

    /** A scalar or a list of scalars as strings (for tags and authors); empty for null. */
    static List<String> texts(Node node, String what) throws RuleProblem {
        List<String> result = new ArrayList<>();
        if (isNull(node)) {
            return result;
        }
        if (node instanceof SequenceNode sequence) {
            for (Node element : sequence.getValue()) {
                String text = text(element, what);
                if (text != null) {
                    result.add(text);
                }
            }
        } else {
            result.add(text(node, what));
        }
        return result;
    }
}
