package io.helklab.detection;

import java.util.LinkedHashMap;
import java.util.Map;

/** A hand-built event for tests: Sigma field names to values, with the channel and event id among them. */
public final class MapEvent implements EventView {

    private final Map<String, String> fields = new LinkedHashMap<>();

    public static MapEvent sysmon(int eventId) {
        return new MapEvent().with("Channel", "Microsoft-Windows-Sysmon/Operational")
                .with("EventID", Integer.toString(eventId));
    }

    public static MapEvent of(String channel, int eventId) {
        return new MapEvent().with("Channel", channel).with("EventID", Integer.toString(eventId));
    }

    public MapEvent with(String field, String value) {
        fields.put(field, value);
        return this;
    }

    @Override
    public String field(String name) {
        return fields.get(name);
    }

    @Override
    public Iterable<String> values() {
        return fields.values();
    }

    @Override
    public String channel() {
        return fields.get("Channel");
    }

    @Override
    public String eventId() {
        return fields.get("EventID");
    }
}
