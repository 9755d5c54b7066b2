package io.helklab.detection;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;

/**
 * Generates a Sigma rule set shaped like a real Windows one, for benchmarks: about half process creation, then
 * registry, file, image load, Security, network and PowerShell rules; {@code contains} and {@code endswith} most
 * common; about a quarter each using {@code 1 of}, {@code all of} and {@code not} filters; a few {@code re},
 * {@code windash}, {@code cidr} and {@code base64offset}. The values come from the vocabulary of Windows attack
 * rules (tool names, switches, paths, registry keys), so that their literals are as selective as real ones.
 * Deterministic for a seed.
 */
public final class SyntheticRules {

    private static final String[] IMAGES = {"powershell.exe", "pwsh.exe", "cmd.exe", "rundll32.exe", "regsvr32.exe",
        "mshta.exe", "wscript.exe", "cscript.exe", "certutil.exe", "bitsadmin.exe", "schtasks.exe", "wmic.exe",
        "reg.exe", "net.exe", "net1.exe", "sc.exe", "msiexec.exe", "installutil.exe", "regasm.exe", "regsvcs.exe",
        "msbuild.exe", "cmstp.exe", "odbcconf.exe", "forfiles.exe", "pcalua.exe", "wsl.exe", "bash.exe",
        "vssadmin.exe", "wbadmin.exe", "bcdedit.exe", "nltest.exe", "dsquery.exe", "adfind.exe", "whoami.exe",
        "ntdsutil.exe", "procdump.exe", "psexec.exe", "psexec64.exe", "mimikatz.exe", "rclone.exe", "curl.exe",
        "tar.exe", "7z.exe", "winrar.exe", "anydesk.exe", "teamviewer.exe", "ngrok.exe", "plink.exe",
        "hh.exe", "explorer.exe", "winword.exe", "excel.exe", "outlook.exe", "sqlservr.exe", "w3wp.exe",
        "wmiprvse.exe", "svchost.exe", "lsass.exe", "taskmgr.exe", "dllhost.exe", "msdt.exe", "finger.exe",
        "esentutl.exe", "expand.exe", "extrac32.exe", "findstr.exe", "makecab.exe", "replace.exe", "xcopy.exe",
        "wevtutil.exe", "auditpol.exe", "netsh.exe", "route.exe", "arp.exe", "quser.exe", "qwinsta.exe"};
    private static final String[] SWITCHES = {" -enc ", " -nop ", " -w hidden", " -ep bypass", " /c ", " /k ",
        " -urlcache ", " -decode ", " /transfer ", " /create ", " /delete ", " shadowcopy ", " delete shadows",
        " /quiet", " -accepteula", " -ma ", " sekurlsa::", " lsadump::", " privilege::debug", " process call create",
        " /node:", " add ", " /v ", " /d ", " /f", " config ", " start= auto", " binpath=", " /i:http", " scrobj.dll",
        " javascript:", " vbscript:", " DownloadString(", " DownloadFile(", " Invoke-Expression", " IEX(",
        " FromBase64String(", " -exec bypass", " Add-MpPreference", " -ExclusionPath", " Set-MpPreference",
        " -DisableRealtimeMonitoring", " Get-ADComputer", " Get-DomainUser", " Invoke-Mimikatz", " Out-Minidump",
        " comsvcs.dll", " MiniDump", " /dumpregistry", " save hklm\\sam", " save hklm\\system", " ifm ",
        " create full", " trust_for_delegation", " /domain_trusts", " group \"domain admins\"", " localgroup administrators",
        " user /add", " /active:yes", " firewall set", " advfirewall", " portproxy", " wlan show profile",
        " clear-log", " cl security", " /set {default}", " recoveryenabled no", " resize shadowstorage",
        " --config", " copy ", " sync ", " -R ", " -L ", " -pw ", " http://", " https://", " \\\\127.0.0.1\\",
        " C:\\Users\\Public\\", " \\AppData\\Local\\Temp\\", " C:\\ProgramData\\", " \\Windows\\Temp\\", " .hta",
        " .sct", " .dll,", " ,DllRegisterServer", " ,#1", " -noni", " -sta", " Bypass", " Hidden", " -Command "};
    private static final String[] FOLDERS = {"\\AppData\\Local\\Temp\\", "\\AppData\\Roaming\\", "C:\\Users\\Public\\",
        "C:\\ProgramData\\", "\\Windows\\Temp\\", "\\Downloads\\", "C:\\PerfLogs\\", "\\Desktop\\", "\\$Recycle.Bin\\",
        "\\Windows\\Tasks\\", "\\Windows\\System32\\spool\\drivers\\color\\", "\\Start Menu\\Programs\\Startup\\"};
    private static final String[] EXTENSIONS = {".exe", ".dll", ".ps1", ".bat", ".vbs", ".js", ".hta", ".lnk",
        ".scr", ".iso", ".zip", ".dmp", ".sys", ".cpl", ".xll", ".one", ".docm", ".xlsm"};
    private static final String[] REGISTRY_KEYS = {"\\CurrentVersion\\Run\\", "\\CurrentVersion\\RunOnce\\",
        "\\Winlogon\\Userinit", "\\Winlogon\\Shell", "\\Image File Execution Options\\", "\\Services\\",
        "\\Environment\\UserInitMprLogonScript", "\\Microsoft\\Windows Defender\\", "\\Policies\\Explorer\\Run",
        "\\Control\\Lsa\\", "\\SecurityProviders\\", "\\AppInit_DLLs", "\\Terminal Server\\", "\\Print\\Monitors\\",
        "\\Office\\16.0\\Word\\Security\\", "\\Classes\\CLSID\\", "\\InprocServer32\\", "\\shell\\open\\command",
        "\\Netsh\\", "\\Command Processor\\AutoRun", "\\SilentProcessExit\\", "\\WDigest\\UseLogonCredential"};
    private static final String[] DLLS = {"dbghelp.dll", "dbgcore.dll", "comsvcs.dll", "vaultcli.dll",
        "samlib.dll", "wmiutils.dll", "clr.dll", "System.Management.Automation.dll", "vbscript.dll", "jscript9.dll",
        "wininet.dll", "winhttp.dll", "taskschd.dll", "amsi.dll", "cryptdll.dll", "credui.dll", "wldp.dll"};
    private static final String[] SCRIPT_TEXT = {"Invoke-Mimikatz", "Get-GPPPassword", "Invoke-Kerberoast",
        "New-Object Net.WebClient", "System.Reflection.Assembly", "VirtualAlloc", "Add-Type", "AmsiUtils",
        "amsiInitFailed", "Invoke-Shellcode", "Get-Keystrokes", "Invoke-TokenManipulation", "PowerView",
        "Invoke-ShareFinder", "Set-MpPreference", "Out-Minidump", "Get-Process lsass", "-bxor", "[Convert]::FromBase64String",
        "Start-BitsTransfer", "Compress-Archive", "Invoke-WMIMethod", "Get-WmiObject Win32_Shadowcopy"};
    private static final int[] SECURITY_EVENTS = {4624, 4625, 4648, 4672, 4688, 4697, 4698, 4720, 4728, 4732,
        4738, 4768, 4769, 4776, 5140, 5145, 1102, 4657, 4663, 4673};
    private static final String[] SECURITY_FIELDS = {"TargetUserName", "SubjectUserName", "ServiceName",
        "ShareName", "RelativeTargetName", "ObjectName", "ProcessName", "TicketEncryptionType", "TaskName",
        "IpAddress", "WorkstationName", "AuthenticationPackageName"};

