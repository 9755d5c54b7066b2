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
 * automaton compiled to a dense transition table over the literals' own characters (all other characters share
 * one class), so each character of the text costs one table lookup. Immutable and thread-safe.
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

    /** @param literals lower-case, non-empty; their index in the list is their id */
    public AhoCorasick(List<String> literals) {
        int classCount = 1;
        int totalLength = 0;
        for (String literal : literals) {
            totalLength += literal.length();
            for (int i = 0; i < literal.length(); i++) {
                char c = literal.charAt(i);
                if (c < 128) {
                    if (asciiClass[c] == 0) {
                        asciiClass[c] = classCount++;
                    }
                } else if (!otherClass.containsKey(c)) {
                    otherClass.put(c, classCount++);
                }
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
            for (int i = 0; i < literal.length(); i++) {
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

    /** Reports every literal that occurs in the text folded to lower case. */
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
