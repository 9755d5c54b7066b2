package io.helklab.ingest.normalize;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The normaliser's first reader, kept as the reference for {@link StreamingReaderEquivalenceTest}: it reads the
 * record as a whole Jackson tree, which is simple and obviously right, and the streaming {@link RawEventReader}
 * that replaced it (it skips what HELK does not use instead of building it) must read every record the same
 * way. Not used outside that test.
 */
final class TreeReaderOracle {

    // The name tables are RawEventReader's: what is compared is how the records are read.
    private static final Map<String, String> FLAT_HEADER = RawEventReader.FLAT_HEADER;
    private static final Set<String> NXLOG_USER_HEADER = RawEventReader.NXLOG_USER_HEADER;
    private static final Set<String> FLAT_IGNORED = RawEventReader.FLAT_IGNORED;

    private TreeReaderOracle() {
    }

    static RawEvent read(JsonNode root) {
        JsonNode winlog = root.get("winlog");
        if (winlog != null && winlog.isObject()) {
            return readWinlogbeat7(root, winlog);
        }
        if (root.has("event_data") || (root.has("event_id") && (root.has("log_name") || root.has("computer_name")))) {
            return readWinlogbeat6(root);
        }
        InputFormat format;
        if (root.has("EventTime") || root.has("SourceModuleName") || root.has("EventReceivedTime")) {
            format = InputFormat.NXLOG;
        } else if (root.has("TimeCreated")) {
            format = InputFormat.FLAT_EXPORT;
        } else if (root.has("EventID") || root.has("Channel")) {
            format = InputFormat.NXLOG;
        } else {
            format = InputFormat.UNKNOWN;
        }
        return readFlat(root, format);
    }

    private static RawEvent readWinlogbeat7(JsonNode root, JsonNode winlog) {
        Map<String, String> header = new LinkedHashMap<>();
        put(header, "host_name", winlog.get("computer_name"));
        put(header, "source_name", winlog.get("provider_name"));
        put(header, "record_number", winlog.get("record_id"));
        put(header, "task", winlog.get("task"));
        put(header, "provider_guid", winlog.get("provider_guid"));
        put(header, "process_id", winlog.path("process").get("pid"));
        put(header, "thread_id", winlog.path("process").path("thread").get("id"));
        put(header, "opcode", winlog.get("opcode"));
        put(header, "keywords", winlog.get("keywords"));
        put(header, "version", winlog.get("version"));
        put(header, "activity_id", winlog.get("activity_id"));
        put(header, "level", root.path("log").get("level"));
        putUser(header, winlog.get("user"));
        JsonNode agent = root.path("agent");
        put(header, "beat_hostname", agent.get("hostname"));
        put(header, "beat_name", agent.get("name"));
        put(header, "beat_version", agent.get("version"));
        put(header, "message", root.get("message"));

        String eventIdField = "winlog.event_id";
        JsonNode eventId = winlog.get("event_id");
        if (eventId == null || eventId.isNull()) {
            eventIdField = "event.code";
            eventId = root.path("event").get("code");
        }
        Map<String, String> eventData = new LinkedHashMap<>();
        copyObject(winlog.get("event_data"), eventData);
        copyObject(winlog.get("user_data"), eventData);
        String logName = text(winlog.get("channel"));
        return new RawEvent(InputFormat.WINLOGBEAT_7, header, logName, Channel.fromLogName(logName), eventIdField,
                text(eventId), eventData, timestamps(eventData, root, null));
    }

