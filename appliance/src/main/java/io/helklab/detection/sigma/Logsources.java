package io.helklab.detection.sigma;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Sigma's Windows taxonomy: which channel and event ids a {@code logsource} means.
 *
 * <p>Categories are Sysmon's event types. {@code process_creation} is Sysmon event 1 only, not Security 4688:
 * 4688 names its fields differently ({@code NewProcessName}, {@code ParentProcessName}, no hashes, no
 * {@code OriginalFileName}), so a rule written for Sysmon's fields would silently miss or misfire on it. Rules
 * for 4688 say {@code service: security} with {@code EventID: 4688}. The PowerShell categories are the
 * PowerShell channels' script block, module and classic events. A logsource not listed here makes the rule
 * unsupported rather than matching everything.
 */
public final class Logsources {

    private static final String SYSMON = "microsoft-windows-sysmon/operational";
    private static final String POWERSHELL = "microsoft-windows-powershell/operational";
    private static final String POWERSHELL_CLASSIC = "windows powershell";

    private static final Map<String, Logsource> CATEGORIES = new HashMap<>();
    private static final Map<String, Set<String>> SERVICES = new HashMap<>();

    static {
        sysmon("process_creation", 1);
        sysmon("file_change", 2);
        sysmon("network_connection", 3);
        sysmon("sysmon_status", 4, 16);
        sysmon("process_termination", 5);
        sysmon("driver_load", 6);
        sysmon("image_load", 7);
        sysmon("create_remote_thread", 8);
        sysmon("raw_access_thread", 9);
        sysmon("raw_access_read", 9);
        sysmon("process_access", 10);
        sysmon("file_event", 11);
        sysmon("file_creation", 11);
        sysmon("registry_add", 12);
        sysmon("registry_delete", 12);
        sysmon("registry_set", 13);
        sysmon("registry_rename", 14);
        sysmon("registry_event", 12, 13, 14);
        sysmon("create_stream_hash", 15);
        sysmon("pipe_created", 17, 18);
        sysmon("wmi_event", 19, 20, 21);
        sysmon("dns_query", 22);
        sysmon("file_delete", 23, 26);
        sysmon("clipboard_capture", 24);
        sysmon("clipboard_change", 24);
        sysmon("process_tampering", 25);
        sysmon("file_delete_detected", 26);
        sysmon("file_block_executable", 27);
        sysmon("file_block_shredding", 28);
        sysmon("file_executable_detected", 29);
        sysmon("sysmon_error", 255);
        category("ps_script", POWERSHELL, 4104);
        category("ps_module", POWERSHELL, 4103);
        category("ps_classic_start", POWERSHELL_CLASSIC, 400);
        category("ps_classic_provider_start", POWERSHELL_CLASSIC, 600);
        category("ps_classic_script", POWERSHELL_CLASSIC, 800);

        service("security", "security");
        service("system", "system");
        service("application", "application");
        service("sysmon", SYSMON);
        service("powershell", POWERSHELL);
        service("powershell-classic", POWERSHELL_CLASSIC);
        service("wmi", "microsoft-windows-wmi-activity/operational");
        service("taskscheduler", "microsoft-windows-taskscheduler/operational");
        service("windefend", "microsoft-windows-windows defender/operational");
        service("firewall-as", "microsoft-windows-windows firewall with advanced security/firewall");
        service("bits-client", "microsoft-windows-bits-client/operational");
        service("codeintegrity-operational", "microsoft-windows-codeintegrity/operational");
        service("dns-server", "dns server");
        service("dns-server-audit", "microsoft-windows-dns-server/audit");
        service("dns-client", "microsoft-windows-dns client events/operational");
        service("driver-framework", "microsoft-windows-driverframeworks-usermode/operational");
        service("ntlm", "microsoft-windows-ntlm/operational");
        service("msexchange-management", "msexchange management");
        service("printservice-admin", "microsoft-windows-printservice/admin");
        service("printservice-operational", "microsoft-windows-printservice/operational");
        service("smbclient-security", "microsoft-windows-smbclient/security");
        service("smbclient-connectivity", "microsoft-windows-smbclient/connectivity");
        service("smbserver-connectivity", "microsoft-windows-smbserver/connectivity");
        service("microsoft-servicebus-client", "microsoft-servicebus-client");
        service("dns-server-analytic", "microsoft-windows-dnsserver/analytical");
        service("terminalservices-localsessionmanager",
                "microsoft-windows-terminalservices-localsessionmanager/operational");
        service("security-mitigations", "microsoft-windows-security-mitigations/kernel mode",
                "microsoft-windows-security-mitigations/user mode");
        service("diagnosis-scripted", "microsoft-windows-diagnosis-scripted/operational");
        service("lsa-server", "microsoft-windows-lsa/operational");
        service("appxdeployment-server", "microsoft-windows-appxdeploymentserver/operational");
        service("appxpackaging-om", "microsoft-windows-appxpackaging/operational");
        service("appmodel-runtime", "microsoft-windows-appmodel-runtime/admin");
        service("capi2", "microsoft-windows-capi2/operational");
        service("certificateservicesclient-lifecycle-system",
                "microsoft-windows-certificateservicesclient-lifecycle-system/operational");
        service("openssh", "openssh/operational");
        service("shell-core", "microsoft-windows-shell-core/operational");
        service("vhdmp", "microsoft-windows-vhdmp/operational");
        service("kernel-shimengine", "microsoft-windows-kernel-shimengine/operational");
        service("ldap", "microsoft-windows-ldap-client/debug");
        service("hyper-v-worker", "microsoft-windows-hyper-v-worker-admin");
        service("sysmon-operational", SYSMON);
        service("applocker", "microsoft-windows-applocker/exe and dll", "microsoft-windows-applocker/msi and script",
                "microsoft-windows-applocker/packaged app-deployment",
                "microsoft-windows-applocker/packaged app-execution");
        service("iis-configuration", "microsoft-iis-configuration/operational");
        service("bitlocker", "microsoft-windows-bitlocker/bitlocker management");
    }

