package io.helklab.samples.generator.simulation;

import io.helklab.samples.generator.domain.SimulatedProcess;

import java.time.Instant;
import java.time.LocalTime;
import java.util.Random;

/**
 * One round of software updates during the day: Windows Update downloads a package, the servicing
 * stack installs it, and Windows Installer updates a runtime (which shows in the Application log).
 */
final class WindowsUpdateRun implements HostBehaviour {

    private static final String SERVICING = "C:\\Windows\\servicing\\TrustedInstaller.exe";
    private static final String TIWORKER = "C:\\Windows\\WinSxS\\amd64_microsoft-windows-servicingstack_31bf3856ad364e35_10.0.19041.4351_none_7e4f5d9b8a1c2e55\\TiWorker.exe";
    private static final String RUNTIME = "Microsoft Visual C++ 2022 X64 Minimum Runtime - 14.40.33810";

    @Override
    public void simulate(HostSimulation machine, TimeWindow window) {
        Random random = machine.random();
        Instant time = TimeWindow.between(random, window.at(LocalTime.of(9, 0)), window.at(LocalTime.of(16, 0)));
        SimulatedProcess services = machine.service("services");
        SimulatedProcess windowsUpdate = machine.service("svchost:wuauserv");
        String system32 = HostSimulation.SYSTEM32;

        SimulatedProcess client = machine.start(time, windowsUpdate, system32 + "wuauclt.exe",
                "\"" + system32 + "wuauclt.exe\" /RunHandlerComServer");
        machine.network().lookupAndConnect(time.plusSeconds(1), windowsUpdate, "fe3cr.delivery.mp.microsoft.com", 443);
        String download = "C:\\Windows\\SoftwareDistribution\\Download\\" + Integer.toHexString(random.nextInt()) + "\\";
        for (int file = 0; file < 4; file++) {
            machine.sysmon().fileCreate(time.plusSeconds(8 + file * 3L), windowsUpdate, download + "Windows10.0-KB50" + (41580 + file) + "-x64.cab");
        }
        Instant install = time.plusSeconds(90 + random.nextInt(120));
        machine.system().serviceStateChanged(install, "Windows Modules Installer", "running");
        SimulatedProcess trustedInstaller = machine.start(install, services, SERVICING, SERVICING);
        SimulatedProcess worker = machine.start(install.plusSeconds(2), machine.service("svchost:DcomLaunch"), TIWORKER,
                TIWORKER + " -Embedding");
        for (int file = 0; file < 6; file++) {
            machine.sysmon().fileCreate(install.plusSeconds(20 + file * 7L), worker,
                    "C:\\Windows\\Logs\\CBS\\CbsPersist_2026" + (1000 + random.nextInt(8999)) + ".log");
        }
        Instant msiStart = install.plusSeconds(240 + random.nextInt(200));
        SimulatedProcess msiexec = machine.start(msiStart, services, system32 + "msiexec.exe", system32 + "msiexec.exe /V");
        machine.application().productInstalled(msiStart.plusSeconds(30 + random.nextInt(30)), msiexec, RUNTIME);
        machine.terminate(msiStart.plusSeconds(600), msiexec);
        machine.terminate(install.plusSeconds(900 + random.nextInt(300)), worker);
        machine.terminate(install.plusSeconds(1300), trustedInstaller);
        machine.system().serviceStateChanged(install.plusSeconds(1301), "Windows Modules Installer", "stopped");
        machine.terminate(time.plusSeconds(400), client);
    }
}
