package io.helklab.detection.index;

import io.helklab.detection.sigma.Prefilter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The rules that can see events of one channel and event id, with their literals compiled for one pass over the
 * event: an automaton per field for substring literals, a hash lookup per field for whole values, and one
 * automaton over every value for keyword literals. Rules without a usable literal are always evaluated.
 * Immutable and thread-safe.
 */
final class Bucket {

    /** Global indexes of the rules to evaluate whatever the event holds. */
    final int[] alwaysEvaluated;
    /** Field name → automaton over that field's substring literals. */
    final String[] substringFields;
    final AhoCorasick[] substringAutomata;
    /** Per field, literal id → global rule indexes. */
    final int[][][] substringRules;
    /** Field name → folded whole value → global rule indexes. */
    final Map<String, Map<String, int[]>> exactValues;
    final AhoCorasick keywordAutomaton;
    final int[][] keywordRules;
    final int ruleCount;

    Bucket(List<Integer> rules, List<Prefilter> prefilters) {
        this.ruleCount = rules.size();
        List<Integer> always = new ArrayList<>();
        Map<String, Map<String, List<Integer>>> substrings = new LinkedHashMap<>();
        Map<String, Map<String, List<Integer>>> exact = new LinkedHashMap<>();
        Map<String, List<Integer>> keywords = new LinkedHashMap<>();
        for (int i = 0; i < rules.size(); i++) {
            int rule = rules.get(i);
            Prefilter prefilter = prefilters.get(i);
            if (prefilter == null) {
                always.add(rule);
                continue;
            }
            for (Prefilter.Trigger trigger : prefilter.alternatives()) {
                if (trigger.field() == null) {
                    keywords.computeIfAbsent(trigger.text(), text -> new ArrayList<>()).add(rule);
                } else {
                    Map<String, Map<String, List<Integer>>> target = trigger.exact() ? exact : substrings;
                    target.computeIfAbsent(trigger.field(), field -> new LinkedHashMap<>())
                            .computeIfAbsent(trigger.text(), text -> new ArrayList<>()).add(rule);
                }
            }
        }
        this.alwaysEvaluated = toArray(always);
        this.substringFields = substrings.keySet().toArray(new String[0]);
        this.substringAutomata = new AhoCorasick[substringFields.length];
        this.substringRules = new int[substringFields.length][][];
        for (int f = 0; f < substringFields.length; f++) {
            Map<String, List<Integer>> literals = substrings.get(substringFields[f]);
            substringAutomata[f] = new AhoCorasick(new ArrayList<>(literals.keySet()));
            substringRules[f] = ruleLists(literals);
        }
        Map<String, Map<String, int[]>> exactArrays = new HashMap<>();
        exact.forEach((field, values) -> {
            Map<String, int[]> byValue = new HashMap<>();
            values.forEach((value, ids) -> byValue.put(value, toArray(ids)));
            exactArrays.put(field, byValue);
        });
        this.exactValues = exactArrays;
        this.keywordAutomaton = keywords.isEmpty() ? null : new AhoCorasick(new ArrayList<>(keywords.keySet()));
        this.keywordRules = ruleLists(keywords);
    }

    private static int[][] ruleLists(Map<String, List<Integer>> literals) {
        int[][] result = new int[literals.size()][];
        int id = 0;
        for (List<Integer> ids : literals.values()) {
            result[id++] = toArray(ids);
        }
        return result;
    }

    private static int[] toArray(List<Integer> values) {
        return values.stream().mapToInt(Integer::intValue).distinct().toArray();
    }
}
