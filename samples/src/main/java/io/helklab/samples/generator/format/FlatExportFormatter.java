package io.helklab.samples.generator.format;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.helklab.samples.RecordFormat;
import io.helklab.samples.generator.event.LogChannel;
import io.helklab.samples.generator.event.WindowsEvent;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * A flat export of the event log ({@code Get-WinEvent} piped through an {@code Export-WinEvents}-style
 * script): header fields named as PowerShell shows them, then the event fields flat, then the message.
 * {@code TimeCreated} is local time without a zone (the lab runs on UTC); there is no {@code @timestamp}.
 * Stateless and thread-safe.
 */
final class FlatExportFormatter implements EventFormatter {

    private static final DateTimeFormatter LOCAL_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS").withZone(ZoneOffset.UTC);

    @Override
    public RecordFormat format() {
        return RecordFormat.FLAT_EXPORT;
    }

    @Override
    public ObjectNode format(WindowsEvent event) {
        ObjectNode record = ShipperFields.JSON.objectNode();
        record.put("TimeCreated", LOCAL_TIME.format(event.time()));
        record.put("Hostname", event.host().fullyQualifiedName());
        record.put("Channel", event.channel().channelName());
        record.put("EventID", event.eventId());
        record.put("SourceName", event.provider().providerName());
        if (event.provider().guid() != null) {
            record.put("ProviderGuid", event.provider().guid());
        }
        if (!event.task().isEmpty()) {
            record.put("Task", event.task());
        }
        record.put("Level", event.channel() == LogChannel.SECURITY ? 0 : switch (event.level()) {
            case "Warning" -> 3;
            case "Verbose" -> 5;
            default -> 4;
        });
        record.put("Keywords", String.format("0x%016x", ShipperFields.keywords(event)));
        record.put("RecordNumber", event.recordId());
        event.data().forEach(record::put);
        record.put("Message", event.message());
        return record;
    }
}
