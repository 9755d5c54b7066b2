package io.helklab.ingest.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every Sysmon event id in Winlogbeat 7 shape, against documents written by hand from SCHEMA.md's mapping
 * table (and HELK's names where SCHEMA.md is silent). The whole document is compared, so an extra, missing or
 * misnamed field fails.
 */
class SysmonEventsTest {

    private static final String GUID = "6f1d2b7c-3e4a-65e1-0b00-000000000a00";
    private static final String POWERSHELL = "c:\\windows\\system32\\windowspowershell\\v1.0\\powershell.exe";
    private static final String TEMP = "c:\\users\\pgustavo\\appdata\\local\\temp\\";

    private static final Map<Integer, byte[]> RECORDS = new HashMap<>();
    private final EventNormalizer normalizer = new EventNormalizer(TestRecords.CLOCK);

    @BeforeAll
    static void loadRecords() {
        List<byte[]> lines = TestRecords.lines("sysmon-winlogbeat7.jsonl");
        for (int i = 0; i < lines.size(); i++) {
            RECORDS.put(i + 1, lines.get(i));
        }
    }

    @Test
    void processCreate1() {
        Map<String, Object> expected = header(1, "2024-03-01T12:00:00.123Z", "processcreate",
                "Process Create (rule: ProcessCreate)");
        process(expected);
        user(expected);
        hashes(expected);
        expected.put("process_path", "c:\\windows\\system32\\windowspowershell\\v1.0\\powershell.exe");
        expected.put("file_version", "10.0.19041.546 (winbuild.160101.0800)");
        expected.put("file_description", "windows powershell");
        expected.put("file_product", "microsoft® windows® operating system");
        expected.put("file_company", "microsoft corporation");
        expected.put("file_name_original", "powershell.exe");
        expected.put("process_command_line",
                "\"c:\\windows\\system32\\windowspowershell\\v1.0\\powershell.exe\" -nop -w hidden -enc sqbfafga");
        expected.put("process_current_directory", "c:\\users\\pgustavo\\");
        expected.put("user_logon_guid", "6f1d2b7c-3b10-65e1-e7a3-050000000000");
        expected.put("user_logon_id", 0x5a3e7L);
        expected.put("user_session_id", 1L);
        expected.put("process_integrity_level", "high");
        expected.put("process_parent_guid", "6f1d2b7c-3e40-65e1-0700-000000000a00");
        expected.put("process_parent_id", 3120L);
        expected.put("process_parent_path", "c:\\windows\\explorer.exe");
        expected.put("process_parent_name", "explorer.exe");
        expected.put("process_parent_command_line", "c:\\windows\\explorer.exe");
        expected.put("process_parent_user_account", "helklab\\pgustavo");
        expected.put("process_parent_user_domain", "helklab");
        expected.put("process_parent_user_name", "pgustavo");
        assertDocument(1, expected);
    }

    @Test
    void fileCreateTime2() {
        Map<String, Object> expected = header(2, "2024-03-01T12:00:02.200Z", "filecreatetime",
                "File creation time changed (rule: FileCreateTime)");
        process(expected);
        user(expected);
        expected.put("file_name", TEMP + "stage.dll");
        expected.put("file_creation_time", "2019-01-01T00:00:00Z");
        expected.put("file_previous_creation_time", "2024-03-01T12:00:01.900Z");
        assertDocument(2, expected);
    }

    @Test
    void networkConnect3() {
        Map<String, Object> expected = header(3, "2024-03-01T12:00:03.300Z", "networkconnect",
                "Network connection detected (rule: NetworkConnect)");
        process(expected);
        user(expected);
        expected.put("network_protocol", "tcp");
        expected.put("network_initiated", true);
        expected.put("src_is_ipv6", false);
        expected.put("src_ip_addr", "10.0.2.15");
        expected.put("src_host_name", "wkst01.helklab.local");
        expected.put("src_port", 49813L);
        expected.put("dst_is_ipv6", false);
        expected.put("dst_ip_addr", "203.0.113.7");
        expected.put("dst_port", 443L);
        expected.put("dst_port_name", "https");
        assertDocument(3, expected);
    }

    @Test
    void serviceStateChanged4() {
        Map<String, Object> expected = header(4, "2024-03-01T12:00:04.400Z", "sysmonservicestatechanged",
                "Sysmon service state changed");
        expected.put("service_state", "Started");
        expected.put("sysmon_version", "15.14");
        expected.put("sysmon_schema_version", "4.90");
        assertDocument(4, expected);
    }

    @Test
    void processTerminated5() {
        Map<String, Object> expected = header(5, "2024-03-01T12:00:05.500Z", "processterminated",
                "Process terminated (rule: ProcessTerminate)");
        process(expected);
        user(expected);
        assertDocument(5, expected);
    }

    @Test
    void driverLoad6() {
        Map<String, Object> expected = header(6, "2024-03-01T12:00:06.600Z", "driverload",
                "Driver loaded (rule: DriverLoad)");
        hashes(expected);
        expected.put("driver_loaded", "c:\\windows\\system32\\drivers\\evil.sys");
        expected.put("signed", false);
        expected.put("signature_status", "unavailable");
        assertDocument(6, expected);
    }

    @Test
    void moduleLoad7() {
        Map<String, Object> expected = header(7, "2024-03-01T12:00:07.700Z", "moduleload",
                "Image loaded (rule: ImageLoad)");
        process(expected);
        user(expected);
        hashes(expected);
        expected.put("module_loaded", "c:\\windows\\system32\\samlib.dll");
        expected.put("file_version", "10.0.19041.1");
        expected.put("file_description", "sam library dll");
        expected.put("file_product", "microsoft® windows® operating system");
        expected.put("file_company", "microsoft corporation");
        expected.put("file_name_original", "samlib.dll");
        expected.put("signed", true);
        expected.put("signature", "microsoft windows");
        expected.put("signature_status", "valid");
        assertDocument(7, expected);
    }

    @Test
    void createRemoteThread8() {
        Map<String, Object> expected = header(8, "2024-03-01T12:00:08.800Z", "createremotethread",
                "CreateRemoteThread detected (rule: CreateRemoteThread)");
        process(expected);
        user(expected);
        expected.put("target_process_guid", "6f1d2b7c-3e50-65e1-1c00-000000000a00");
        expected.put("target_process_id", 5120L);
        expected.put("target_process_path", "c:\\windows\\system32\\notepad.exe");
        expected.put("target_process_name", "notepad.exe");
        expected.put("target_user_account", "helklab\\pgustavo");
        expected.put("target_user_domain", "helklab");
        expected.put("target_user_name", "pgustavo");
        expected.put("thread_new_id", 6004L);
        expected.put("thread_start_address", "0x00000237a1b20000");
        assertDocument(8, expected);
    }

    @Test
    void rawAccessRead9() {
        Map<String, Object> expected = header(9, "2024-03-01T12:00:09.900Z", "rawaccessread",
                "RawAccessRead detected (rule: RawAccessRead)");
        process(expected);
        user(expected);
        expected.put("device_name", "\\device\\harddiskvolume2");
        assertDocument(9, expected);
    }

    @Test
    void processAccess10UsesUpperCaseGuidNamesAndDecimalAccess() {
        Map<String, Object> expected = header(10, "2024-03-01T12:00:10.010Z", "processaccess",
                "Process accessed (rule: ProcessAccess)");
        process(expected);
        user(expected);
        expected.put("thread_id", 4688L);
        expected.put("target_process_guid", "6f1d2b7c-2a00-65e1-0c00-000000000a00");
        expected.put("target_process_id", 656L);
        expected.put("target_process_path", "c:\\windows\\system32\\lsass.exe");
        expected.put("target_process_name", "lsass.exe");
        expected.put("process_granted_access", 2097151L);
        expected.put("process_granted_access_orig", "0x1fffff");
        expected.put("process_call_trace",
                "c:\\windows\\system32\\ntdll.dll+9d1e4|c:\\windows\\system32\\kernelbase.dll+2bcae|unknown(00000237a1b2c3d4)");
        expected.put("target_user_account", "nt authority\\system");
        expected.put("target_user_domain", "nt authority");
        expected.put("target_user_name", "system");
        assertDocument(10, expected);
    }

    @Test
    void fileCreate11() {
        Map<String, Object> expected = header(11, "2024-03-01T12:00:11.110Z", "filecreate",
                "File created (rule: FileCreate)");
        process(expected);
        user(expected);
        expected.put("file_name", TEMP + "stage.dll");
        expected.put("file_creation_time", "2024-03-01T12:00:11.100Z");
        assertDocument(11, expected);
    }

    @Test
    void registryEvents12To14() {
        String run = "hku\\s-1-5-21-1-2-3-1104\\software\\microsoft\\windows\\currentversion\\run";
        Map<String, Object> created = registry(12, "2024-03-01T12:00:12.120Z", "CreateKey",
                "Registry object added or deleted (rule: RegistryEvent)");
        created.put("registry_key_path", run);
        assertDocument(12, created);

        Map<String, Object> set = registry(13, "2024-03-01T12:00:13.130Z", "SetValue",
                "Registry value set (rule: RegistryEvent)");
        set.put("registry_key_path", run + "\\updater");
        set.put("registry_key_value", "C:\\Users\\PGustavo\\AppData\\Local\\Temp\\Updater.EXE");
        assertDocument(13, set);

        Map<String, Object> renamed = registry(14, "2024-03-01T12:00:14.140Z", "RenameKey",
                "Registry object renamed (rule: RegistryEvent)");
        renamed.put("registry_key_path", "hku\\s-1-5-21-1-2-3-1104\\software\\oldkey");
        renamed.put("registry_key_new_name", "hku\\s-1-5-21-1-2-3-1104\\software\\newkey");
        assertDocument(14, renamed);
    }

    @Test
    void fileCreateStreamHash15() {
        Map<String, Object> expected = header(15, "2024-03-01T12:00:15.150Z", "filecreatestreamhash",
                "File stream created (rule: FileCreateStreamHash)");
        process(expected);
        user(expected);
        expected.put("file_name", "c:\\users\\pgustavo\\downloads\\invoice.doc:zone.identifier");
        expected.put("file_creation_time", "2024-03-01T12:00:15Z");
        expected.put("hash_sha1", "0A1B2C3D4E5F60718293A4B5C6D7E8F901234567");
        expected.put("hash_md5", "00112233445566778899AABBCCDDEEFF");
        expected.put("file_stream_contents", "[ZoneTransfer]  ZoneId=3  ");
        assertDocument(15, expected);
    }

    @Test
    void configurationStateChanged16() {
        Map<String, Object> expected = header(16, "2024-03-01T12:00:16.160Z", "sysmonconfigstatechanged",
                "Sysmon config state changed");
        expected.put("sysmon_configuration", "c:\\windows\\sysmon-config.xml");
        expected.put("sysmon_config_hash_sha256", "AB12CD34EF56AB12CD34EF56AB12CD34EF56AB12CD34EF56AB12CD34EF56AB12");
        assertDocument(16, expected);
    }

    @Test
    void pipeEvents17And18() {
        for (int eventId : new int[] {17, 18}) {
            Map<String, Object> expected = header(eventId, "2024-03-01T12:00:" + eventId + "." + eventId + "0Z",
                    "pipeevent", eventId == 17 ? "Pipe Created (rule: PipeEvent)" : "Pipe Connected (rule: PipeEvent)");
            process(expected);
            user(expected);
            expected.put("event_type", eventId == 17 ? "CreatePipe" : "ConnectPipe");
            expected.put("pipe_name", "\\msse-1234-server");
            assertDocument(eventId, expected);
        }
    }

    @Test
    void wmiEvents19To21() {
        Map<String, Object> filter = header(19, "2024-03-01T12:00:19.190Z", "wmievent",
                "WmiEventFilter activity detected (rule: WmiEvent)");
        user(filter);
        filter.put("event_type", "WmiFilterEvent");
        filter.put("wmi_operation", "Created");
        filter.put("wmi_namespace", "\"root\\\\cimv2\"");
        filter.put("wmi_filter_name", "\"evilfilter\"");
        filter.put("wmi_query", "\"select * from __instancemodificationevent within 60\"");
        assertDocument(19, filter);

        Map<String, Object> consumer = header(20, "2024-03-01T12:00:20.200Z", "wmievent",
                "WmiEventConsumer activity detected (rule: WmiEvent)");
        user(consumer);
        consumer.put("event_type", "WmiConsumerEvent");
        consumer.put("wmi_operation", "Created");
        consumer.put("wmi_consumer_name", "\"evilconsumer\"");
        consumer.put("wmi_consumer_type", "command line");
        consumer.put("wmi_consumer_destination", "\"c:\\\\windows\\\\system32\\\\cmd.exe /c calc.exe\"");
        assertDocument(20, consumer);

        Map<String, Object> binding = header(21, "2024-03-01T12:00:21.210Z", "wmievent",
                "WmiEventConsumerToFilter activity detected (rule: WmiEvent)");
        user(binding);
        binding.put("event_type", "WmiBindingEvent");
        binding.put("wmi_operation", "Created");
        binding.put("wmi_consumer_path", "\"commandlineeventconsumer.name=\\\"evilconsumer\\\"\"");
        binding.put("wmi_filter_path", "\"__eventfilter.name=\\\"evilfilter\\\"\"");
        assertDocument(21, binding);
    }

    @Test
    void dnsQuery22AlsoFillsDestinationHostName() {
        Map<String, Object> expected = header(22, "2024-03-01T12:00:22.220Z", "dnsquery",
                "Dns query (rule: DnsQuery)");
        process(expected);
        user(expected);
        expected.put("dns_query_name", "evil.example.com");
        expected.put("dst_host_name", "evil.example.com");
        expected.put("dns_query_status", "0");
        expected.put("dns_query_results", "type:  5 cdn.example.net;::ffff:203.0.113.7;");
        assertDocument(22, expected);
    }

    @Test
    void fileDelete23And26() {
        Map<String, Object> archived = header(23, "2024-03-01T12:00:23.230Z", "filedelete",
                "File Delete archived (rule: FileDelete)");
        process(archived);
        user(archived);
        hashes(archived);
        archived.put("file_name", TEMP + "stage.dll");
        archived.put("file_is_executable", true);
        archived.put("file_archived", true);
        assertDocument(23, archived);

        Map<String, Object> detected = header(26, "2024-03-01T12:00:26.260Z", "filedeletedetected",
                "File Delete logged (rule: FileDeleteDetected)");
        process(detected);
        user(detected);
        hashes(detected);
        detected.put("file_name", TEMP + "other.txt");
        detected.put("file_is_executable", false);
        assertDocument(26, detected);
    }

    @Test
    void clipboardChange24() {
        Map<String, Object> expected = header(24, "2024-03-01T12:00:24.240Z", "clipboardchange",
                "Clipboard changed (rule: ClipboardChange)");
        process(expected);
        user(expected);
        hashes(expected);
        expected.put("user_session_id", 1L);
        expected.put("clipboard_client_info", "user: helklab\\pgustavo ip: 10.0.2.20 hostname: wkst02");
        expected.put("file_archived", false);
        assertDocument(24, expected);
    }

    @Test
    void processTampering25() {
        Map<String, Object> expected = header(25, "2024-03-01T12:00:25.250Z", "processtampering",
                "Process Tampering (rule: ProcessTampering)");
        process(expected);
        user(expected);
        expected.put("process_tampering_type", "image is replaced");
        assertDocument(25, expected);
    }

    @Test
    void everySysmonRecordGoesToTheSysmonIndexOfItsOwnDay() {
        for (Map.Entry<Integer, byte[]> record : RECORDS.entrySet()) {
            NormalizedEvent event = normalizer.normalize(record.getValue());
            assertThat(event.disposition()).as("event id %s", record.getKey()).isEqualTo(Disposition.CHANNEL);
            assertThat(event.index()).isEqualTo("logs-endpoint-winevent-sysmon-2024.03.01");
            assertThat(event.channel()).isEqualTo("sysmon");
            assertThat(event.reason()).isNull();
        }
    }

    private Map<String, Object> registry(int eventId, String timestamp, String eventType, String task) {
        Map<String, Object> expected = header(eventId, timestamp, "registryevent", task);
        process(expected);
        user(expected);
        expected.put("event_type", eventType);
        return expected;
    }

    /** The header every Winlogbeat 7 Sysmon record of the test file shares; see the file for the raw values. */
    private static Map<String, Object> header(int eventId, String timestamp, String action, String task) {
        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("@timestamp", timestamp);
        expected.put("event_id", (long) eventId);
        expected.put("log_name", "Microsoft-Windows-Sysmon/Operational");
        expected.put("host_name", "wkst01.helklab.local");
        expected.put("source_name", "Microsoft-Windows-Sysmon");
        expected.put("record_number", 10000L + eventId);
        expected.put("task", task);
        expected.put("provider_guid", "5770385f-c22a-43e0-bf4c-06f5698ffbd9");
        expected.put("process_id", 2208L);
        expected.put("thread_id", 3412L);
        expected.put("opcode", "Info");
        expected.put("version", "5");
        expected.put("level", "information");
        expected.put("user_reporter_domain", "nt authority");
        expected.put("user_reporter_sid", "S-1-5-18");
        expected.put("user_reporter_name", "system");
        expected.put("user_reporter_type", "Well Known Group");
        expected.put("beat_hostname", "WKST01");
        expected.put("beat_name", "WKST01");
        expected.put("beat_version", "7.17.9");
        expected.put("action", action);
        expected.put("etl_input_format", "winlogbeat7");
        return expected;
    }

    private static void process(Map<String, Object> expected) {
        expected.put("process_guid", GUID);
        expected.put("process_id", 4242L);
        expected.put("process_path", POWERSHELL);
        expected.put("process_name", "powershell.exe");
    }

    private static void user(Map<String, Object> expected) {
        expected.put("user_account", "helklab\\pgustavo");
        expected.put("user_domain", "helklab");
        expected.put("user_name", "pgustavo");
    }

    private static void hashes(Map<String, Object> expected) {
        expected.put("hash_sha1", "2B8F7D3F0E1B5F0B6C4F1E2D3C4B5A697887A6B5");
        expected.put("hash_md5", "4E2B1A6C9D8E7F00112233445566778A");
        expected.put("hash_sha256", "9F86D081884C7D659A2FEAA0C55AD015A3BF4F1B2B0B822CD15D6C15B0F00A08");
        expected.put("hash_imphash", "3D7C2B1A0F9E8D7C6B5A49382716F5E4");
    }

    private void assertDocument(int eventId, Map<String, Object> expected) {
        byte[] record = RECORDS.get(eventId);
        NormalizedEvent event = normalizer.normalize(record);
        Map<String, Object> actual = event.fields();
        assertThat(actual.remove("event_original_message"))
                .as("event %d keeps its original record", eventId)
                .isEqualTo(new String(record, StandardCharsets.UTF_8));
        assertThat(TestRecords.normaliseNumbers(actual))
                .as("event %d", eventId)
                .isEqualTo(TestRecords.normaliseNumbers(expected));
    }
}
