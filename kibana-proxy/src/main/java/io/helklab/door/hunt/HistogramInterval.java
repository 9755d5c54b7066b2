package io.helklab.door.hunt;

import java.time.Duration;
import java.util.List;

/**
 * The bucket width of the search histogram: the smallest of a fixed ladder of round widths that keeps
 * the number of buckets at or below {@link #TARGET_BUCKETS}, as Kibana's "auto" interval does.
 * Immutable value; {@code elasticsearch} is the {@code fixed_interval} spelling.
 */
public record HistogramInterval(Duration width, String elasticsearch) {
    static final int TARGET_BUCKETS = 60;

    private static final List<HistogramInterval> LADDER = List.of(
            new HistogramInterval(Duration.ofSeconds(1), "1s"),
            new HistogramInterval(Duration.ofSeconds(5), "5s"),
            new HistogramInterval(Duration.ofSeconds(10), "10s"),
            new HistogramInterval(Duration.ofSeconds(30), "30s"),
            new HistogramInterval(Duration.ofMinutes(1), "1m"),
            new HistogramInterval(Duration.ofMinutes(5), "5m"),
            new HistogramInterval(Duration.ofMinutes(10), "10m"),
            new HistogramInterval(Duration.ofMinutes(30), "30m"),
            new HistogramInterval(Duration.ofHours(1), "1h"),
            new HistogramInterval(Duration.ofHours(3), "3h"),
            new HistogramInterval(Duration.ofHours(6), "6h"),
            new HistogramInterval(Duration.ofHours(12), "12h"),
            new HistogramInterval(Duration.ofDays(1), "1d"),
            new HistogramInterval(Duration.ofDays(7), "7d"),
            new HistogramInterval(Duration.ofDays(30), "30d"),
            new HistogramInterval(Duration.ofDays(365), "365d"));

    /** The interval for a window of this length. */
    public static HistogramInterval forSpan(Duration span) {
        for (HistogramInterval candidate : LADDER) {
            if (span.toMillis() / candidate.width.toMillis() < TARGET_BUCKETS) {
                return candidate;
            }
        }
        Duration years = Duration.ofDays(365 * Math.max(1, span.toDays() / 365 / TARGET_BUCKETS + 1));
        return new HistogramInterval(years, years.toDays() + "d");
    }
}
