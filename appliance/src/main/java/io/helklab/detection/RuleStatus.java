package io.helklab.detection;

import java.util.Locale;

/** Whether a loaded rule takes part in detection, and if not, why not. */
public enum RuleStatus {
    /** Evaluated on every event its logsource selects. */
    ACTIVE,
    /** Valid, but switched off: its Sigma status is {@code deprecated} or {@code unsupported}, or its level is below the minimum. */
    DISABLED,
    /** Valid Sigma that uses a feature this engine does not implement; the reason names the feature and line. */
    UNSUPPORTED,
    /** Not a valid rule (YAML, structure, a regex that does not compile, a duplicate id, …); the reason says where. */
    ERROR;

    /** The lower-case name used in reports and alerts. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
