package io.helklab.samples.generator.event;

import io.helklab.samples.generator.domain.Account;
import io.helklab.samples.generator.domain.Host;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/**
 * Writes the Service Control Manager's System-log events for one host: 7045 (a service was installed)
 * and 7036 (a service changed state). They come from services.exe, whose process id the caller passes.
 * Not thread-safe; one instance per host and dataset.
 */
public final class SystemEvents {

    private final Host host;
    private final int servicesProcessId;
    private final Random random;
    private final EventLog log;

    public SystemEvents(Host host, int servicesProcessId, Random random, EventLog log) {
        this.host = host;
        this.servicesProcessId = servicesProcessId;
        this.random = random;
        this.log = log;
    }

    public void serviceInstalled(Instant time, String serviceName, String imagePath, String startType, String accountName) {
        Map<String, String> data = new LinkedHashMap<>();
        data.put("ServiceName", serviceName);
        data.put("ImagePath", imagePath);
        data.put("ServiceType", "user mode service");
        data.put("StartType", startType);
        data.put("AccountName", accountName);
        String message = "A service was installed in the system.\r\n\r\nService Name:  " + serviceName + "\r\nService File Name:  "
                + imagePath + "\r\nService Type:  user mode service\r\nService Start Type:  " + startType
                + "\r\nService Account:  " + accountName;
        emit(time, 7045, Account.SYSTEM, data, message);
    }

    /** 7036; {@code state} is "running" or "stopped". */
    public void serviceStateChanged(Instant time, String displayName, String state) {
        Map<String, String> data = new LinkedHashMap<>();
        data.put("param1", displayName);
        data.put("param2", state);
        emit(time, 7036, null, data, "The " + displayName + " service entered the " + state + " state.");
    }

    private void emit(Instant time, int eventId, Account user, Map<String, String> data, String message) {
        int threadId = servicesProcessId + 4 * (1 + random.nextInt(30));
        log.add(new WindowsEvent(time, host, LogChannel.SYSTEM, EventProvider.SERVICE_CONTROL_MANAGER, eventId, 0, "", 0,
                "Info", "Information", servicesProcessId, threadId, user, Collections.unmodifiableMap(data), message, 0));
    }
}
