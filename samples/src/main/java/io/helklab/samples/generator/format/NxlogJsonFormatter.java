package io.helklab.samples.generator.format;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.helklab.samples.RecordFormat;
import io.helklab.samples.generator.event.EventTimes;
import io.helklab.samples.generator.event.LogChannel;
import io.helklab.samples.generator.event.WindowsEvent;

/**
 * What NXLog's {@code im_msvistalog} with {@code to_json()} produces, after a Logstash hop that added
 * {@code @timestamp} and {@code @version}: NXLog headers, then the event fields flat. {@code EventTime}
 * is the collector's local time without a zone (the lab runs on UTC); {@code Task} is the numeric task
 * and {@code Category} its name. Stateless and thread-safe.
 */
final class NxlogJsonFormatter implements EventFormatter {

    @Override
    public RecordFormat format() {
        return RecordFormat.NXLOG_JSON;
    }

    @Override
    public ObjectNode format(WindowsEvent event) {
        boolean security = event.channel() == LogChannel.SECURITY;
        ObjectNode record = ShipperFields.JSON.objectNode();
        record.put("EventTime", EventTimes.seconds(event.time()));
        record.put("Hostname", event.host().fullyQualifiedName());
        record.put("Keywords", ShipperFields.keywords(event));
        String eventType = security ? "AUDIT_SUCCESS" : event.level().equals("Warning") ? "WARNING" : "INFO";
        record.put("EventType", eventType);
        record.put("SeverityValue", eventType.equals("WARNING") ? 3 : 2);
        record.put("Severity", eventType.equals("WARNING") ? "WARNING" : "INFO");
        record.put("EventID", event.eventId());
        record.put("SourceName", event.provider().providerName());
        if (event.provider().guid() != null) {
            record.put("ProviderGuid", event.provider().guid());
        }
        record.put("Version", event.version());
        record.put("Task", event.taskNumber());
        record.put("OpcodeValue", 0);
        record.put("RecordNumber", event.recordId());
        record.put("ProcessID", event.processId());
        record.put("ThreadID", event.threadId());
        record.put("Channel", event.channel().channelName());
        if (event.user() != null) {
            record.put("Domain", event.user().domain());
            record.put("AccountName", event.user().name());
            record.put("UserID", event.user().sid());
            record.put("AccountType", event.user().isWellKnownServiceAccount() ? "Well Known Group" : "User");
        }
        record.put("Message", event.message());
        record.put("Category", event.task().isEmpty() ? "None" : event.task());
        record.put("Opcode", event.opcode());
        event.data().forEach(record::put);
        record.put("EventReceivedTime", EventTimes.seconds(ShipperFields.readTime(event)));
        record.put("SourceModuleName", "eventlog");
        record.put("SourceModuleType", "im_msvistalog");
        record.put("@version", "1");
        record.put("@timestamp", EventTimes.isoMillis(event.time()));
        return record;
    }
}
