package io.helklab.samples.generator.simulation;

import io.helklab.samples.generator.domain.Account;
import io.helklab.samples.generator.domain.SimulatedProcess;

import java.time.Instant;
import java.time.LocalTime;
import java.util.List;
import java.util.Random;

/**
 * An employee's working day at their workstation: logon in the morning, mail and browser all day,
 * documents opened and closed, downloads, the odd command prompt, file-share access, a screen lock
 * at lunch (or, for {@link #withMiddayRelogon()}, a full sign-out and sign-in) and logoff in the evening.
 * Immutable; each call simulates one machine over one window.
 */
public final class WorkstationUserDay implements HostBehaviour {

    private static final List<String> WEBSITES = List.of("www.bing.com", "www.office.com", "login.microsoftonline.com",
            "www.linkedin.com", "en.wikipedia.org", "github.com", "stackoverflow.com", "www.google.com", "fonts.gstatic.com",
            "www.youtube.com", "helk-lab.sharepoint.com", "teams.microsoft.com", "www.msn.com", "edge.microsoft.com",
            "docs.microsoft.com", "www.bbc.co.uk", "weather.com", "maps.google.com");
    private static final List<String> DOCUMENTS = List.of("Quarterly report.docx", "Budget 2027.xlsx", "Meeting notes.docx",
            "Customer list.xlsx", "Project plan.docx", "Travel expenses.xlsx", "Onboarding checklist.docx");
    private static final String OFFICE = "C:\\Program Files\\Microsoft Office\\root\\Office16\\";

    private final boolean middayRelogon;

    private WorkstationUserDay(boolean middayRelogon) {
        this.middayRelogon = middayRelogon;
    }

    public static WorkstationUserDay standard() {
        return new WorkstationUserDay(false);
    }

    /** The user signs out before lunch and in again after it, so logon-time persistence fires in the window. */
    public static WorkstationUserDay withMiddayRelogon() {
        return new WorkstationUserDay(true);
    }

    @Override
    public void simulate(HostSimulation machine, TimeWindow window) {
        Random random = machine.random();
        Account user = machine.domain().primaryUser(machine.host());
        Instant arrival = TimeWindow.between(random, window.at(LocalTime.of(7, 20)), window.at(LocalTime.of(8, 40)));
        Instant lunch = TimeWindow.between(random, window.at(LocalTime.of(11, 50)), window.at(LocalTime.of(12, 20)));
        Instant back = lunch.plusSeconds(2400 + random.nextInt(1200));
        Instant departure = TimeWindow.between(random, window.at(LocalTime.of(17, 0)), window.at(LocalTime.of(18, 30)));
        if (middayRelogon) {
            UserDesktop morning = InteractiveLogons.logOn(machine, user, arrival, lunch);
            work(machine, morning, arrival.plusSeconds(600), lunch.minusSeconds(120));
            InteractiveLogons.logOff(machine, morning);
            UserDesktop afternoon = InteractiveLogons.logOn(machine, user, back, departure);
            work(machine, afternoon, back.plusSeconds(600), departure.minusSeconds(120));
            InteractiveLogons.logOff(machine, afternoon);
            machine.addDesktop(morning);
            machine.addDesktop(afternoon);
        } else {
            UserDesktop desktop = InteractiveLogons.logOn(machine, user, arrival, departure);
            work(machine, desktop, arrival.plusSeconds(600), lunch);
            InteractiveLogons.unlock(machine, desktop, back);
            work(machine, desktop, back.plusSeconds(30), departure.minusSeconds(120));
            InteractiveLogons.logOff(machine, desktop);
            machine.addDesktop(desktop);
        }
    }

    private void work(HostSimulation machine, UserDesktop desktop, Instant from, Instant until) {
        Random random = machine.random();
        for (Instant time = BackgroundServices.step(from, random, 20, 150); time.isBefore(until);
             time = BackgroundServices.step(time, random, 20, 150)) {
            int choice = random.nextInt(100);
            if (choice < 45) {
                browse(machine, desktop, time);
            } else if (choice < 60) {
                machine.network().lookupAndConnect(time, desktop.outlook(), "outlook.office365.com", 443);
            } else if (choice < 70) {
                openDocument(machine, desktop, time, until);
            } else if (choice < 78) {
                download(machine, desktop, time);
            } else if (choice < 85) {
                shortTool(machine, desktop, time);
            } else if (choice < 95) {
                SimulatedProcess renderer = machine.start(time, desktop.browser(), InteractiveLogons.EDGE,
                        "\"" + InteractiveLogons.EDGE + "\" --type=renderer --instant-process --lang=en-US --js-flags=--ms-user-locale= "
                                + "--device-scale-factor=1 --num-raster-threads=2 --renderer-client-id=" + (10 + random.nextInt(200))
                                + " --mojo-platform-channel-handle=" + (4000 + random.nextInt(4000)) + " /prefetch:1");
                machine.terminate(BackgroundServices.step(time, random, 60, 1800), renderer);
            } else {
                machine.network().resolve(time, desktop.explorer(), machine.domain().host("SRV01"));
                machine.network().connectOut(time.plusMillis(30), desktop.explorer(), machine.domain().host("SRV01"), 445);
            }
        }
    }

