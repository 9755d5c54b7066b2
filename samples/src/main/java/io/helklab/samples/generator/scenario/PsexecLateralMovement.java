package io.helklab.samples.generator.scenario;

import io.helklab.samples.AttackTechnique;
import io.helklab.samples.RecordFormat;
import io.helklab.samples.generator.HelkValues;
import io.helklab.samples.generator.domain.Account;
import io.helklab.samples.generator.domain.Host;
import io.helklab.samples.generator.domain.LogonSession;
import io.helklab.samples.generator.domain.SimulatedProcess;
import io.helklab.samples.generator.event.LogChannel;
import io.helklab.samples.generator.simulation.HostSimulation;
import io.helklab.samples.generator.simulation.UserDesktop;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;

/** PsExec from WKS02 to SRV01 with the IT administrator's stolen credentials. */
public final class PsexecLateralMovement extends AttackScenario {

    private static final String PSEXEC = "C:\\Users\\bchen\\Downloads\\PsExec64.exe";
    private static final String SERVICE_BINARY = "C:\\Windows\\PSEXESVC.exe";

    public PsexecLateralMovement() {
        super("psexec-lateral-movement", "Lateral movement with PsExec and stolen admin credentials",
                List.of(new AttackTechnique("T1021.002", "Remote Services: SMB/Windows Admin Shares"),
                        new AttackTechnique("T1569.002", "System Services: Service Execution"),
                        new AttackTechnique("T1078.002", "Valid Accounts: Domain Accounts")),
                RecordFormat.WINLOGBEAT_7, LocalDate.of(2026, 10, 12), List.of("DC01", "SRV01", "WKS01", "WKS02"),
                "From bchen's workstation WKS02 an intruder runs PsExec64 against SRV01 with the IT administrator's account "
                        + "adm-eweber (password on the command line). On SRV01 this shows as a network logon (4624 type 3, NTLM) "
                        + "from 10.0.10.102, the PSEXESVC binary written to C:\\Windows by System, a new service (System 7045), "
                        + "the PSEXESVC named pipes (Sysmon 17/18) and cmd.exe running reconnaissance as SYSTEM under PSEXESVC.exe. "
                        + "The same administrator also logs on to SRV01 legitimately in the morning: compare source, time and process.");
    }

