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

/** A downloaded HTA runs in mshta.exe, fetches a DLL and hands it to rundll32.exe on WKS03. */
public final class MshtaRundll32Proxy extends AttackScenario {

    private static final String MSHTA = "C:\\Windows\\System32\\mshta.exe";
    private static final String PAYLOAD_DOMAIN = "docs.hr-portal.example.com";
    private static final String CONTROL_DOMAIN = "updates.office-cache.example.org";

    public MshtaRundll32Proxy() {
        super("mshta-rundll32-proxy", "Signed binary proxy execution with mshta and rundll32",
                List.of(new AttackTechnique("T1218.005", "System Binary Proxy Execution: Mshta"),
                        new AttackTechnique("T1218.011", "System Binary Proxy Execution: Rundll32"),
                        new AttackTechnique("T1204.002", "User Execution: Malicious File")),
                RecordFormat.WINLOGBEAT_7, LocalDate.of(2026, 10, 7), List.of("DC01", "SRV01", "WKS03", "WKS04"),
                "cdiaz on WKS03 downloads a 'benefits enrollment' HTML application and opens it. mshta.exe renders it, "
                        + "loads the script engines, downloads a DLL into the user's Temp folder and starts rundll32.exe on that DLL's "
                        + "exported function. rundll32 then calls out to a second external host. Both binaries are signed Windows "
                        + "tools: the tell is the parent chain explorer → mshta → rundll32, a DLL in Temp and rundll32 talking to the internet.");
    }

    @Override
    public void perform(ScenarioContext context) {
        HostSimulation workstation = context.machine("WKS03");
        Instant downloaded = context.at(LocalTime.of(11, 2, 40));
        UserDesktop desktop = workstation.desktopAt(downloaded);
        String hta = desktop.profileDirectory() + "\\Downloads\\Benefits_Enrollment_2027.hta";
        workstation.network().lookupAndConnect(downloaded.minusSeconds(2), desktop.browser(), PAYLOAD_DOMAIN, 443);
        workstation.sysmon().fileCreate(downloaded, desktop.browser(), hta);
        Instant opened = downloaded.plusSeconds(11);
        SimulatedProcess mshta = workstation.start(opened, desktop.explorer(), MSHTA,
                "\"C:\\Windows\\System32\\mshta.exe\" \"" + hta + "\" {1E460BD7-F1C3-4B2E-88BF-4E770A288AF5}{1E460BD7-F1C3-4B2E-88BF-4E770A288AF5}",
                desktop.session(), "Medium", desktop.profileDirectory() + "\\Downloads\\");
        workstation.loadModules(opened.plusMillis(200), mshta, "C:\\Windows\\System32\\mshtml.dll", "C:\\Windows\\System32\\jscript9.dll",
                "C:\\Windows\\System32\\vbscript.dll", "C:\\Windows\\System32\\wininet.dll");
        Instant fetched = workstation.network().lookupAndConnect(opened.plusSeconds(2), mshta, PAYLOAD_DOMAIN, 443);
        String library = desktop.profileDirectory() + "\\AppData\\Local\\Temp\\ms-ole32-cache.dll";
        workstation.sysmon().fileCreate(fetched.plusSeconds(1), mshta, library);
        Instant proxied = fetched.plusSeconds(3);
        SimulatedProcess rundll32 = workstation.start(proxied, mshta, AttackTools.RUNDLL32,
                "\"C:\\Windows\\System32\\rundll32.exe\" " + library + ",DllGetClassObjectEx");
        workstation.loadModules(proxied.plusMillis(150), rundll32, library, "C:\\Windows\\System32\\winhttp.dll");
        Instant moment = proxied.plusSeconds(4);
        for (int call = 0; call < 6; call++) {
            moment = workstation.network().lookupAndConnect(moment, rundll32, CONTROL_DOMAIN, 443).plusSeconds(45 + context.random().nextInt(60));
        }
        workstation.terminate(proxied.plusSeconds(5), mshta);
        workstation.terminate(moment, rundll32);

        context.answers()
                .processCreated("mshta.exe running the downloaded HTML application", mshta)
                .processCreated("rundll32.exe loading the DLL mshta dropped", rundll32)
                .sysmonEvent("The HTA saved by the browser", 11, desktop.browser(), Map.of("file_name", HelkValues.lower(hta)), 1)
                .sysmonEvent("The DLL mshta wrote to Temp", 11, mshta, Map.of("file_name", HelkValues.lower(library)), 1)
                .sysmonEvent("rundll32 calling its control server", 3, rundll32,
                        Map.of("dst_ip_addr", InternetDirectory.addressOf(CONTROL_DOMAIN)), 6)
                .sysmonEvent("rundll32 resolving its control server", 22, rundll32, Map.of("dns_query_name", CONTROL_DOMAIN), 6)
                .challenge("rundll32-command-line", "What is the command line of the rundll32 process?", HelkValues.lower(rundll32.commandLine()))
                .processNameChallenge("rundll32-parent", "Which process started rundll32?", mshta)
                .challenge("hta-file", "Which file did mshta execute?", HelkValues.lower(hta))
                .challenge("control-domain", "Which host name does rundll32 contact?", CONTROL_DOMAIN)
                .challenge("process-guid", "What is the ProcessGuid of the rundll32 process?", HelkValues.guid(rundll32.processGuid()))
                .challenge("victim", "Which user ran the HTML application?", "cdiaz", "helk\\cdiaz");
    }
}
