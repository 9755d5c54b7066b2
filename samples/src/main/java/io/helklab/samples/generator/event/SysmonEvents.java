package io.helklab.samples.generator.event;

import io.helklab.samples.generator.domain.Account;
import io.helklab.samples.generator.domain.ExecutableImage;
import io.helklab.samples.generator.domain.Host;
import io.helklab.samples.generator.domain.SimulatedProcess;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/**
 * Writes the Sysmon events of one host into an {@link EventLog}, in Sysmon's field order and spelling
 * (schema 4.x as Sysmon 13–15 writes it). Each method copies the process identity from the
 * {@link SimulatedProcess}, which keeps GUIDs, ids and images consistent across event ids.
 * Not thread-safe; one instance per host and dataset.
 */
public final class SysmonEvents {

    private static final String NO_RULE = "-";
    private static final String EMPTY_GUID = "{00000000-0000-0000-0000-000000000000}";

    private final Host host;
    private final int sysmonProcessId;
    private final int[] sysmonThreadIds;
    private final Random random;
    private final EventLog log;

    public SysmonEvents(Host host, int sysmonProcessId, Random random, EventLog log) {
        this.host = host;
        this.sysmonProcessId = sysmonProcessId;
        this.random = random;
        this.log = log;
        this.sysmonThreadIds = new int[] {sysmonProcessId + 1188, sysmonProcessId + 2436, sysmonProcessId + 3012};
    }

    public void processCreate(Instant time, SimulatedProcess process) {
        Map<String, String> data = header(time, process);
        ExecutableImage image = process.image();
        data.put("FileVersion", image.fileVersion());
        data.put("Description", image.description());
        data.put("Product", image.product());
        data.put("Company", image.company());
        data.put("OriginalFileName", image.originalFileName());
        data.put("CommandLine", process.commandLine());
        data.put("CurrentDirectory", process.currentDirectory());
        data.put("User", process.account().qualifiedName());
        data.put("LogonGuid", process.session().logonGuid());
        data.put("LogonId", process.session().logonIdHex());
        data.put("TerminalSessionId", Integer.toString(process.session().terminalSessionId()));
        data.put("IntegrityLevel", process.integrityLevel());
        data.put("Hashes", image.hashes());
        SimulatedProcess parent = process.parent();
        data.put("ParentProcessGuid", parent == null ? EMPTY_GUID : parent.processGuid());
        data.put("ParentProcessId", parent == null ? "0" : Integer.toString(parent.processId()));
        data.put("ParentImage", parent == null ? "-" : parent.path());
        data.put("ParentCommandLine", parent == null ? "-" : parent.commandLine());
        data.put("ParentUser", parent == null ? "-" : parent.account().qualifiedName());
        emit(time, 1, 5, "Process Create (rule: ProcessCreate)", 1, "Process Create", data);
    }

    public void networkConnect(Instant time, SimulatedProcess process, NetworkConnection connection) {
        Map<String, String> data = header(time, process);
        data.put("User", process.account().qualifiedName());
        data.put("Protocol", connection.protocol());
        data.put("Initiated", Boolean.toString(connection.initiated()));
        data.put("SourceIsIpv6", "false");
        data.put("SourceIp", connection.sourceIp());
        data.put("SourceHostname", connection.sourceHostname());
        data.put("SourcePort", Integer.toString(connection.sourcePort()));
        data.put("SourcePortName", NetworkConnection.portName(connection.sourcePort()));
        data.put("DestinationIsIpv6", "false");
        data.put("DestinationIp", connection.destinationIp());
        data.put("DestinationHostname", connection.destinationHostname());
        data.put("DestinationPort", Integer.toString(connection.destinationPort()));
        data.put("DestinationPortName", NetworkConnection.portName(connection.destinationPort()));
        emit(time, 3, 5, "Network connection detected (rule: NetworkConnect)", 3, "Network connection detected", data);
    }

    public void processTerminate(Instant time, SimulatedProcess process) {
        Map<String, String> data = header(time, process);
        data.put("User", process.account().qualifiedName());
        emit(time, 5, 3, "Process terminated (rule: ProcessTerminate)", 5, "Process terminated", data);
    }

