package io.helklab.samples.generator.format;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.helklab.samples.RecordFormat;
import io.helklab.samples.generator.event.EventTimes;
import io.helklab.samples.generator.event.WindowsEvent;

import java.util.Locale;

/**
 * What Winlogbeat 7.17 sends to Kafka with the JSON codec: {@code @timestamp}, {@code @metadata},
 * {@code agent}, {@code winlog.*}, {@code event.*}, {@code log.level}, {@code message}, {@code ecs},
 * {@code host.name}. Processors that add more (host metadata, cloud) are off, which is what keeps the
 * boilerplate bounded. Stateless and thread-safe.
 */
final class WinlogbeatSevenFormatter implements EventFormatter {

    private static final String VERSION = "7.17.9";

    @Override
    public RecordFormat format() {
        return RecordFormat.WINLOGBEAT_7;
    }

    @Override
    public ObjectNode format(WindowsEvent event) {
        ObjectNode record = ShipperFields.JSON.objectNode();
        record.put("@timestamp", EventTimes.isoMillis(event.time()));
        ObjectNode metadata = record.putObject("@metadata");
        metadata.put("beat", "winlogbeat");
        metadata.put("type", "_doc");
        metadata.put("version", VERSION);
        ObjectNode agent = record.putObject("agent");
        agent.put("type", "winlogbeat");
        agent.put("version", VERSION);
        agent.put("hostname", event.host().name());
        agent.put("ephemeral_id", ShipperFields.agentId(event.host(), "winlogbeat-ephemeral-" + event.time().toString().substring(0, 10)));
        agent.put("id", ShipperFields.agentId(event.host(), "winlogbeat"));
        agent.put("name", event.host().name());
        ObjectNode winlog = record.putObject("winlog");
        winlog.put("api", "wineventlog");
        winlog.put("channel", event.channel().channelName());
        winlog.put("computer_name", event.host().fullyQualifiedName());
        if (!event.data().isEmpty()) {
            winlog.set("event_data", ShipperFields.eventData(event));
        }
        winlog.put("event_id", event.eventId());
        winlog.put("opcode", event.opcode());
        ObjectNode process = winlog.putObject("process");
        process.put("pid", event.processId());
        process.putObject("thread").put("id", event.threadId());
        if (event.provider().guid() != null) {
            winlog.put("provider_guid", event.provider().guid());
        }
        winlog.put("provider_name", event.provider().providerName());
        winlog.put("record_id", event.recordId());
        if (!event.task().isEmpty()) {
            winlog.put("task", event.task());
        }
        if (event.user() != null) {
            winlog.set("user", ShipperFields.user(event.user()));
        }
        winlog.put("version", event.version());
        ObjectNode eventHeader = record.putObject("event");
        eventHeader.put("code", Integer.toString(event.eventId()));
        eventHeader.put("kind", "event");
        eventHeader.put("created", EventTimes.isoMillis(ShipperFields.readTime(event)));
        eventHeader.put("provider", event.provider().providerName());
        if (!event.task().isEmpty()) {
            eventHeader.put("action", event.task());
        }
        record.putObject("log").put("level", event.level().toLowerCase(Locale.ROOT));
        record.put("message", event.message());
        record.putObject("ecs").put("version", "1.12.0");
        record.putObject("host").put("name", event.host().name());
        return record;
    }
}
