package io.helklab.samples.generator.event;

import io.helklab.samples.generator.domain.Account;
import io.helklab.samples.generator.domain.Host;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * One event as the Windows event log stores it, independent of the shipper that will later serialise it:
 * the system header, the event data (all values strings, in the provider's field order) and the rendered
 * message. {@code recordId} is 0 until the dataset assigns record numbers in time order per host and
 * channel. {@code user} is the header's user (Sysmon runs as SYSTEM); null where the log records none.
 * Immutable value; {@code data} is an unmodifiable insertion-ordered map.
 */
public record WindowsEvent(Instant time, Host host, LogChannel channel, EventProvider provider, int eventId,
                           int version, String task, int taskNumber, String opcode, String level, int processId,
                           int threadId, Account user, Map<String, String> data, String message, long recordId) {

    public WindowsEvent {
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(task, "task");
        Objects.requireNonNull(opcode, "opcode");
        Objects.requireNonNull(level, "level");
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(message, "message");
    }

    public WindowsEvent withRecordId(long newRecordId) {
        return new WindowsEvent(time, host, channel, provider, eventId, version, task, taskNumber, opcode, level, processId,
                threadId, user, data, message, newRecordId);
    }
}
