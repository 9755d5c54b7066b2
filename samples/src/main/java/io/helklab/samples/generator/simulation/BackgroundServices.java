package io.helklab.samples.generator.simulation;

import io.helklab.samples.generator.domain.Host;
import io.helklab.samples.generator.domain.HostRole;
import io.helklab.samples.generator.domain.SimulatedProcess;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;

/**
 * What every Windows machine does with nobody at the keyboard: service processes talking to Microsoft
 * and to the domain controller, scheduled tasks, COM and search helpers coming and going, registry
 * housekeeping, Defender looking at LSASS, service state changes and one round of updates.
 * Stateless; each call simulates one machine over one window.
 */
public final class BackgroundServices implements HostBehaviour {

    private static final String DEFENDER = "C:\\ProgramData\\Microsoft\\Windows Defender\\Platform\\4.18.24090.11-0\\";
    private static final List<String> SERVICE_DISPLAY_NAMES = List.of("Windows Error Reporting Service", "Windows Update",
            "Background Intelligent Transfer Service", "Microsoft Edge Update Service (edgeupdate)", "Device Setup Manager",
            "Delivery Optimization", "WinHTTP Web Proxy Auto-Discovery Service", "Network Setup Service");

    private record ServiceEndpoint(String service, String dnsName, int port) {
    }

    private static final List<ServiceEndpoint> ENDPOINTS = List.of(
            new ServiceEndpoint("svchost:wuauserv", "fe3cr.delivery.mp.microsoft.com", 443),
            new ServiceEndpoint("svchost:wuauserv", "slscr.update.microsoft.com", 443),
            new ServiceEndpoint("svchost:DoSvc", "kv601.prod.do.dsp.mp.microsoft.com", 443),
            new ServiceEndpoint("svchost:BITS", "ctldl.windowsupdate.com", 80),
            new ServiceEndpoint("svchost:DcomLaunch", "settings-win.data.microsoft.com", 443),
            new ServiceEndpoint("svchost:Schedule", "v10.events.data.microsoft.com", 443),
            new ServiceEndpoint("msmpeng", "wdcp.microsoft.com", 443),
            new ServiceEndpoint("msmpeng", "definitionupdates.microsoft.com", 443),
            new ServiceEndpoint("svchost:gpsvc", "crl.microsoft.com", 80));

    @Override
    public void simulate(HostSimulation machine, TimeWindow window) {
        serviceChatter(machine, window);
        if (machine.host().role() != HostRole.DOMAIN_CONTROLLER) {
            domainChatter(machine, window);
        }
        scheduledTasks(machine, window);
        helperProcesses(machine, window);
        registryHousekeeping(machine, window);
        defenderLooksAtLsass(machine, window);
        serviceStateChanges(machine, window);
        new WindowsUpdateRun().simulate(machine, window);
    }

    private void serviceChatter(HostSimulation machine, TimeWindow window) {
        Random random = machine.random();
        for (Instant time = step(window.start(), random, 45, 300); time.isBefore(window.end()); time = step(time, random, 45, 300)) {
            ServiceEndpoint endpoint = ENDPOINTS.get(random.nextInt(ENDPOINTS.size()));
            SimulatedProcess process = machine.service(endpoint.service());
            Instant connected = machine.network().lookupAndConnect(time, process, endpoint.dnsName(), endpoint.port());
            if (random.nextInt(3) == 0) {
                machine.network().connectOut(connected.plusMillis(200 + random.nextInt(3000)), process,
                        machine.network().resolve(connected.plusMillis(100), process, endpoint.dnsName()), "-", endpoint.port());
            }
        }
    }

