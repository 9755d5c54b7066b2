package io.helklab.samples.generator.simulation;

import io.helklab.samples.generator.domain.Account;
import io.helklab.samples.generator.domain.LogonSession;
import io.helklab.samples.generator.domain.SimulatedProcess;

import java.time.Instant;
import java.util.Random;

/**
 * Interactive logons on a workstation as the logs record them: the Security events (4624/4672 and 4634
 * at the end) and the process chain winlogon → userinit → explorer with its start-up applications.
 */
final class InteractiveLogons {

    static final String EDGE = "C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe";
    static final String OUTLOOK = "C:\\Program Files\\Microsoft Office\\root\\Office16\\OUTLOOK.EXE";
    static final String ONEDRIVE = "C:\\Users\\Public\\OneDrive\\OneDrive.exe";

    private InteractiveLogons() {
    }

    /** Logs {@code account} on at {@code time} and starts the desktop; the desktop ends at {@code logoff}. */
    static UserDesktop logOn(HostSimulation machine, Account account, Instant time, Instant logoff) {
        Random random = machine.random();
        String system32 = HostSimulation.SYSTEM32;
        LogonSession session = machine.newSession(account, time, 2, 1, "Medium");
        SimulatedProcess winlogon = machine.service("winlogon");
        machine.security().logon(time, session, true, machine.host().name(), "127.0.0.1", 0, system32 + "winlogon.exe",
                winlogon.processId(), false);
        Instant shell = time.plusSeconds(2);
        String profile = "C:\\Users\\" + account.name();
        SimulatedProcess userinit = machine.start(shell, winlogon, system32 + "userinit.exe", system32 + "userinit.exe", session, "Medium", system32);
        SimulatedProcess explorer = machine.start(shell.plusSeconds(1), userinit, "C:\\Windows\\explorer.exe", "C:\\Windows\\Explorer.EXE",
                session, "Medium", system32);
        machine.terminate(shell.plusSeconds(12), userinit);
        machine.start(shell.plusSeconds(1), machine.service("svchost:DcomLaunch"), system32 + "sihost.exe", "sihost.exe", session, "Medium", system32);
        machine.start(shell.plusSeconds(3), machine.service("svchost:DcomLaunch"), system32 + "RuntimeBroker.exe",
                system32 + "RuntimeBroker.exe -Embedding", session, "Medium", system32);
        SimulatedProcess oneDrive = machine.start(shell.plusSeconds(9), explorer, ONEDRIVE, "\"" + ONEDRIVE + "\" /background",
                session, "Medium", profile);
        machine.sysmon().registrySetValue(shell.plusSeconds(11), oneDrive, "HKU\\" + account.sid()
                + "\\Software\\Microsoft\\Windows\\CurrentVersion\\Run\\OneDrive", "\"" + ONEDRIVE + "\" /background");
        machine.network().lookupAndConnect(shell.plusSeconds(14), oneDrive, "g.live.com", 443);
        machine.network().lookupAndConnect(shell.plusSeconds(16), oneDrive, "skyapi.live.net", 443);
        SimulatedProcess outlook = machine.start(shell.plusSeconds(60 + random.nextInt(240)), explorer, OUTLOOK,
                "\"" + OUTLOOK + "\" ", session, "Medium", profile);
        SimulatedProcess browser = machine.start(shell.plusSeconds(120 + random.nextInt(300)), explorer, EDGE,
                "\"" + EDGE + "\" --single-argument https://intranet.helk.lab/", session, "Medium",
                "C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\");
        return new UserDesktop(session, explorer, browser, outlook, time, logoff);
    }

    /** The user leaves: applications close, the session ends (4634). */
    static void logOff(HostSimulation machine, UserDesktop desktop) {
        Instant time = desktop.loggedOff();
        machine.terminate(time.minusSeconds(40), desktop.outlook());
        machine.terminate(time.minusSeconds(25), desktop.browser());
        machine.terminate(time.minusSeconds(3), desktop.explorer());
        machine.security().logoff(time, desktop.session());
    }

    /** Unlocking the screen is a new logon of type 7 that Windows closes again at once. */
    static void unlock(HostSimulation machine, UserDesktop desktop, Instant time) {
        LogonSession unlock = machine.newSession(desktop.session().account(), time, 7, 1, "Medium");
        SimulatedProcess winlogon = machine.service("winlogon");
        machine.security().logon(time, unlock, true, machine.host().name(), "127.0.0.1", 0,
                HostSimulation.SYSTEM32 + "winlogon.exe", winlogon.processId(), false);
        machine.security().logoff(time.plusMillis(1500), unlock);
    }
}
