package io.helklab.ingest.normalize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Records that are not usable Windows events: nothing is lost, nothing throws, the reason says why. */
class BadInputTest {

    private final EventNormalizer normalizer = new EventNormalizer(TestRecords.CLOCK);

    @Test
    void textThatIsNotJsonGoesToParseFailuresByIngestTime() {
        NormalizedEvent event = normalizer.normalize(bytes("hello world"));

        assertThat(event.disposition()).isEqualTo(Disposition.PARSE_FAILURE);
        assertThat(event.index()).isEqualTo("parse-failures-2024.06.01");
        assertThat(event.channel()).isNull();
        assertThat(event.reason()).startsWith("not JSON: Unrecognized token 'hello'");
        assertThat(TestRecords.normalised(event.fields())).isEqualTo(TestRecords.normalised(Map.of(
                "@timestamp", "2024-06-01T08:00:00Z",
                "reason", event.reason(),
                "event_original_message", "hello world",
                "event_original_size", 11)));
    }

    @Test
    void truncatedJsonSaysTruncated() {
        NormalizedEvent event = normalizer.normalize(bytes("{\"winlog\": {\"event_id\": 1, \"channel\": \"Sec"));

        assertThat(event.disposition()).isEqualTo(Disposition.PARSE_FAILURE);
        assertThat(event.reason()).startsWith("truncated JSON:");
        assertThat(event.fields()).containsEntry("event_original_message",
                "{\"winlog\": {\"event_id\": 1, \"channel\": \"Sec");
    }

    @ParameterizedTest
    @ValueSource(strings = {"c328", "c0af", "eda080", "f4908080", "ff", "e282"})
    void invalidUtf8IsKeptAsBase64(String badHex) {
        byte[] bad = java.util.HexFormat.of().parseHex(badHex);
        byte[] prefix = bytes("{\"Message\":\"");
        byte[] suffix = bytes("\"}");
        byte[] record = java.nio.ByteBuffer.allocate(prefix.length + bad.length + suffix.length).put(prefix).put(bad)
                .put(suffix).array();
        NormalizedEvent event = normalizer.normalize(record);

        assertThat(event.disposition()).isEqualTo(Disposition.PARSE_FAILURE);
        assertThat(event.reason()).startsWith("not valid UTF-8: byte 0x").contains("at offset 12 of " + record.length);
        Map<String, Object> fields = event.fields();
        assertThat(fields).containsEntry("event_original_encoding", "base64")
                .containsEntry("event_original_size", record.length);
        assertThat(Base64.getDecoder().decode((String) fields.get("event_original_message"))).isEqualTo(record);
    }

    @Test
    void validMultiByteUtf8IsNotAFailure() {
        NormalizedEvent event = normalizer.normalize(SysmonRecordBuilder.winlogbeat7(1,
                Map.of("Image", "C:\\Users\\Jörg\\桌面\\😀.exe")));

        assertThat(event.disposition()).isEqualTo(Disposition.CHANNEL);
        assertThat(event.fields()).containsEntry("process_name", "😀.exe");
    }

    @ParameterizedTest
    @ValueSource(strings = {"[1, 2]", "42", "\"text\"", "null", "true"})
    void jsonThatIsNotAnObject(String record) {
        NormalizedEvent event = normalizer.normalize(bytes(record));

        assertThat(event.disposition()).isEqualTo(Disposition.PARSE_FAILURE);
        assertThat(event.reason()).startsWith("JSON is not an object but ");
        assertThat(event.fields()).containsEntry("event_original_message", record);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   \n", "{\"a\": 1} trailing", "{\"a\": 1}{\"b\": 2}", "{'a': 1}"})
    void emptyOrTrailingOrSingleQuotedRecords(String record) {
        NormalizedEvent event = normalizer.normalize(bytes(record));

        assertThat(event.disposition()).isEqualTo(Disposition.PARSE_FAILURE);
        assertThat(event.reason()).isNotBlank();
        assertThat(event.fields()).containsEntry("event_original_message", record);
    }

