package io.helklab.ingest.normalize;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
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

    /** Flat-format (NXLog and exports) header fields and their HELK names. */
    private static final Map<String, String> FLAT_HEADER = new HashMap<>();
    /**
     * NXLog's user header fields; in exports these names are event data (System 7045's {@code AccountName}
     * is the service account, not the reporting user).
     */
    private static final Set<String> NXLOG_USER_HEADER = Set.of("Domain", "AccountName", "UserID", "AccountType");
    /** Flat-format fields that are neither header nor event data. */
    private static final Set<String> FLAT_IGNORED = Set.of(
            "EventID", "EventId", "Channel", "LogName", "EventTime", "TimeCreated", "@timestamp", "@version");

    static {
        FLAT_HEADER.put("Hostname", "host_name");
        FLAT_HEADER.put("Computer", "host_name");
        FLAT_HEADER.put("MachineName", "host_name");
        FLAT_HEADER.put("SourceName", "source_name");
        FLAT_HEADER.put("RecordNumber", "record_number");
        FLAT_HEADER.put("RecordId", "record_number");
        FLAT_HEADER.put("ProcessID", "process_id");
        FLAT_HEADER.put("ThreadID", "thread_id");
        FLAT_HEADER.put("Task", "task");
        FLAT_HEADER.put("Category", "task");
        FLAT_HEADER.put("ProviderGuid", "provider_guid");
        FLAT_HEADER.put("Keywords", "keywords");
        FLAT_HEADER.put("Opcode", "opcode");
        FLAT_HEADER.put("Level", "level");
        FLAT_HEADER.put("Severity", "level");
        FLAT_HEADER.put("Version", "version");
        FLAT_HEADER.put("ActivityID", "activity_id");
        FLAT_HEADER.put("Domain", "user_reporter_domain");
        FLAT_HEADER.put("AccountName", "user_reporter_name");
        FLAT_HEADER.put("UserID", "user_reporter_sid");
        FLAT_HEADER.put("AccountType", "user_reporter_type");
        FLAT_HEADER.put("Message", "message");
        FLAT_HEADER.put("host", "logstash_host");
        FLAT_HEADER.put("port", "logstash_port");
        FLAT_HEADER.put("type", "logstash_type");
        FLAT_HEADER.put("tags", "logstash_tags");
    }

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
        return new RawEvent(InputFormat.WINLOGBEAT_7, header, text(winlog.get("channel")), eventIdField,
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
        return new RawEvent(InputFormat.WINLOGBEAT_6, header, text(root.get("log_name")), "event_id",
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
        return new RawEvent(format, header, logName, eventIdField,
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

    /**
     * Text of a scalar; an array of scalars joined with {@code ", "} (Winlogbeat's {@code keywords}); compact
     * JSON of anything else; null for missing or JSON null. Strings keep one mapping type in Elasticsearch.
     */
    static String text(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return null;
        }
        if (node.isTextual()) {
            return node.textValue();
        }
        if (node.isValueNode()) {
            return node.asText();
        }
        if (node.isArray()) {
            StringBuilder joined = new StringBuilder();
            for (JsonNode element : node) {
                if (!element.isValueNode() || element.isNull()) {
                    return node.toString();
                }
                if (joined.length() > 0) {
                    joined.append(", ");
                }
                joined.append(element.asText());
            }
            return joined.toString();
        }
        return node.toString();
    }
}
