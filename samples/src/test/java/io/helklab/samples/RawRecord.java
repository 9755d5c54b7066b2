package io.helklab.samples;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A test's own reading of a raw record in any of the four formats: header values and event data, and
 * the HELK field values answer keys quote, normalised the way SCHEMA.md says. Written independently of
 * the generator so that the answer keys are checked against the records, not against themselves.
 */
record RawRecord(String host, String channel, int eventId, long recordNumber, Map<String, String> data) {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** Header fields each format must carry; a record without them is not of its declared format. */
    private static final Map<RecordFormat, List<String>> REQUIRED_HEADERS = Map.of(
            RecordFormat.WINLOGBEAT_7, List.of("@timestamp", "winlog", "event", "agent", "ecs", "host", "log", "message"),
            RecordFormat.WINLOGBEAT_6, List.of("@timestamp", "beat", "computer_name", "event_id", "log_name", "source_name",
                    "record_number", "message"),
            RecordFormat.NXLOG_JSON, List.of("EventTime", "Hostname", "SourceModuleName", "RecordNumber", "ProcessID", "ThreadID",
                    "EventID", "Channel", "SourceName"),
            RecordFormat.FLAT_EXPORT, List.of("TimeCreated", "Hostname", "Channel", "EventID", "SourceName", "Message"));

    private static final Set<String> LOWER_CASED = Set.of("process_path", "process_parent_path", "process_command_line",
            "user_name", "file_name", "target_process_path", "registry_key_path", "dns_query_name", "pipe_name");
    private static final Set<String> GUIDS = Set.of("process_guid", "process_parent_guid", "target_process_guid");
    private static final Set<String> NUMBERS = Set.of("process_granted_access", "user_logon_id", "logon_type");

    /** The raw fields behind each HELK field the answer keys use; the first present one wins. */
    private static final Map<String, List<String>> RAW_NAMES = Map.ofEntries(
            Map.entry("process_guid", List.of("ProcessGuid", "SourceProcessGUID", "SourceProcessGuid")),
            Map.entry("process_path", List.of("Image", "SourceImage")),
            Map.entry("process_command_line", List.of("CommandLine")),
            Map.entry("process_parent_guid", List.of("ParentProcessGuid")),
            Map.entry("process_parent_path", List.of("ParentImage")),
            Map.entry("user_name", List.of("TargetUserName", "User")),
            Map.entry("target_process_path", List.of("TargetImage")),
            Map.entry("target_process_guid", List.of("TargetProcessGUID", "TargetProcessGuid")),
            Map.entry("process_granted_access", List.of("GrantedAccess")),
            Map.entry("file_name", List.of("TargetFilename")),
            Map.entry("registry_key_path", List.of("TargetObject")),
            Map.entry("registry_key_value", List.of("Details")),
            Map.entry("pipe_name", List.of("PipeName")),
            Map.entry("dns_query_name", List.of("QueryName")),
            Map.entry("dst_ip_addr", List.of("DestinationIp")),
            Map.entry("src_ip_addr", List.of("IpAddress", "SourceIp")),
            Map.entry("logon_type", List.of("LogonType")),
            Map.entry("user_logon_id", List.of("TargetLogonId", "LogonId")),
            Map.entry("wmi_filter_name", List.of("Name")),
            Map.entry("wmi_consumer_name", List.of("Name")),
            Map.entry("wmi_consumer_destination", List.of("Destination")));

    static RawRecord parse(byte[] line, RecordFormat format) {
        String text = new String(line, StandardCharsets.UTF_8);
        JsonNode root;
        try {
            root = MAPPER.readTree(text);
        } catch (JsonProcessingException invalid) {
            throw new AssertionError("Not JSON: " + text.substring(0, Math.min(200, text.length())), invalid);
        }
        for (String header : REQUIRED_HEADERS.get(format)) {
            if (!root.has(header)) {
                throw new AssertionError("A " + format.id() + " record lacks '" + header + "': " + text.substring(0, Math.min(300, text.length())));
            }
        }
        return switch (format) {
            case WINLOGBEAT_7 -> {
                JsonNode winlog = root.get("winlog");
                yield new RawRecord(winlog.get("computer_name").asText(), winlog.get("channel").asText(), winlog.get("event_id").asInt(),
                        winlog.get("record_id").asLong(), strings(winlog.get("event_data")));
            }
            case WINLOGBEAT_6 -> new RawRecord(root.get("computer_name").asText(), root.get("log_name").asText(),
                    root.get("event_id").asInt(), Long.parseLong(root.get("record_number").asText()), strings(root.get("event_data")));
            case NXLOG_JSON, FLAT_EXPORT -> new RawRecord(root.get("Hostname").asText(), root.get("Channel").asText(),
                    root.get("EventID").asInt(), root.get("RecordNumber").asLong(), strings(root));
        };
    }

    private static Map<String, String> strings(JsonNode object) {
        Map<String, String> values = new LinkedHashMap<>();
        if (object != null) {
            object.fields().forEachRemaining(field -> values.put(field.getKey(), field.getValue().asText()));
        }
        return values;
    }

    /** The HELK index family this record lands in, by its channel. */
    String indexFamily() {
        String family = switch (channel.toLowerCase(Locale.ROOT)) {
            case "microsoft-windows-sysmon/operational" -> "sysmon";
            case "security" -> "security";
            case "system" -> "system";
            case "application" -> "application";
            case "microsoft-windows-powershell/operational" -> "powershell";
            case "microsoft-windows-wmi-activity/operational" -> "wmiactivity";
            default -> throw new AssertionError("Unexpected channel " + channel);
        };
        return "logs-endpoint-winevent-" + family;
    }

    /** The normalised value of a HELK field, or null where this record has none. */
    String helkValue(String field) {
        if (field.equals("event_id")) {
            return Integer.toString(eventId);
        }
        if (field.equals("host_name")) {
            return host.toLowerCase(Locale.ROOT);
        }
        List<String> rawNames = RAW_NAMES.get(field);
        if (rawNames == null) {
            throw new AssertionError("The test does not know the HELK field '" + field + "'; add its raw name to RawRecord");
        }
        String raw = rawNames.stream().map(data::get).filter(value -> value != null).findFirst().orElse(null);
        if (raw == null) {
            return null;
        }
        if (field.equals("user_name") && raw.contains("\\")) {
            raw = raw.substring(raw.indexOf('\\') + 1);
        }
        if (GUIDS.contains(field)) {
            return raw.replace("{", "").replace("}", "").toLowerCase(Locale.ROOT);
        }
        if (NUMBERS.contains(field)) {
            return Long.toString(raw.startsWith("0x") || raw.startsWith("0X") ? Long.parseLong(raw.substring(2), 16) : Long.parseLong(raw));
        }
        return LOWER_CASED.contains(field) ? raw.toLowerCase(Locale.ROOT) : raw;
    }

    boolean matches(AnswerFact fact) {
        if (!fact.index().equals(indexFamily() + "-*")) {
            return false;
        }
        return fact.match().entrySet().stream().allMatch(entry -> String.valueOf(entry.getValue()).equals(helkValue(entry.getKey())));
    }
}
