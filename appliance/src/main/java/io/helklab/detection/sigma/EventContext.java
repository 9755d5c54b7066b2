package io.helklab.detection.sigma;

import io.helklab.detection.EventView;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The event being evaluated, with each field looked up once and folded to lower case on first use, then kept for
 * the other rules that read the same field. One per thread, reused from event to event ({@link #reset}).
 */
public final class EventContext {

    /** A field's value as it arrived and, computed on first use, folded to lower case. */
    public static final class FieldValue {
        private final String raw;
        private String lower;

        FieldValue(String raw) {
            this.raw = raw;
        }

        /** The value as it arrived, or null when the event does not have the field. */
        public String raw() {
            return raw;
        }

        /** The value folded to lower case, or null when the event does not have the field. */
        public String lower() {
            if (lower == null && raw != null) {
                lower = Text.lower(raw);
            }
            return lower;
        }
    }

    private static final FieldValue ABSENT = new FieldValue(null);

    private final Map<String, FieldValue> fields = new HashMap<>(64);
    private List<String> lowerValues;
    private EventView event;

    /** Starts on a new event, forgetting the previous one. */
    public EventContext reset(EventView view) {
        this.event = view;
        fields.clear();
        lowerValues = null;
        return this;
    }

    public EventView event() {
        return event;
    }

    /** A field of the event, looked up once per event. */
    public FieldValue value(String field) {
        FieldValue value = fields.get(field);
        if (value == null) {
            String raw = event.field(field);
            value = raw == null ? ABSENT : new FieldValue(raw);
            fields.put(field, value);
        }
        return value;
    }

    /** The field's value as it arrived, or null. */
    public String raw(String field) {
        return value(field).raw();
    }

    /** The field's value folded to lower case, or null. */
    public String lower(String field) {
        return value(field).lower();
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
