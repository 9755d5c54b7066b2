package io.helklab.detection;

import io.helklab.detection.index.RuleIndex;
import io.helklab.detection.sigma.EventContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Evaluates a fixed set of active rules on events, one at a time, as they stream in. Each event is matched only
 * against the rules its channel and event id can concern and, of those, the ones whose required literals it
 * holds (see {@link RuleIndex}); the result is the same as evaluating every rule.
 *
 * <p>Thread-safe: any number of threads may call {@link #evaluate} at once (each keeps its own working memory).
 * {@link #evaluate} never throws: a rule that fails on an event is counted and skipped.
 */
public final class DetectionEngine {

    private static final Logger LOG = LoggerFactory.getLogger(DetectionEngine.class);

    private final RuleIndex index;
    private final ThreadLocal<Work> work = ThreadLocal.withInitial(Work::new);
    private final AtomicLong failures = new AtomicLong();
    private final Map<String, RuleFailures> failuresByRule = new ConcurrentHashMap<>();

    public DetectionEngine(List<DetectionRule> activeRules) {
        this.index = new RuleIndex(activeRules);
    }

    /** The number of rules evaluated. */
    public int ruleCount() {
        return index.size();
    }

    /** The share of rules that a literal prefilter can skip, between 0 and 1. */
    public double prefilteredShare() {
        return index.prefilteredShare();
    }

    /** How many times a rule failed on an event (a defect; logged the first time for each rule). */
    public long failures() {
        return failures.get();
    }

    /** How often a rule failed on events, and the first failure; null when it never failed. */
    public RuleFailures failuresOf(DetectionRule rule) {
        return failuresByRule.get(rule.key());
    }

    /** The rules that match the event, in load order; empty when none does. */
    public List<DetectionRule> evaluate(EventView event) {
        if (index.size() == 0 || event == null) {
            return List.of();
        }
        Work state = work.get();
        EventContext context = state.context.reset(event);
        List<DetectionRule> matches = null;
        try {
            int count = index.candidates(context, state.scratch);
            for (int i = 0; i < count; i++) {
                DetectionRule rule = index.rule(state.scratch.candidate(i));
                if (matches(rule, context)) {
                    if (matches == null) {
                        matches = new ArrayList<>(2);
                    }
                    matches.add(rule);
                }
            }
        } catch (RuntimeException | StackOverflowError defect) {
            failures.incrementAndGet();
            LOG.warn("The rule index failed on an event; no rule was evaluated on it", defect);
        } finally {
            state.context.reset(null);
        }
        return matches == null ? List.of() : matches;
    }

    private boolean matches(DetectionRule rule, EventContext context) {
        try {
            return rule.condition().matches(context);
        } catch (RuntimeException | StackOverflowError defect) {
            failures.incrementAndGet();
            RuleFailures counted = failuresByRule.computeIfAbsent(rule.key(), key -> new RuleFailures(defect.toString()));
            if (counted.add() == 1) {
                LOG.warn("Rule '{}' ({}) failed on an event and was skipped for it; further failures of this rule "
                        + "are only counted", rule.title(), rule.file(), defect);
            }
            return false;
        }
    }

    private static final class Work {
        final EventContext context = new EventContext();
        final RuleIndex.Scratch scratch = new RuleIndex.Scratch();
    }

    /** A rule's failures on events: how many, and the first one's description. Thread-safe. */
    public static final class RuleFailures {
        private final AtomicLong count = new AtomicLong();
        private final String first;

        RuleFailures(String first) {
            this.first = first;
        }

        long add() {
            return count.incrementAndGet();
        }

        public long count() {
            return count.get();
        }

        public String first() {
            return first;
        }
    }
}
