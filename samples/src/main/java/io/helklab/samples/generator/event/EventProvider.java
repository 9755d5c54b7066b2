package io.helklab.samples.generator.event;

/**
 * The event providers the simulation writes as. Classic providers (Service Control Manager is both,
 * MsiInstaller only classic) have no provider GUID in Winlogbeat's output; {@code guid} is then null.
 */
public enum EventProvider {
    SYSMON("Microsoft-Windows-Sysmon", "{5770385F-C22A-43E0-BF4C-06F5698FFBD9}"),
    SECURITY_AUDITING("Microsoft-Windows-Security-Auditing", "{54849625-5478-4994-A5BA-3E3B0328C30D}"),
    SERVICE_CONTROL_MANAGER("Service Control Manager", "{555908D1-A6D7-4695-8E1E-26931D2012F4}"),
    POWERSHELL("Microsoft-Windows-PowerShell", "{A0C1853B-5C40-4B15-8766-3CF1C58F985A}"),
    WMI_ACTIVITY("Microsoft-Windows-WMI-Activity", "{1418EF04-B0B4-4623-BF7E-D74AB47BBDAA}"),
    MSI_INSTALLER("MsiInstaller", null);

    private final String providerName;
    private final String guid;

    EventProvider(String providerName, String guid) {
        this.providerName = providerName;
        this.guid = guid;
    }

    public String providerName() {
        return providerName;
    }

    /** The provider GUID with braces, upper-case; null for classic providers. */
    public String guid() {
        return guid;
    }
}
