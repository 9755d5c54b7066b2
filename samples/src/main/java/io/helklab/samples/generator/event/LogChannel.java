package io.helklab.samples.generator.event;

/**
 * The Windows event log channels the simulation writes, with the HELK index family each one lands in.
 */
public enum LogChannel {
    SYSMON("Microsoft-Windows-Sysmon/Operational", "sysmon"),
    SECURITY("Security", "security"),
    SYSTEM("System", "system"),
    APPLICATION("Application", "application"),
    POWERSHELL("Microsoft-Windows-PowerShell/Operational", "powershell"),
    WMI_ACTIVITY("Microsoft-Windows-WMI-Activity/Operational", "wmiactivity");

    private final String channelName;
    private final String helkChannel;

    LogChannel(String channelName, String helkChannel) {
        this.channelName = channelName;
        this.helkChannel = helkChannel;
    }

    /** The channel as Windows names it, {@code Microsoft-Windows-Sysmon/Operational}. */
    public String channelName() {
        return channelName;
    }

    /** The HELK index family, {@code logs-endpoint-winevent-sysmon}. */
    public String indexFamily() {
        return "logs-endpoint-winevent-" + helkChannel;
    }

    /** The HELK index pattern an answer key names, {@code logs-endpoint-winevent-sysmon-*}. */
    public String indexPattern() {
        return indexFamily() + "-*";
    }
}
