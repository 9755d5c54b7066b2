package io.helklab.detection.index;

import io.helklab.detection.sigma.Text;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds many literals in one pass over a text, folding the text to lower case as it goes: an Aho–Corasick
 * automaton compiled to a dense transition table over the literals' most frequent characters (all other
 * characters share one class), so each character of the text costs one table lookup. It may report a literal
 * that is not quite there (see {@link #MAXIMUM_CLASSES}), never miss one that is. Immutable and thread-safe.
 */
public final class AhoCorasick {

    /** Receives the id of each literal found (possibly several times). */
    @FunctionalInterface
    public interface Hits {
        void found(int literal);
    }

    /** Character class of each ASCII character, upper-case letters sharing their lower-case class. */
    private final int[] asciiClass = new int[128];
    private final Map<Character, Integer> otherClass = new HashMap<>();
    private final int classes;
    /**
     * Transitions by row offset ({@code state * classes}): the target's row offset, or {@code -(offset + 1)} when
     * the target state reports literals, so the scan divides only on a hit.
     */
    private final int[] next;
    private final int[][] outputs;

    /**
     * Characters beyond this many distinct ones share one class with the characters no literal uses. The
     * automaton then reports a literal wherever a text matches it up to those shared characters: a superset of
     * the true occurrences, which is all a prefilter needs, for a table small enough to stay in cache.
     */
    static final int MAXIMUM_CLASSES = 40;
    /** Only a literal's first characters are matched, for the same reason; an occurrence of the whole has them. */
    static final int MAXIMUM_LITERAL = 16;

    /** @param literals lower-case, non-empty; their index in the list is their id */
    public AhoCorasick(List<String> literals) {
        Map<Character, Integer> frequency = new HashMap<>();
        int totalLength = 0;
        for (String literal : literals) {
            int length = Math.min(literal.length(), MAXIMUM_LITERAL);
            totalLength += length;
            for (int i = 0; i < length; i++) {
                frequency.merge(literal.charAt(i), 1, Integer::sum);
            }
        }
        List<Character> byFrequency = new ArrayList<>(frequency.keySet());
        byFrequency.sort((first, second) -> frequency.get(second) - frequency.get(first));
        int classCount = 1;
        for (Character c : byFrequency.subList(0, Math.min(byFrequency.size(), MAXIMUM_CLASSES - 1))) {
            if (c < 128) {
                asciiClass[c] = classCount++;
            } else {
                otherClass.put(c, classCount++);
            }
        }
        this.classes = classCount;
        int maximumStates = totalLength + 1;
        int[] table = new int[maximumStates * classes];
        Arrays.fill(table, -1);
        List<List<Integer>> found = new ArrayList<>();
        found.add(null);
        int states = 1;
        for (int id = 0; id < literals.size(); id++) {
            String literal = literals.get(id);
            int state = 0;
            for (int i = 0; i < Math.min(literal.length(), MAXIMUM_LITERAL); i++) {
                int slot = state * classes + classOf(literal.charAt(i));
                if (table[slot] < 0) {
                    table[slot] = states++;
                    found.add(null);
                }
                state = table[slot];
            }
            if (found.get(state) == null) {
                found.set(state, new ArrayList<>(1));
            }
            found.get(state).add(id);
        }
        int[] failure = new int[states];
        ArrayDeque<Integer> queue = new ArrayDeque<>();
        for (int c = 0; c < classes; c++) {
            int target = table[c];
            if (target < 0) {
                table[c] = 0;
            } else {
                failure[target] = 0;
                queue.add(target);
            }
        }
        while (!queue.isEmpty()) {
            int state = queue.poll();
            List<Integer> inherited = found.get(failure[state]);
            if (inherited != null) {
                if (found.get(state) == null) {
                    found.set(state, new ArrayList<>(inherited.size()));
                }
                found.get(state).addAll(inherited);
            }
            for (int c = 0; c < classes; c++) {
                int slot = state * classes + c;
                int target = table[slot];
                int fallback = table[failure[state] * classes + c];
                if (target < 0) {
                    table[slot] = fallback;
                } else {
                    failure[target] = fallback;
                    queue.add(target);
                }
            }
        }
        this.outputs = new int[states][];
        for (int state = 0; state < states; state++) {
            List<Integer> ids = found.get(state);
            if (ids != null) {
                outputs[state] = ids.stream().mapToInt(Integer::intValue).distinct().toArray();
            }
        }
        this.next = new int[states * classes];
        for (int slot = 0; slot < next.length; slot++) {
            int target = table[slot];
            next[slot] = outputs[target] != null ? -(target * classes + 1) : target * classes;
        }
        for (char c = 'A'; c <= 'Z'; c++) {
            asciiClass[c] = asciiClass[c + 32];
        }
    }

    private int classOf(char c) {
        return c < 128 ? asciiClass[c] : otherClass.getOrDefault(c, 0);
    }

    /** Reports every literal that occurs in the text folded to lower case, and possibly a few near ones. */
    public void scan(String text, Hits hits) {
        int row = 0;
        int[] table = next;
        int[] ascii = asciiClass;
        for (int i = 0, length = text.length(); i < length; i++) {
            char c = text.charAt(i);
            int target = table[row + (c < 128 ? ascii[c] : otherClass.getOrDefault(Text.lower(c), 0))];
            if (target >= 0) {
                row = target;
            } else {
                row = -target - 1;
                for (int id : outputs[row / classes]) {
                    hits.found(id);
                }
            }
        }
    }

    /** The number of automaton states, for sizing reports. */
    public int states() {
        return outputs.length;
    }
}