    private void browse(HostSimulation machine, UserDesktop desktop, Instant time) {
        Random random = machine.random();
        Instant moment = time;
        for (int site = 1 + random.nextInt(3); site > 0; site--) {
            moment = machine.network().lookupAndConnect(moment, desktop.browser(), WEBSITES.get(random.nextInt(WEBSITES.size())), 443)
                    .plusMillis(200 + random.nextInt(4000));
        }
    }

    private void openDocument(HostSimulation machine, UserDesktop desktop, Instant time, Instant until) {
        Random random = machine.random();
        String document = DOCUMENTS.get(random.nextInt(DOCUMENTS.size()));
        String path = desktop.profileDirectory() + "\\Documents\\" + document;
        String application = OFFICE + (document.endsWith(".xlsx") ? "EXCEL.EXE" : "WINWORD.EXE");
        SimulatedProcess office = machine.start(time, desktop.explorer(), application, "\"" + application + "\" /n \"" + path + "\"",
                desktop.session(), "Medium", desktop.profileDirectory() + "\\Documents\\");
        machine.loadModules(time.plusMillis(600), office, HostSimulation.SYSTEM32 + "wininet.dll", HostSimulation.SYSTEM32 + "amsi.dll");
        machine.sysmon().fileCreate(time.plusSeconds(2), office, desktop.profileDirectory() + "\\Documents\\~$" + document.substring(2));
        machine.sysmon().fileCreate(time.plusSeconds(3), office, desktop.profileDirectory()
                + "\\AppData\\Roaming\\Microsoft\\Windows\\Recent\\" + document + ".LNK");
        machine.sysmon().registrySetValue(time.plusSeconds(3), desktop.explorer(), desktop.userHive()
                + "\\Software\\Microsoft\\Windows\\CurrentVersion\\Explorer\\RecentDocs\\" + document.substring(document.lastIndexOf('.'))
                + "\\MRUListEx", "Binary Data");
        machine.network().lookupAndConnect(time.plusSeconds(4), office, "officeclient.microsoft.com", 443);
        Instant closed = BackgroundServices.step(time, random, 300, 2700);
        machine.terminate(closed.isBefore(until) ? closed : until, office);
    }

    private void download(HostSimulation machine, UserDesktop desktop, Instant time) {
        Random random = machine.random();
        String[] files = {"agenda.pdf", "invoice_" + (1000 + random.nextInt(9000)) + ".pdf", "brochure.pdf", "slides.pptx",
                "report-" + (10 + random.nextInt(80)) + ".xlsx"};
        String file = files[random.nextInt(files.length)];
        machine.network().lookupAndConnect(time, desktop.browser(), WEBSITES.get(random.nextInt(WEBSITES.size())), 443);
        machine.sysmon().fileCreate(time.plusSeconds(1), desktop.browser(), desktop.profileDirectory() + "\\Downloads\\"
                + file.replace(".", " (" + (1 + random.nextInt(3)) + ").").replace(" (1).", "."));
    }

    private void shortTool(HostSimulation machine, UserDesktop desktop, Instant time) {
        Random random = machine.random();
        String system32 = HostSimulation.SYSTEM32;
        SimulatedProcess tool = random.nextBoolean()
                ? machine.start(time, desktop.explorer(), system32 + "notepad.exe", "\"" + system32 + "notepad.exe\" "
                + desktop.profileDirectory() + "\\Desktop\\todo.txt", desktop.session(), "Medium", desktop.profileDirectory() + "\\")
                : machine.start(time, desktop.explorer(), system32 + "cmd.exe", "\"" + system32 + "cmd.exe\" ",
                desktop.session(), "Medium", desktop.profileDirectory() + "\\");
        if (tool.image().fileName().equals("cmd.exe")) {
            SimulatedProcess conhost = machine.start(time.plusMillis(40), tool, system32 + "conhost.exe",
                    "\\??\\C:\\Windows\\system32\\conhost.exe 0xffffffff -ForceV1");
            SimulatedProcess child = random.nextBoolean()
                    ? machine.start(time.plusSeconds(8), tool, system32 + "ipconfig.exe", "ipconfig  /all")
                    : machine.start(time.plusSeconds(8), tool, system32 + "net.exe", "net  use");
            machine.terminate(time.plusSeconds(9), child);
            Instant closed = time.plusSeconds(60 + random.nextInt(300));
            // Closing a console makes csrss.exe start CtrlRoutine in it: the benign face of event 8.
            machine.sysmon().createRemoteThread(closed.minusMillis(30), machine.service("csrss"), tool, machine.newThreadId(),
                    "0x00007FFB4E1A2B40", HostSimulation.SYSTEM32 + "KERNELBASE.dll", "CtrlRoutine");
            machine.terminate(closed, conhost);
            machine.terminate(closed.plusMillis(5), tool);
            return;
        }
        machine.terminate(time.plusSeconds(60 + random.nextInt(300) + 1), tool);
    }
}