    private SyntheticRules() {
    }

    /** {@code count} rules as one multi-document YAML text. */
    public static String yaml(int count, long seed) {
        Random random = new Random(seed);
        StringBuilder yaml = new StringBuilder(count * 400);
        for (int i = 0; i < count; i++) {
            if (i > 0) {
                yaml.append("---\n");
            }
            yaml.append(rule(i, random));
        }
        return yaml.toString();
    }

    private static String rule(int index, Random random) {
        double kind = random.nextDouble();
        String logsource;
        List<String> selections;
        if (kind < 0.50) {
            logsource = "    category: process_creation\n    product: windows\n";
            selections = processCreation(random);
        } else if (kind < 0.63) {
            logsource = "    category: registry_set\n    product: windows\n";
            selections = List.of(selection("selection", entry("TargetObject", "contains", pick(random, REGISTRY_KEYS)),
                    random.nextBoolean() ? entry("Details", "contains", list(random, FOLDERS, 2)) : null));
        } else if (kind < 0.73) {
            logsource = "    category: file_event\n    product: windows\n";
            selections = List.of(selection("selection", entry("TargetFilename", "contains", pick(random, FOLDERS)),
                    entry("TargetFilename", "endswith", list(random, EXTENSIONS, 3))));
        } else if (kind < 0.80) {
            logsource = "    category: image_load\n    product: windows\n";
            selections = List.of(selection("selection", entry("ImageLoaded", "endswith", pickAfterBackslash(random, DLLS)),
                    entry("Image", "endswith", list(random, IMAGES, 3))));
        } else if (kind < 0.88) {
            logsource = "    product: windows\n    service: security\n";
            int eventId = SECURITY_EVENTS[random.nextInt(SECURITY_EVENTS.length)];
            String field = SECURITY_FIELDS[random.nextInt(SECURITY_FIELDS.length)];
            selections = List.of(selection("selection", "        EventID: " + eventId + "\n",
                    entry(field, random.nextBoolean() ? "contains" : "endswith", quote("x" + word(random)))));
        } else if (kind < 0.94) {
            logsource = "    category: network_connection\n    product: windows\n";
            String destination = random.nextInt(4) == 0
                    ? entry("DestinationIp", "cidr", "'" + (random.nextInt(223) + 1) + ".0.0.0/8'")
                    : entry("DestinationPort", null, Integer.toString(1024 + random.nextInt(60000)));
            selections = List.of(selection("selection", entry("Image", "endswith", list(random, IMAGES, 2)),
                    destination));
        } else {
            logsource = "    category: ps_script\n    product: windows\n";
            selections = List.of(selection("selection", entry("ScriptBlockText", "contains",
                    list(random, SCRIPT_TEXT, 2))));
        }
        List<String> parts = new ArrayList<>(selections);
        String condition = switch (selections.size()) {
            case 1 -> "selection";
            case 2 -> "all of selection_*";
            default -> "selection_img and 1 of selection_cli_*";
        };
        if (random.nextInt(4) == 0) {
            parts.add(selection("filter_main", entry("Image", "startswith", "'C:\\Program Files\\" + word(random) + "\\'")));
            condition += " and not filter_main";
        }
        return "title: Synthetic rule " + index + "\nid: " + new UUID(random.nextLong(), random.nextLong())
                + "\nstatus: test\nauthor: HELK lab benchmark\nlevel: medium\nlogsource:\n" + logsource
                + "detection:\n" + String.join("", parts) + "    condition: " + condition + "\n";
    }

