package io.helklab.samples.generator.event;

import java.util.Map;

/** Renders event messages the way the Windows event viewer (and so every shipper) shows them. */
public final class EventMessages {

    private EventMessages() {
    }

    /** Sysmon's rendering: a title line, then one {@code Field: value} line per event data field. */
    public static String keyValueMessage(String title, Map<String, String> data) {
        StringBuilder message = new StringBuilder(title).append(':');
        data.forEach((field, value) -> message.append("\r\n").append(field).append(": ").append(value));
        return message.toString();
    }
}
