package io.helklab.ingest.normalize;

import static io.helklab.ingest.normalize.ValueKind.ACCOUNT;
import static io.helklab.ingest.normalize.ValueKind.GUID;
import static io.helklab.ingest.normalize.ValueKind.HASHES;
import static io.helklab.ingest.normalize.ValueKind.HOST;
import static io.helklab.ingest.normalize.ValueKind.IP;
import static io.helklab.ingest.normalize.ValueKind.PROCESS_PATH;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Field rules for every channel except Sysmon: HELK's catch-all renames (applied to every channel),
 * Security per event id ({@code 1532-winevent-security-filter.conf}), WMI-Activity, and the dispatch
 * from (channel, event id) to the rule table.
 */
final class WindowsRules {

    /** HELK's catch-all renames ({@code 1590-*} files): they apply whatever the channel. */
    static final Map<String, FieldRule> GLOBAL = new FieldRule.Table()
            .put("Image", "process_path", PROCESS_PATH)
            .put("Application", "process_path", PROCESS_PATH)
            .put("SourceImage", "process_path", PROCESS_PATH)
            .put("NewProcessName", "process_path", PROCESS_PATH)
            .put("ProcessName", "process_path", PROCESS_PATH)
            .put("ParentImage", "process_parent_path", PROCESS_PATH)
            .put("ParentProcessName", "process_parent_path", PROCESS_PATH)
            .put("TargetImage", "target_process_path", PROCESS_PATH)
            .put("TargetProcessName", "target_process_path", PROCESS_PATH)
            .put("ProcessGuid", "process_guid", GUID)
            .number("ProcessId", "process_id")
            .commandLine("CommandLine", "process_command_line")
            .number("LogonType", "logon_type")
            .put("Hashes", "hash_", HASHES)
            .build();

    private static final Map<String, FieldRule> SUBJECT = new FieldRule.Table()
            .include(GLOBAL)
            .put("SubjectUserSid", "user_sid")
            .lower("SubjectUserName", "user_name")
            .lower("SubjectDomainName", "user_domain")
            .number("SubjectLogonId", "user_logon_id")
            .build();

    private static final Map<String, FieldRule> REPORTER_AND_LOGON = new FieldRule.Table()
            .include(GLOBAL)
            .put("SubjectUserSid", "user_reporter_sid")
            .lower("SubjectUserName", "user_reporter_name")
            .lower("SubjectDomainName", "user_reporter_domain")
            .number("SubjectLogonId", "reporter_logon_id")
            .put("TargetUserSid", "user_sid")
            .lower("TargetUserName", "user_name")
            .lower("TargetDomainName", "user_domain")
            .put("WorkstationName", "src_host_name", HOST)
            .put("IpAddress", "src_ip_addr", IP)
            .port("IpPort", "src_port")
            .lower("LogonProcessName", "logon_process_name")
            .lower("AuthenticationPackageName", "logon_authentication_package_name")
            .put("TransmittedServices", "logon_transmitted_services")
            .put("LmPackageName", "logon_package_name")
            .number("KeyLength", "logon_key_length")
            .build();

    private static final Map<String, FieldRule> TARGET_USER_IS_USER = new FieldRule.Table()
            .include(GLOBAL)
            .put("TargetUserSid", "user_sid")
            .lower("TargetUserName", "user_name")
            .lower("TargetDomainName", "user_domain")
            .number("TargetLogonId", "user_logon_id")
            .build();

    private static final Map<String, FieldRule> WMI_ACTIVITY = new FieldRule.Table()
            .include(GLOBAL)
            .put("User", "user_account", ACCOUNT)
            .put("ProviderName", "wmi_provider")
            .put("Code", "wmi_result_code")
            .lower("HostProcess", "process_name")
            .number("ProcessID", "process_id")
            .number("Processid", "process_id")
            .number("ClientProcessId", "process_id")
            .lower("ProviderPath", "wmi_provider_path")
            .put("Id", "wmi_id", GUID)
            .put("ClientMachine", "wmi_client_machine", HOST)
            .put("Component", "wmi_component")
            .put("Operation", "wmi_operation")
            .put("ResultCode", "wmi_result_code")
            .put("PossibleCause", "wmi_possible_cause")
            .lower("NamespaceName", "wmi_namespace")
            .lower("Namespace", "wmi_namespace")
            .put("Query", "wmi_query")
            .put("Provider", "wmi_provider")
            .put("queryid", "wmi_query_id")
            .put("ESS", "wmi_event_subsystem")
            .put("CONSUMER", "wmi_consumer")
            .put("xml_name", "wmi_xml_operation")
            .build();

