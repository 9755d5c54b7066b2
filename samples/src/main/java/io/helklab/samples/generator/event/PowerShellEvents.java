package io.helklab.samples.generator.event;

import io.helklab.samples.generator.domain.Host;
import io.helklab.samples.generator.domain.SimulatedProcess;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/**
 * Writes PowerShell script-block logging (4104) for one host. The event comes from the PowerShell
 * process itself, so its header carries that process's id and user. Blocks PowerShell flags as
 * suspicious are logged at level Warning, the rest at Verbose. Not thread-safe; one instance per host.
 */
public final class PowerShellEvents {

    private final Host host;
    private final EventLog log;

    public PowerShellEvents(Host host, EventLog log) {
        this.host = host;
        this.log = log;
    }

    /** A new script-block id, lower-case GUID form as PowerShell writes it. */
    public static String newScriptBlockId(Random random) {
        return String.format("%08x-%04x-%04x-%04x-%012x", random.nextInt(), random.nextInt(0x10000), random.nextInt(0x10000),
                random.nextInt(0x10000), random.nextLong() & 0xFFFFFFFFFFFFL);
    }

    public void scriptBlock(Instant time, SimulatedProcess powershell, String scriptBlockText, String scriptBlockId,
                            boolean suspicious) {
        Map<String, String> data = new LinkedHashMap<>();
        data.put("MessageNumber", "1");
        data.put("MessageTotal", "1");
        data.put("ScriptBlockText", scriptBlockText);
        data.put("ScriptBlockId", scriptBlockId);
        data.put("Path", "");
        String message = "Creating Scriptblock text (1 of 1):\r\n" + scriptBlockText + "\r\n\r\nScriptBlock ID: " + scriptBlockId
                + "\r\nPath: ";
        log.add(new WindowsEvent(time, host, LogChannel.POWERSHELL, EventProvider.POWERSHELL, 4104, 1,
                "Execute a Remote Command", 2, "On create calls", suspicious ? "Warning" : "Verbose", powershell.processId(),
                powershell.processId() + 28, powershell.account(), Collections.unmodifiableMap(data), message, 0));
    }
}
