package io.helklab.schema;

import java.util.List;

/** HELK's Kafka topics: the one place that spells them. */
public final class TopicNames {
    /** Where Winlogbeat ({@code output.kafka}), kcat and the samples replayer send Windows events. */
    public static final String WINLOGBEAT = "winlogbeat";
    /** Where NXLog-style shippers send Windows events. */
    public static final String WINEVENT = "winevent";
    /** The streaming join's results. */
    public static final String SYSMON_JOIN = "SYSMON_JOIN";
    /** Detections, one JSON alert document per record. */
    public static final String ALERTS = "alerts";

    /** The topics the indexer reads events from. */
    public static final List<String> EVENT_INPUTS = List.of(WINLOGBEAT, WINEVENT);

    private TopicNames() {}
}
