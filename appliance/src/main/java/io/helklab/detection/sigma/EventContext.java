package io.helklab.detection.sigma;

import io.helklab.detection.EventView;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The event being evaluated, with its values folded to lower case on first use and kept for the other rules
 * that read the same field. One per thread, reused from event to event ({@link #reset(EventView)}).
 */
public final class EventContext {

    private static final String ABSENT = new String("absent");

    private final Map<String, String> lowerCase = new HashMap<>(32);
    private List<String> lowerValues;
    private EventView event;

    /** Starts on a new event, forgetting the previous one. */
    public EventContext reset(EventView view) {
        this.event = view;
        lowerCase.clear();
        lowerValues = null;
        return this;
    }

    public EventView event() {
        return event;
    }

    /** The field's value as it arrived, or null. */
    public String raw(String field) {
        return event.field(field);
    }

    /** The field's value folded to lower case, or null. */
    public String lower(String field) {
        String cached = lowerCase.get(field);
        if (cached != null) {
            return cached == ABSENT ? null : cached;
        }
        String value = event.field(field);
        String folded = value == null ? null : Text.lower(value);
        lowerCase.put(field, folded == null ? ABSENT : folded);
        return folded;
    }

    /** Every value of the event folded to lower case, for keyword searches. */
    public List<String> lowerValues() {
        if (lowerValues == null) {
            lowerValues = new ArrayList<>();
            for (String value : event.values()) {
                if (value != null) {
                    lowerValues.add(Text.lower(value));
                }
            }
        }
        return lowerValues;
    }

    /** Every value of the event as it arrived. */
    public Iterable<String> rawValues() {
        return event.values();
    }
}