    public void imageLoad(Instant time, SimulatedProcess process, ExecutableImage module) {
        Map<String, String> data = header(time, process);
        data.put("ImageLoaded", module.path());
        data.put("FileVersion", module.fileVersion());
        data.put("Description", module.description());
        data.put("Product", module.product());
        data.put("Company", module.company());
        data.put("OriginalFileName", module.originalFileName());
        data.put("Hashes", module.hashes());
        data.put("Signed", Boolean.toString(module.signed()));
        data.put("Signature", module.signature());
        data.put("SignatureStatus", module.signatureStatus());
        data.put("User", process.account().qualifiedName());
        emit(time, 7, 3, "Image loaded (rule: ImageLoad)", 7, "Image loaded", data);
    }

    public void createRemoteThread(Instant time, SimulatedProcess source, SimulatedProcess target, int newThreadId,
                                   String startAddress, String startModule, String startFunction) {
        Map<String, String> data = ruleAndTime(time);
        data.put("SourceProcessGuid", source.processGuid());
        data.put("SourceProcessId", Integer.toString(source.processId()));
        data.put("SourceImage", source.path());
        data.put("TargetProcessGuid", target.processGuid());
        data.put("TargetProcessId", Integer.toString(target.processId()));
        data.put("TargetImage", target.path());
        data.put("NewThreadId", Integer.toString(newThreadId));
        data.put("StartAddress", startAddress);
        data.put("StartModule", startModule);
        data.put("StartFunction", startFunction);
        data.put("SourceUser", source.account().qualifiedName());
        data.put("TargetUser", target.account().qualifiedName());
        emit(time, 8, 2, "CreateRemoteThread detected (rule: CreateRemoteThread)", 8, "CreateRemoteThread detected", data);
    }

    /** Sysmon spells this event's GUID fields {@code SourceProcessGUID}/{@code TargetProcessGUID}, upper-case. */
    public void processAccess(Instant time, SimulatedProcess source, int sourceThreadId, SimulatedProcess target,
                              String grantedAccess, String callTrace) {
        Map<String, String> data = ruleAndTime(time);
        data.put("SourceProcessGUID", source.processGuid());
        data.put("SourceProcessId", Integer.toString(source.processId()));
        data.put("SourceThreadId", Integer.toString(sourceThreadId));
        data.put("SourceImage", source.path());
        data.put("TargetProcessGUID", target.processGuid());
        data.put("TargetProcessId", Integer.toString(target.processId()));
        data.put("TargetImage", target.path());
        data.put("GrantedAccess", grantedAccess);
        data.put("CallTrace", callTrace);
        data.put("SourceUser", source.account().qualifiedName());
        data.put("TargetUser", target.account().qualifiedName());
        emit(time, 10, 3, "Process accessed (rule: ProcessAccess)", 10, "Process accessed", data);
    }

    public void fileCreate(Instant time, SimulatedProcess process, String targetFilename) {
        Map<String, String> data = header(time, process);
        data.put("TargetFilename", targetFilename);
        data.put("CreationUtcTime", EventTimes.sysmon(time));
        data.put("User", process.account().qualifiedName());
        emit(time, 11, 2, "File created (rule: FileCreate)", 11, "File created", data);
    }

    public void registrySetValue(Instant time, SimulatedProcess process, String targetObject, String details) {
        Map<String, String> data = registryHeader(time, process, "SetValue");
        data.put("TargetObject", targetObject);
        data.put("Details", details);
        data.put("User", process.account().qualifiedName());
        emit(time, 13, 2, "Registry value set (rule: RegistryEvent)", 13, "Registry value set", data);
    }

    public void pipeCreated(Instant time, SimulatedProcess process, String pipeName) {
        pipe(time, process, pipeName, 17, "CreatePipe", "Pipe Created");
    }

    public void pipeConnected(Instant time, SimulatedProcess process, String pipeName) {
        pipe(time, process, pipeName, 18, "ConnectPipe", "Pipe Connected");
    }

    public void wmiFilter(Instant time, Account user, String namespace, String name, String query) {
        Map<String, String> data = wmiHeader(time, "WmiFilterEvent", user);
        data.put("EventNamespace", "\"" + namespace + "\"");
        data.put("Name", "\"" + name + "\"");
        data.put("Query", "\"" + query + "\"");
        emit(time, 19, 3, "WmiEventFilter activity detected (rule: WmiEvent)", 19, "WmiEventFilter activity detected", data);
    }

