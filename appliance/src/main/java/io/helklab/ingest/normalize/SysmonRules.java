package io.helklab.ingest.normalize;

import static io.helklab.ingest.normalize.ValueKind.ACCESS_MASK;
import static io.helklab.ingest.normalize.ValueKind.ACCOUNT;
import static io.helklab.ingest.normalize.ValueKind.BOOLEAN;
import static io.helklab.ingest.normalize.ValueKind.DATE;
import static io.helklab.ingest.normalize.ValueKind.GUID;
import static io.helklab.ingest.normalize.ValueKind.HASHES;
import static io.helklab.ingest.normalize.ValueKind.HOST;
import static io.helklab.ingest.normalize.ValueKind.IP;
import static io.helklab.ingest.normalize.ValueKind.LOWER;
import static io.helklab.ingest.normalize.ValueKind.PROCESS_PATH;
import static io.helklab.ingest.normalize.ValueKind.RULE_NAME;
import static io.helklab.ingest.normalize.ValueKind.SKIP;

import java.util.HashMap;
import java.util.Map;

/**
 * Sysmon (Microsoft-Windows-Sysmon/Operational) field names, per event id, following SCHEMA.md and,
 * where it is silent, HELK's {@code 1531-winevent-sysmon-filter.conf}. The {@code action} names are HELK's.
 */
final class SysmonRules {

    /** Fields every Sysmon event may carry. */
    private static final Map<String, FieldRule> COMMON = new FieldRule.Table()
            .include(WindowsRules.GLOBAL)
            .put("UtcTime", "@timestamp", SKIP)
            .put("RuleName", "rule_", RULE_NAME)
            .put("ProcessGuid", "process_guid", GUID)
            .number("ProcessId", "process_id")
            .put("Image", "process_path", PROCESS_PATH)
            .put("User", "user_account", ACCOUNT)
            .put("Hashes", "hash_", HASHES)
            .build();

    private static final Map<String, FieldRule> FILE_METADATA = new FieldRule.Table()
            .lower("FileVersion", "file_version")
            .lower("Description", "file_description")
            .lower("Product", "file_product")
            .lower("Company", "file_company")
            // HELK's config had a trailing space after OriginalFileName and never renamed it; we do.
            .lower("OriginalFileName", "file_name_original")
            .build();

    private static final Map<String, FieldRule> SIGNATURE = new FieldRule.Table()
            .lower("Signature", "signature")
            .lower("SignatureStatus", "signature_status")
            .put("Signed", "signed", BOOLEAN)
            .build();

    private static final Map<String, FieldRule> TARGET_FILE = new FieldRule.Table()
            .lower("TargetFilename", "file_name")
            .put("CreationUtcTime", "file_creation_time", DATE)
            .build();

    private static final Map<String, FieldRule> EVENT_TYPE = new FieldRule.Table()
            .put("EventType", "event_type")
            .build();

    private static final Map<Integer, String> ACTIONS = new HashMap<>();
    private static final Map<Integer, Map<String, FieldRule>> BY_EVENT_ID = new HashMap<>();

