package io.helklab.streams;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/** Raw Winlogbeat 7 Sysmon records (process creations and network connections) for the streaming tests. */
final class SysmonRecords {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter SYSMON_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS").withZone(ZoneOffset.UTC);
    private static final AtomicLong RECORD_IDS = new AtomicLong(1);
    static final String HOST = "STREAM01.helk.lab";

    private SysmonRecords() {
    }

    /** A process creation by {@code winword.exe} of {@code image} with {@code guid}. */
    static byte[] processCreate(String guid, Instant time, String image, String commandLine) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("UtcTime", SYSMON_TIME.format(time));
        data.put("ProcessGuid", "{" + guid + "}");
        data.put("ProcessId", "4242");
        data.put("Image", image);
        data.put("CommandLine", commandLine);
        data.put("CurrentDirectory", "C:\\Users\\tester\\");
        data.put("User", "HELK\\tester");
        data.put("LogonGuid", "{6f1d2b7c-3b10-65e1-e7a3-050000000000}");
        data.put("LogonId", "0x5a3e7");
        data.put("TerminalSessionId", "1");
        data.put("IntegrityLevel", "High");
        data.put("Hashes", "MD5=4E2B1A6C9D8E7F00112233445566778A,SHA256=9F86D081884C7D659A2FEAA0C55AD015A3BF4F1B2B0B822CD15D6C15B0F00A08");
        data.put("ParentProcessGuid", "{6f1d2b7c-0000-65e1-0b00-000000000001}");
        data.put("ParentProcessId", "1000");
        data.put("ParentImage", "C:\\Program Files\\Microsoft Office\\root\\Office16\\WINWORD.EXE");
        data.put("ParentCommandLine", "WINWORD.EXE /n invoice.docm");
        return record(1, time, data);
    }

    /** An outbound TCP connection by the process {@code guid} to {@code destination}:443. */
    static byte[] networkConnect(String guid, Instant time, String destination, int sourcePort) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("UtcTime", SYSMON_TIME.format(time));
        data.put("ProcessGuid", "{" + guid + "}");
        data.put("ProcessId", "4242");
        data.put("Image", "C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe");
        data.put("User", "HELK\\tester");
        data.put("Protocol", "tcp");
        data.put("Initiated", "true");
        data.put("SourceIsIpv6", "false");
        data.put("SourceIp", "10.0.10.101");
        data.put("SourcePort", Integer.toString(sourcePort));
        data.put("DestinationIsIpv6", "false");
        data.put("DestinationIp", destination);
        data.put("DestinationPort", "443");
        return record(3, time, data);
    }

    private static byte[] record(int eventId, Instant time, Map<String, Object> data) {
        Map<String, Object> winlog = new LinkedHashMap<>();
        winlog.put("channel", "Microsoft-Windows-Sysmon/Operational");
        winlog.put("computer_name", HOST);
        winlog.put("event_id", eventId);
        winlog.put("provider_name", "Microsoft-Windows-Sysmon");
        winlog.put("record_id", RECORD_IDS.getAndIncrement());
        winlog.put("event_data", data);
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("@timestamp", time.toString());
        record.put("winlog", winlog);
        try {
            return JSON.writeValueAsString(record).getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
