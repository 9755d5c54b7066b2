package io.helklab.ingest.normalize;

import java.util.List;
import java.util.Map;

/**
 * One record as read by {@link RawEventReader}, before any HELK renaming: which format it was, the header
 * values under their HELK names (still raw text), the event-data fields under their Windows names, and the
 * timestamp fields in the order they should be trusted.
 *
 * @param format       the detected input format
 * @param header       header fields keyed by HELK name ({@code host_name}, {@code record_number}, …), raw text
 * @param logName      the Windows channel name, or null
 * @param channel      the HELK channel of {@code logName}, or null when it has none
 * @param eventIdField the raw field the event id came from (for messages), or null
 * @param eventIdText  the raw event id text, or null
 * @param eventData    event-data fields (plus any unrecognised top-level fields of flat formats), raw text
 * @param timestamps   timestamp fields, most trusted first
 */
record RawEvent(
        InputFormat format,
        Map<String, String> header,
        String logName,
        Channel channel,
        String eventIdField,
        String eventIdText,
        Map<String, String> eventData,
        List<TimestampField> timestamps) {

    /**
     * A field that may carry the event's time.
     *
     * @param field      raw field name, for messages
     * @param text       the raw value
     * @param zoneIsUtc  true when a value without a zone is known to be UTC (Sysmon's {@code UtcTime},
     *                   {@code @timestamp}); false when it is the shipper's local time ({@code TimeCreated})
     */
    record TimestampField(String field, String text, boolean zoneIsUtc) {
    }
}
