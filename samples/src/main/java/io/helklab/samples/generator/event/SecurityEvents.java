package io.helklab.samples.generator.event;

import io.helklab.samples.generator.domain.Account;
import io.helklab.samples.generator.domain.Host;
import io.helklab.samples.generator.domain.LogonSession;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/**
 * Writes the Security-log events the lab uses (4624, 4634, 4672, 4698) for one host. The Security log is
 * written by LSASS, so every event carries the host's LSASS process id. Messages keep the event viewer's
 * layout but leave out its boilerplate paragraphs, which keeps the datasets small.
 * Not thread-safe; one instance per host and dataset.
 */
public final class SecurityEvents {

    private static final String NULL_SID = "S-1-0-0";
    private static final String ALL_PRIVILEGES = "SeSecurityPrivilege\r\n\t\t\tSeBackupPrivilege\r\n\t\t\tSeRestorePrivilege"
            + "\r\n\t\t\tSeTakeOwnershipPrivilege\r\n\t\t\tSeDebugPrivilege\r\n\t\t\tSeSystemEnvironmentPrivilege"
            + "\r\n\t\t\tSeLoadDriverPrivilege\r\n\t\t\tSeImpersonatePrivilege\r\n\t\t\tSeDelegateSessionUserImpersonatePrivilege";

    private final Host host;
    private final int lsassProcessId;
    private final Account machineAccount;
    private final Random random;
    private final EventLog log;

    public SecurityEvents(Host host, int lsassProcessId, Account machineAccount, Random random, EventLog log) {
        this.host = host;
        this.lsassProcessId = lsassProcessId;
        this.machineAccount = machineAccount;
        this.random = random;
        this.log = log;
    }

    /**
     * 4624. Network logons (type 3) have the NULL SID as subject and no local process; the others are
     * performed by a local process of the machine account. {@code kerberos} picks the package and logon process.
     */
    public void logon(Instant time, LogonSession session, boolean kerberos, String workstationName, String sourceIp,
                      int sourcePort, String processName, int processId, boolean elevated) {
        boolean network = session.logonType() == 3;
        Map<String, String> data = new LinkedHashMap<>();
        data.put("SubjectUserSid", network ? NULL_SID : Account.SYSTEM.sid());
        data.put("SubjectUserName", network ? "-" : machineAccount.name());
        data.put("SubjectDomainName", network ? "-" : machineAccount.domain());
        data.put("SubjectLogonId", network ? "0x0" : "0x3e7");
        putTarget(data, session);
        data.put("LogonType", Integer.toString(session.logonType()));
        data.put("LogonProcessName", kerberos ? "Kerberos" : network ? "NtLmSsp " : "User32 ");
        data.put("AuthenticationPackageName", kerberos ? "Kerberos" : network ? "NTLM" : "Negotiate");
        data.put("WorkstationName", workstationName);
        data.put("LogonGuid", kerberos ? session.logonGuid() : "{00000000-0000-0000-0000-000000000000}");
        data.put("TransmittedServices", "-");
        data.put("LmPackageName", !kerberos && network ? "NTLM V2" : "-");
        data.put("KeyLength", !kerberos && network ? "128" : "0");
        data.put("ProcessId", "0x" + Integer.toHexString(processId));
        data.put("ProcessName", processName);
        data.put("IpAddress", sourceIp);
        data.put("IpPort", Integer.toString(sourcePort));
        data.put("ImpersonationLevel", "%%1833");
        data.put("RestrictedAdminMode", "-");
        data.put("TargetOutboundUserName", "-");
        data.put("TargetOutboundDomainName", "-");
        data.put("VirtualAccount", "%%1843");
        data.put("TargetLinkedLogonId", "0x0");
        data.put("ElevatedToken", elevated ? "%%1842" : "%%1843");
        String message = "An account was successfully logged on.\r\n\r\nSubject:\r\n" + principal(data, "Subject")
                + "\r\n\r\nLogon Information:\r\n\tLogon Type:\t\t" + session.logonType()
                + "\r\n\tElevated Token:\t\t" + (elevated ? "Yes" : "No")
                + "\r\n\r\nNew Logon:\r\n" + principal(data, "Target") + "\r\n\tLogon GUID:\t\t" + data.get("LogonGuid")
                + "\r\n\r\nProcess Information:\r\n\tProcess ID:\t\t" + data.get("ProcessId") + "\r\n\tProcess Name:\t\t" + processName
                + "\r\n\r\nNetwork Information:\r\n\tWorkstation Name:\t" + workstationName + "\r\n\tSource Network Address:\t"
                + sourceIp + "\r\n\tSource Port:\t\t" + sourcePort + "\r\n\r\nDetailed Authentication Information:\r\n\tLogon Process:\t\t"
                + data.get("LogonProcessName") + "\r\n\tAuthentication Package:\t" + data.get("AuthenticationPackageName");
        emit(time, 4624, 2, "Logon", 12544, data, message);
    }