    @Test
    void aSecondValueAfterTheObjectIsNamedWithItsPlace() {
        NormalizedEvent event = normalizer.normalize(bytes("{\"a\": 1}\n{\"b\": 2}"));

        assertThat(event.disposition()).isEqualTo(Disposition.PARSE_FAILURE);
        assertThat(event.reason()).isEqualTo("not JSON: a second JSON value follows the object (line 2, column 1, "
                + "byte 9 of 17); each record must be exactly one JSON object");
    }

    @Test
    void nullRecordIsAnEmptyParseFailure() {
        NormalizedEvent event = normalizer.normalize(null);

        assertThat(event.disposition()).isEqualTo(Disposition.PARSE_FAILURE);
        assertThat(event.fields()).containsEntry("event_original_size", 0);
    }

    @Test
    void nestingBeyondJacksonsLimitIsAParseFailureNotAStackOverflow() {
        String record = "[".repeat(5000) + "]".repeat(5000);
        NormalizedEvent event = normalizer.normalize(bytes(record));

        assertThat(event.disposition()).isEqualTo(Disposition.PARSE_FAILURE);
        assertThat(event.reason()).startsWith("not JSON:").contains("nesting depth");
    }

    @Test
    void emptyObjectGoesToCatchAllByIngestTimeNamingEveryMissingPart() {
        NormalizedEvent event = normalizer.normalize(bytes("{}"));

        assertThat(event.disposition()).isEqualTo(Disposition.CATCH_ALL);
        assertThat(event.index()).isEqualTo("logs-indexme-2024.06.01");
        assertThat(event.reason()).isEqualTo("no channel: the record has no channel/log_name field; "
                + "no event id: the record has no EventID/event_id value; "
                + "no timestamp: the record has none of UtcTime, @timestamp, EventTime, TimeCreated");
        assertThat(event.fields()).containsEntry("@timestamp", "2024-06-01T08:00:00Z")
                .containsEntry("reason", event.reason())
                .containsEntry("etl_input_format", "unknown")
                .containsEntry("event_original_message", "{}");
    }

    @Test
    void unknownChannelGoesToCatchAllOfTheEventsOwnDayWithItsFields() {
        NormalizedEvent event = normalizer.normalize(TestRecords.resource("winlogbeat7-taskscheduler-106.json"));

        assertThat(event.disposition()).isEqualTo(Disposition.CATCH_ALL);
        assertThat(event.index()).isEqualTo("logs-indexme-2024.03.01");
        assertThat(event.channel()).isNull();
        assertThat(event.reason())
                .isEqualTo("unknown channel: log_name 'Microsoft-Windows-TaskScheduler/Operational' has no HELK index");
        assertThat(TestRecords.normalised(event.fields())).containsAllEntriesOf(TestRecords.normalised(Map.of(
                "event_id", 106,
                "log_name", "Microsoft-Windows-TaskScheduler/Operational",
                "host_name", "wkst01.helklab.local",
                "record_number", 555,
                "TaskName", "\\microsoft\\windows\\updater",
                "UserContext", "HELKLAB\\PGustavo")));
    }

    @Test
    void eventIdThatIsNotANumberGoesToCatchAll() {
        String record = "{\"EventTime\":\"2024-03-01T10:00:00Z\",\"Channel\":\"Security\",\"EventID\":\"abc\"}";
        NormalizedEvent event = normalizer.normalize(bytes(record));

        assertThat(event.disposition()).isEqualTo(Disposition.CATCH_ALL);
        assertThat(event.index()).isEqualTo("logs-indexme-2024.03.01");
        assertThat(event.channel()).isEqualTo("security");
        assertThat(event.reason()).isEqualTo("event id: field 'EventID' value 'abc' is not an integer");
        assertThat(event.fields()).containsEntry("event_id_orig", "abc").doesNotContainKey("event_id");
    }

