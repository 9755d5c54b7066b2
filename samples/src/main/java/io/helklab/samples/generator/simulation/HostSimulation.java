package io.helklab.samples.generator.simulation;

import io.helklab.samples.generator.domain.Account;
import io.helklab.samples.generator.domain.ExecutableImage;
import io.helklab.samples.generator.domain.Host;
import io.helklab.samples.generator.domain.HostRole;
import io.helklab.samples.generator.domain.ImageCatalog;
import io.helklab.samples.generator.domain.LabDomain;
import io.helklab.samples.generator.domain.LogonSession;
import io.helklab.samples.generator.domain.SimulatedProcess;
import io.helklab.samples.generator.event.ApplicationEvents;
import io.helklab.samples.generator.event.EventLog;
import io.helklab.samples.generator.event.PowerShellEvents;
import io.helklab.samples.generator.event.SecurityEvents;
import io.helklab.samples.generator.event.SysmonEvents;
import io.helklab.samples.generator.event.SystemEvents;
import io.helklab.samples.generator.event.WmiActivityEvents;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Random;

/**
 * One simulated machine during one dataset: its identifiers, the processes that were already running
 * when the window opened (the boot chain, services, LSASS), and the event writers for each of its logs.
 * Behaviours and attack scenarios act on a machine only through this class, which keeps process
 * identity consistent: {@link #start} records the Sysmon process-create event and {@link #terminate}
 * the matching termination. Not thread-safe; one instance per host and dataset.
 */
public final class HostSimulation {

    public static final String SYSTEM32 = "C:\\Windows\\System32\\";
    private static final String SVCHOST = SYSTEM32 + "svchost.exe";

    private final Host host;
    private final LabDomain domain;
    private final Random random;
    private final ProcessFactory processes;
    private final LogonSession systemSession;
    private final LogonSession localServiceSession;
    private final LogonSession networkServiceSession;
    private final Map<String, SimulatedProcess> services = new LinkedHashMap<>();
    private final SysmonEvents sysmon;
    private final SecurityEvents security;
    private final SystemEvents system;
    private final ApplicationEvents application;
    private final PowerShellEvents powershell;
    private final WmiActivityEvents wmiActivity;
    private final NetworkActivity network = new NetworkActivity(this);
    private final List<UserDesktop> desktops = new ArrayList<>();

    public HostSimulation(Host host, LabDomain domain, TimeWindow window, long seed, EventLog log) {
        this.host = host;
        this.domain = domain;
        this.random = new Random(seed ^ host.name().hashCode() * 0x9E3779B97F4A7C15L);
        this.processes = new ProcessFactory(host, random);
        Instant boot = window.start().minus(Duration.ofHours(20 + random.nextInt(60))).minusSeconds(random.nextInt(3600));
        systemSession = new LogonSession(Account.SYSTEM, LogonSession.SYSTEM_LOGON_ID,
                processes.logonGuid(LogonSession.SYSTEM_LOGON_ID, boot), 0, 0, "System");
        localServiceSession = new LogonSession(Account.LOCAL_SERVICE, LogonSession.LOCAL_SERVICE_LOGON_ID,
                processes.logonGuid(LogonSession.LOCAL_SERVICE_LOGON_ID, boot), 0, 5, "System");
        networkServiceSession = new LogonSession(Account.NETWORK_SERVICE, LogonSession.NETWORK_SERVICE_LOGON_ID,
                processes.logonGuid(LogonSession.NETWORK_SERVICE_LOGON_ID, boot), 0, 5, "System");
        bootChain(boot);
        sysmon = new SysmonEvents(host, service("sysmon").processId(), random, log);
        security = new SecurityEvents(host, service("lsass").processId(), domain.machineAccount(host), random, log);
        system = new SystemEvents(host, service("services").processId(), random, log);
        application = new ApplicationEvents(host, log);
        powershell = new PowerShellEvents(host, log);
        wmiActivity = new WmiActivityEvents(host, log);
    }

