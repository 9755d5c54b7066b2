package io.helklab.detection.sigma;

import java.util.Set;

/**
 * The events a rule sees: Windows channels (lower case) and event ids.
 *
 * @param channels    lower-case channel names, or null for every channel
 * @param eventIds    event ids, or null for every id
 * @param description what the rule said ({@code windows/process_creation}), for reports
 */
public record Logsource(Set<String> channels, Set<Integer> eventIds, String description) {

    public Logsource {
        channels = channels == null ? null : Set.copyOf(channels);
        eventIds = eventIds == null ? null : Set.copyOf(eventIds);
    }

    /** Whether an event of this channel (lower case, "" when it has none) and id (-1 when none) is seen. */
    public boolean covers(String channel, int eventId) {
        return (channels == null || channels.contains(channel)) && (eventIds == null || eventIds.contains(eventId));
    }
}
