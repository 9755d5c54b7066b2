package io.helklab.detection.index;

import io.helklab.detection.DetectionRule;
import io.helklab.detection.EventView;
import io.helklab.detection.sigma.EventContext;
import io.helklab.detection.sigma.Prefilter;
import io.helklab.detection.sigma.Text;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Finds the rules worth evaluating on an event, without looking at most of them: rules are grouped by the channel
 * and event id they can see (from their logsource, narrowed by an {@code EventID} their condition requires), and
 * within a group only rules one of whose required literals is in the event are candidates.
 *
 * <p>Groups are built on first use for each channel and id the stream carries and kept; a stream of events
 * with unbounded distinct channels stops caching past a limit and builds groups per event instead. Thread-safe.
 */
public final class RuleIndex {

    private static final int CACHED_BUCKETS = 4096;

    private final DetectionRule[] rules;
    private final Prefilter[] prefilters;
    private final Set<Integer>[] eventIds;
    private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();

    @SuppressWarnings("unchecked")
    public RuleIndex(List<DetectionRule> rules) {
        this.rules = rules.toArray(new DetectionRule[0]);
        this.prefilters = new Prefilter[this.rules.length];
        this.eventIds = new Set[this.rules.length];
        for (int i = 0; i < this.rules.length; i++) {
            DetectionRule rule = this.rules[i];
            prefilters[i] = rule.condition().prefilter();
            Set<Integer> required = rule.condition().requiredEventIds();
            Set<Integer> logsource = rule.logsource().eventIds();
            if (required == null) {
                eventIds[i] = logsource;
            } else if (logsource == null) {
                eventIds[i] = required;
            } else {
                Set<Integer> both = new HashSet<>(logsource);
                both.retainAll(required);
                eventIds[i] = both;
            }
        }
    }

    public int size() {
        return rules.length;
    }

    public DetectionRule rule(int index) {
        return rules[index];
    }

    /** The fraction of rules that have a literal prefilter, for reports. */
    public double prefilteredShare() {
        long count = Arrays.stream(prefilters).filter(prefilter -> prefilter != null).count();
        return rules.length == 0 ? 0 : (double) count / rules.length;
    }

    /**
     * The indexes of the rules to evaluate on this event, ascending, into {@code scratch}.
     *
     * @return the number of candidates written to {@code scratch.candidates}
     */
    public int candidates(EventContext event, Scratch scratch) {
        EventView view = event.event();
        String channel = view.channel() == null ? "" : view.channel().strip().toLowerCase(Locale.ROOT);
        Long parsed = Text.parseInteger(view.eventId());
        int eventId = parsed == null || parsed < 0 || parsed > Integer.MAX_VALUE ? -1 : parsed.intValue();
        Bucket bucket = bucket(channel, eventId);
        scratch.begin(rules.length);
        for (int rule : bucket.alwaysEvaluated) {
            scratch.add(rule);
        }
        for (int f = 0; f < bucket.substringFields.length; f++) {
            String value = event.raw(bucket.substringFields[f]);
            if (value != null) {
                scratch.literalRules = bucket.substringRules[f];
                bucket.substringAutomata[f].scan(value, scratch);
            }
        }
        if (!bucket.exactValues.isEmpty()) {
            bucket.exactValues.forEach((field, values) -> {
                String value = event.lower(field);
                if (value != null) {
                    int[] matched = values.get(value);
                    if (matched != null) {
                        scratch.addAll(matched);
                    }
                }
            });
        }
        if (bucket.keywordAutomaton != null) {
            scratch.literalRules = bucket.keywordRules;
            for (String value : view.values()) {
                if (value != null) {
                    bucket.keywordAutomaton.scan(value, scratch);
                }
            }
        }
        return scratch.sortCandidates();
    }

    private Bucket bucket(String channel, int eventId) {
        String key = channel + '\u0000' + eventId;
        Bucket bucket = buckets.get(key);
        if (bucket == null) {
            bucket = build(channel, eventId);
            if (buckets.size() < CACHED_BUCKETS) {
                Bucket raced = buckets.putIfAbsent(key, bucket);
                bucket = raced != null ? raced : bucket;
            }
        }
        return bucket;
    }

    private Bucket build(String channel, int eventId) {
        List<Integer> selected = new ArrayList<>();
        List<Prefilter> selectedPrefilters = new ArrayList<>();
        for (int i = 0; i < rules.length; i++) {
            Set<String> channels = rules[i].logsource().channels();
            if ((channels == null || channels.contains(channel)) && (eventIds[i] == null || eventIds[i].contains(eventId))) {
                selected.add(i);
                selectedPrefilters.add(prefilters[i]);
            }
        }
        return new Bucket(selected, selectedPrefilters);
    }

    /** Per-thread working memory for {@link #candidates}: marks by generation, so nothing is cleared per event. */
    public static final class Scratch implements AhoCorasick.Hits {
        private int[] marks = new int[0];
        /** The rules of each literal of the automaton being scanned. */
        int[][] literalRules;
        private int generation;
        int[] candidates = new int[64];
        private int count;

        void begin(int ruleCount) {
            if (marks.length < ruleCount) {
                marks = new int[ruleCount];
                generation = 0;
            }
            if (++generation == Integer.MAX_VALUE) {
                Arrays.fill(marks, 0);
                generation = 1;
            }
            count = 0;
        }

        void add(int rule) {
            if (marks[rule] != generation) {
                marks[rule] = generation;
                if (count == candidates.length) {
                    candidates = Arrays.copyOf(candidates, count * 2);
                }
                candidates[count++] = rule;
            }
        }

        @Override
        public void found(int literal) {
            addAll(literalRules[literal]);
        }

        void addAll(int[] rules) {
            for (int rule : rules) {
                add(rule);
            }
        }

        int sortCandidates() {
            Arrays.sort(candidates, 0, count);
            return count;
        }

        /** The i-th candidate of the last call. */
        public int candidate(int i) {
            return candidates[i];
        }
    }
}
