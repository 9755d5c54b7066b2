package io.helklab.samples.generator.format;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.helklab.samples.RecordFormat;
import io.helklab.samples.generator.event.EventTimes;
import io.helklab.samples.generator.event.LogChannel;
import io.helklab.samples.generator.event.WindowsEvent;

/**
 * What Winlogbeat 6.8 sends: header fields at the top level ({@code event_id}, {@code log_name},
 * {@code computer_name}, {@code source_name}, {@code record_number} as a string), event fields under
 * {@code event_data}, and the {@code beat} block. Stateless and thread-safe.
 */
final class WinlogbeatSixFormatter implements EventFormatter {

    private static final String VERSION = "6.8.23";

    @Override
    public RecordFormat format() {
        return RecordFormat.WINLOGBEAT_6;
    }

    @Override
    public ObjectNode format(WindowsEvent event) {
        ObjectNode record = ShipperFields.JSON.objectNode();
        record.put("@timestamp", EventTimes.isoMillis(event.time()));
        ObjectNode beat = record.putObject("beat");
        beat.put("hostname", event.host().name());
        beat.put("name", event.host().name());
        beat.put("version", VERSION);
        record.put("computer_name", event.host().fullyQualifiedName());
        if (!event.data().isEmpty()) {
            record.set("event_data", ShipperFields.eventData(event));
        }
        record.put("event_id", event.eventId());
        record.putObject("host").put("name", event.host().name());
        if (event.channel() == LogChannel.SECURITY) {
            record.putArray("keywords").add("Audit Success");
        }
        record.put("level", event.level());
        record.put("log_name", event.channel().channelName());
        record.put("message", event.message());
        record.put("opcode", event.opcode());
        record.put("process_id", event.processId());
        if (event.provider().guid() != null) {
            record.put("provider_guid", event.provider().guid());
        }
        record.put("record_number", Long.toString(event.recordId()));
        record.put("source_name", event.provider().providerName());
        if (!event.task().isEmpty()) {
            record.put("task", event.task());
        }
        record.put("thread_id", event.threadId());
        record.put("type", "wineventlog");
        if (event.user() != null) {
            record.set("user", ShipperFields.user(event.user()));
        }
        record.put("version", event.version());
        return record;
    }
}