    /** Processes that started before the window: no events, but later events refer to them. */
    private void bootChain(Instant boot) {
        SimulatedProcess kernel = running("system", null, "System", "", systemSession, boot, 4);
        SimulatedProcess smss = running("smss", kernel, SYSTEM32 + "smss.exe", "\\SystemRoot\\System32\\smss.exe", systemSession, boot, 0);
        running("csrss", smss, SYSTEM32 + "csrss.exe", "%SystemRoot%\\system32\\csrss.exe ObjectDirectory=\\Windows SharedSection=1024,20480,768 "
                + "Windows=On SubSystemType=Windows ServerDll=basesrv,1 ServerDll=winsrv:UserServerDllInitialization,3 "
                + "ServerDll=sxssrv,4 ProfileControl=Off MaxRequestThreads=16", systemSession, boot, 0);
        SimulatedProcess wininit = running("wininit", smss, SYSTEM32 + "wininit.exe", "wininit.exe", systemSession, boot, 0);
        running("winlogon", smss, SYSTEM32 + "winlogon.exe", "winlogon.exe", systemSession, boot, 0);
        SimulatedProcess servicesProcess = running("services", wininit, SYSTEM32 + "services.exe", SYSTEM32 + "services.exe",
                systemSession, boot, 0);
        running("lsass", wininit, SYSTEM32 + "lsass.exe", SYSTEM32 + "lsass.exe", systemSession, boot, 0);
        Instant later = boot.plusSeconds(8);
        svchost("DcomLaunch", "-k DcomLaunch -p", systemSession, servicesProcess, later);
        svchost("RpcSs", "-k RPCSS -p", networkServiceSession, servicesProcess, later);
        svchost("Schedule", "-k netsvcs -p -s Schedule", systemSession, servicesProcess, later);
        svchost("gpsvc", "-k netsvcs -p -s gpsvc", systemSession, servicesProcess, later);
        svchost("Winmgmt", "-k netsvcs -p -s Winmgmt", systemSession, servicesProcess, later);
        svchost("wuauserv", "-k netsvcs -p -s wuauserv", systemSession, servicesProcess, later);
        svchost("BITS", "-k netsvcs -p -s BITS", systemSession, servicesProcess, later);
        svchost("Dnscache", "-k NetworkService -p -s Dnscache", networkServiceSession, servicesProcess, later);
        svchost("DoSvc", "-k NetworkService -p -s DoSvc", networkServiceSession, servicesProcess, later);
        svchost("EventLog", "-k LocalServiceNetworkRestricted -p -s EventLog", localServiceSession, servicesProcess, later);
        svchost("LanmanServer", "-k netsvcs -p -s LanmanServer", systemSession, servicesProcess, later);
        running("spoolsv", servicesProcess, SYSTEM32 + "spoolsv.exe", SYSTEM32 + "spoolsv.exe", systemSession, later, 0);
        running("sysmon", servicesProcess, SYSTEM32 + "Sysmon64.exe", SYSTEM32 + "Sysmon64.exe", systemSession, later, 0);
        running("msmpeng", servicesProcess, "C:\\ProgramData\\Microsoft\\Windows Defender\\Platform\\4.18.24090.11-0\\MsMpEng.exe",
                "\"C:\\ProgramData\\Microsoft\\Windows Defender\\Platform\\4.18.24090.11-0\\MsMpEng.exe\"", systemSession, later, 0);
        running("searchindexer", servicesProcess, SYSTEM32 + "SearchIndexer.exe", SYSTEM32 + "SearchIndexer.exe /Embedding",
                systemSession, later, 0);
        SimulatedProcess dcom = service("svchost:DcomLaunch");
        running("wmiprvse", dcom, SYSTEM32 + "wbem\\WmiPrvSE.exe", SYSTEM32 + "wbem\\wmiprvse.exe -secured -Embedding",
                networkServiceSession, later.plusSeconds(40), 0);
        if (host.role() == HostRole.DOMAIN_CONTROLLER) {
            running("dns", servicesProcess, SYSTEM32 + "dns.exe", SYSTEM32 + "dns.exe", systemSession, later, 0);
        }
        if (host.role() == HostRole.SERVER) {
            running("sqlservr", servicesProcess, "C:\\Program Files\\Microsoft SQL Server\\MSSQL15.MSSQLSERVER\\MSSQL\\Binn\\sqlservr.exe",
                    "\"C:\\Program Files\\Microsoft SQL Server\\MSSQL15.MSSQLSERVER\\MSSQL\\Binn\\sqlservr.exe\" -sMSSQLSERVER",
                    networkServiceSession, later, 0);
        }
    }

    private void svchost(String serviceName, String arguments, LogonSession session, SimulatedProcess servicesProcess, Instant time) {
        running("svchost:" + serviceName, servicesProcess, SVCHOST, SVCHOST + " " + arguments, session, time, 0);
    }