    public void wmiConsumer(Instant time, Account user, String name, String destination) {
        Map<String, String> data = wmiHeader(time, "WmiConsumerEvent", user);
        data.put("Name", "\"" + name + "\"");
        data.put("Type", "Command Line");
        data.put("Destination", "\"" + destination + "\"");
        emit(time, 20, 3, "WmiEventConsumer activity detected (rule: WmiEvent)", 20, "WmiEventConsumer activity detected", data);
    }

    public void wmiBinding(Instant time, Account user, String consumerPath, String filterPath) {
        Map<String, String> data = wmiHeader(time, "WmiBindingEvent", user);
        data.put("Consumer", "\"" + consumerPath + "\"");
        data.put("Filter", "\"" + filterPath + "\"");
        emit(time, 21, 3, "WmiEventConsumerToFilter activity detected (rule: WmiEvent)", 21,
                "WmiEventConsumerToFilter activity detected", data);
    }

    public void dnsQuery(Instant time, SimulatedProcess process, String queryName, String queryResults) {
        Map<String, String> data = header(time, process);
        data.put("QueryName", queryName);
        data.put("QueryStatus", "0");
        data.put("QueryResults", queryResults);
        data.put("Image", process.path());
        data.put("User", process.account().qualifiedName());
        emit(time, 22, 5, "Dns query (rule: DnsQuery)", 22, "Dns query", data);
    }

    private void pipe(Instant time, SimulatedProcess process, String pipeName, int eventId, String eventType, String title) {
        Map<String, String> data = new LinkedHashMap<>();
        data.put("RuleName", NO_RULE);
        data.put("EventType", eventType);
        data.put("UtcTime", EventTimes.sysmon(time));
        data.put("ProcessGuid", process.processGuid());
        data.put("ProcessId", Integer.toString(process.processId()));
        data.put("PipeName", pipeName);
        data.put("Image", process.path());
        data.put("User", process.account().qualifiedName());
        emit(time, eventId, 1, title + " (rule: PipeEvent)", eventId, title, data);
    }

    private Map<String, String> registryHeader(Instant time, SimulatedProcess process, String eventType) {
        Map<String, String> data = new LinkedHashMap<>();
        data.put("RuleName", NO_RULE);
        data.put("EventType", eventType);
        data.put("UtcTime", EventTimes.sysmon(time));
        data.put("ProcessGuid", process.processGuid());
        data.put("ProcessId", Integer.toString(process.processId()));
        data.put("Image", process.path());
        return data;
    }

    private Map<String, String> wmiHeader(Instant time, String eventType, Account user) {
        Map<String, String> data = new LinkedHashMap<>();
        data.put("RuleName", NO_RULE);
        data.put("EventType", eventType);
        data.put("UtcTime", EventTimes.sysmon(time));
        data.put("Operation", "Created");
        data.put("User", user.qualifiedName());
        return data;
    }

    /** RuleName, UtcTime, ProcessGuid, ProcessId, Image: the opening most Sysmon events share. */
    private Map<String, String> header(Instant time, SimulatedProcess process) {
        Map<String, String> data = ruleAndTime(time);
        data.put("ProcessGuid", process.processGuid());
        data.put("ProcessId", Integer.toString(process.processId()));
        data.put("Image", process.path());
        return data;
    }

    private Map<String, String> ruleAndTime(Instant time) {
        Map<String, String> data = new LinkedHashMap<>();
        data.put("RuleName", NO_RULE);
        data.put("UtcTime", EventTimes.sysmon(time));
        return data;
    }

    private void emit(Instant time, int eventId, int version, String task, int taskNumber, String title, Map<String, String> data) {
        int threadId = sysmonThreadIds[random.nextInt(sysmonThreadIds.length)];
        log.add(new WindowsEvent(time, host, LogChannel.SYSMON, EventProvider.SYSMON, eventId, version, task, taskNumber,
                "Info", "Information", sysmonProcessId, threadId, Account.SYSTEM, Collections.unmodifiableMap(data),
                EventMessages.keyValueMessage(title, data), 0));
    }
}
