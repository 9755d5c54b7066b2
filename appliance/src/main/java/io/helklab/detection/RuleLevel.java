package io.helklab.detection;

import java.util.Locale;

/** Sigma's rule levels, least to most severe. */
public enum RuleLevel {
    INFORMATIONAL, LOW, MEDIUM, HIGH, CRITICAL;

    /** The lower-case name Sigma uses. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The level of a Sigma {@code level} value, or null when it is not one. */
    public static RuleLevel parse(String text) {
        if (text == null) {
            return null;
        }
        for (RuleLevel level : values()) {
            if (level.label().equalsIgnoreCase(text.strip())) {
                return level;
            }
        }
        return null;
    }
}
