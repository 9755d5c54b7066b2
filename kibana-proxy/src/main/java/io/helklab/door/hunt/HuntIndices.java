package io.helklab.door.hunt;

import io.helklab.schema.IndexNames;

/**
 * Every index and index pattern the hunt UI's server side reads or writes, in one place. The event
 * patterns follow HELK's names (see SCHEMA.md); the hunt UI's own state lives in single-shard indices
 * without replicas, as HELK's did, and outside {@code logs-*} so a search over events never sees it.
 */
public final class HuntIndices {
    /** Every channel's events and the catch-all index. */
    public static final String EVENTS = IndexNames.LOGS_PATTERN;
    public static final String SYSMON = IndexNames.WINEVENT_PREFIX + "sysmon-*";
    public static final String SECURITY = IndexNames.WINEVENT_PREFIX + "security-*";
    /** Detection results, {@code alerts-YYYY.MM.DD} by the matched event's time. */
    public static final String ALERTS = IndexNames.ALERTS_PATTERN;
    /** Users' saved searches (the built-in ones ship in the jar). */
    public static final String SAVED_SEARCHES = "helk-lab-saved-searches";
    /** Workshop students' solved challenges, for the instructor's scoreboard. */
    public static final String WORKSHOP_PROGRESS = "helk-lab-workshop-progress";
    /** Whether a hunter acknowledged or closed an alert, keyed by the alert's id (see {@link AlertStates}). */
    public static final String ALERT_STATES = "helk-lab-alert-states";

    private HuntIndices() {}
}
