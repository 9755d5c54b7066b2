package io.helklab.ingest.normalize;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** Builds small Winlogbeat 7 Sysmon records for tests that vary one value at a time. */
final class SysmonRecordBuilder {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private SysmonRecordBuilder() {
    }

    static byte[] winlogbeat7(int eventId, Map<String, String> eventData) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("UtcTime", "2024-03-01 12:00:00.000");
        data.putAll(eventData);
        Map<String, Object> winlog = new LinkedHashMap<>();
        winlog.put("channel", "Microsoft-Windows-Sysmon/Operational");
        winlog.put("computer_name", "WKST01.helklab.local");
        winlog.put("event_id", eventId);
        winlog.put("process", Map.of("pid", 2208, "thread", Map.of("id", 3412)));
        winlog.put("provider_name", "Microsoft-Windows-Sysmon");
        winlog.put("record_id", 1);
        winlog.put("event_data", data);
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("@timestamp", "2024-03-01T12:00:00.500Z");
        record.put("winlog", winlog);
        try {
            return MAPPER.writeValueAsString(record).getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
