package io.helklab.samples.generator.simulation;

import io.helklab.samples.generator.domain.Account;
import io.helklab.samples.generator.domain.Host;
import io.helklab.samples.generator.domain.ImageCatalog;
import io.helklab.samples.generator.domain.LabDomain;
import io.helklab.samples.generator.domain.LogonSession;
import io.helklab.samples.generator.domain.SimulatedProcess;
import io.helklab.samples.generator.event.PowerShellEvents;

import java.time.Instant;
import java.time.LocalTime;
import java.util.List;
import java.util.Random;

/**
 * The member server's day (file shares and SQL Server): employees' network logons to the shares,
 * database connections, the IT administrator's morning remote session with PowerShell, and the backup
 * task at lunch time run by the backup service account. Immutable; each call simulates one window.
 */
public final class MemberServerDay implements HostBehaviour {

    private static final String POWERSHELL = "C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe";

    @Override
    public void simulate(HostSimulation machine, TimeWindow window) {
        Random random = machine.random();
        LabDomain domain = machine.domain();
        List<Host> workstations = domain.hosts().stream().filter(Host::isWorkstation).toList();
        SimulatedProcess kernel = machine.service("system");
        SimulatedProcess sql = machine.service("sqlservr");
        for (Instant time = BackgroundServices.step(window.at(LocalTime.of(7, 30)), random, 45, 240); time.isBefore(window.end());
             time = BackgroundServices.step(time, random, 45, 240)) {
            Host client = workstations.get(random.nextInt(workstations.size()));
            if (random.nextInt(4) == 0) {
                machine.network().acceptFrom(time, sql, client, 1433);
                continue;
            }
            LogonSession session = machine.newSession(domain.primaryUser(client), time, 3, 0, "Medium");
            machine.network().acceptFrom(time.minusMillis(20), kernel, client, 445);
            machine.security().logon(time, session, true, "-", client.ipAddress(), 49_152 + random.nextInt(16_000), "-", 0, false);
            machine.security().logoff(time.plusSeconds(5 + random.nextInt(900)), session);
        }
        administratorSession(machine, window);
        backupTask(machine, window);
    }

    private void administratorSession(HostSimulation machine, TimeWindow window) {
        Random random = machine.random();
        Account administrator = machine.domain().user("adm-eweber");
        Instant time = TimeWindow.between(random, window.at(LocalTime.of(8, 30)), window.at(LocalTime.of(9, 30)));
        LogonSession session = machine.newSession(administrator, time, 10, 2, "High");
        machine.security().logon(time, session, true, "WKS0" + (1 + random.nextInt(4)), "10.0.10.10" + (1 + random.nextInt(4)),
                49_152 + random.nextInt(16_000), HostSimulation.SYSTEM32 + "svchost.exe", machine.service("svchost:Schedule").processId(), true);
        machine.security().specialLogon(time, session);
        SimulatedProcess explorer = machine.start(time.plusSeconds(4), machine.service("winlogon"), "C:\\Windows\\explorer.exe",
                "C:\\Windows\\Explorer.EXE", session, "High", HostSimulation.SYSTEM32);
        SimulatedProcess powershell = machine.start(time.plusSeconds(40), explorer, POWERSHELL, "\"" + POWERSHELL + "\" ",
                session, "High", "C:\\Users\\adm-eweber\\");
        machine.loadModules(time.plusSeconds(41), powershell, ImageCatalog.POWERSHELL_RUNTIME_MODULES);
        String[] commands = {"Get-Service | Where-Object Status -eq 'Stopped'", "Get-SmbShare", "Get-EventLog -LogName System -Newest 50",
                "Get-ChildItem D:\\Shares\\Finance | Measure-Object", "Get-WindowsUpdate -ErrorAction SilentlyContinue", "Restart-Service Spooler"};
        Instant moment = time.plusSeconds(60);
        for (String command : commands) {
            moment = BackgroundServices.step(moment, random, 20, 240);
            machine.powershell().scriptBlock(moment, powershell, command, PowerShellEvents.newScriptBlockId(random), false);
        }
        machine.terminate(moment.plusSeconds(300), powershell);
        machine.terminate(moment.plusSeconds(320), explorer);
        machine.security().logoff(moment.plusSeconds(330), session);
    }

    private void backupTask(HostSimulation machine, TimeWindow window) {
        Random random = machine.random();
        Instant time = window.at(LocalTime.of(12, 30)).plusMillis(random.nextInt(2000));
        LogonSession session = machine.newSession(machine.domain().user("svc_backup"), time, 4, 0, "High");
        machine.security().logon(time, session, false, machine.host().name(), "-", 0, HostSimulation.SYSTEM32 + "svchost.exe",
                machine.service("svchost:Schedule").processId(), true);
        machine.security().specialLogon(time, session);
        SimulatedProcess backup = machine.start(time.plusSeconds(1), machine.service("svchost:Schedule"), POWERSHELL,
                POWERSHELL + " -NoProfile -ExecutionPolicy Bypass -File C:\\Scripts\\Backup-Shares.ps1", session, "High", "C:\\Scripts\\");
        machine.powershell().scriptBlock(time.plusSeconds(3), backup,
                "$target = '\\\\DC01\\Backup$\\SRV01'\nGet-ChildItem D:\\Shares -Directory | ForEach-Object {\n    Copy-Item $_.FullName -Destination $target -Recurse -Force\n}",
                PowerShellEvents.newScriptBlockId(random), false);
        for (int file = 0; file < 12; file++) {
            machine.sysmon().fileCreate(time.plusSeconds(10 + file * 40L), backup, "D:\\Backup\\Staging\\shares-" + file + ".vbk");
        }
        machine.network().connectOut(time.plusSeconds(9), backup, machine.domain().domainController(), 445);
        machine.terminate(time.plusSeconds(1200), backup);
        machine.security().logoff(time.plusSeconds(1201), session);
    }
}