    private static final Map<Integer, Map<String, FieldRule>> SECURITY = new HashMap<>();

    /**
     * Raw names HELK lower-cases wherever they appear ({@code 1522-*}); applied to fields no rule renames.
     */
    static final Set<String> LOWER_CASE_RAW_NAMES = Set.of(
            "AccountName", "CallerProcessName", "ClientName", "ClientUserName", "CommandName", "CommandPath",
            "CurrentDirectory", "DestinationHostname", "DeviceName", "DisplayName", "DnsHostName", "FileName",
            "FilePath", "GroupName", "HostName", "ImageLoaded", "ImageName", "ImagePath", "KeyFilePath",
            "LogonProcessName", "MachineName", "MemberName", "ObjectName", "Path", "ProcessPath", "ProfilePath",
            "QueryName", "RelativeTargetName", "SamAccountName", "ScriptName", "ScriptPath", "ServiceFileName",
            "ServiceName", "ServicePrincipalNames", "ShareLocalPath", "ShareName", "SourceHostname",
            "SubjectDomainName", "SubjectUserName", "TargetDomainName", "TargetFilename", "TargetServerName",
            "TargetUserName", "TargetOutboundDomainName", "TargetOutboundUserName", "TaskName", "User",
            "UserName", "UserPrincipalName", "Workstation", "WorkstationName");

