package io.helklab.detection.correlation;

import java.util.Locale;

/** The correlation types the engine evaluates. */
public enum CorrelationType {
    EVENT_COUNT, VALUE_COUNT, TEMPORAL, TEMPORAL_ORDERED;

    /** The type named in a rule, or null when it is not one of these. */
    public static CorrelationType parse(String text) {
        for (CorrelationType type : values()) {
            if (type.name().toLowerCase(Locale.ROOT).equals(text)) {
                return type;
            }
        }
        return null;
    }
}