    private static RawEvent readWinlogbeat6(JsonNode root) {
        Map<String, String> header = new LinkedHashMap<>();
        put(header, "host_name", root.get("computer_name"));
        put(header, "source_name", root.get("source_name"));
        put(header, "record_number", root.get("record_number"));
        put(header, "task", root.get("task"));
        put(header, "provider_guid", root.get("provider_guid"));
        put(header, "process_id", root.get("process_id"));
        put(header, "thread_id", root.get("thread_id"));
        put(header, "opcode", root.get("opcode"));
        put(header, "keywords", root.get("keywords"));
        put(header, "version", root.get("version"));
        put(header, "activity_id", root.get("activity_id"));
        put(header, "level", root.get("level"));
        putUser(header, root.get("user"));
        JsonNode beat = root.path("beat");
        put(header, "beat_hostname", beat.get("hostname"));
        put(header, "beat_name", beat.get("name"));
        put(header, "beat_version", beat.get("version"));
        put(header, "message", root.get("message"));
        Map<String, String> eventData = new LinkedHashMap<>();
        copyObject(root.get("event_data"), eventData);
        copyObject(root.get("user_data"), eventData);
        String logName = text(root.get("log_name"));
        return new RawEvent(InputFormat.WINLOGBEAT_6, header, logName, Channel.fromLogName(logName), "event_id",
                text(root.get("event_id")), eventData, timestamps(eventData, root, null));
    }

    private static RawEvent readFlat(JsonNode root, InputFormat format) {
        Map<String, String> header = new LinkedHashMap<>();
        Map<String, String> eventData = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> fields = root.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            String name = field.getKey();
            if (FLAT_IGNORED.contains(name)) {
                continue;
            }
            String helkName = FLAT_HEADER.get(name);
            if (helkName == null || (format != InputFormat.NXLOG && NXLOG_USER_HEADER.contains(name))) {
                putText(eventData, name, field.getValue());
            } else if (!name.equals("Task") || !root.has("Category")) {
                put(header, helkName, field.getValue());
            }
        }
        String eventIdField = root.has("EventID") ? "EventID" : root.has("EventId") ? "EventId" : null;
        String logName = text(root.get("Channel"));
        if (logName == null) {
            logName = text(root.get("LogName"));
        }
        return new RawEvent(format, header, logName, Channel.fromLogName(logName), eventIdField,
                eventIdField == null ? null : text(root.get(eventIdField)), eventData,
                timestamps(eventData, root, format));
    }

    /**
     * Most trusted first: Sysmon's {@code UtcTime}; then the format's own time. For NXLog, {@code EventTime}
     * and exports' {@code TimeCreated} are the shipper's local time when they carry no zone, so Logstash's
     * {@code @timestamp} (UTC) follows them as the better choice for zone-less values.
     */
    private static List<RawEvent.TimestampField> timestamps(
            Map<String, String> eventData, JsonNode root, InputFormat flatFormat) {
        List<RawEvent.TimestampField> result = new ArrayList<>(3);
        String utcTime = eventData.get("UtcTime");
        if (utcTime != null) {
            result.add(new RawEvent.TimestampField("UtcTime", utcTime, true));
        }
        if (flatFormat != null) {
            String local = flatFormat == InputFormat.FLAT_EXPORT ? "TimeCreated" : "EventTime";
            String other = flatFormat == InputFormat.FLAT_EXPORT ? "EventTime" : "TimeCreated";
            addTimestamp(result, root, local, false);
            addTimestamp(result, root, other, false);
        }
        addTimestamp(result, root, "@timestamp", true);
        return result;
    }

    private static void addTimestamp(List<RawEvent.TimestampField> result, JsonNode root, String field,
                                     boolean zoneIsUtc) {
        String value = text(root.get(field));
        if (value != null) {
            result.add(new RawEvent.TimestampField(field, value, zoneIsUtc));
        }
    }

    private static void putUser(Map<String, String> header, JsonNode user) {
        if (user != null && user.isObject()) {
            put(header, "user_reporter_domain", user.get("domain"));
            put(header, "user_reporter_sid", user.get("identifier"));
            put(header, "user_reporter_name", user.get("name"));
            put(header, "user_reporter_type", user.get("type"));
        }
    }

    private static void copyObject(JsonNode object, Map<String, String> target) {
        if (object == null || !object.isObject()) {
            return;
        }
        Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            putText(target, field.getKey(), field.getValue());
        }
    }

    private static void put(Map<String, String> header, String helkName, JsonNode value) {
        putText(header, helkName, value);
    }

    private static void putText(Map<String, String> target, String name, JsonNode value) {
        String text = text(value);
        if (text != null) {
            target.put(name, text);
        }
    }

    private static String text(JsonNode node) {
        return RawEventReader.text(node);
    }
}