    static {
        event(1, "processcreate", table()
                .commandLine("CommandLine", "process_command_line")
                .lower("CurrentDirectory", "process_current_directory")
                .put("ParentProcessGuid", "process_parent_guid", GUID)
                .number("ParentProcessId", "process_parent_id")
                .put("ParentImage", "process_parent_path", PROCESS_PATH)
                .commandLine("ParentCommandLine", "process_parent_command_line")
                .put("ParentUser", "process_parent_user_account", ACCOUNT)
                .lower("IntegrityLevel", "process_integrity_level")
                .put("LogonGuid", "user_logon_guid", GUID)
                .number("LogonId", "user_logon_id")
                .number("TerminalSessionId", "user_session_id")
                .include(FILE_METADATA));
        event(2, "filecreatetime", table()
                .include(TARGET_FILE)
                .put("PreviousCreationUtcTime", "file_previous_creation_time", DATE));
        event(3, "networkconnect", table()
                .lower("Protocol", "network_protocol")
                .put("Initiated", "network_initiated", BOOLEAN)
                .put("SourceIsIpv6", "src_is_ipv6", BOOLEAN)
                .put("SourceIp", "src_ip_addr", IP)
                .put("SourceHostname", "src_host_name", HOST)
                .port("SourcePort", "src_port")
                .lower("SourcePortName", "src_port_name")
                .put("DestinationIsIpv6", "dst_is_ipv6", BOOLEAN)
                .put("DestinationIp", "dst_ip_addr", IP)
                .put("DestinationHostname", "dst_host_name", HOST)
                .port("DestinationPort", "dst_port")
                .lower("DestinationPortName", "dst_port_name"));
        event(4, "sysmonservicestatechanged", table()
                .put("State", "service_state")
                .put("Version", "sysmon_version")
                .put("SchemaVersion", "sysmon_schema_version"));
        event(5, "processterminated", table());
        event(6, "driverload", table()
                .lower("ImageLoaded", "driver_loaded")
                .include(SIGNATURE));
        event(7, "moduleload", table()
                .lower("ImageLoaded", "module_loaded")
                .include(SIGNATURE)
                .include(FILE_METADATA));
        event(8, "createremotethread", table()
                .put("SourceProcessGuid", "process_guid", GUID)
                .number("SourceProcessId", "process_id")
                .put("SourceImage", "process_path", PROCESS_PATH)
                .put("SourceUser", "user_account", ACCOUNT)
                .put("TargetProcessGuid", "target_process_guid", GUID)
                .number("TargetProcessId", "target_process_id")
                .put("TargetImage", "target_process_path", PROCESS_PATH)
                .put("TargetUser", "target_user_account", ACCOUNT)
                .number("NewThreadId", "thread_new_id")
                .lower("StartAddress", "thread_start_address")
                .lower("StartModule", "thread_start_module")
                .put("StartFunction", "thread_start_function"));
        event(9, "rawaccessread", table()
                .lower("Device", "device_name"));
        event(10, "processaccess", table()
                .put("SourceProcessGUID", "process_guid", GUID)
                .put("SourceProcessGuid", "process_guid", GUID)
                .number("SourceProcessId", "process_id")
                .number("SourceThreadId", "thread_id")
                .put("SourceImage", "process_path", PROCESS_PATH)
                .put("SourceUser", "user_account", ACCOUNT)
                .put("TargetProcessGUID", "target_process_guid", GUID)
                .put("TargetProcessGuid", "target_process_guid", GUID)
                .number("TargetProcessId", "target_process_id")
                .put("TargetImage", "target_process_path", PROCESS_PATH)
                .put("TargetUser", "target_user_account", ACCOUNT)
                .put("GrantedAccess", "process_granted_access", ACCESS_MASK)
                .lower("CallTrace", "process_call_trace"));
        event(11, "filecreate", table().include(TARGET_FILE));
        FieldRule.Table registry = table()
                .include(EVENT_TYPE)
                .lower("TargetObject", "registry_key_path")
                .put("Details", "registry_key_value")
                .lower("NewName", "registry_key_new_name");
        event(12, "registryevent", registry);
        event(13, "registryevent", registry);
        event(14, "registryevent", registry);
        event(15, "filecreatestreamhash", table()
                .include(TARGET_FILE)
                .put("Hash", "hash_", HASHES)
                .put("Contents", "file_stream_contents"));
        event(16, "sysmonconfigstatechanged", table()
                .put("State", "sysmon_configuration_state")
                .lower("Configuration", "sysmon_configuration")
                .put("ConfigurationFileHash", "sysmon_config_hash_", HASHES));
        FieldRule.Table pipe = table()
                .include(EVENT_TYPE)
                .lower("PipeName", "pipe_name");
        event(17, "pipeevent", pipe);
        event(18, "pipeevent", pipe);
        event(19, "wmievent", table()
                .include(EVENT_TYPE)
                .put("Operation", "wmi_operation")
                .lower("EventNamespace", "wmi_namespace")
                .lower("Name", "wmi_filter_name")
                .lower("Query", "wmi_query"));
        event(20, "wmievent", table()
                .include(EVENT_TYPE)
                .put("Operation", "wmi_operation")
                .lower("Name", "wmi_consumer_name")
                .lower("Type", "wmi_consumer_type")
                .lower("Destination", "wmi_consumer_destination"));
        event(21, "wmievent", table()
                .include(EVENT_TYPE)
                .put("Operation", "wmi_operation")
                .lower("Consumer", "wmi_consumer_path")
                .lower("Filter", "wmi_filter_path"));
        event(22, "dnsquery", table()
                .copy("QueryName", "dns_query_name", LOWER, "dst_host_name")
                .put("QueryStatus", "dns_query_status")
                .lower("QueryResults", "dns_query_results"));
        FieldRule.Table fileDelete = table()
                .lower("TargetFilename", "file_name")
                .put("IsExecutable", "file_is_executable", BOOLEAN)
                .put("Archived", "file_archived", BOOLEAN);
        event(23, "filedelete", fileDelete);
        event(24, "clipboardchange", table()
                .number("Session", "user_session_id")
                .lower("ClientInfo", "clipboard_client_info")
                .put("Archived", "file_archived", BOOLEAN));
        event(25, "processtampering", table()
                .lower("Type", "process_tampering_type"));
        event(26, "filedeletedetected", fileDelete);
        event(27, "fileblockexecutable", fileDelete);
        event(28, "fileblockshredding", fileDelete);
        event(255, "error", table()
                .put("ID", "sysmon_error_id")
                .put("Description", "sysmon_error_description"));
    }

    private SysmonRules() {
    }

    private static FieldRule.Table table() {
        return new FieldRule.Table().include(COMMON);
    }

    private static void event(int eventId, String action, FieldRule.Table rules) {
        ACTIONS.put(eventId, action);
        BY_EVENT_ID.put(eventId, rules.build());
    }

    /** The rules for one Sysmon event id; an id Sysmon may add later gets the common fields only. */
    static Map<String, FieldRule> rules(int eventId) {
        return BY_EVENT_ID.getOrDefault(eventId, COMMON);
    }

    /** HELK's {@code action} for the event id, or null when Sysmon has no such event. */
    static String action(int eventId) {
        return ACTIONS.get(eventId);
    }
}
