package io.helklab.samples.generator.scenario;

import io.helklab.samples.AttackTechnique;
import io.helklab.samples.RecordFormat;
import io.helklab.samples.generator.HelkValues;
import io.helklab.samples.generator.domain.InternetDirectory;
import io.helklab.samples.generator.domain.SimulatedProcess;
import io.helklab.samples.generator.simulation.HostSimulation;
import io.helklab.samples.generator.simulation.UserDesktop;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;

/** A downloaded executable on WKS04 injects a thread into a notepad.exe it started, which then talks to the internet. */
public final class RemoteThreadInjection extends AttackScenario {

    private static final String CONTROL_DOMAIN = "cdn.font-services.example.com";

    public RemoteThreadInjection() {
        super("remote-thread-injection", "Process injection with CreateRemoteThread",
                List.of(new AttackTechnique("T1055", "Process Injection"),
                        new AttackTechnique("T1055.002", "Process Injection: Portable Executable Injection"),
                        new AttackTechnique("T1071.001", "Application Layer Protocol: Web Protocols")),
                RecordFormat.WINLOGBEAT_7, LocalDate.of(2026, 10, 14), List.of("DC01", "SRV01", "WKS01", "WKS04"),
                "dokafor on WKS04 downloads and runs Purchase_Order_4471.exe. It starts notepad.exe, opens it with full "
                        + "access (Sysmon 10) and creates a remote thread in it whose start address lies in no module (Sysmon 8, "
                        + "StartModule and StartFunction empty), then exits. From then on notepad.exe resolves and connects to an "
                        + "external host — notepad has no business on the network. Console programs closing also produce benign "
                        + "CreateRemoteThread events from csrss.exe (CtrlRoutine in kernelbase.dll) to compare against.");
    }

    @Override
    public void perform(ScenarioContext context) {
        HostSimulation workstation = context.machine("WKS04");
        Instant downloaded = context.at(LocalTime.of(14, 3, 18));
        UserDesktop desktop = workstation.desktopAt(downloaded);
        String dropperPath = desktop.profileDirectory() + "\\Downloads\\Purchase_Order_4471.exe";
        workstation.network().lookupAndConnect(downloaded.minusSeconds(3), desktop.browser(), "files.procure-docs.example.net", 443);
        workstation.sysmon().fileCreate(downloaded, desktop.browser(), dropperPath);
        Instant run = downloaded.plusSeconds(26);
        SimulatedProcess dropper = workstation.start(run, desktop.explorer(), dropperPath, "\"" + dropperPath + "\" ",
                desktop.session(), "Medium", desktop.profileDirectory() + "\\Downloads\\");
        SimulatedProcess notepad = workstation.start(run.plusMillis(700), dropper, "C:\\Windows\\System32\\notepad.exe",
                "C:\\Windows\\system32\\notepad.exe");
        workstation.sysmon().processAccess(run.plusMillis(760), dropper, workstation.newThreadId(), notepad, "0x1FFFFF",
                "C:\\Windows\\SYSTEM32\\ntdll.dll+9d1e4|C:\\Windows\\System32\\KERNELBASE.dll+2c13e|" + dropperPath + "+12a7c|"
                        + "C:\\Windows\\System32\\KERNEL32.DLL+17034|C:\\Windows\\SYSTEM32\\ntdll.dll+52651");
        int injectedThread = workstation.newThreadId();
        workstation.sysmon().createRemoteThread(run.plusMillis(810), dropper, notepad, injectedThread, "0x000001F2A4C50000", "-", "-");
        workstation.terminate(run.plusSeconds(2), dropper);
        Instant moment = run.plusSeconds(6);
        int calls = 0;
        while (moment.isBefore(desktop.loggedOff().minusSeconds(300)) && calls < 40) {
            moment = workstation.network().lookupAndConnect(moment, notepad, CONTROL_DOMAIN, 443).plusSeconds(120 + context.random().nextInt(480));
            calls++;
        }
        workstation.terminate(desktop.loggedOff().minusSeconds(30), notepad);

        context.answers()
                .processCreated("The downloaded executable that performs the injection", dropper)
                .processCreated("notepad.exe started by the dropper as the injection target", notepad)
                .sysmonEvent("CreateRemoteThread into notepad.exe", 8, dropper, Map.of(
                        "target_process_path", HelkValues.lower(notepad.path()),
                        "target_process_guid", HelkValues.guid(notepad.processGuid())), 1)
                .sysmonEvent("The dropper opening notepad.exe with full access", 10, dropper, Map.of(
                        "target_process_path", HelkValues.lower(notepad.path()),
                        "process_granted_access", HelkValues.number("0x1FFFFF")), 1)
                .sysmonEvent("The injected notepad.exe calling out", 3, notepad,
                        Map.of("dst_ip_addr", InternetDirectory.addressOf(CONTROL_DOMAIN)), calls)
                .sysmonEvent("The injected notepad.exe resolving its control server", 22, notepad,
                        Map.of("dns_query_name", CONTROL_DOMAIN), calls)
                .processNameChallenge("injector", "Which program injected code into another process?", dropper)
                .challenge("target", "Into which process was the thread injected?", "notepad.exe", "notepad",
                        "c:\\windows\\system32\\notepad.exe")
                .challenge("target-guid", "What is the ProcessGuid of the injected process?", HelkValues.guid(notepad.processGuid()))
                .challenge("control-domain", "Which host name does the injected process contact?", CONTROL_DOMAIN)
                .challenge("start-module", "What StartModule does Sysmon report for the injected thread?", "-", "none", "empty");
    }
}
