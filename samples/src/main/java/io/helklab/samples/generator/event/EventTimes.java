package io.helklab.samples.generator.event;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** The time spellings Windows events and their shippers use. Stateless and thread-safe. */
public final class EventTimes {

    private static final DateTimeFormatter SYSMON = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter ISO_MILLIS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter TASK_REGISTRATION = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss").withZone(ZoneOffset.UTC);

    private EventTimes() {
    }

    /** {@code 2026-10-05 09:12:33.123}: Sysmon's {@code UtcTime}. */
    public static String sysmon(Instant time) {
        return SYSMON.format(time);
    }

    /** {@code 2026-10-05T09:12:33.123Z}: Beats' {@code @timestamp} and {@code event.created}. */
    public static String isoMillis(Instant time) {
        return ISO_MILLIS.format(time);
    }

    /** {@code 2026-10-05 09:12:33}: NXLog's {@code EventTime} (the lab's clocks run on UTC). */
    public static String seconds(Instant time) {
        return SECONDS.format(time);
    }

    /** {@code 2026-10-05T09:12:33}: the registration date inside a scheduled task's XML. */
    public static String taskRegistration(Instant time) {
        return TASK_REGISTRATION.format(time);
    }
}
