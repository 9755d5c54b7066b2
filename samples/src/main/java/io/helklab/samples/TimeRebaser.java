package io.helklab.samples;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Moves every time in a raw record by a whole number of days, in any of the four record formats:
 * header times ({@code @timestamp}, {@code event.created}, {@code EventTime}, {@code EventReceivedTime},
 * {@code TimeCreated}), Sysmon's {@code UtcTime}, {@code CreationUtcTime} and
 * {@code PreviousCreationUtcTime}, and the same times where they are quoted inside message texts and
 * task XML. Because the shift is whole days, only the date part of each value changes: every spelling
 * (with or without zone, milliseconds or not) keeps its exact form, and a record rebased twice on the
 * same day is byte-for-byte the same, which keeps replays idempotent. Immutable and thread-safe.
 */
public final class TimeRebaser {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Set<String> TIME_FIELDS = Set.of("@timestamp", "created", "UtcTime", "CreationUtcTime",
            "PreviousCreationUtcTime", "EventTime", "EventReceivedTime", "TimeCreated");
    private static final Set<String> TEXT_FIELDS = Set.of("message", "Message", "TaskContent");
    private static final Pattern LEADING_DATE = Pattern.compile("^(\\d{4}-\\d{2}-\\d{2})(?=[ T]\\d{2}:\\d{2})");
    private static final Pattern EMBEDDED_DATE = Pattern.compile("(?<![\\d-])(\\d{4}-\\d{2}-\\d{2})(?=[ T]\\d{2}:\\d{2}:\\d{2})");

    private final long days;

    private TimeRebaser(long days) {
        this.days = days;
    }

    public static TimeRebaser byDays(long days) {
        return new TimeRebaser(days);
    }

    /** The rebaser that moves {@code scenario}'s last day onto today (UTC) by {@code clock}. */
    public static TimeRebaser toToday(Scenario scenario, Clock clock) {
        return byDays(wholeDaysToToday(scenario.end(), clock));
    }

    /** Whole days from {@code end}'s UTC date to today's UTC date; 0 when {@code end} is today. */
    public static long wholeDaysToToday(Instant end, Clock clock) {
        LocalDate endDay = LocalDate.ofInstant(end, ZoneOffset.UTC);
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        return ChronoUnit.DAYS.between(endDay, today);
    }

    public long days() {
        return days;
    }

    /** The record with every time moved; fails with the record's opening if it is not a JSON object. */
    public byte[] rebase(byte[] record) {
        return rebase(new String(record, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
    }

    public String rebase(String record) {
        if (days == 0) {
            return record;
        }
        JsonNode root;
        try {
            root = MAPPER.readTree(record);
        } catch (JsonProcessingException invalid) {
            throw new IllegalArgumentException("Cannot rebase a record that is not JSON (" + invalid.getOriginalMessage()
                    + "); record starts with: " + opening(record), invalid);
        }
        if (!(root instanceof ObjectNode object)) {
            throw new IllegalArgumentException("Cannot rebase a record that is not a JSON object; record starts with: " + opening(record));
        }
        shiftObject(object);
        try {
            return MAPPER.writeValueAsString(object);
        } catch (JsonProcessingException impossible) {
            throw new IllegalStateException("Serialising a rebased record failed", impossible);
        }
    }

    private void shiftObject(ObjectNode object) {
        Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            JsonNode value = field.getValue();
            if (value.isTextual() && TIME_FIELDS.contains(field.getKey())) {
                field.setValue(TextNode.valueOf(shiftLeadingDate(value.asText())));
            } else if (value.isTextual() && TEXT_FIELDS.contains(field.getKey())) {
                field.setValue(TextNode.valueOf(shiftEmbeddedDates(value.asText())));
            } else if (value instanceof ObjectNode child) {
                shiftObject(child);
            } else if (value instanceof ArrayNode array) {
                array.forEach(element -> {
                    if (element instanceof ObjectNode child) {
                        shiftObject(child);
                    }
                });
            }
        }
    }

    private String shiftLeadingDate(String value) {
        Matcher matcher = LEADING_DATE.matcher(value);
        return matcher.find() ? shifted(matcher.group(1)) + value.substring(matcher.end(1)) : value;
    }

    private String shiftEmbeddedDates(String text) {
        Matcher matcher = EMBEDDED_DATE.matcher(text);
        StringBuilder result = new StringBuilder(text.length());
        while (matcher.find()) {
            matcher.appendReplacement(result, shifted(matcher.group(1)));
        }
        matcher.appendTail(result);
        return result.toString();
    }

    private String shifted(String date) {
        try {
            return LocalDate.parse(date).plusDays(days).toString();
        } catch (DateTimeParseException notADate) {
            return date;
        }
    }

    private static String opening(String record) {
        return record.length() > 200 ? record.substring(0, 200) + "…" : record;
    }
}