    /** Kerberos ticket renewals, LDAP look-ups and group-policy refreshes against the domain controller. */
    private void domainChatter(HostSimulation machine, TimeWindow window) {
        Random random = machine.random();
        Host domainController = machine.domain().domainController();
        SimulatedProcess lsass = machine.service("lsass");
        for (Instant time = step(window.start(), random, 300, 1500); time.isBefore(window.end()); time = step(time, random, 300, 1500)) {
            machine.network().connectOut(time, lsass, domainController, random.nextBoolean() ? 88 : 389);
        }
        SimulatedProcess groupPolicy = machine.service("svchost:gpsvc");
        for (Instant time = step(window.start(), random, 600, 5400); time.isBefore(window.end()); time = step(time, random, 5000, 6400)) {
            machine.network().resolve(time, groupPolicy, domainController);
            machine.network().connectOut(time.plusMillis(40), groupPolicy, domainController, 389);
            machine.network().connectOut(time.plusMillis(350), groupPolicy, domainController, 445);
        }
    }

    private void scheduledTasks(HostSimulation machine, TimeWindow window) {
        Random random = machine.random();
        SimulatedProcess scheduler = machine.service("svchost:Schedule");
        String system32 = HostSimulation.SYSTEM32;
        for (Instant time = step(window.start(), random, 600, 2400); time.isBefore(window.end()); time = step(time, random, 600, 2400)) {
            SimulatedProcess task = switch (random.nextInt(4)) {
                case 0 -> machine.start(time, scheduler, system32 + "taskhostw.exe", "taskhostw.exe Install $(Arg0)");
                case 1 -> machine.start(time, scheduler, "C:\\Program Files (x86)\\Microsoft\\EdgeUpdate\\MicrosoftEdgeUpdate.exe",
                        "\"C:\\Program Files (x86)\\Microsoft\\EdgeUpdate\\MicrosoftEdgeUpdate.exe\" /ua /installsource scheduler");
                case 2 -> machine.start(time, scheduler, DEFENDER + "MpCmdRun.exe", "\"" + DEFENDER + "MpCmdRun.exe\" -IdleTask -TaskName WdCacheMaintenance");
                default -> machine.start(time, scheduler, system32 + "sppsvc.exe", system32 + "sppsvc.exe");
            };
            if (task.image().fileName().equals("MicrosoftEdgeUpdate.exe")) {
                machine.network().lookupAndConnect(time.plusSeconds(2), task, "msedge.api.cdp.microsoft.com", 443);
            }
            machine.terminate(time.plusSeconds(5 + random.nextInt(90)), task);
        }
    }

    private void helperProcesses(HostSimulation machine, TimeWindow window) {
        Random random = machine.random();
        SimulatedProcess dcom = machine.service("svchost:DcomLaunch");
        SimulatedProcess indexer = machine.service("searchindexer");
        String system32 = HostSimulation.SYSTEM32;
        for (Instant time = step(window.start(), random, 300, 1200); time.isBefore(window.end()); time = step(time, random, 300, 1200)) {
            SimulatedProcess helper;
            if (random.nextBoolean()) {
                helper = machine.start(time, dcom, system32 + "dllhost.exe",
                        system32 + "DllHost.exe /Processid:{" + (random.nextBoolean() ? "AB8902B4-09CA-4BB6-B78D-A8F59079A8D5"
                                : "3EB3C877-1F16-487C-9050-104DBCD66683") + "}");
            } else {
                helper = machine.start(time, indexer, system32 + "SearchProtocolHost.exe",
                        "\"" + system32 + "SearchProtocolHost.exe\" Global\\UsGthrFltPipeMssGthrPipe" + (1 + random.nextInt(9))
                                + "_ Global\\UsGthrCtrlFltPipeMssGthrPipe" + (1 + random.nextInt(9)) + " 1 -2147483646 \"Software\\Microsoft\\Windows Search\" "
                                + "\"Mozilla/4.0 (compatible; MSIE 6.0; Windows NT; MS Search 4.0 Robot)\" \"C:\\ProgramData\\Microsoft\\Search\\Data\\Temp\\usgthrsvc\" "
                                + "\"DownLevelDaemon\" ");
            }
            machine.terminate(time.plusSeconds(20 + random.nextInt(240)), helper);
        }
    }

