package io.helklab.detection.correlation;

import io.helklab.detection.DetectionRule;
import io.helklab.detection.EventView;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Evaluates correlation rules on the stream of rule matches, with in-memory windows per correlation and group.
 *
 * <p>Semantics: a window covers {@code timespan} of event time, counted back from the newest event of the group;
 * a correlation fires once when its condition holds, and its window then starts afresh (so a burst of 100 events
 * with {@code gte: 10} fires ten times, once per ten events, not 91 times). A correlation may refer to other
 * correlations: when one fires, it counts as a match of its own id and name for the others, with the group of
 * the event that completed it. Matches older than the group's window are ignored.
 *
 * <p>Windows live in memory only: across a restart an open window is lost, and the events before the restart
 * count for nothing. At most {@value #MAXIMUM_GROUPS} groups are kept per correlation; past that the group that
 * was idle longest is dropped. Thread-safe (one lock; correlations see only matches, which are rare).
 */
public final class CorrelationEngine {

    static final int MAXIMUM_GROUPS = 100_000;
    private static final int MAXIMUM_CHAIN = 8;

    private final List<CorrelationRule> correlations;
    private final Map<CorrelationRule, Map<List<String>, Window>> windows = new HashMap<>();
    private final Set<String> silentRules = new HashSet<>();

    /**
     * @param correlations the active correlation rules
     * @param rules        the compiled detection rules they refer to
     */
    public CorrelationEngine(List<CorrelationRule> correlations, List<DetectionRule> rules) {
        this.correlations = List.copyOf(correlations);
        Set<String> generated = new HashSet<>();
        for (CorrelationRule correlation : correlations) {
            windows.put(correlation, new LinkedHashMap<>(16, 0.75f, true));
            (correlation.generate() ? generated : silentRules).addAll(correlation.rules());
        }
        silentRules.removeAll(generated);
        for (DetectionRule rule : rules) {
            if (generated.contains(rule.id()) || generated.contains(rule.name())) {
                silentRules.remove(rule.id());
                silentRules.remove(rule.name());
            }
        }
    }

    /**
     * Whether a rule's own matches become alerts: not when a correlation refers to it without
     * {@code generate: true} (Sigma's default is to alert on the correlation only).
     */
    public boolean alertsOnItsOwn(DetectionRule rule) {
        return !(rule.id() != null && silentRules.contains(rule.id()) || rule.name() != null
                && silentRules.contains(rule.name()));
    }

    /** Counts one rule match; returns the correlations it completed. The event's time must be known. */
    public synchronized List<CorrelationAlert> onMatch(DetectionRule rule, EventView event, Instant time) {
        if (correlations.isEmpty() || time == null) {
            return List.of();
        }
        List<CorrelationAlert> fired = new ArrayList<>();
        accept(references(rule.id(), rule.name()), event, time, fired, 0);
        return fired;
    }

    private void accept(Set<String> references, EventView event, Instant time, List<CorrelationAlert> fired,
                        int depth) {
        if (depth >= MAXIMUM_CHAIN) {
            return;
        }
        for (CorrelationRule correlation : correlations) {
            int ruleIndex = indexOf(correlation, references);
            if (ruleIndex < 0) {
                continue;
            }
            String reference = correlation.rules().get(ruleIndex);
            Map<String, String> group = new LinkedHashMap<>();
            for (String field : correlation.groupBy()) {
                group.put(field, value(correlation, field, reference, event));
            }
            Map<List<String>, Window> groups = windows.get(correlation);
            List<String> key = new ArrayList<>(group.values());
            Window window = groups.computeIfAbsent(key, unused -> new Window());
            if (groups.size() > MAXIMUM_GROUPS) {
                groups.remove(groups.keySet().iterator().next());
            }
            String counted = correlation.type() == CorrelationType.VALUE_COUNT
                    ? value(correlation, correlation.valueField(), reference, event) : null;
            CorrelationAlert alert = window.add(correlation, ruleIndex, counted, time, group);
            if (alert != null) {
                fired.add(alert);
                accept(references(correlation.id(), correlation.name()), event, time, fired, depth + 1);
            }
        }
    }

    private static int indexOf(CorrelationRule correlation, Set<String> references) {
        for (int i = 0; i < correlation.rules().size(); i++) {
            if (references.contains(correlation.rules().get(i))) {
                return i;
            }
        }
        return -1;
    }

    private static Set<String> references(String id, String name) {
        Set<String> references = new HashSet<>(2);
        if (id != null) {
            references.add(id);
        }
        if (name != null) {
            references.add(name);
        }
        return references;
    }

    /** A group-by or value field of the event, through the correlation's aliases; "" when absent. */
    private static String value(CorrelationRule correlation, String field, String reference, EventView event) {
        Map<String, String> alias = correlation.aliases().get(field);
        String name = alias != null && alias.containsKey(reference) ? alias.get(reference) : field;
        String value = event.field(name);
        return value == null ? "" : value;
    }

    /** The open window of one correlation and group. */
    private static final class Window {
        private final List<Instant> times = new ArrayList<>();
        private final List<String> values = new ArrayList<>();
        private final List<Integer> ruleIndexes = new ArrayList<>();
        /** temporal_ordered: for each step, the start of the earliest live chain that reached it, else null. */
        private Instant[] chainStarts;

        CorrelationAlert add(CorrelationRule correlation, int ruleIndex, String value, Instant time,
                             Map<String, String> group) {
            Duration span = correlation.timespan();
            if (!times.isEmpty() && time.isBefore(times.get(times.size() - 1).minus(span))) {
                return null;
            }
            Instant oldest = time.minus(span);
            while (!times.isEmpty() && times.get(0).isBefore(oldest)) {
                times.remove(0);
                values.remove(0);
                ruleIndexes.remove(0);
            }
            times.add(time);
            values.add(value);
            ruleIndexes.add(ruleIndex);
            long count = switch (correlation.type()) {
                case EVENT_COUNT -> times.size();
                case VALUE_COUNT -> values.stream().filter(v -> !v.isEmpty()).distinct().count();
                case TEMPORAL -> ruleIndexes.stream().distinct().count();
                case TEMPORAL_ORDERED -> ordered(correlation, ruleIndex, time);
            };
            boolean holds = correlation.bounds().isEmpty()
                    ? count >= correlation.rules().size() : correlation.holds(count);
            if (!holds) {
                return null;
            }
            CorrelationAlert alert = new CorrelationAlert(correlation, group, times.get(0), time, count);
            times.clear();
            values.clear();
            ruleIndexes.clear();
            chainStarts = null;
            return alert;
        }

        /** How many steps of the rule sequence have been completed in order within the window. */
        private long ordered(CorrelationRule correlation, int ruleIndex, Instant time) {
            int steps = correlation.rules().size();
            if (chainStarts == null) {
                chainStarts = new Instant[steps];
            }
            Instant oldest = time.minus(correlation.timespan());
            for (int i = 0; i < steps; i++) {
                if (chainStarts[i] != null && chainStarts[i].isBefore(oldest)) {
                    chainStarts[i] = null;
                }
            }
            // The latest start that reached a step leaves the most time for the steps after it.
            if (ruleIndex == 0) {
                chainStarts[0] = time;
            } else if (chainStarts[ruleIndex - 1] != null && (chainStarts[ruleIndex] == null
                    || chainStarts[ruleIndex].isBefore(chainStarts[ruleIndex - 1]))) {
                chainStarts[ruleIndex] = chainStarts[ruleIndex - 1];
            }
            long completed = 0;
            while (completed < steps && chainStarts[(int) completed] != null) {
                completed++;
            }
            return completed;
        }
    }
}