    private static List<String> processCreation(Random random) {
        List<String> selections = new ArrayList<>();
        String image = entry("Image", "endswith", pickAfterBackslash(random, IMAGES));
        double shape = random.nextDouble();
        String commandLine;
        if (shape < 0.04) {
            commandLine = entry("CommandLine", "re", "'" + regex(random) + "'");
        } else if (shape < 0.08) {
            commandLine = entry("CommandLine", "windash|contains", list(random, SWITCHES, 2));
        } else if (shape < 0.10) {
            commandLine = entry("CommandLine", "base64offset|contains", "'" + word(random) + "Invoke'");
        } else if (shape < 0.35) {
            commandLine = entry("CommandLine", "contains|all", list(random, SWITCHES, 2));
        } else {
            commandLine = entry("CommandLine", "contains", list(random, SWITCHES, 1 + random.nextInt(3)));
        }
        double form = random.nextDouble();
        if (form < 0.5) {
            selections.add(selection("selection", image, commandLine));
        } else if (form < 0.75) {
            selections.add(selection("selection_img", image, null));
            selections.add(selection("selection_cli", commandLine, null));
        } else if (form < 0.9) {
            selections.add(selection("selection_img", image, null));
            selections.add(selection("selection_cli_a", commandLine, null));
            selections.add(selection("selection_cli_b", entry("CommandLine", "contains", list(random, SWITCHES, 2)),
                    null));
        } else {
            selections.add(selection("selection", entry("ParentImage", "endswith", pickAfterBackslash(random, IMAGES)),
                    image));
        }
        return selections;
    }

    private static String regex(Random random) {
        String switchText = pick(random, SWITCHES).strip().replaceAll("[^A-Za-z0-9 ]", "");
        return "(?i)" + (switchText.isEmpty() ? "x" : switchText) + "\\s+[a-z0-9]{" + (8 + random.nextInt(20)) + ",}";
    }

    private static String selection(String name, String first, String second) {
        return "    " + name + ":\n" + first + (second == null ? "" : second);
    }

    private static String selection(String name, String only) {
        return selection(name, only, null);
    }

    private static String entry(String field, String modifiers, String values) {
        String value = values.startsWith("\n") ? values : " " + values.strip();
        return "        " + field + (modifiers == null ? "" : "|" + modifiers) + ":" + value + "\n";
    }

    private static String list(Random random, String[] vocabulary, int count) {
        StringBuilder values = new StringBuilder("\n");
        for (int i = 0; i < count; i++) {
            values.append("            - ").append(quote(vocabulary[random.nextInt(vocabulary.length)])).append('\n');
        }
        return values.toString().stripTrailing();
    }

    private static String pick(Random random, String[] vocabulary) {
        return quote(vocabulary[random.nextInt(vocabulary.length)]);
    }

    private static String pickAfterBackslash(Random random, String[] vocabulary) {
        return quote("\\" + vocabulary[random.nextInt(vocabulary.length)]);
    }

    private static String quote(String value) {
        return "'" + value.replace("'", "''") + "'";
    }

    private static String word(Random random) {
        StringBuilder word = new StringBuilder();
        for (int i = 0; i < 6; i++) {
            word.append((char) ('a' + random.nextInt(26)));
        }
        return word.toString();
    }
}