    static {
        FieldRule.Table logon = table(REPORTER_AND_LOGON)
                .number("TargetLogonId", "user_logon_id")
                .number("TargetLinkedLogonId", "user_linked_logon_id")
                .lower("TargetOutboundDomainName", "user_network_account_domain")
                .lower("TargetOutboundUserName", "user_network_account_name")
                .put("RestrictedAdminMode", "logon_restricted_adminmode")
                .put("VirtualAccount", "logon_virtual_account")
                .put("ElevatedToken", "logon_elevated_token")
                .put("ImpersonationLevel", "impersonation_level")
                .put("LogonGuid", "user_logon_guid", GUID);
        security(logon, 4624);
        security(table(REPORTER_AND_LOGON)
                .put("FailureReason", "logon_failure_reason")
                .put("Status", "event_status")
                .put("SubStatus", "event_sub_status"), 4625);
        security(table(TARGET_USER_IS_USER), 4634, 4647);
        security(table(SUBJECT)
                .put("LogonGuid", "user_logon_guid", GUID)
                .lower("TargetUserName", "target_user_name")
                .lower("TargetDomainName", "target_user_domain")
                .put("TargetLogonGuid", "target_user_logon_guid", GUID)
                .put("TargetServerName", "service_host_name", HOST)
                .put("TargetInfo", "service_host_info")
                .put("IpAddress", "src_ip_addr", IP)
                .port("IpPort", "src_port"), 4648);
        security(table(SUBJECT).put("PrivilegeList", "logon_privileges_assigned"), 4672);
        security(table(SUBJECT)
                .number("NewProcessId", "process_id")
                .number("ProcessId", "process_parent_id")
                .put("MandatoryLabel", "process_mandatory_sid")
                .put("TokenElevationType", "process_token_elevation_type")
                .put("TargetUserSid", "user_principal_sid")
                .lower("TargetUserName", "user_principal_name")
                .lower("TargetDomainName", "user_principal_domain")
                .number("TargetLogonId", "user_principal_id"), 4688);
        security(table(SUBJECT).put("Status", "event_status"), 4689);
        security(table(SUBJECT)
                .lower("ServiceAccount", "service_account_name")
                .lower("ServiceFileName", "service_image_path")
                .lower("ServiceName", "service_name")
                .put("ServiceStartType", "service_start_type")
                .put("ServiceType", "service_type"), 4697);
        security(table(SUBJECT)
                .lower("TaskName", "scheduled_task_name")
                .put("TaskContent", "scheduled_task_content"), 4698);
        security(table(SUBJECT)
                .lower("TaskName", "task_name")
                .put("TaskContentNew", "task_new_content"), 4701, 4702);
        security(table(SUBJECT)
                .lower("TargetUserName", "target_user_name")
                .lower("TargetDomainName", "target_user_domain")
                .put("TargetSid", "target_user_sid")
                .lower("SamAccountName", "user_attribute_samaccount_name")
                .lower("DisplayName", "user_attribute_display_name")
                .lower("UserPrincipalName", "user_attribute_user_principal_name")
                .lower("HomeDirectory", "user_attribute_home_directory")
                .lower("HomePath", "user_attribute_home_path")
                .lower("ScriptPath", "user_attribute_script_path")
                .lower("ProfilePath", "user_attribute_profile_path")
                .put("PasswordLastSet", "user_attribute_password_lastset")
                .put("AccountExpires", "user_attribute_account_expires")
                .put("PrimaryGroupId", "user_attribute_primary_group_id")
                .put("AllowedToDelegateTo", "user_attribute_allowed_todelegate")
                .put("OldUacValue", "user_attribute_old_uacvalue")
                .put("NewUacValue", "user_attribute_new_uacvalue")
                .put("SidHistory", "user_attribute_sid_history")
                .put("LogonHours", "user_attribute_logon_hours")
                .put("PrivilegeList", "user_attribute_privilege_list"), 4720, 4738);
        security(table(SUBJECT)
                .lower("TargetUserName", "group_name")
                .lower("TargetDomainName", "group_domain")
                .put("TargetSid", "group_sid")
                .lower("MemberName", "group_member_name")
                .put("MemberSid", "group_member_sid")
                .put("PrivilegeList", "group_privilege_list"), 4728, 4729, 4732, 4733, 4735, 4756, 4757);
        security(table(GLOBAL)
                .lower("TargetUserName", "user_name")
                .lower("TargetDomainName", "user_domain")
                .put("TargetSid", "user_sid")
                .put("IpAddress", "src_ip_addr", IP)
                .port("IpPort", "src_port")
                .put("LogonGuid", "user_logon_guid", GUID)
                .copy("ServiceName", "service_ticket_name", ValueKind.LOWER, "dst_host_name")
                .put("ServiceSid", "service_ticket_id")
                .put("PreAuthType", "service_ticket_preauth_type")
                .put("Status", "event_status")
                .put("TicketEncryptionType", "ticket_encryption_type")
                .put("TicketOptions", "ticket_options")
                .put("FailureCode", "ticket_failure_code")
                .put("TransmittedServices", "service_ticket_requested"), 4768, 4769, 4770, 4771);
        security(table(GLOBAL)
                .lower("PackageName", "logon_authentication_package_name")
                .lower("TargetUserName", "user_name")
                .put("Workstation", "src_host_name", HOST)
                .put("Status", "event_status"), 4776);
        security(table(SUBJECT)
                .number("CallerProcessId", "process_id")
                .put("CallerProcessName", "process_path", PROCESS_PATH)
                .lower("TargetUserName", "user_name_enumerated")
                .lower("TargetDomainName", "user_domain_enumerated")
                .put("TargetSid", "user_sid_enumerated"), 4798);
        security(table(GLOBAL)
                .number("ProcessID", "process_id")
                .put("Application", "process_path", PROCESS_PATH)
                .put("Direction", "network_direction")
                .put("SourceAddress", "src_ip_addr", IP)
                .port("SourcePort", "src_port")
                .put("DestAddress", "dst_ip_addr", IP)
                .port("DestPort", "dst_port")
                .put("Protocol", "network_protocol")
                .put("FilterRTID", "filter_run_time_id")
                .put("LayerName", "layer_name")
                .put("LayerRTID", "layer_run_time_id"), 5156, 5157, 5158);
    }

    private WindowsRules() {
    }

    private static FieldRule.Table table(Map<String, FieldRule> base) {
        return new FieldRule.Table().include(base);
    }

    private static void security(FieldRule.Table rules, int... eventIds) {
        Map<String, FieldRule> built = rules.build();
        for (int eventId : eventIds) {
            SECURITY.put(eventId, built);
        }
    }

    /**
     * The rules for an event; {@code channel} may be null (unknown channel), {@code eventId} may be null
     * (no event id): those get HELK's catch-all renames only.
     */
    static Map<String, FieldRule> rules(Channel channel, Integer eventId) {
        if (channel == null) {
            return GLOBAL;
        }
        return switch (channel) {
            case SYSMON -> eventId == null ? SysmonRules.rules(-1) : SysmonRules.rules(eventId);
            case SECURITY -> eventId == null ? SUBJECT : SECURITY.getOrDefault(eventId, SUBJECT);
            case WMIACTIVITY -> WMI_ACTIVITY;
            case POWERSHELL -> PowerShellFields.RULES;
            case SYSTEM, APPLICATION -> GLOBAL;
        };
    }
}
