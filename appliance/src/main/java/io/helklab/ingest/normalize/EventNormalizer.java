package io.helklab.ingest.normalize;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.helklab.schema.IndexNames;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Turns one raw Kafka record value (a Windows event as JSON, in any of the formats of SCHEMA.md) into the
 * HELK-shaped document, its index and its id. A pure function of the record bytes, except that records
 * without a usable event time are dated by the injected {@link Clock}.
 *
 * <p>Immutable and thread-safe: one instance can serve every consumer thread. {@link #normalize(byte[])}
 * never throws for any input; what cannot be routed to a channel index goes to {@code logs-indexme-*}, what is
 * not a JSON object goes to {@code parse-failures-*}, and in both cases the original record is kept.
 */
public final class EventNormalizer {

    static final String CHANNEL_INDEX_PREFIX = IndexNames.WINEVENT_PREFIX;
    static final String CATCH_ALL_INDEX_PREFIX = IndexNames.CATCH_ALL_PREFIX;
    static final String PARSE_FAILURE_INDEX_PREFIX = IndexNames.PARSE_FAILURES_PREFIX;
    private static final int REASON_VALUE_LIMIT = 200;

    /** Reads a record that is not an object whole; objects are read by {@link RawEventReader} as they stream by. */
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static final JsonFactory JSON = MAPPER.getFactory();
    private static final ThreadLocal<MessageDigest> SHA_256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("This JVM has no SHA-256 MessageDigest; every Java SE JVM must", e);
        }
    });

    private final Clock clock;

    /** @param clock gives the ingest time, used only for records whose own time is unknown */
    public EventNormalizer(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Normalises one record; see the class comment. A null record is treated as an empty one. */
    public NormalizedEvent normalize(byte[] record) {
        return normalize(record, EventInspector.NONE);
    }

    /**
     * Normalises one record and lets {@code inspector} see the event (when the record is a JSON object) before its
     * document is written, adding the fields it returns; see the class comment.
     */
    public NormalizedEvent normalize(byte[] record, EventInspector inspector) {
        byte[] bytes = record == null ? new byte[0] : record;
        try {
            return normalizeRecord(bytes, inspector);
        } catch (RuntimeException | StackOverflowError e) {
            return parseFailure(bytes, "the normaliser failed on this record (" + e
                    + "); the record is kept unchanged here, please report it as a HELK lab defect");
        }
    }

    /**
     * The parse-failure document for a record: used internally, and by the indexer to re-route a document that
     * Elasticsearch rejected (for example a mapping conflict) so that it is not lost.
     *
     * @param reason what went wrong, stored in the document's {@code reason} field
     */
    public NormalizedEvent parseFailure(byte[] record, String reason) {
        byte[] bytes = record == null ? new byte[0] : record;
        Instant ingestTime = clock.instant();
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("@timestamp", ingestTime.truncatedTo(ChronoUnit.MILLIS).toString());
        document.put("reason", reason);
        document.put("event_original_size", bytes.length);
        byte[] source;
        if (Utf8Validator.firstInvalidByte(bytes) < 0) {
            source = DocumentWriter.write(document, bytes);
        } else {
            document.put("event_original_encoding", "base64");
            document.put(DocumentWriter.ORIGINAL_FIELD, Base64.getEncoder().encodeToString(bytes));
            source = DocumentWriter.write(document, null);
        }
        return new NormalizedEvent(PARSE_FAILURE_INDEX_PREFIX + dateSuffix(ingestTime), documentId(bytes),
                source, Disposition.PARSE_FAILURE, null, reason);
    }

    private NormalizedEvent normalizeRecord(byte[] record, EventInspector inspector) {
        int invalidByte = Utf8Validator.firstInvalidByte(record);
        if (invalidByte >= 0) {
            return parseFailure(record, String.format(
                    "not valid UTF-8: byte 0x%02x at offset %d of %d starts no valid sequence; the record is kept "
                            + "base64-encoded in event_original_message. Ship UTF-8 JSON (Winlogbeat and NXLog's "
                            + "to_json() do).", record[invalidByte] & 0xff, invalidByte, record.length));
        }
        RawEvent raw;
        try (JsonParser parser = JSON.createParser(record)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                return parseFailure(record, "empty record: no JSON value in " + record.length + " bytes");
            }
            if (first != JsonToken.START_OBJECT) {
                // Rare: read it whole, so that malformed JSON is reported as such before the type is.
                JsonNode root = MAPPER.readTree(record);
                return parseFailure(record, "JSON is not an object but " + root.getNodeType().name().toLowerCase()
                        + "; each record must be one Windows event as a JSON object");
            }
            raw = RawEventReader.read(parser, record);
            if (parser.nextToken() != null) {
                return parseFailure(record, "not JSON: a second JSON value follows the object"
                        + at(parser.currentTokenLocation(), record) + "; each record must be exactly one JSON object");
            }
        } catch (JsonEOFException e) {
            return parseFailure(record, "truncated JSON: " + e.getOriginalMessage() + at(e.getLocation(), record));
        } catch (JsonProcessingException e) {
            return parseFailure(record, "not JSON: " + e.getOriginalMessage() + at(e.getLocation(), record));
        } catch (IOException e) {
            return parseFailure(record, "not JSON: " + e.getMessage());
        }
        return route(record, raw, inspector);
    }

    private NormalizedEvent route(byte[] record, RawEvent raw, EventInspector inspector) {
        DocumentBuilder document = new DocumentBuilder();
        List<String> problems = new ArrayList<>(2);

        Channel channel = raw.channel();
        if (raw.logName() == null) {
            problems.add("no channel: the record has no channel/log_name field");
        } else if (channel == null) {
            problems.add("unknown channel: log_name '" + shorten(raw.logName()) + "' has no HELK index");
        }
        Integer eventId = eventId(raw, document, problems);
        Instant eventTime = eventTime(raw, document, problems);

        document.putTime("@timestamp", eventTime != null ? eventTime : clock.instant());
        if (eventId != null) {
            document.put("event_id", eventId);
        }
        if (raw.logName() != null) {
            document.put("log_name", channel == null ? raw.logName() : channel.canonicalLogName(raw.logName()));
        }
        for (Map.Entry<String, String> header : raw.header().entrySet()) {
            document.apply(header.getKey(), header.getValue(), HeaderFields.rule(header.getKey()));
        }
        if (channel == Channel.SYSMON && eventId != null && SysmonRules.action(eventId) != null) {
            document.put("action", SysmonRules.action(eventId));
        }
        Map<String, FieldRule> rules = WindowsRules.rules(channel, eventId);
        for (Map.Entry<String, String> field : raw.eventData().entrySet()) {
            FieldRule rule = rules.get(field.getKey());
            if (rule != null) {
                document.apply(field.getKey(), field.getValue(), rule);
            } else {
                document.applyUnknown(field.getKey(), field.getValue());
            }
        }
        if (channel == Channel.POWERSHELL) {
            PowerShellFields.expand(raw.eventData(), document);
        }
        document.put("etl_input_format", raw.format().label());
        inspect(inspector, raw, document);

        String reason = problems.isEmpty() ? null : String.join("; ", problems);
        Instant indexTime = eventTime != null ? eventTime : clock.instant();
        String index;
        Disposition disposition;
        if (reason == null) {
            index = CHANNEL_INDEX_PREFIX + channel.indexName() + "-" + dateSuffix(indexTime);
            disposition = Disposition.CHANNEL;
        } else {
            index = CATCH_ALL_INDEX_PREFIX + dateSuffix(indexTime);
            disposition = Disposition.CATCH_ALL;
            document.put("reason", reason);
        }
        return new NormalizedEvent(index, documentId(record), DocumentWriter.write(document.fields(), record),
                disposition,
                channel == null ? null : channel.indexName(), reason);
    }

    private static void inspect(EventInspector inspector, RawEvent raw, DocumentBuilder document) {
        if (inspector == EventInspector.NONE) {
            return;
        }
        Map<String, Object> extra;
        try {
            extra = inspector.inspect(new RawEventView(raw));
        } catch (RuntimeException | StackOverflowError defect) {
            document.warn("the detection engine failed on this event (" + defect + "); it is indexed unchecked");
            return;
        }
        extra.forEach(document::put);
    }

    private static Integer eventId(RawEvent raw, DocumentBuilder document, List<String> problems) {
        if (raw.eventIdText() == null) {
            problems.add("no event id: the record has no "
                    + (raw.eventIdField() == null ? "EventID/event_id" : raw.eventIdField()) + " value");
            return null;
        }
        Long parsed = ValueParsers.parseInteger(raw.eventIdText());
        if (parsed == null || parsed > Integer.MAX_VALUE) {
            problems.add("event id: field '" + raw.eventIdField() + "' value '" + shorten(raw.eventIdText())
                    + "' is not an integer");
            document.put("event_id_orig", raw.eventIdText());
            return null;
        }
        return parsed.intValue();
    }

    /**
     * The first trustworthy time, most trusted first (see {@link RawEventReader}). A zone-less local time is
     * used only when nothing better exists, with a warning. An unparseable time ahead of the chosen one is a
     * routing problem (catch-all index): the event's date is then not certain.
     */
    private static Instant eventTime(RawEvent raw, DocumentBuilder document, List<String> problems) {
        Instant zoneless = null;
        String zonelessField = null;
        for (RawEvent.TimestampField candidate : raw.timestamps()) {
            TimestampParser.ParsedTime parsed = TimestampParser.parse(candidate.text());
            if (parsed == null) {
                problems.add("timestamp: field '" + candidate.field() + "' value '" + shorten(candidate.text())
                        + "' is not a recognised timestamp");
                document.put(DocumentBuilder.safeFieldName(candidate.field()) + "_orig", candidate.text());
                continue;
            }
            if (parsed.hadZone() || candidate.zoneIsUtc()) {
                return parsed.instant();
            }
            if (zoneless == null) {
                zoneless = parsed.instant();
                zonelessField = candidate.field();
            }
        }
        if (zoneless != null) {
            document.warn(zonelessField + " has no time zone and the record has no UTC time; read as UTC");
            return zoneless;
        }
        if (raw.timestamps().isEmpty()) {
            problems.add("no timestamp: the record has none of UtcTime, @timestamp, EventTime, TimeCreated");
        }
        return null;
    }

    /** 128 bits of SHA-256 of the record, base64url: the same record always gets the same id. */
    static String documentId(byte[] record) {
        MessageDigest digest = SHA_256.get();
        digest.reset();
        byte[] hash = digest.digest(record);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(hash, 16));
    }

    static String dateSuffix(Instant instant) {
        LocalDate date = LocalDate.ofInstant(instant, ZoneOffset.UTC);
        StringBuilder suffix = new StringBuilder(10);
        suffix.append(date.getYear()).append('.');
        if (date.getMonthValue() < 10) {
            suffix.append('0');
        }
        suffix.append(date.getMonthValue()).append('.');
        if (date.getDayOfMonth() < 10) {
            suffix.append('0');
        }
        return suffix.append(date.getDayOfMonth()).toString();
    }

    private static String at(JsonLocation location, byte[] record) {
        if (location == null) {
            return "";
        }
        return " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ", byte "
                + location.getByteOffset() + " of " + record.length + ")";
    }

    private static String shorten(String value) {
        return value.length() > REASON_VALUE_LIMIT ? value.substring(0, REASON_VALUE_LIMIT) + "…" : value;
    }
}
