package io.helklab.samples.generator.scenario;

import io.helklab.samples.AttackTechnique;
import io.helklab.samples.RecordFormat;
import io.helklab.samples.generator.HelkValues;
import io.helklab.samples.generator.domain.Host;
import io.helklab.samples.generator.domain.InternetDirectory;
import io.helklab.samples.generator.domain.SimulatedProcess;
import io.helklab.samples.generator.simulation.BackgroundServices;
import io.helklab.samples.generator.simulation.HostBehaviour;
import io.helklab.samples.generator.simulation.HostSimulation;
import io.helklab.samples.generator.simulation.UserDesktop;
import io.helklab.samples.generator.simulation.WorkstationUserDay;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;

/** A dropper from a mailed archive installs itself under the user's Run key on WKS03; it starts again at the next logon. */
public final class RunKeyPersistence extends AttackScenario {

    private static final String CONTROL_DOMAIN = "sync.onedrive-update.example.com";

    public RunKeyPersistence() {
        super("run-key-persistence", "Registry Run key persistence",
                List.of(new AttackTechnique("T1547.001", "Boot or Logon Autostart Execution: Registry Run Keys / Startup Folder"),
                        new AttackTechnique("T1204.002", "User Execution: Malicious File"),
                        new AttackTechnique("T1036.005", "Masquerading: Match Legitimate Name or Location")),
                RecordFormat.WINLOGBEAT_6, LocalDate.of(2026, 10, 13), List.of("DC01", "SRV01", "WKS03", "WKS04"),
                "cdiaz on WKS03 opens Shipping_Label.exe from a zip attached to a delivery notice. It copies itself to "
                        + "AppData\\Roaming\\Microsoft\\OneDriveUpdate\\onedriveupdater.exe, writes that path under HKCU's Run key as "
                        + "'OneDriveUpdater' (right beside the genuine OneDrive entry, which every logon rewrites), and calls home. "
                        + "cdiaz signs out for lunch; at the afternoon logon explorer.exe starts the implant from the Run key. "
                        + "This dataset was shipped by Winlogbeat 6 (event_data at the top level).");
    }

    @Override
    public List<HostBehaviour> behavioursFor(Host host) {
        return host.name().equals("WKS03") ? List.of(new BackgroundServices(), WorkstationUserDay.withMiddayRelogon())
                : super.behavioursFor(host);
    }

    @Override
    public void perform(ScenarioContext context) {
        HostSimulation workstation = context.machine("WKS03");
        Instant opened = context.at(LocalTime.of(10, 26, 50));
        UserDesktop morning = workstation.desktopAt(opened);
        String profile = morning.profileDirectory();
        String archive = profile + "\\Downloads\\Delivery_Notice_7731.zip";
        workstation.sysmon().fileCreate(opened.minusSeconds(40), morning.outlook(), archive);
        String dropperPath = profile + "\\AppData\\Local\\Temp\\Temp1_Delivery_Notice_7731.zip\\Shipping_Label.exe";
        SimulatedProcess dropper = workstation.start(opened, morning.explorer(), dropperPath, "\"" + dropperPath + "\" ",
                morning.session(), "Medium", profile + "\\AppData\\Local\\Temp\\Temp1_Delivery_Notice_7731.zip\\");
        String implantPath = profile + "\\AppData\\Roaming\\Microsoft\\OneDriveUpdate\\onedriveupdater.exe";
        String runValue = HelkValues.lower(implantPath) + " -silent";
        String runKey = morning.userHive() + "\\Software\\Microsoft\\Windows\\CurrentVersion\\Run\\OneDriveUpdater";
        workstation.sysmon().fileCreate(opened.plusSeconds(2), dropper, implantPath);
        workstation.sysmon().registrySetValue(opened.plusSeconds(3), dropper, runKey, runValue);
        workstation.network().lookupAndConnect(opened.plusSeconds(4), dropper, CONTROL_DOMAIN, 443);
        workstation.terminate(opened.plusSeconds(9), dropper);

        UserDesktop afternoon = workstation.desktops().get(1);
        Instant relaunched = afternoon.loggedOn().plusSeconds(14);
        SimulatedProcess implant = workstation.start(relaunched, afternoon.explorer(), implantPath, runValue,
                afternoon.session(), "Medium", profile + "\\");
        Instant moment = relaunched.plusSeconds(5);
        while (moment.isBefore(afternoon.loggedOff().minusSeconds(120))) {
            moment = workstation.network().lookupAndConnect(moment, implant, CONTROL_DOMAIN, 443).plusSeconds(600 + context.random().nextInt(1200));
        }
        workstation.terminate(afternoon.loggedOff().minusSeconds(5), implant);

        context.answers()
                .processCreated("The dropper opened from the mailed archive", dropper)
                .sysmonEvent("The Run-key value the dropper wrote", 13, dropper, Map.of(
                        "registry_key_path", HelkValues.lower(runKey), "registry_key_value", runValue), 1)
                .sysmonEvent("The implant copied into AppData", 11, dropper, Map.of("file_name", HelkValues.lower(implantPath)), 1)
                .processCreated("explorer.exe starting the implant from the Run key at the afternoon logon", implant)
                .sysmonEvent("The implant calling home", 3, implant, Map.of("dst_ip_addr", InternetDirectory.addressOf(CONTROL_DOMAIN)), 1)
                .challenge("run-value-name", "What is the name of the malicious Run value?", "onedriveupdater")
                .challenge("run-key", "What is the full registry path of the malicious Run value?", HelkValues.lower(runKey))
                .challenge("implant-path", "Which file does the Run value start?", HelkValues.lower(implantPath))
                .processNameChallenge("dropper", "Which program wrote the Run value?", dropper)
                .challenge("relaunch-parent", "Which process started the implant after the user signed in again?",
                        "explorer.exe", "explorer", "c:\\windows\\explorer.exe")
                .challenge("implant-guid", "What is the ProcessGuid of the implant started at the afternoon logon?",
                        HelkValues.guid(implant.processGuid()));
    }
}
