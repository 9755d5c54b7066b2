package io.helklab.samples.generator.simulation;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.Random;

/**
 * The stretch of one day a dataset covers, in UTC (the lab's clocks run on UTC). Immutable value.
 */
public record TimeWindow(LocalDate day, Instant start, Instant end) {

    public TimeWindow {
        Objects.requireNonNull(day, "day");
        if (!start.isBefore(end)) {
            throw new IllegalArgumentException("A time window must start before it ends: " + start + " .. " + end);
        }
    }

    /** 07:00 to 19:00 UTC on {@code day}: a working day with people arriving early and leaving late. */
    public static TimeWindow workingDay(LocalDate day) {
        return new TimeWindow(day, at(day, LocalTime.of(7, 0)), at(day, LocalTime.of(19, 0)));
    }

    public Instant at(LocalTime time) {
        return at(day, time);
    }

    public boolean contains(Instant time) {
        return !time.isBefore(start) && time.isBefore(end);
    }

    /** A uniformly random millisecond in [from, to). */
    public static Instant between(Random random, Instant from, Instant to) {
        long span = Duration.between(from, to).toMillis();
        return from.plusMillis(span <= 0 ? 0 : (long) (random.nextDouble() * span));
    }

    private static Instant at(LocalDate day, LocalTime time) {
        return day.atTime(time).toInstant(ZoneOffset.UTC);
    }
}
