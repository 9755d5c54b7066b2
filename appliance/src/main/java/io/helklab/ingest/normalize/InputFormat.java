package io.helklab.ingest.normalize;

/**
 * The shapes of Windows event JSON that HELK lab accepts; detected per record by {@link RawEventReader}.
 */
enum InputFormat {
    /** Winlogbeat 7.x and later: event fields under {@code winlog.event_data}, header under {@code winlog}. */
    WINLOGBEAT_7("winlogbeat7"),
    /** Winlogbeat 6.x: event fields under {@code event_data}, header fields at the top. */
    WINLOGBEAT_6("winlogbeat6"),
    /** NXLog {@code im_msvistalog} JSON: flat event fields plus NXLog headers, maybe Logstash's additions. */
    NXLOG("nxlog"),
    /** Flat exports ({@code Export-WinEvents}-style): flat event fields plus {@code TimeCreated} and friends. */
    FLAT_EXPORT("flat"),
    /** A JSON object with none of the markers above; kept in the catch-all index. */
    UNKNOWN("unknown");

    private final String label;

    InputFormat(String label) {
        this.label = label;
    }

    /** The value stored in {@code etl_input_format}. */
    String label() {
        return label;
    }
}
