package io.helklab.ingest.normalize;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The Windows event log channels HELK gives their own index, with the channel names that map to them
 * (compared case-insensitively, surrounding blanks ignored).
 */
public enum Channel {
    SYSMON("sysmon", "Microsoft-Windows-Sysmon/Operational"),
    SECURITY("security", "Security"),
    SYSTEM("system", "System"),
    APPLICATION("application", "Application"),
    POWERSHELL("powershell", "Microsoft-Windows-PowerShell/Operational", "Windows PowerShell"),
    WMIACTIVITY("wmiactivity", "Microsoft-Windows-WMI-Activity/Operational");

    private static final Map<String, Channel> BY_LOG_NAME = new HashMap<>();

    static {
        for (Channel channel : values()) {
            for (String logName : channel.logNames) {
                BY_LOG_NAME.put(logName.toLowerCase(Locale.ROOT), channel);
            }
        }
    }

    private final String indexName;
    private final String[] logNames;

    Channel(String indexName, String... logNames) {
        this.indexName = indexName;
        this.logNames = logNames;
    }

    /** The lower-case name used in index names and in {@link NormalizedEvent#channel()}. */
    public String indexName() {
        return indexName;
    }

    /**
     * The Windows spelling of a log name of this channel ({@code security} gives {@code Security}), so that
     * queries on {@code log_name.keyword} match whatever case the shipper used.
     */
    public String canonicalLogName(String logName) {
        String stripped = logName.strip();
        for (String known : logNames) {
            if (known.equalsIgnoreCase(stripped)) {
                return known;
            }
        }
        return logName;
    }

    /** The channel for a Windows log name, or null when HELK has no index for it. */
    public static Channel fromLogName(String logName) {
        if (logName == null) {
            return null;
        }
        return BY_LOG_NAME.get(logName.strip().toLowerCase(Locale.ROOT));
    }
}
