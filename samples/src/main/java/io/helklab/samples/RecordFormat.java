package io.helklab.samples;

import java.util.Arrays;

/**
 * The shapes a raw Windows event record can have on the {@code winlogbeat} topic (see SCHEMA.md,
 * "Input formats"). {@link #id()} is how manifests name the format.
 */
public enum RecordFormat {
    /** Winlogbeat 7.x: event fields under {@code winlog.event_data}, ECS header. */
    WINLOGBEAT_7("winlogbeat-7"),
    /** Winlogbeat 6.x: event fields under {@code event_data}, header fields at the top level. */
    WINLOGBEAT_6("winlogbeat-6"),
    /** NXLog {@code im_msvistalog} + {@code to_json()}: flat fields with NXLog headers, through Logstash. */
    NXLOG_JSON("nxlog-json"),
    /** A flat export of the event log ({@code Export-WinEvents} style): flat fields plus {@code TimeCreated} etc. */
    FLAT_EXPORT("flat-export");

    private final String id;

    RecordFormat(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    /** The format a manifest names; fails with the list of valid names for anything else. */
    public static RecordFormat fromId(String id) {
        return Arrays.stream(values()).filter(format -> format.id.equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("Unknown record format '" + id + "'; valid formats are "
                        + Arrays.stream(values()).map(RecordFormat::id).toList()));
    }
}
