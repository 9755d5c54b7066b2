package io.helklab.samples.generator.event;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Collects the events of one dataset while the simulation runs, in any order, and hands them back in
 * time order with record numbers that increase per host and channel, the way each machine's event log
 * numbers them. Not thread-safe: one simulation fills one log.
 */
public final class EventLog {

    /** Where each host's channel starts numbering: a log that has been running for a while, not a fresh install. */
    private static final long FIRST_RECORD_ID = 1_000_000L;

    private final List<WindowsEvent> events = new ArrayList<>();

    public void add(WindowsEvent event) {
        events.add(event);
    }

    public int size() {
        return events.size();
    }

    /**
     * The events sorted by time (ties keep the order they were added in, so a parent's creation stays
     * before its child's) with record ids assigned.
     */
    public List<WindowsEvent> inTimeOrder() {
        List<WindowsEvent> sorted = new ArrayList<>(events);
        sorted.sort(Comparator.comparing(WindowsEvent::time));
        Map<String, Long> nextRecordId = new HashMap<>();
        List<WindowsEvent> numbered = new ArrayList<>(sorted.size());
        for (WindowsEvent event : sorted) {
            String counter = event.host().name() + "|" + event.channel();
            long logStart = FIRST_RECORD_ID * (1 + event.channel().ordinal()) + Math.floorMod(event.host().name().hashCode(), 100_000);
            numbered.add(event.withRecordId(logStart + nextRecordId.merge(counter, 1L, Long::sum)));
        }
        return numbered;
    }
}
