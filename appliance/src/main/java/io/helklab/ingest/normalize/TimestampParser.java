package io.helklab.ingest.normalize;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;

/**
 * Parses the timestamp shapes found in Windows event JSON, by hand (this runs for every event):
 * <ul>
 *   <li>{@code 2024-03-01 12:34:56.789} — Sysmon's {@code UtcTime}, NXLog's {@code EventTime}; no zone;</li>
 *   <li>{@code 2024-03-01T12:34:56.789123Z}, with {@code Z} or an offset or without a zone — ISO-8601;</li>
 *   <li>{@code /Date(1709296496789)/} — PowerShell's {@code ConvertTo-Json} of a {@code DateTime}.</li>
 * </ul>
 * Thread-safe (stateless). Never throws; unparseable text gives null.
 */
final class TimestampParser {

    /** A parsed time; {@code hadZone} is false when the text carried no zone and was read as UTC. */
    record ParsedTime(Instant instant, boolean hadZone) {
    }

    private TimestampParser() {
    }

    static ParsedTime parse(String text) {
        String value = text.strip();
        if (value.startsWith("/Date(")) {
            return parseMicrosoftJsonDate(value);
        }
        if (value.length() < 19) {
            return null;
        }
        int year = digits(value, 0, 4);
        int month = digits(value, 5, 2);
        int day = digits(value, 8, 2);
        int hour = digits(value, 11, 2);
        int minute = digits(value, 14, 2);
        int second = digits(value, 17, 2);
        char dateTimeSeparator = value.charAt(10);
        if (year < 0 || month < 0 || day < 0 || hour < 0 || minute < 0 || second < 0
                || value.charAt(4) != '-' || value.charAt(7) != '-'
                || (dateTimeSeparator != ' ' && dateTimeSeparator != 'T')
                || value.charAt(13) != ':' || value.charAt(16) != ':') {
            return null;
        }
        int position = 19;
        int nanos = 0;
        if (position < value.length() && (value.charAt(position) == '.' || value.charAt(position) == ',')) {
            position++;
            int fractionDigits = 0;
            while (position < value.length() && Character.isDigit(value.charAt(position))) {
                if (fractionDigits < 9) {
                    nanos = nanos * 10 + (value.charAt(position) - '0');
                    fractionDigits++;
                }
                position++;
            }
            if (fractionDigits == 0) {
                return null;
            }
            for (int i = fractionDigits; i < 9; i++) {
                nanos *= 10;
            }
        }
        while (position < value.length() && value.charAt(position) == ' ') {
            position++;
        }
        try {
            LocalDateTime local = LocalDateTime.of(year, month, day, hour, minute, second, nanos);
            if (position == value.length()) {
                return new ParsedTime(local.toInstant(ZoneOffset.UTC), false);
            }
            ZoneOffset offset = parseOffset(value, position);
            if (offset == null) {
                return null;
            }
            return new ParsedTime(ZonedDateTime.of(local, offset).toInstant(), true);
        } catch (DateTimeException e) {
            return null;
        }
    }

    private static ZoneOffset parseOffset(String value, int position) {
        String zone = value.substring(position);
        if (zone.equals("Z") || zone.equals("z") || zone.equals("UTC")) {
            return ZoneOffset.UTC;
        }
        char sign = zone.charAt(0);
        if (sign != '+' && sign != '-') {
            return null;
        }
        int hours;
        int minutes = 0;
        if (zone.length() == 3) {
            hours = digits(zone, 1, 2);
        } else if (zone.length() == 5) {
            hours = digits(zone, 1, 2);
            minutes = digits(zone, 3, 2);
        } else if (zone.length() == 6 && zone.charAt(3) == ':') {
            hours = digits(zone, 1, 2);
            minutes = digits(zone, 4, 2);
        } else {
            return null;
        }
        if (hours < 0 || minutes < 0) {
            return null;
        }
        int totalSeconds = (hours * 3600 + minutes * 60) * (sign == '-' ? -1 : 1);
        return ZoneOffset.ofTotalSeconds(totalSeconds);
    }

    private static ParsedTime parseMicrosoftJsonDate(String value) {
        // /Date(1709296496789)/ or /Date(1709296496789+0100)/: the millis are UTC, the offset is informational.
        int end = value.indexOf(")/");
        if (end < 0) {
            return null;
        }
        int position = 6;
        boolean negative = position < end && value.charAt(position) == '-';
        if (negative) {
            position++;
        }
        int start = position;
        long millis = 0;
        while (position < end && Character.isDigit(value.charAt(position))) {
            millis = millis * 10 + (value.charAt(position) - '0');
            position++;
            if (position - start > 15) {
                return null;
            }
        }
        if (position == start || (position < end && value.charAt(position) != '+' && value.charAt(position) != '-')) {
            return null;
        }
        return new ParsedTime(Instant.ofEpochMilli(negative ? -millis : millis), true);
    }

    /** The non-negative number in {@code count} ASCII digits at {@code start}, or -1. */
    private static int digits(String value, int start, int count) {
        if (start + count > value.length()) {
            return -1;
        }
        int result = 0;
        for (int i = start; i < start + count; i++) {
            char c = value.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            result = result * 10 + (c - '0');
        }
        return result;
    }
}
