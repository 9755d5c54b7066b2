package io.helklab.samples.generator.event;

import io.helklab.samples.generator.domain.Host;
import io.helklab.samples.generator.domain.SimulatedProcess;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes Application-log events for one host: Windows Installer's 11707 (a product installed), which is
 * what software updates leave behind. Not thread-safe; one instance per host and dataset.
 */
public final class ApplicationEvents {

    private final Host host;
    private final EventLog log;

    public ApplicationEvents(Host host, EventLog log) {
        this.host = host;
        this.log = log;
    }

    public void productInstalled(Instant time, SimulatedProcess installer, String productName) {
        String text = "Product: " + productName + " -- Installation completed successfully.";
        Map<String, String> data = new LinkedHashMap<>();
        data.put("param1", text);
        data.put("param2", "(NULL)");
        data.put("param3", "(NULL)");
        data.put("param4", "(NULL)");
        log.add(new WindowsEvent(time, host, LogChannel.APPLICATION, EventProvider.MSI_INSTALLER, 11707, 0, "None", 0,
                "Info", "Information", installer.processId(), installer.processId() + 12, installer.account(),
                Collections.unmodifiableMap(data), text, 0));
    }
}
