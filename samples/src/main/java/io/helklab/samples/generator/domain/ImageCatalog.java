package io.helklab.samples.generator.domain;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Version resources of the Windows and application binaries the simulation runs. Paths not listed
 * become {@link ExecutableImage#unsigned unsigned} images, which is how Sysmon shows dropped tools.
 * Thread-safe: the table is built once and only read.
 */
public final class ImageCatalog {

    private static final String MICROSOFT = "Microsoft Corporation";
    private static final String WINDOWS = "Microsoft® Windows® Operating System";
    private static final String WINDOWS_VERSION = "10.0.19041.4355 (WinBuild.160101.0800)";
    private static final String SERVER_VERSION = "10.0.20348.2340 (WinBuild.160101.0800)";
    private static final String MICROSOFT_SIGNATURE = "Microsoft Windows";

    /** What every PowerShell process loads: the .NET runtime, the automation engine and AMSI. */
    public static final String[] POWERSHELL_RUNTIME_MODULES = {"C:\\Windows\\System32\\mscoree.dll", "C:\\Windows\\System32\\clr.dll",
            "C:\\Windows\\assembly\\NativeImages_v4.0.30319_64\\System.Manaa57fc8cc#\\3c1cd5e0a8b71f6b7a0ad5f1d23bf11d\\System.Management.Automation.ni.dll",
            "C:\\Windows\\System32\\amsi.dll"};

    private static final Map<String, ExecutableImage> IMAGES = new HashMap<>();

    static {
        windows("C:\\Windows\\System32\\smss.exe", "Windows Session Manager");
        windows("C:\\Windows\\System32\\csrss.exe", "Client Server Runtime Process");
        windows("C:\\Windows\\System32\\wininit.exe", "Windows Start-Up Application");
        windows("C:\\Windows\\System32\\winlogon.exe", "Windows Logon Application");
        windows("C:\\Windows\\System32\\services.exe", "Services and Controller app");
        windows("C:\\Windows\\System32\\lsass.exe", "Local Security Authority Process");
        windows("C:\\Windows\\System32\\svchost.exe", "Host Process for Windows Services");
        windows("C:\\Windows\\System32\\userinit.exe", "Userinit Logon Application");
        windows("C:\\Windows\\explorer.exe", "Windows Explorer");
        windows("C:\\Windows\\System32\\sihost.exe", "Shell Infrastructure Host");
        windows("C:\\Windows\\System32\\taskhostw.exe", "Host Process for Windows Tasks");
        windows("C:\\Windows\\System32\\RuntimeBroker.exe", "Runtime Broker");
        windows("C:\\Windows\\System32\\dllhost.exe", "COM Surrogate");
        windows("C:\\Windows\\System32\\conhost.exe", "Console Window Host");
        windows("C:\\Windows\\System32\\cmd.exe", "Windows Command Processor");
        windows("C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe", "Windows PowerShell");
        windows("C:\\Windows\\System32\\rundll32.exe", "Windows host process (Rundll32)");
        windows("C:\\Windows\\System32\\mshta.exe", "Microsoft (R) HTML Application host");
        windows("C:\\Windows\\System32\\schtasks.exe", "Task Scheduler Configuration Tool");
        windows("C:\\Windows\\System32\\wbem\\WmiPrvSE.exe", "WMI Provider Host");
        windows("C:\\Windows\\System32\\wbem\\scrcons.exe", "WMI Standard Event Consumer - scripting");
        windows("C:\\Windows\\System32\\SearchIndexer.exe", "Microsoft Windows Search Indexer");
        windows("C:\\Windows\\System32\\SearchProtocolHost.exe", "Microsoft Windows Search Protocol Host");
        windows("C:\\Windows\\System32\\SearchFilterHost.exe", "Microsoft Windows Search Filter Host");
        windows("C:\\Windows\\System32\\backgroundTaskHost.exe", "Background Task Host");
        windows("C:\\Windows\\System32\\wuauclt.exe", "Windows Update");
        windows("C:\\Windows\\System32\\MusNotification.exe", "MusNotification.exe");
        windows("C:\\Windows\\System32\\gpupdate.exe", "Microsoft® Windows Group Policy Update Utility");
        windows("C:\\Windows\\System32\\whoami.exe", "whoami - displays logged on user information");
        windows("C:\\Windows\\System32\\ipconfig.exe", "IP Configuration Utility");
        windows("C:\\Windows\\System32\\net.exe", "Net Command");
        windows("C:\\Windows\\System32\\notepad.exe", "Notepad");
        windows("C:\\Windows\\System32\\spoolsv.exe", "Spooler SubSystem App");
        windows("C:\\Windows\\System32\\msiexec.exe", "Windows® installer");
        windows("C:\\Windows\\System32\\dns.exe", "Domain Name System (DNS) Server");
        windows("C:\\Windows\\System32\\sppsvc.exe", "Microsoft Software Protection Platform Service");
        windows("C:\\Windows\\System32\\wbem\\WMIC.exe", "WMI Commandline Utility");
        windows("C:\\Windows\\servicing\\TrustedInstaller.exe", "Windows Modules Installer");
        windows("C:\\Windows\\WinSxS\\amd64_microsoft-windows-servicingstack_31bf3856ad364e35_10.0.19041.4351_none_7e4f5d9b8a1c2e55\\TiWorker.exe",
                "Windows Modules Installer Worker");
        windows("C:\\Windows\\System32\\certutil.exe", "CertUtil.exe");
        windows("C:\\Windows\\System32\\Sysmon64.exe", "System activity monitor");
        windows("C:\\Windows\\System32\\ntdll.dll", "NT Layer DLL");
        windows("C:\\Windows\\System32\\kernel32.dll", "Windows NT BASE API Client DLL");
        windows("C:\\Windows\\System32\\dbghelp.dll", "Windows Image Helper");
        windows("C:\\Windows\\System32\\dbgcore.dll", "Windows Core Debugging Helpers");
        windows("C:\\Windows\\System32\\vaultcli.dll", "Credential Vault Client Library");
        windows("C:\\Windows\\System32\\samlib.dll", "SAM Library DLL");
        windows("C:\\Windows\\System32\\wininet.dll", "Internet Extensions for Win32");
        windows("C:\\Windows\\System32\\winhttp.dll", "Windows HTTP Services");
        windows("C:\\Windows\\System32\\mshtml.dll", "Microsoft (R) HTML Viewer");
        windows("C:\\Windows\\System32\\jscript9.dll", "Microsoft (R) JScript");
        windows("C:\\Windows\\System32\\vbscript.dll", "Microsoft ® VBScript");
        windows("C:\\Windows\\System32\\wbem\\wmiutils.dll", "WMI");
        windows("C:\\Windows\\System32\\taskschd.dll", "Task Scheduler COM API");
        windows("C:\\Windows\\System32\\amsi.dll", "Anti-Malware Scan Interface");
        windows("C:\\Windows\\System32\\clr.dll", "Microsoft .NET Runtime Common Language Runtime - WorkStation");
        windows("C:\\Windows\\System32\\mscoree.dll", "Microsoft .NET Runtime Execution Engine");
        image("C:\\Windows\\assembly\\NativeImages_v4.0.30319_64\\System.Manaa57fc8cc#\\3c1cd5e0a8b71f6b7a0ad5f1d23bf11d\\System.Management.Automation.ni.dll",
                "10.0.19041.1", "System.Management.Automation", "Microsoft (R) Windows (R) Operating System", MICROSOFT,
                "System.Management.Automation.dll", MICROSOFT_SIGNATURE);
        image("C:\\Program Files\\Microsoft Office\\root\\VFS\\ProgramFilesCommonX86\\Microsoft Shared\\VBA\\VBA7.1\\VBE7.DLL",
                "7.01.1054", "Visual Basic for Applications Runtime", "Visual Basic for Applications", MICROSOFT, "VBE7.DLL",
                "Microsoft Corporation");
        image("C:\\Users\\bchen\\Downloads\\PsExec64.exe", "2.43", "Execute processes remotely", "Sysinternals PsExec",
                "Sysinternals - www.sysinternals.com", "psexec.exe", "Microsoft Corporation");
        image("C:\\Windows\\PSEXESVC.exe", "2.43", "PsExec Service", "Sysinternals PsExec", "Sysinternals - www.sysinternals.com",
                "psexesvc.exe", "Microsoft Corporation");
        image("C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe", "129.0.2792.65", "Microsoft Edge",
                "Microsoft Edge", MICROSOFT, "msedge.exe", "Microsoft Corporation");
        image("C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe", "129.0.6668.90", "Google Chrome", "Google Chrome",
                "Google LLC", "chrome.exe", "Google LLC");
        office("C:\\Program Files\\Microsoft Office\\root\\Office16\\WINWORD.EXE", "Microsoft Word", "WinWord.exe");
        office("C:\\Program Files\\Microsoft Office\\root\\Office16\\EXCEL.EXE", "Microsoft Excel", "Excel.exe");
        office("C:\\Program Files\\Microsoft Office\\root\\Office16\\OUTLOOK.EXE", "Microsoft Outlook", "Outlook.exe");
        office("C:\\Program Files\\Common Files\\microsoft shared\\ClickToRun\\OfficeClickToRun.exe",
                "Microsoft Office Click-to-Run", "OfficeClickToRun.exe");
        image("C:\\ProgramData\\Microsoft\\Windows Defender\\Platform\\4.18.24090.11-0\\MsMpEng.exe", "4.18.24090.11",
                "Antimalware Service Executable", WINDOWS, MICROSOFT, "MsMpEng.exe", "Microsoft Windows Publisher");
        image("C:\\ProgramData\\Microsoft\\Windows Defender\\Platform\\4.18.24090.11-0\\MpCmdRun.exe", "4.18.24090.11",
                "Microsoft Malware Protection Command Line Utility", WINDOWS, MICROSOFT, "MpCmdRun.exe", "Microsoft Windows Publisher");
        image("C:\\Users\\Public\\OneDrive\\OneDrive.exe", "24.186.0915.0001", "Microsoft OneDrive", "Microsoft OneDrive",
                MICROSOFT, "OneDrive.exe", "Microsoft Corporation");
        image("C:\\Program Files (x86)\\Microsoft\\EdgeUpdate\\MicrosoftEdgeUpdate.exe", "1.3.195.19",
                "Microsoft Edge Update", "Microsoft Edge Update", MICROSOFT, "MicrosoftEdgeUpdate.exe", "Microsoft Corporation");
        image("C:\\Program Files\\Microsoft SQL Server\\MSSQL15.MSSQLSERVER\\MSSQL\\Binn\\sqlservr.exe", "2019.150.4375.4",
                "SQL Server Windows NT - 64 Bit", "Microsoft SQL Server", MICROSOFT, "sqlservr.exe", "Microsoft Corporation");
        image("C:\\Program Files\\Veeam\\Endpoint Backup\\Veeam.EndPoint.Service.exe", "6.1.0.1", "Veeam Agent Service",
                "Veeam Agent for Microsoft Windows", "Veeam Software Group GmbH", "Veeam.EndPoint.Service.exe", "Veeam Software Group GmbH");
    }

    private ImageCatalog() {
    }

    /** The catalogued image at this path, or an unsigned image without a version resource. */
    public static ExecutableImage image(String path) {
        ExecutableImage known = IMAGES.get(path.toLowerCase(Locale.ROOT));
        return known != null ? known : ExecutableImage.unsigned(path);
    }

    private static void windows(String path, String description) {
        String version = path.contains("dns.exe") ? SERVER_VERSION : WINDOWS_VERSION;
        String fileName = path.substring(path.lastIndexOf('\\') + 1);
        image(path, version, description, WINDOWS, MICROSOFT, fileName, MICROSOFT_SIGNATURE);
    }

    private static void office(String path, String description, String originalFileName) {
        image(path, "16.0.17928.20156", description, "Microsoft Office", MICROSOFT, originalFileName, "Microsoft Corporation");
    }

    private static void image(String path, String version, String description, String product, String company,
                              String originalFileName, String signature) {
        IMAGES.put(path.toLowerCase(Locale.ROOT),
                new ExecutableImage(path, version, description, product, company, originalFileName, true, signature));
    }
}
