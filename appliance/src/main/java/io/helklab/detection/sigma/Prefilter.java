package io.helklab.detection.sigma;

import java.util.ArrayList;
import java.util.List;

/**
 * A necessary condition for a match, cheap to test for many rules at once: at least one of the alternatives is
 * in the event. Texts are folded to lower case and compared with the event's folded values.
 *
 * @param alternatives one of these is present whenever the rule matches; never empty
 */
public record Prefilter(List<Trigger> alternatives) {

    /** The shortest substring literal worth indexing: shorter ones occur in nearly every event. */
    public static final int MINIMUM_LITERAL = 3;

    /**
     * One literal.
     *
     * @param field the Sigma field it must be in, or null for any value of the event (keywords)
     * @param text  folded text
     * @param exact true when it must be the field's whole value, false when a substring of it
     */
    public record Trigger(String field, String text, boolean exact) {
    }

    public Prefilter {
        alternatives = List.copyOf(alternatives);
        if (alternatives.isEmpty()) {
            throw new IllegalArgumentException("a prefilter needs at least one alternative");
        }
    }

    public static Prefilter of(Trigger trigger) {
        return new Prefilter(List.of(trigger));
    }

    /**
     * How selective this is, by literal length: the weakest alternative decides. A whole value counts a little
     * more than a substring of the same length, except booleans, which half the events share.
     */
    int strength() {
        int weakest = Integer.MAX_VALUE;
        for (Trigger trigger : alternatives) {
            weakest = Math.min(weakest, strength(trigger));
        }
        return weakest;
    }

    private static int strength(Trigger trigger) {
        if (!trigger.exact()) {
            return trigger.text().length();
        }
        String text = trigger.text();
        return text.equals("true") || text.equals("false") ? 0 : text.length() + 2;
    }

    /** For AND: any one part's prefilter is necessary; the most selective one is kept. Null if no part has one. */
    public static Prefilter strongest(List<Prefilter> parts) {
        Prefilter best = null;
        for (Prefilter part : parts) {
            if (part != null && (best == null || part.strength() > best.strength()
                    || part.strength() == best.strength() && part.alternatives.size() < best.alternatives.size())) {
                best = part;
            }
        }
        return best;
    }

    /** For OR: the union, if every part has one; else null (a part without one may match alone). */
    public static Prefilter union(List<Prefilter> parts) {
        List<Trigger> all = new ArrayList<>();
        for (Prefilter part : parts) {
            if (part == null) {
                return null;
            }
            all.addAll(part.alternatives);
        }
        return all.isEmpty() ? null : new Prefilter(all);
    }
}