    private Logsources() {
    }

    private static void sysmon(String category, Integer... eventIds) {
        category(category, SYSMON, eventIds);
    }

    private static void category(String category, String channel, Integer... eventIds) {
        CATEGORIES.put(category, new Logsource(Set.of(channel), Set.of(eventIds), "windows/" + category));
    }

    private static void service(String service, String... channels) {
        SERVICES.put(service, Set.of(channels));
    }

    /**
     * The events of a rule's {@code logsource}.
     *
     * @throws RuleProblem unsupported, naming the part that is not known
     */
    public static Logsource resolve(String product, String category, String service, int line) throws RuleProblem {
        String productName = lower(product);
        String categoryName = lower(category);
        String serviceName = lower(service);
        if (productName != null && !productName.equals("windows")) {
            throw RuleProblem.unsupported("logsource product " + productName, "logsource product '" + product
                    + "' (line " + line + "): HELK lab receives Windows event logs only", line);
        }
        if (productName == null && categoryName == null && serviceName == null) {
            throw RuleProblem.unsupported("logsource without product, category or service",
                    "the logsource (line " + line + ") names no product, category or service", line);
        }
        Logsource result = new Logsource(null, null, "windows");
        if (categoryName != null) {
            Logsource known = CATEGORIES.get(categoryName);
            if (known == null) {
                throw RuleProblem.unsupported("logsource category " + categoryName, "logsource category '"
                        + category + "' (line " + line + ") has no Windows event log source in HELK lab", line);
            }
            result = known;
        }
        if (serviceName != null) {
            Set<String> channels = SERVICES.get(serviceName);
            if (channels == null) {
                throw RuleProblem.unsupported("logsource service " + serviceName, "logsource service '" + service
                        + "' (line " + line + ") is not a Windows event log channel HELK lab knows", line);
            }
            if (result.channels() != null && !result.channels().containsAll(channels)) {
                throw RuleProblem.unsupported("logsource category and service disagree", "logsource category '"
                        + category + "' and service '" + service + "' (line " + line + ") name different channels",
                        line);
            }
            result = new Logsource(channels, result.eventIds(),
                    result.description() + (categoryName == null ? "/" + serviceName : ""));
        }
        return result;
    }

    private static String lower(String text) {
        return text == null || text.isBlank() ? null : text.strip().toLowerCase(Locale.ROOT);
    }
}
