package io.helklab.door.hunt;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A half-open time window {@code [from, to)} on {@code @timestamp}; either end may be open
 * ({@code null}). Ends are resolved to instants on the server, once per request, so the histogram's
 * buckets and the range filter agree. Immutable value.
 *
 * <p>Accepted spellings, as Kibana's time picker writes them: ISO-8601 instants ({@code 2026-10-06T07:00:00Z},
 * with an offset, or without a zone meaning UTC), dates ({@code 2026-10-06}, midnight UTC), epoch
 * milliseconds, and date math relative to now: {@code now}, {@code now-15m}, {@code now-1d/d}
 * (units {@code s m h d w M y}; rounding goes down for {@code from} and up for {@code to}).
 */
public record TimeRange(Instant from, Instant to) {
    private static final Pattern DATE_MATH = Pattern.compile("now((?:[+-]\\d{1,9}[smhdwMy])*)(?:/([smhdwMy]))?");
    private static final Pattern STEP = Pattern.compile("([+-])(\\d{1,9})([smhdwMy])");

    public TimeRange {
        if (from != null && to != null && !from.isBefore(to)) {
            throw HuntRequestException.badParameter("from", "The time range starts at " + from + " but ends at " + to
                    + "; 'from' must be before 'to'.");
        }
    }

    /** No bounds: every event. */
    public static TimeRange unbounded() {
        return new TimeRange(null, null);
    }

    /** Parses both ends; blank or absent ends are open. */
    public static TimeRange parse(String from, String to, Instant now) {
        return new TimeRange(parseEnd("from", from, now, false), parseEnd("to", to, now, true));
    }

    public boolean isBounded() {
        return from != null && to != null;
    }

    /** The length of a bounded range. */
    public Duration length() {
        if (!isBounded()) {
            throw new IllegalStateException("an open time range has no length: " + this);
        }
        return Duration.between(from, to);
    }

    static Instant parseEnd(String parameter, String text, Instant now, boolean roundUp) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String value = text.trim();
        Matcher math = DATE_MATH.matcher(value);
        if (math.matches()) {
            ZonedDateTime time = now.atZone(ZoneOffset.UTC);
            Matcher step = STEP.matcher(math.group(1));
            while (step.find()) {
                long amount = Long.parseLong(step.group(2)) * (step.group(1).equals("-") ? -1 : 1);
                time = time.plus(amount, unit(step.group(3)));
            }
            if (math.group(2) != null) {
                time = roundDown(time, math.group(2));
                if (roundUp) {
                    time = time.plus(1, unit(math.group(2)));
                }
            }
            return time.toInstant();
        }
        if (value.matches("\\d{1,15}")) {
            return Instant.ofEpochMilli(Long.parseLong(value));
        }
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException notWithOffset) {
            try {
                return LocalDateTime.parse(value).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException notLocal) {
                try {
                    return LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant();
                } catch (DateTimeParseException notADate) {
                    throw HuntRequestException.badParameter(parameter, "Parameter '" + parameter + "' is not a time: '"
                            + value + "'. Use an ISO-8601 time (2026-10-06T07:00:00Z), a date (2026-10-06), "
                            + "epoch milliseconds, or date math such as now-15m or now-1d/d.");
                }
            }
        }
    }

    private static ChronoUnit unit(String symbol) {
        return switch (symbol) {
            case "s" -> ChronoUnit.SECONDS;
            case "m" -> ChronoUnit.MINUTES;
            case "h" -> ChronoUnit.HOURS;
            case "d" -> ChronoUnit.DAYS;
            case "w" -> ChronoUnit.WEEKS;
            case "M" -> ChronoUnit.MONTHS;
            case "y" -> ChronoUnit.YEARS;
            default -> throw new IllegalArgumentException("not a date-math unit: " + symbol);
        };
    }

    private static ZonedDateTime roundDown(ZonedDateTime time, String symbol) {
        return switch (symbol) {
            case "s" -> time.truncatedTo(ChronoUnit.SECONDS);
            case "m" -> time.truncatedTo(ChronoUnit.MINUTES);
            case "h" -> time.truncatedTo(ChronoUnit.HOURS);
            case "d" -> time.truncatedTo(ChronoUnit.DAYS);
            // Weeks start on Monday, as in Elasticsearch's date math.
            case "w" -> time.truncatedTo(ChronoUnit.DAYS).minusDays(time.getDayOfWeek().getValue() - 1L);
            case "M" -> time.truncatedTo(ChronoUnit.DAYS).withDayOfMonth(1);
            case "y" -> time.truncatedTo(ChronoUnit.DAYS).withDayOfYear(1);
            default -> throw new IllegalArgumentException("not a date-math unit: " + symbol);
        };
    }
}