    @Test
    void unparseableUtcTimeGoesToCatchAllDatedByTheNextTrustedTime() {
        NormalizedEvent event = normalizer.normalize(SysmonRecordBuilder.winlogbeat7(1,
                Map.of("UtcTime", "yesterday at noon", "Image", "C:\\x.exe")));

        assertThat(event.disposition()).isEqualTo(Disposition.CATCH_ALL);
        assertThat(event.index()).isEqualTo("logs-indexme-2024.03.01");
        assertThat(event.reason()).isEqualTo("timestamp: field 'UtcTime' value 'yesterday at noon' is not a recognised timestamp");
        assertThat(event.fields()).containsEntry("UtcTime_orig", "yesterday at noon")
                .containsEntry("@timestamp", "2024-03-01T12:00:00.500Z")
                .containsEntry("process_name", "x.exe");
    }

    @Test
    void twoMegabyteScriptBlockIsIndexedWhole() {
        String script = "$a = 'AAAA';".repeat(2 * 1024 * 1024 / 12);
        String record = "{\"@timestamp\":\"2024-03-01T12:00:00Z\",\"winlog\":{\"channel\":\"Microsoft-Windows-PowerShell/"
                + "Operational\",\"event_id\":4104,\"event_data\":{\"ScriptBlockText\":\"" + script + "\"}}}";
        NormalizedEvent event = normalizer.normalize(bytes(record));

        assertThat(event.disposition()).isEqualTo(Disposition.CHANNEL);
        Map<String, Object> fields = event.fields();
        assertThat(fields.get("event_original_message")).isEqualTo(record);
        assertThat(((Map<?, ?>) ((Map<?, ?>) fields.get("powershell")).get("scriptblock")).get("text")).isEqualTo(script);
    }

    @Test
    void twoMegabytesOfGarbageIsAParseFailureKeepingEverything() {
        byte[] record = new byte[2 * 1024 * 1024];
        Arrays.fill(record, (byte) 'x');
        NormalizedEvent event = normalizer.normalize(record);

        assertThat(event.disposition()).isEqualTo(Disposition.PARSE_FAILURE);
        assertThat(((String) event.fields().get("event_original_message")).length()).isEqualTo(record.length);
    }

    @Test
    void parseFailureReroutesARejectedDocumentUnderTheSameId() {
        byte[] record = TestRecords.resource("nxlog-sysmon-3.json");
        NormalizedEvent indexed = normalizer.normalize(record);
        NormalizedEvent rejected = normalizer.parseFailure(record,
                "Elasticsearch rejected the document: mapper_parsing_exception failed to parse field [src_port]");

        assertThat(rejected.disposition()).isEqualTo(Disposition.PARSE_FAILURE);
        assertThat(rejected.index()).isEqualTo("parse-failures-2024.06.01");
        assertThat(rejected.id()).isEqualTo(indexed.id());
        assertThat(rejected.fields()).containsEntry("reason", rejected.reason())
                .containsEntry("event_original_message", new String(record, StandardCharsets.UTF_8));
    }

    @Test
    void neverThrowsOnTruncationsAndByteFlipsOfRealRecords() {
        Random random = new Random(20240301);
        List<byte[]> records = TestRecords.lines("sysmon-winlogbeat7.jsonl");
        records.addAll(TestRecords.lines("security-winlogbeat7.jsonl"));
        records.add(TestRecords.resource("nxlog-sysmon-3.json"));
        records.add(TestRecords.resource("flat-sysmon-10.json"));
        for (byte[] original : records) {
            for (int attempt = 0; attempt < 100; attempt++) {
                byte[] mutated = attempt % 2 == 0
                        ? Arrays.copyOf(original, random.nextInt(original.length + 1))
                        : flipBytes(original, random);
                assertThatCode(() -> {
                    NormalizedEvent event = normalizer.normalize(mutated);
                    Map<String, Object> fields = event.fields();
                    assertThat(fields).containsKeys("@timestamp", "event_original_message");
                    assertThat(event.index()).matches("(logs-endpoint-winevent-[a-z]+|logs-indexme|parse-failures)"
                            + "-\\d{4}\\.\\d{2}\\.\\d{2}");
                }).doesNotThrowAnyException();
            }
        }
    }

    private static byte[] flipBytes(byte[] original, Random random) {
        byte[] copy = original.clone();
        for (int i = 0; i < 3; i++) {
            copy[random.nextInt(copy.length)] = (byte) random.nextInt(256);
        }
        return copy;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