    /** 4634. */
    public void logoff(Instant time, LogonSession session) {
        Map<String, String> data = new LinkedHashMap<>();
        putTarget(data, session);
        data.put("LogonType", Integer.toString(session.logonType()));
        String message = "An account was logged off.\r\n\r\nSubject:\r\n" + principal(data, "Target")
                + "\r\n\r\nLogon Type:\t\t\t" + session.logonType();
        emit(time, 4634, 0, "Logoff", 12545, data, message);
    }

    /** 4672: the session received administrative privileges. */
    public void specialLogon(Instant time, LogonSession session) {
        Map<String, String> data = new LinkedHashMap<>();
        data.put("SubjectUserSid", session.account().sid());
        data.put("SubjectUserName", session.account().name());
        data.put("SubjectDomainName", session.account().domain());
        data.put("SubjectLogonId", session.logonIdHex());
        data.put("PrivilegeList", ALL_PRIVILEGES);
        String message = "Special privileges assigned to new logon.\r\n\r\nSubject:\r\n" + principal(data, "Subject")
                + "\r\n\r\nPrivileges:\t\t" + ALL_PRIVILEGES;
        emit(time, 4672, 0, "Special Logon", 12548, data, message);
    }

    /** 4698: a scheduled task was created; {@code taskContent} is the task's XML. */
    public void scheduledTaskCreated(Instant time, LogonSession subject, String taskName, String taskContent,
                                     int clientProcessId, int parentProcessId) {
        Map<String, String> data = new LinkedHashMap<>();
        data.put("SubjectUserSid", subject.account().sid());
        data.put("SubjectUserName", subject.account().name());
        data.put("SubjectDomainName", subject.account().domain());
        data.put("SubjectLogonId", subject.logonIdHex());
        data.put("TaskName", taskName);
        data.put("TaskContent", taskContent);
        data.put("ClientProcessStartKey", Long.toString(8_444_249_301_319_680L + clientProcessId));
        data.put("ClientProcessId", Integer.toString(clientProcessId));
        data.put("ParentProcessId", Integer.toString(parentProcessId));
        data.put("RpcCallClientLocality", "0");
        data.put("FQDN", host.fullyQualifiedName());
        String message = "A scheduled task was created.\r\n\r\nSubject:\r\n" + principal(data, "Subject")
                + "\r\n\r\nTask Information:\r\n\tTask Name: \t\t" + taskName + "\r\n\tTask Content: \t\t" + taskContent;
        emit(time, 4698, 1, "Other Object Access Events", 12804, data, message);
    }

    private static void putTarget(Map<String, String> data, LogonSession session) {
        data.put("TargetUserSid", session.account().sid());
        data.put("TargetUserName", session.account().name());
        data.put("TargetDomainName", session.account().domain());
        data.put("TargetLogonId", session.logonIdHex());
    }

    private static String principal(Map<String, String> data, String prefix) {
        return "\tSecurity ID:\t\t" + data.get(prefix + "UserSid") + "\r\n\tAccount Name:\t\t" + data.get(prefix + "UserName")
                + "\r\n\tAccount Domain:\t\t" + data.get(prefix + "DomainName") + "\r\n\tLogon ID:\t\t" + data.get(prefix + "LogonId");
    }

    private void emit(Instant time, int eventId, int version, String task, int taskNumber, Map<String, String> data, String message) {
        int threadId = lsassProcessId + 4 * (1 + random.nextInt(40));
        log.add(new WindowsEvent(time, host, LogChannel.SECURITY, EventProvider.SECURITY_AUDITING, eventId, version, task,
                taskNumber, "Info", "Information", lsassProcessId, threadId, null, Collections.unmodifiableMap(data), message, 0));
    }
}
