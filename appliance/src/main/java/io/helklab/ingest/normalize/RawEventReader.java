package io.helklab.ingest.normalize;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Detects the input format of one JSON object and pulls out header, event data and timestamp fields
 * (see SCHEMA.md, "Input formats"), in one streaming pass over the record.
 *
 * <p>It reads what HELK uses and skips the rest without building it: in a Winlogbeat 7 record the host, agent
 * and ECS metadata and Sysmon's rendered message are over a third of the bytes. Building a Jackson tree of the
 * whole record was the largest single item in the normaliser's profile (the README's design notes give the
 * gain). Values become text as a JSON tree's would (see
 * {@link #text(JsonNode)}). An object or array at the top level is only located during the pass, and read as a
 * tree only if a flat format needs it as text. Where a name repeats, the last value wins at the place of the
 * first, as in a tree. {@code StreamingReaderEquivalenceTest} holds this reader to a tree-based reference,
 * over every sample and test record and thousands of generated ones.
 *
 * <p>Sysmon's {@code message} is left out of the header without being decoded: it renders the event data,
 * which is kept field by field, and with its escaped line breaks it is the longest text in the record.
 *
 * <p>Stateless and thread-safe.
 */
final class RawEventReader {

    /** Flat-format (NXLog and exports) header fields and their HELK names. */
    static final Map<String, String> FLAT_HEADER = flatHeader();
    /**
     * NXLog's user header fields; in exports these names are event data (System 7045's {@code AccountName}
     * is the service account, not the reporting user).
     */
    static final Set<String> NXLOG_USER_HEADER = Set.of("Domain", "AccountName", "UserID", "AccountType");
    /** Flat-format fields that are neither header nor event data. */
    static final Set<String> FLAT_IGNORED = Set.of(
            "EventID", "EventId", "Channel", "LogName", "EventTime", "TimeCreated", "@timestamp", "@version");
    /** Winlogbeat 6's top-level header fields that already have their HELK names, in HELK's order. */
    private static final List<String> WINLOGBEAT6_HEADER = List.of("source_name", "record_number", "task",
            "provider_guid", "process_id", "thread_id", "opcode", "keywords", "version", "activity_id", "level");
    /** The {@code winlog} fields read as text; {@code process}, {@code user} and the event data are read apart. */
    private static final Set<String> WINLOG_FIELDS = Set.of("computer_name", "provider_name", "record_id", "task",
            "provider_guid", "opcode", "keywords", "version", "activity_id", "channel", "event_id");
    private static final Set<String> USER_FIELDS = Set.of("domain", "identifier", "name", "type");
    private static final Set<String> BEAT_FIELDS = Set.of("hostname", "name", "version");
    private static final Set<String> LEVEL = Set.of("level");
    private static final Set<String> CODE = Set.of("code");
    private static final Set<String> ID = Set.of("id");
    /** Reads the rare objects and arrays that become text (compact JSON); they sit inside a record, so no trailing check. */
    private static final ObjectMapper SUBTREES = new ObjectMapper();
    private static final JsonFactory JSON = SUBTREES.getFactory();


    private RawEventReader() {
    }

    private static Map<String, String> flatHeader() {
        Map<String, String> names = new HashMap<>();
        names.put("Hostname", "host_name");
        names.put("Computer", "host_name");
        names.put("MachineName", "host_name");
        names.put("SourceName", "source_name");
        names.put("RecordNumber", "record_number");
        names.put("RecordId", "record_number");
        names.put("ProcessID", "process_id");
        names.put("ThreadID", "thread_id");
        names.put("Task", "task");
        names.put("Category", "task");
        names.put("ProviderGuid", "provider_guid");
        names.put("Keywords", "keywords");
        names.put("Opcode", "opcode");
        names.put("Level", "level");
        names.put("Severity", "level");
        names.put("Version", "version");
        names.put("ActivityID", "activity_id");
        names.put("Domain", "user_reporter_domain");
        names.put("AccountName", "user_reporter_name");
        names.put("UserID", "user_reporter_sid");
        names.put("AccountType", "user_reporter_type");
        names.put("Message", "message");
        names.put("host", "logstash_host");
        names.put("port", "logstash_port");
        names.put("type", "logstash_type");
        names.put("tags", "logstash_tags");
        return Map.copyOf(names);
    }

    /**
     * Reads one record's top-level object.
     *
     * @param parser a parser over the whole of {@code record} whose current token is the object's start; on
     *               return it is at the object's end
     * @param record the bytes the parser reads, for the values read again later
     * @throws IOException when the JSON is malformed or truncated, as the parser reports it
     */
    static RawEvent read(JsonParser parser, byte[] record) throws IOException {
        Root root = new Root(record);
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            root.read(parser.currentName(), parser);
        }
        return root.toRawEvent();
    }

    /** A top-level object or array, by its place in the record: read as text only when a flat format needs it. */
    private record Located(int start, int end) {
    }

    /** A top-level message string, by its place in the record: decoded only when kept. */
    private record Deferred(int start) {
    }

    /** What one pass over the top-level object found. */
    private static final class Root {
        private final byte[] record;
        /** Every top-level field in first-seen order: its text, null for JSON null, {@link Located} or {@link Deferred}. */
        private final Map<String, Object> values = new LinkedHashMap<>(32);
        // The objects the Winlogbeat formats keep header fields in; null unless the last value of the name is an object.
        private Winlog winlog;
        private Map<String, String> agent;
        private Map<String, String> beat;
        private Map<String, String> log;
        private Map<String, String> event;
        private Map<String, String> user;
        private Map<String, String> eventData;
        private Map<String, String> userData;

        Root(byte[] record) {
            this.record = record;
        }

        void read(String name, JsonParser parser) throws IOException {
            JsonToken token = parser.nextToken();
            boolean object = token == JsonToken.START_OBJECT;
            boolean container = object || token == JsonToken.START_ARRAY;
            boolean message = token == JsonToken.VALUE_STRING && (name.equals("message") || name.equals("Message"));
            int start = container || message ? start(parser) : -1;
            // Any later value of one of these names replaces an earlier object, as in a tree.
            switch (name) {
                case "winlog" -> winlog = object ? Winlog.read(parser) : null;
                case "agent" -> agent = object ? readFields(parser, BEAT_FIELDS) : null;
                case "beat" -> beat = object ? readFields(parser, BEAT_FIELDS) : null;
                case "log" -> log = object ? readFields(parser, LEVEL) : null;
                case "event" -> event = object ? readFields(parser, CODE) : null;
                case "user" -> user = object ? readFields(parser, USER_FIELDS) : null;
                case "event_data" -> eventData = object ? readFields(parser, null) : null;
                case "user_data" -> userData = object ? readFields(parser, null) : null;
                default -> {
                }
            }
            Object value;
            if (container) {
                parser.skipChildren(); // what the switch did not read
                value = new Located(start, (int) parser.currentLocation().getByteOffset());
            } else {
                value = message ? new Deferred(start) : scalarText(parser, token);
            }
            values.put(name, value);
        }

        RawEvent toRawEvent() throws IOException {
            if (winlog != null) {
                return winlogbeat7();
            }
            if (has("event_data") || (has("event_id") && (has("log_name") || has("computer_name")))) {
                return winlogbeat6();
            }
            InputFormat format;
            if (has("EventTime") || has("SourceModuleName") || has("EventReceivedTime")) {
                format = InputFormat.NXLOG;
            } else if (has("TimeCreated")) {
                format = InputFormat.FLAT_EXPORT;
            } else if (has("EventID") || has("Channel")) {
                format = InputFormat.NXLOG;
            } else {
                format = InputFormat.UNKNOWN;
            }
            return flat(format);
        }

        private RawEvent winlogbeat7() throws IOException {
            Map<String, String> fields = winlog.fields;
            Map<String, String> header = new LinkedHashMap<>();
            put(header, "host_name", fields.get("computer_name"));
            put(header, "source_name", fields.get("provider_name"));
            put(header, "record_number", fields.get("record_id"));
            put(header, "task", fields.get("task"));
            put(header, "provider_guid", fields.get("provider_guid"));
            put(header, "process_id", winlog.processId);
            put(header, "thread_id", winlog.threadId);
            put(header, "opcode", fields.get("opcode"));
            put(header, "keywords", fields.get("keywords"));
            put(header, "version", fields.get("version"));
            put(header, "activity_id", fields.get("activity_id"));
            put(header, "level", field(log, "level"));
            putUser(header, winlog.user);
            putBeat(header, agent);
            String logName = fields.get("channel");
            Channel channel = Channel.fromLogName(logName);
            putMessage(header, channel);

            String eventIdField = "winlog.event_id";
            String eventId = fields.get("event_id");
            if (eventId == null) {
                eventIdField = "event.code";
                eventId = field(event, "code");
            }
            Map<String, String> data = eventData(winlog.eventData, winlog.userData);
            return new RawEvent(InputFormat.WINLOGBEAT_7, header, logName, channel, eventIdField, eventId, data,
                    timestamps(data, null));
        }

        private RawEvent winlogbeat6() throws IOException {
            Map<String, String> header = new LinkedHashMap<>();
            put(header, "host_name", text("computer_name"));
            for (String name : WINLOGBEAT6_HEADER) {
                put(header, name, text(name));
            }
            putUser(header, user);
            putBeat(header, beat);
            String logName = text("log_name");
            Channel channel = Channel.fromLogName(logName);
            putMessage(header, channel);
            Map<String, String> data = eventData(eventData, userData);
            return new RawEvent(InputFormat.WINLOGBEAT_6, header, logName, channel, "event_id", text("event_id"), data,
                    timestamps(data, null));
        }

        private RawEvent flat(InputFormat format) throws IOException {
            String logName = text("Channel");
            if (logName == null) {
                logName = text("LogName");
            }
            Channel channel = Channel.fromLogName(logName);
            Map<String, String> header = new LinkedHashMap<>();
            Map<String, String> data = new LinkedHashMap<>();
            for (Map.Entry<String, Object> field : values.entrySet()) {
                String name = field.getKey();
                if (FLAT_IGNORED.contains(name)) {
                    continue;
                }
                String helkName = FLAT_HEADER.get(name);
                if (helkName == null || (format != InputFormat.NXLOG && NXLOG_USER_HEADER.contains(name))) {
                    put(data, name, asText(field.getValue()));
                } else if ((!name.equals("Task") || !has("Category")) && !(channel == Channel.SYSMON && helkName.equals("message"))) {
                    put(header, helkName, asText(field.getValue()));
                }
            }
            String eventIdField = has("EventID") ? "EventID" : has("EventId") ? "EventId" : null;
            return new RawEvent(format, header, logName, channel, eventIdField,
                    eventIdField == null ? null : text(eventIdField), data, timestamps(data, format));
        }

        /**
         * Most trusted first: Sysmon's {@code UtcTime}; then the format's own time. For NXLog, {@code EventTime}
         * and exports' {@code TimeCreated} are the shipper's local time when they carry no zone, so Logstash's
         * {@code @timestamp} (UTC) follows them as the better choice for zone-less values.
         */
        private List<RawEvent.TimestampField> timestamps(Map<String, String> data, InputFormat flatFormat)
                throws IOException {
            List<RawEvent.TimestampField> result = new ArrayList<>(3);
            String utcTime = data.get("UtcTime");
            if (utcTime != null) {
                result.add(new RawEvent.TimestampField("UtcTime", utcTime, true));
            }
            if (flatFormat != null) {
                String local = flatFormat == InputFormat.FLAT_EXPORT ? "TimeCreated" : "EventTime";
                String other = flatFormat == InputFormat.FLAT_EXPORT ? "EventTime" : "TimeCreated";
                addTimestamp(result, local, false);
                addTimestamp(result, other, false);
            }
            addTimestamp(result, "@timestamp", true);
            return result;
        }

        private void addTimestamp(List<RawEvent.TimestampField> result, String field, boolean zoneIsUtc)
                throws IOException {
            String value = text(field);
            if (value != null) {
                result.add(new RawEvent.TimestampField(field, value, zoneIsUtc));
            }
        }

        /** The top-level {@code message}, unless the channel is Sysmon's (see the class comment). */
        private void putMessage(Map<String, String> header, Channel channel) throws IOException {
            if (channel != Channel.SYSMON) {
                put(header, "message", text("message"));
            }
        }

        private boolean has(String name) {
            return values.containsKey(name);
        }

        /** The text of a top-level field; null when missing or JSON null. */
        private String text(String name) throws IOException {
            return asText(values.get(name));
        }

        private String asText(Object value) throws IOException {
            if (value == null || value instanceof String) {
                return (String) value;
            }
            if (value instanceof Deferred deferred) {
                try (JsonParser parser = JSON.createParser(record, deferred.start(), record.length - deferred.start())) {
                    parser.nextToken();
                    return parser.getText();
                }
            }
            Located located = (Located) value;
            return RawEventReader.text(SUBTREES.readTree(record, located.start(), located.end() - located.start()));
        }
    }

    /** What a Winlogbeat 7 {@code winlog} object holds that HELK uses. */
    private static final class Winlog {
        private final Map<String, String> fields = new HashMap<>();
        private String processId;
        private String threadId;
        private Map<String, String> user;
        private Map<String, String> eventData;
        private Map<String, String> userData;

        static Winlog read(JsonParser parser) throws IOException {
            Winlog winlog = new Winlog();
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken token = parser.nextToken();
                boolean object = token == JsonToken.START_OBJECT;
                switch (name) {
                    case "process" -> winlog.readProcess(parser, object);
                    case "user" -> winlog.user = object ? readFields(parser, USER_FIELDS) : null;
                    case "event_data" -> winlog.eventData = object ? readFields(parser, null) : null;
                    case "user_data" -> winlog.userData = object ? readFields(parser, null) : null;
                    default -> {
                        if (WINLOG_FIELDS.contains(name)) {
                            winlog.fields.put(name, valueText(parser, token));
                        }
                    }
                }
                parser.skipChildren();
            }
            return winlog;
        }

        /** {@code process.pid} and {@code process.thread.id}; a later {@code process} replaces both. */
        private void readProcess(JsonParser parser, boolean object) throws IOException {
            processId = null;
            threadId = null;
            if (!object) {
                return;
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken token = parser.nextToken();
                if (name.equals("pid")) {
                    processId = valueText(parser, token);
                } else if (name.equals("thread")) {
                    threadId = token == JsonToken.START_OBJECT ? readFields(parser, ID).get("id") : null;
                }
                parser.skipChildren();
            }
        }
    }

    /**
     * The fields of the object the parser is at, as text, in first-seen order with JSON null as null.
     *
     * @param wanted the names to keep; null keeps all
     */
    private static Map<String, String> readFields(JsonParser parser, Set<String> wanted) throws IOException {
        Map<String, String> fields = new LinkedHashMap<>(wanted == null ? 32 : 8);
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            JsonToken token = parser.nextToken();
            if (wanted == null || wanted.contains(name)) {
                fields.put(name, valueText(parser, token));
            }
            parser.skipChildren();
        }
        return fields;
    }

    private static Map<String, String> eventData(Map<String, String> eventData, Map<String, String> userData) {
        Map<String, String> data = new LinkedHashMap<>(eventData == null ? 8 : eventData.size() * 2);
        putAll(data, eventData);
        putAll(data, userData);
        return data;
    }

    private static void putAll(Map<String, String> target, Map<String, String> source) {
        if (source != null) {
            for (Map.Entry<String, String> field : source.entrySet()) {
                put(target, field.getKey(), field.getValue());
            }
        }
    }

    private static String field(Map<String, String> object, String name) {
        return object == null ? null : object.get(name);
    }

    private static void putUser(Map<String, String> header, Map<String, String> user) {
        if (user != null) {
            put(header, "user_reporter_domain", user.get("domain"));
            put(header, "user_reporter_sid", user.get("identifier"));
            put(header, "user_reporter_name", user.get("name"));
            put(header, "user_reporter_type", user.get("type"));
        }
    }

    private static void putBeat(Map<String, String> header, Map<String, String> beat) {
        put(header, "beat_hostname", field(beat, "hostname"));
        put(header, "beat_name", field(beat, "name"));
        put(header, "beat_version", field(beat, "version"));
    }

    private static void put(Map<String, String> target, String name, String text) {
        if (text != null) {
            target.put(name, text);
        }
    }

    /** The current value as {@link #text(JsonNode)} gives it; an object or array is read (and consumed) as a tree. */
    private static String valueText(JsonParser parser, JsonToken token) throws IOException {
        if (token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) {
            return text(SUBTREES.readTree(parser));
        }
        return scalarText(parser, token);
    }

    /** A scalar as a JSON tree's {@code asText()} gives it ({@code 1.50} is {@code 1.5}); null for JSON null. */
    private static String scalarText(JsonParser parser, JsonToken token) throws IOException {
        return switch (token) {
            case VALUE_STRING -> parser.getText();
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> switch (parser.getNumberType()) {
                case INT -> Integer.toString(parser.getIntValue());
                case LONG -> Long.toString(parser.getLongValue());
                case BIG_INTEGER -> parser.getBigIntegerValue().toString();
                case FLOAT -> Float.toString(parser.getFloatValue());
                case DOUBLE -> Double.toString(parser.getDoubleValue());
                case BIG_DECIMAL -> parser.getDecimalValue().toString();
            };
            case VALUE_TRUE -> "true";
            case VALUE_FALSE -> "false";
            case VALUE_NULL -> null;
            default -> throw new IllegalStateException("not a JSON scalar: " + token);
        };
    }

    private static int start(JsonParser parser) {
        return (int) parser.currentTokenLocation().getByteOffset();
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
