package io.helklab.ingest.normalize;

import io.helklab.detection.EventView;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A {@link RawEvent} seen through Sigma's field names, so that the detection engine runs on what the streaming
 * reader already extracted, without parsing the record again. Event-data fields keep their Windows names and
 * values; the header answers to the names Sigma uses for the event log's System section ({@code EventID},
 * {@code Channel}, {@code Provider_Name}, {@code Computer}, …). A name not found exactly is looked up ignoring
 * case (Sysmon spells {@code SourceProcessGUID} in upper case, rules do not always). Not thread-safe.
 */
final class RawEventView implements EventView {

    /** Sigma's System-section names and the header field the reader stores each under. */
    private static final Map<String, String> HEADER_NAMES = Map.ofEntries(
            Map.entry("Provider_Name", "source_name"),
            Map.entry("Computer", "host_name"),
            Map.entry("EventRecordID", "record_number"),
            Map.entry("Task", "task"),
            Map.entry("Opcode", "opcode"),
            Map.entry("Keywords", "keywords"),
            Map.entry("Level", "level"),
            Map.entry("Version", "version"),
            Map.entry("Provider_Guid", "provider_guid"),
            Map.entry("Execution_ProcessID", "process_id"),
            Map.entry("Execution_ThreadID", "thread_id"),
            Map.entry("Security_UserID", "user_reporter_sid"));

    private final RawEvent event;
    private Map<String, String> byLowerCaseName;
    private List<String> values;

    RawEventView(RawEvent event) {
        this.event = event;
    }

    @Override
    public String field(String name) {
        String value = event.eventData().get(name);
        if (value != null) {
            return value;
        }
        switch (name) {
            case "EventID":
                return event.eventIdText();
            case "Channel":
                return event.logName();
            default:
                break;
        }
        String header = HEADER_NAMES.get(name);
        if (header != null) {
            return event.header().get(header);
        }
        return ignoringCase(name);
    }

    private String ignoringCase(String name) {
        if (byLowerCaseName == null) {
            byLowerCaseName = new HashMap<>(event.eventData().size() * 2);
            event.eventData().forEach((key, value) -> byLowerCaseName.putIfAbsent(key.toLowerCase(Locale.ROOT), value));
        }
        return byLowerCaseName.get(name.toLowerCase(Locale.ROOT));
    }

    @Override
    public Iterable<String> values() {
        if (values == null) {
            values = new ArrayList<>(event.eventData().size() + 4);
            values.addAll(event.eventData().values());
            String message = event.header().get("message");
            if (message != null) {
                values.add(message);
            }
            if (event.eventIdText() != null) {
                values.add(event.eventIdText());
            }
            if (event.logName() != null) {
                values.add(event.logName());
            }
            String provider = event.header().get("source_name");
            if (provider != null) {
                values.add(provider);
            }
        }
        return values;
    }

    @Override
    public String channel() {
        return event.logName();
    }

    @Override
    public String eventId() {
        return event.eventIdText();
    }

    /** The first of the record's time fields that parses, most trusted first (as the normaliser chooses). */
    @Override
    public Instant time() {
        for (RawEvent.TimestampField candidate : event.timestamps()) {
            TimestampParser.ParsedTime parsed = TimestampParser.parse(candidate.text());
            if (parsed != null) {
                return parsed.instant();
            }
        }
        return null;
    }
}