    private SimulatedProcess running(String key, SimulatedProcess parent, String path, String commandLine, LogonSession session,
                                     Instant start, int fixedProcessId) {
        int processId = fixedProcessId > 0 ? processes.reserveProcessId(fixedProcessId) : processes.newProcessId();
        SimulatedProcess process = new SimulatedProcess(host, processes.newProcessGuid(start), processId,
                ImageCatalog.image(path), commandLine, SYSTEM32, session, "System", parent, start);
        services.put(key, process);
        return process;
    }

    /** A process that was running before the window: {@code lsass}, {@code services}, {@code svchost:Schedule}, … */
    public SimulatedProcess service(String key) {
        SimulatedProcess process = services.get(key);
        if (process == null) {
            throw new NoSuchElementException("No long-running process '" + key + "' on " + host.name() + "; known: " + services.keySet());
        }
        return process;
    }

    /** Starts a process in its parent's session and integrity level. */
    public SimulatedProcess start(Instant time, SimulatedProcess parent, String path, String commandLine) {
        return start(time, parent, path, commandLine, parent.session(), parent.integrityLevel(), parent.currentDirectory());
    }

    /** Starts a process and records its Sysmon process-create event. */
    public SimulatedProcess start(Instant time, SimulatedProcess parent, String path, String commandLine, LogonSession session,
                                  String integrityLevel, String currentDirectory) {
        ExecutableImage image = ImageCatalog.image(path);
        SimulatedProcess process = new SimulatedProcess(host, processes.newProcessGuid(time), processes.newProcessId(), image,
                commandLine, currentDirectory, session, integrityLevel, parent, time);
        sysmon.processCreate(time, process);
        return process;
    }

    public void terminate(Instant time, SimulatedProcess process) {
        sysmon.processTerminate(time, process);
    }

    public void loadModules(Instant time, SimulatedProcess process, String... modulePaths) {
        Instant moment = time;
        for (String modulePath : modulePaths) {
            moment = moment.plusMillis(3 + random.nextInt(40));
            sysmon.imageLoad(moment, process, ImageCatalog.image(modulePath));
        }
    }

    /** A new logon session of {@code account}; the caller writes the Security events that go with it. */
    public LogonSession newSession(Account account, Instant time, int logonType, int terminalSessionId, String integrityLevel) {
        long logonId = processes.newLogonId();
        return new LogonSession(account, logonId, processes.logonGuid(logonId, time), terminalSessionId, logonType, integrityLevel);
    }

    /** Records an interactive desktop so that attack scenarios can act from it. */
    public void addDesktop(UserDesktop desktop) {
        desktops.add(desktop);
    }

    /** The desktops of this machine's day in logon order; fails if nobody logged on interactively. */
    public List<UserDesktop> desktops() {
        if (desktops.isEmpty()) {
            throw new IllegalStateException("Nobody logged on interactively to " + host.name()
                    + "; give it the workstation user behaviour before acting from a desktop");
        }
        return List.copyOf(desktops);
    }

    /** The desktop that is open at {@code time}. */
    public UserDesktop desktopAt(Instant time) {
        return desktops().stream().filter(desktop -> !time.isBefore(desktop.loggedOn()) && time.isBefore(desktop.loggedOff()))
                .findFirst().orElseThrow(() -> new IllegalStateException("No desktop is open on " + host.name() + " at " + time
                        + "; desktops: " + desktops.stream().map(desktop -> desktop.loggedOn() + ".." + desktop.loggedOff()).toList()));
    }

    public int ephemeralPort() {
        return 49_152 + random.nextInt(16_000);
    }

    public int newThreadId() {
        return processes.newThreadId();
    }

    public Host host() {
        return host;
    }

    public LabDomain domain() {
        return domain;
    }

    public Random random() {
        return random;
    }

    public LogonSession systemSession() {
        return systemSession;
    }

    public LogonSession networkServiceSession() {
        return networkServiceSession;
    }

    public LogonSession localServiceSession() {
        return localServiceSession;
    }

    public NetworkActivity network() {
        return network;
    }

    public SysmonEvents sysmon() {
        return sysmon;
    }

    public SecurityEvents security() {
        return security;
    }

    public SystemEvents system() {
        return system;
    }

    public ApplicationEvents application() {
        return application;
    }

    public PowerShellEvents powershell() {
        return powershell;
    }

    public WmiActivityEvents wmiActivity() {
        return wmiActivity;
    }
}
