package io.helklab.ingest.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Winlogbeat 6, NXLog (with Logstash's additions) and flat exports, each against hand-written fields. */
class InputFormatsTest {

    private final EventNormalizer normalizer = new EventNormalizer(TestRecords.CLOCK);

    @Test
    void winlogbeat6ProcessCreate() {
        byte[] record = TestRecords.resource("winlogbeat6-sysmon-1.json");
        NormalizedEvent event = normalizer.normalize(record);

        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("@timestamp", "2019-05-14T10:30:41.876Z");
        expected.put("event_id", 1L);
        expected.put("log_name", "Microsoft-Windows-Sysmon/Operational");
        expected.put("host_name", "wkst02.helklab.local");
        expected.put("source_name", "Microsoft-Windows-Sysmon");
        expected.put("record_number", 3401L);
        expected.put("task", "Process Create (rule: ProcessCreate)");
        expected.put("provider_guid", "5770385f-c22a-43e0-bf4c-06f5698ffbd9");
        expected.put("process_id", 2980L);
        expected.put("thread_id", 3140L);
        expected.put("opcode", "Info");
        expected.put("version", "5");
        expected.put("level", "Information");
        expected.put("user_reporter_domain", "nt authority");
        expected.put("user_reporter_sid", "S-1-5-18");
        expected.put("user_reporter_name", "system");
        expected.put("user_reporter_type", "User");
        expected.put("beat_hostname", "WKST02");
        expected.put("beat_name", "WKST02");
        expected.put("beat_version", "6.7.1");
        expected.put("action", "processcreate");
        expected.put("process_command_line", "cmd.exe /c \"whoami /all\"");
        expected.put("file_company", "microsoft corporation");
        expected.put("process_current_directory", "c:\\users\\bilbo\\");
        expected.put("file_description", "windows command processor");
        expected.put("file_version", "10.0.17763.1 (winbuild.160101.0800)");
        expected.put("hash_sha1", "99AE9C73E9BEE6F9C76D6F4093A9882DF06832CF");
        expected.put("hash_md5", "A6177D080759CF4A03EF837A38F62401");
        expected.put("hash_sha256", "1111111111111111111111111111111111111111111111111111111111111111");
        expected.put("hash_imphash", "2222222222222222222222222222222A");
        expected.put("process_path", "c:\\windows\\system32\\cmd.exe");
        expected.put("process_name", "cmd.exe");
        expected.put("process_integrity_level", "medium");
        expected.put("user_logon_guid", "a98268c1-9c2e-5cda-0000-0020e9e80500");
        expected.put("user_logon_id", 0x5e8e9L);
        expected.put("file_name_original", "cmd.exe");
        expected.put("process_parent_command_line", "c:\\windows\\explorer.exe");
        expected.put("process_parent_path", "c:\\windows\\explorer.exe");
        expected.put("process_parent_name", "explorer.exe");
        expected.put("process_parent_guid", "a98268c1-9c30-5cda-0000-00103f5c0600");
        expected.put("process_parent_id", 4236L);
        expected.put("process_guid", "a98268c1-9c31-5cda-0000-0010e1b03100");
        expected.put("file_product", "microsoft® windows® operating system");
        expected.put("user_session_id", 2L);
        expected.put("user_account", "helklab\\bilbo");
        expected.put("user_domain", "helklab");
        expected.put("user_name", "bilbo");
        expected.put("etl_input_format", "winlogbeat6");
        expected.put("event_original_message", new String(record, StandardCharsets.UTF_8));

        assertThat(event.index()).isEqualTo("logs-endpoint-winevent-sysmon-2019.05.14");
        assertThat(TestRecords.normaliseNumbers(event.fields())).isEqualTo(TestRecords.normaliseNumbers(expected));
    }

    @Test
    void nxlogNetworkConnectWithLogstashFieldsAndIntegerEventId() {
        NormalizedEvent event = normalizer.normalize(TestRecords.resource("nxlog-sysmon-3.json"));
        Map<String, Object> fields = event.fields();

        assertThat(event.disposition()).isEqualTo(Disposition.CHANNEL);
        assertThat(event.index()).isEqualTo("logs-endpoint-winevent-sysmon-2019.05.14");
        assertThat(TestRecords.normalised(fields))
                .containsAllEntriesOf(TestRecords.normalised(Map.ofEntries(
                        Map.entry("@timestamp", "2019-05-14T10:30:41.123Z"),
                        Map.entry("event_id", 3),
                        Map.entry("host_name", "wkst02.helklab.local"),
                        Map.entry("record_number", 3402),
                        Map.entry("process_id", 2980),
                        Map.entry("thread_id", 3160),
                        Map.entry("task", "Network connection detected (rule: NetworkConnect)"),
                        Map.entry("level", "INFO"),
                        Map.entry("user_reporter_name", "system"),
                        Map.entry("user_reporter_sid", "S-1-5-18"),
                        Map.entry("logstash_host", "10.0.2.17"),
                        Map.entry("logstash_port", "61220"),
                        Map.entry("logstash_type", "winevent"),
                        Map.entry("action", "networkconnect"),
                        Map.entry("rule_technique_id", "T1071"),
                        Map.entry("rule_technique_name", "Standard Application Layer Protocol"),
                        Map.entry("process_path", "c:\\windows\\system32\\svchost.exe"),
                        Map.entry("process_name", "svchost.exe"),
                        Map.entry("user_account", "nt authority\\network service"),
                        Map.entry("user_domain", "nt authority"),
                        Map.entry("user_name", "network service"),
                        Map.entry("network_protocol", "udp"),
                        Map.entry("network_initiated", true),
                        Map.entry("src_is_ipv6", true),
                        Map.entry("src_ip_addr", "fe80:0:0:0:1d4a:29c4:5e62:8f1a"),
                        Map.entry("src_port", 55123),
                        Map.entry("dst_ip_addr", "ff02:0:0:0:0:0:1:3"),
                        Map.entry("dst_port", 5355),
                        Map.entry("dst_port_name", "llmnr"),
                        Map.entry("etl_input_format", "nxlog"))));
        assertThat(fields).doesNotContainKeys("@version", "Message", "message", "EventTime", "UtcTime",
                "src_port_name", "dst_host_name", "event_parse_warnings");
    }

    @Test
    void flatExportPrefersUtcTimeOverZonelessTimeCreatedAndAcceptsLowerCaseChannel() {
        byte[] record = TestRecords.resource("flat-sysmon-10.json");
        NormalizedEvent event = normalizer.normalize(record);

        Map<String, Object> expected = new LinkedHashMap<>();
        // TimeCreated is 23:52 local on the 20th; UtcTime is 03:52 UTC on the 21st: the index follows UtcTime.
        expected.put("@timestamp", "2020-09-21T03:52:34.567Z");
        expected.put("event_id", 10L);
        expected.put("log_name", "Microsoft-Windows-Sysmon/Operational");
        expected.put("host_name", "wkst03.helklab.local");
        expected.put("source_name", "Microsoft-Windows-Sysmon");
        expected.put("task", "10");
        expected.put("level", "4");
        expected.put("keywords", "0x8000000000000000");
        expected.put("provider_guid", "5770385f-c22a-43e0-bf4c-06f5698ffbd9");
        expected.put("action", "processaccess");
        expected.put("rule_technique_id", "T1003");
        expected.put("rule_technique_name", "Credential Dumping");
        expected.put("process_guid", "6f1d2b7c-3e4a-65e1-0b00-000000000a00");
        expected.put("process_id", 4242L);
        expected.put("thread_id", 4688L);
        expected.put("process_path", "c:\\tools\\mimikatz.exe");
        expected.put("process_name", "mimikatz.exe");
        expected.put("target_process_guid", "6f1d2b7c-2a00-65e1-0c00-000000000a00");
        expected.put("target_process_id", 656L);
        expected.put("target_process_path", "c:\\windows\\system32\\lsass.exe");
        expected.put("target_process_name", "lsass.exe");
        expected.put("process_granted_access", 4112L);
        expected.put("process_granted_access_orig", "0x1010");
        expected.put("process_call_trace", "c:\\windows\\system32\\ntdll.dll+9d1e4|unknown(00007ff6c2a10000)");
        expected.put("etl_input_format", "flat");
        expected.put("event_original_message", new String(record, StandardCharsets.UTF_8));

        assertThat(event.index()).isEqualTo("logs-endpoint-winevent-sysmon-2020.09.21");
        assertThat(TestRecords.normaliseNumbers(event.fields())).isEqualTo(TestRecords.normaliseNumbers(expected));
    }

    @Test
    void flatExportWithPowerShellJsonDateAndServiceAccountAsEventData() {
        NormalizedEvent event = normalizer.normalize(TestRecords.resource("flat-system-7045.json"));
        Map<String, Object> fields = event.fields();

        assertThat(event.index()).isEqualTo("logs-endpoint-winevent-system-2024.03.01");
        assertThat(fields).containsEntry("@timestamp", "2024-03-01T12:00:00Z")
                .containsEntry("log_name", "System")
                .containsEntry("ServiceName", "evilsvc")
                .containsEntry("ImagePath", "%comspec% /c echo evil > \\\\.\\pipe\\evil")
                .containsEntry("AccountName", "localsystem")
                .containsEntry("message", "A service was installed in the system.\r\n\r\nService Name:  EvilSvc")
                .doesNotContainKeys("user_reporter_name", "event_parse_warnings");
    }

    @Test
    void zonelessTimeWithoutAnyUtcAlternativeIsReadAsUtcWithAWarning() {
        String record = "{\"TimeCreated\":\"2024-03-01 23:30:00\",\"Hostname\":\"WKST01\",\"Channel\":\"Application\","
                + "\"EventID\":1000,\"SourceName\":\"Application Error\",\"param1\":\"evil.exe\"}";
        NormalizedEvent event = normalizer.normalize(record.getBytes(StandardCharsets.UTF_8));

        assertThat(event.index()).isEqualTo("logs-endpoint-winevent-application-2024.03.01");
        assertThat(event.fields()).containsEntry("@timestamp", "2024-03-01T23:30:00Z")
                .containsEntry("param1", "evil.exe")
                .containsEntry("event_parse_warnings",
                        java.util.List.of("TimeCreated has no time zone and the record has no UTC time; read as UTC"));
    }

    @Test
    void classicWindowsPowerShellLogUnpacksParam3() {
        NormalizedEvent event = normalizer.normalize(TestRecords.resource("winlogbeat6-windows-powershell-400.json"));

        assertThat(event.index()).isEqualTo("logs-endpoint-winevent-powershell-2019.05.14");
        assertThat(event.channel()).isEqualTo("powershell");
        Map<String, Object> expectedPowerShell = Map.of(
                "newengine_state", "Available",
                "previousengine_state", "None",
                "sequence_number", 13,
                "host", Map.of("name", "ConsoleHost", "version", "5.1.17763.1",
                        "id", "b1f4a2c3-d4e5-4f60-8a7b-9c0d1e2f3a4b",
                        "application", "powershell.exe -nop -w hidden -c IEX"),
                "engine_version", "5.1.17763.1",
                "runspace_id", "c2d3e4f5-a6b7-4c8d-9e0f-1a2b3c4d5e6f");
        assertThat(event.fields().get("powershell")).isEqualTo(expectedPowerShell);
    }
}
