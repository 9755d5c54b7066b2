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

/** An implant started at logon on WKS02 beacons every five minutes with ±10 % jitter over HTTPS. */
public final class PeriodicBeaconing extends AttackScenario {

    private static final String CONTROL_DOMAIN = "api.telemetry-sync.example.org";
    private static final int INTERVAL_SECONDS = 300;

    public PeriodicBeaconing() {
        super("periodic-beaconing", "Command-and-control beaconing at a regular interval",
                List.of(new AttackTechnique("T1071.001", "Application Layer Protocol: Web Protocols"),
                        new AttackTechnique("T1573", "Encrypted Channel"),
                        new AttackTechnique("T1029", "Scheduled Transfer")),
                RecordFormat.WINLOGBEAT_7, LocalDate.of(2026, 10, 15), List.of("DC01", "SRV01", "WKS01", "WKS02"),
                "An implant installed on WKS02 before the window (synchelper.exe in bchen's AppData\\Local\\Programs) starts "
                        + "with bchen's logon and from then on resolves and connects to one external host every 300 seconds, give or "
                        + "take 10 %, until bchen leaves. Browsers and Outlook also connect all day, but irregularly and to many hosts: "
                        + "the hunt is for the one process whose DNS (22) and network (3) events come at a near-constant interval.");
    }

    @Override
    public void perform(ScenarioContext context) {
        HostSimulation workstation = context.machine("WKS02");
        UserDesktop desktop = workstation.desktopAt(context.at(LocalTime.of(10, 0)));
        String implantPath = desktop.profileDirectory() + "\\AppData\\Local\\Programs\\SyncHelper\\synchelper.exe";
        Instant started = desktop.loggedOn().plusSeconds(17);
        SimulatedProcess implant = workstation.start(started, desktop.explorer(), implantPath, "\"" + implantPath + "\" --background",
                desktop.session(), "Medium", desktop.profileDirectory() + "\\AppData\\Local\\Programs\\SyncHelper\\");
        int beacons = 0;
        for (Instant beacon = started.plusSeconds(20); beacon.isBefore(desktop.loggedOff().minusSeconds(60));
             beacon = beacon.plusMillis(INTERVAL_SECONDS * 1000L + (long) ((context.random().nextDouble() - 0.5) * 0.2 * INTERVAL_SECONDS * 1000))) {
            workstation.network().lookupAndConnect(beacon, implant, CONTROL_DOMAIN, 443);
            beacons++;
        }
        workstation.terminate(desktop.loggedOff().minusSeconds(35), implant);

        context.answers()
                .processCreated("The beaconing implant started at logon by explorer.exe", implant)
                .sysmonEvent("Every beacon's DNS query", 22, implant, Map.of("dns_query_name", CONTROL_DOMAIN), beacons)
                .sysmonEvent("Every beacon's connection", 3, implant, Map.of("dst_ip_addr", InternetDirectory.addressOf(CONTROL_DOMAIN)), beacons)
                .challenge("control-domain", "Which host name does the beacon contact?", CONTROL_DOMAIN)
                .challenge("interval", "What is the beacon interval?", "300", "300s", "300 seconds", "5 minutes", "5 min", "5m")
                .challenge("implant-path", "Which executable beacons?", HelkValues.lower(implantPath), "synchelper.exe")
                .challenge("destination-ip", "Which IP address does the beacon connect to?", InternetDirectory.addressOf(CONTROL_DOMAIN))
                .challenge("process-guid", "What is the ProcessGuid of the beaconing process?", HelkValues.guid(implant.processGuid()));
    }
}