    @Override
    public void perform(ScenarioContext context) {
        HostSimulation source = context.machine("WKS02");
        HostSimulation target = context.machine("SRV01");
        Host targetHost = target.host();
        Account administrator = context.domain().user("adm-eweber");
        Instant start = context.at(LocalTime.of(15, 8, 31));
        UserDesktop desktop = source.desktopAt(start);
        SimulatedProcess shell = source.start(start, desktop.explorer(), AttackTools.CMD, "\"C:\\Windows\\system32\\cmd.exe\" ",
                desktop.session(), "Medium", desktop.profileDirectory() + "\\");
        Instant launched = start.plusSeconds(52);
        String remoteCommand = "cmd.exe /c \"whoami /all & ipconfig /all & net group \"Domain Admins\" /domain\"";
        SimulatedProcess psexec = source.start(launched, shell, PSEXEC, "PsExec64.exe \\\\SRV01 -u HELK\\adm-eweber -p Autumn2026! "
                + "-accepteula -s " + remoteCommand);
        source.network().resolve(launched.plusMillis(120), psexec, targetHost);
        source.network().connectOut(launched.plusMillis(150), psexec, targetHost, 445);
        source.sysmon().registrySetValue(launched.plusMillis(90), psexec, desktop.userHive() + "\\Software\\Sysinternals\\PsExec\\EulaAccepted",
                "DWORD (0x00000001)");

        Instant arrive = launched.plusMillis(400);
        LogonSession network = target.newSession(administrator, arrive, 3, 0, "High");
        target.network().acceptFrom(arrive.minusMillis(60), target.service("system"), source.host(), 445);
        target.security().logon(arrive, network, false, source.host().name(), source.host().ipAddress(), source.ephemeralPort(), "-", 0, true);
        target.security().specialLogon(arrive, network);
        SimulatedProcess kernel = target.service("system");
        target.sysmon().fileCreate(arrive.plusMillis(350), kernel, SERVICE_BINARY);
        Instant installed = arrive.plusMillis(900);
        target.system().serviceInstalled(installed, "PSEXESVC", "%SystemRoot%\\PSEXESVC.exe", "demand start", "LocalSystem");
        SimulatedProcess service = target.start(installed.plusMillis(150), target.service("services"), SERVICE_BINARY, SERVICE_BINARY);
        target.system().serviceStateChanged(installed.plusMillis(200), "PSEXESVC", "running");
        String pipePrefix = "\\PSEXESVC-WKS02-" + psexec.processId() + "-";
        target.sysmon().pipeCreated(installed.plusMillis(300), service, "\\PSEXESVC");
        target.sysmon().pipeConnected(installed.plusMillis(420), kernel, "\\PSEXESVC");
        int offset = 500;
        for (String stream : List.of("stdin", "stdout", "stderr")) {
            target.sysmon().pipeCreated(installed.plusMillis(offset), service, pipePrefix + stream);
            target.sysmon().pipeConnected(installed.plusMillis(offset + 40), kernel, pipePrefix + stream);
            offset += 60;
        }
        Instant executed = installed.plusSeconds(1);
        SimulatedProcess remoteShell = target.start(executed, service, AttackTools.CMD, remoteCommand);
        SimulatedProcess whoami = target.start(executed.plusMillis(200), remoteShell, "C:\\Windows\\System32\\whoami.exe", "whoami  /all");
        target.terminate(executed.plusMillis(700), whoami);
        SimulatedProcess ipconfig = target.start(executed.plusMillis(800), remoteShell, "C:\\Windows\\System32\\ipconfig.exe", "ipconfig  /all");
        target.terminate(executed.plusMillis(1100), ipconfig);
        SimulatedProcess net = target.start(executed.plusMillis(1200), remoteShell, "C:\\Windows\\System32\\net.exe",
                "net  group \"Domain Admins\" /domain");
        target.network().connectOut(executed.plusMillis(1300), net, context.domain().domainController(), 445);
        target.terminate(executed.plusSeconds(2), net);
        target.terminate(executed.plusSeconds(3), remoteShell);
        target.terminate(executed.plusSeconds(4), service);
        target.system().serviceStateChanged(executed.plusSeconds(4), "PSEXESVC", "stopped");
        target.security().logoff(executed.plusSeconds(5), network);
        source.terminate(executed.plusSeconds(5), psexec);
        source.terminate(executed.plusSeconds(120), shell);

        context.answers().involve(administrator)
                .processCreated("PsExec64 started on WKS02 with adm-eweber's credentials", psexec)
                .processCreated("PSEXESVC.exe started by services.exe on SRV01", service)
                .processCreated("The remote cmd.exe run by PSEXESVC as SYSTEM", remoteShell)
                .fact("The network logon of adm-eweber on SRV01 from WKS02 (4624 type 3)", LogChannel.SECURITY, Map.of("event_id", 4624,
                        "host_name", HelkValues.host(targetHost.fullyQualifiedName()), "user_name", "adm-eweber", "logon_type", 3,
                        "src_ip_addr", source.host().ipAddress(), "user_logon_id", network.logonId()), 1)
                .fact("The PSEXESVC service installed on SRV01 (System 7045)", LogChannel.SYSTEM,
                        Map.of("event_id", 7045, "host_name", HelkValues.host(targetHost.fullyQualifiedName())), 1)
                .sysmonEvent("PSEXESVC creating its control pipe", 17, service, Map.of("pipe_name", HelkValues.lower("\\PSEXESVC")), 1)
                .sysmonEvent("The service binary dropped over SMB", 11, kernel, Map.of("file_name", HelkValues.lower(SERVICE_BINARY)), 1)
                .sysmonEvent("PsExec reaching SRV01 over SMB", 3, psexec, Map.of("dst_ip_addr", targetHost.ipAddress()), 1)
                .challenge("source-host", "From which host did the lateral movement start?", "wks02", "wks02.helk.lab", "10.0.10.102")
                .challenge("account", "Which account was used on SRV01?", "adm-eweber", "helk\\adm-eweber")
                .challenge("service-name", "What is the name of the service created on SRV01?", "psexesvc")
                .challenge("remote-command", "What command line did PSEXESVC run?", HelkValues.lower(remoteCommand))
                .challenge("process-guid", "What is the ProcessGuid of PsExec64 on WKS02?", HelkValues.guid(psexec.processGuid()));
    }
}
