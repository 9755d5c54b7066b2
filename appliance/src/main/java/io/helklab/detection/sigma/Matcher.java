package io.helklab.detection.sigma;

import java.util.Set;

/**
 * A compiled piece of a rule's detection (a field test, a search identifier, a condition operator).
 * Immutable and thread-safe; {@link #matches} never throws for any event.
 */
public interface Matcher {

    boolean matches(EventContext event);

    /**
     * Literals of which at least one is in the event whenever this matches, or null when no such set is known.
     * The engine evaluates a rule only when one of its literals is present.
     */
    Prefilter prefilter();

    /** The event ids of which one must be the event's whenever this matches, or null when any may be. */
    default Set<Integer> requiredEventIds() {
        return null;
    }
}