    private void registryHousekeeping(HostSimulation machine, TimeWindow window) {
        Random random = machine.random();
        for (Instant time = step(window.start(), random, 120, 600); time.isBefore(window.end()); time = step(time, random, 120, 600)) {
            switch (random.nextInt(3)) {
                case 0 -> machine.sysmon().registrySetValue(time, machine.service("msmpeng"),
                        "HKLM\\SOFTWARE\\Microsoft\\Windows Defender\\Features\\TamperProtectionSource", "DWORD (0x00000005)");
                case 1 -> machine.sysmon().registrySetValue(time, machine.service("svchost:Schedule"),
                        "HKLM\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion\\Schedule\\TaskCache\\Tasks\\{" + taskGuid(random)
                                + "}\\DynamicInfo", "Binary Data");
                default -> machine.sysmon().registrySetValue(time, machine.service("svchost:wuauserv"),
                        "HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\WindowsUpdate\\Auto Update\\LastOnlineScanTimeForAppCategory\\"
                                + "{5C8CEB9F-9A3D-4A8F-B4B5-1C7B6E0D5A11}", "QWORD (0x01db1f2c-0x" + Integer.toHexString(random.nextInt()) + ")");
            }
        }
    }

    private static String taskGuid(Random random) {
        String[] known = {"0A1D8F14-3B4C-4E21-9F5B-6C7D8E9F0A11", "1B2E9A25-4C5D-4F32-A06C-7D8E9FA01B22",
                "2C3FAB36-5D6E-4043-B17D-8E9FA0B12C33", "3D40BC47-6E7F-4154-C28E-9FA0B1C23D44"};
        return known[random.nextInt(known.length)];
    }

    /** Sysmon sees legitimate LSASS handles all day; a hunter must tell them from the dumper's. */
    private void defenderLooksAtLsass(HostSimulation machine, TimeWindow window) {
        Random random = machine.random();
        SimulatedProcess lsass = machine.service("lsass");
        for (Instant time = step(window.start(), random, 600, 2400); time.isBefore(window.end()); time = step(time, random, 600, 2400)) {
            boolean defender = random.nextInt(3) > 0;
            SimulatedProcess source = defender ? machine.service("msmpeng") : machine.service("wmiprvse");
            String callTrace = defender
                    ? "C:\\Windows\\SYSTEM32\\ntdll.dll+9d4c4|C:\\Windows\\System32\\KERNELBASE.dll+2c0fe|" + DEFENDER + "mpengine.dll+2b6a31|"
                    + DEFENDER + "mpengine.dll+2b5f88|" + DEFENDER + "MpSvc.dll+c3a12|C:\\Windows\\System32\\KERNEL32.DLL+17034|C:\\Windows\\SYSTEM32\\ntdll.dll+52651"
                    : "C:\\Windows\\SYSTEM32\\ntdll.dll+9d4c4|C:\\Windows\\System32\\KERNELBASE.dll+2c0fe|C:\\Windows\\system32\\wbem\\wmiprvse.exe+3c51b|"
                    + "C:\\Windows\\System32\\RPCRT4.dll+7b6f3|C:\\Windows\\SYSTEM32\\ntdll.dll+52651";
            machine.sysmon().processAccess(time, source, source.processId() + 4 * (1 + random.nextInt(60)), lsass,
                    defender ? "0x101000" : "0x1400", callTrace);
        }
    }

    private void serviceStateChanges(HostSimulation machine, TimeWindow window) {
        Random random = machine.random();
        for (Instant time = step(window.start(), random, 900, 3600); time.isBefore(window.end()); time = step(time, random, 900, 3600)) {
            String service = SERVICE_DISPLAY_NAMES.get(random.nextInt(SERVICE_DISPLAY_NAMES.size()));
            machine.system().serviceStateChanged(time, service, "running");
            machine.system().serviceStateChanged(time.plusSeconds(60 + random.nextInt(600)), service, "stopped");
        }
    }

    static Instant step(Instant from, Random random, int minimumSeconds, int maximumSeconds) {
        return from.plus(Duration.ofMillis(1000L * minimumSeconds + (long) (random.nextDouble() * 1000L * (maximumSeconds - minimumSeconds))));
    }
}
