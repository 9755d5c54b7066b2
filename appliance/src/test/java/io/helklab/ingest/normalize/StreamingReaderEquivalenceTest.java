package io.helklab.ingest.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.helklab.samples.SampleCatalog;
import io.helklab.samples.Scenario;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The streaming {@link RawEventReader} reads every record exactly as {@link TreeReaderOracle}, the tree-based
 * reader it replaced, did: the same format, header, channel, event id, event data (in the same order) and
 * timestamps. The one intended difference: Sysmon's {@code message} is no longer read (the normaliser never
 * kept it).
 */
class StreamingReaderEquivalenceTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonFactory JSON = MAPPER.getFactory();

    @Test
    void everyTestRecordIsReadAsTheTreeReaderReadIt() throws IOException {
        List<byte[]> records = new ArrayList<>();
        for (String lines : List.of("sysmon-winlogbeat7.jsonl", "security-winlogbeat7.jsonl",
                "other-channels-winlogbeat7.jsonl")) {
            records.addAll(TestRecords.lines(lines));
        }
        for (String resource : List.of("flat-sysmon-10.json", "flat-system-7045.json", "nxlog-sysmon-3.json",
                "winlogbeat6-sysmon-1.json", "winlogbeat6-windows-powershell-400.json",
                "winlogbeat7-taskscheduler-106.json")) {
            records.add(TestRecords.resource(resource));
        }
        for (byte[] record : records) {
            assertReadAlike(record);
        }
        assertThat(records.size()).isGreaterThanOrEqualTo(42);
    }

    @Test
    void everySampleRecordIsReadAsTheTreeReaderReadIt() throws IOException {
        AtomicLong read = new AtomicLong();
        for (Scenario scenario : SampleCatalog.builtIn()) {
            try (Stream<byte[]> records = scenario.records()) {
                for (byte[] record : (Iterable<byte[]>) records::iterator) {
                    assertReadAlike(record);
                    read.incrementAndGet();
                }
            }
        }
        assertThat(read.get()).isGreaterThan(100_000);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{}",
            // a later value of a name replaces the earlier one, in the earlier one's place
            "{\"winlog\":{\"channel\":\"Security\",\"event_id\":4624},\"winlog\":\"gone\",\"EventID\":1,\"Channel\":\"Security\"}",
            "{\"winlog\":[1],\"winlog\":{\"channel\":\"Security\",\"event_id\":null},\"event\":{\"code\":\"4688\"}}",
            "{\"winlog\":{\"process\":{\"pid\":1,\"thread\":{\"id\":2}},\"process\":{\"pid\":3}}}",
            "{\"winlog\":{\"event_data\":{\"a\":\"1\",\"b\":\"2\",\"a\":null,\"a\":\"3\"},\"user_data\":{\"b\":\"x\",\"c\":[1,2]}}}",
            "{\"winlog\":{\"channel\":\"Microsoft-Windows-Sysmon/Operational\",\"event_id\":1,\"event_data\":{}},"
                    + "\"message\":\"Process Create:\\r\\nImage: C:\\\\x.exe\"}",
            "{\"winlog\":{\"channel\":\"Security\",\"event_id\":4688},\"message\":{\"not\":\"text\"}}",
            // numbers and other scalars as a tree's asText() gives them
            "{\"winlog\":{\"channel\":\"Security\",\"event_id\":1.50,\"record_id\":12345678901234567890,"
                    + "\"version\":1e3,\"opcode\":true,\"task\":-0,\"keywords\":[\"Audit Success\",7,false]}}",
            "{\"winlog\":{\"keywords\":[\"a\",null],\"activity_id\":{\"b\":[1,{\"c\":2}]},\"provider_guid\":[]}}",
            // Winlogbeat 6 and flat records with objects and arrays that become text
            "{\"event_data\":null,\"event_id\":\"4\",\"user\":{\"name\":\"x\"},\"beat\":[1],\"log_name\":\"System\"}",
            "{\"event_id\":1,\"computer_name\":\"h\",\"log_name\":\"Microsoft-Windows-Sysmon/Operational\","
                    + "\"message\":\"m\",\"event_data\":{\"UtcTime\":\"2024-03-01 12:00:00.500\"}}",
            "{\"EventID\":1,\"Channel\":\"Microsoft-Windows-Sysmon/Operational\",\"Message\":\"m\",\"host\":{\"name\":\"h\"},"
                    + "\"tags\":[\"a\",\"b\"],\"agent\":{\"hostname\":\"x\"},\"Task\":1,\"Category\":\"c\"}",
            "{\"EventId\":\"7045\",\"LogName\":\"System\",\"TimeCreated\":\"2024-03-01T12:00:00\",\"AccountName\":\"a\","
                    + "\"Message\":7,\"message\":\"lower\",\"event\":{\"code\":1},\"log\":[{}]}",
            "{ \"EventTime\" : \"2024-03-01 12:00:00\" ,\n \"x\" : { \"y\" : [ 1 , 2 ] } ,\t\"Domain\":\"d\" }",
            "{\"message\":\"a\",\"message\":\"b\",\"Message\":null,\"@timestamp\":[\"t\"]}"})
    void edgeCasesAreReadAsTheTreeReaderReadThem(String record) throws IOException {
        assertReadAlike(record.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void generatedRecordsAreReadAsTheTreeReaderReadThem() throws IOException {
        Random random = new Random(20261122);
        for (int i = 0; i < 20_000; i++) {
            assertReadAlike(new RecordGenerator(random).record());
        }
    }

    private static void assertReadAlike(byte[] record) throws IOException {
        String shown = new String(record, StandardCharsets.UTF_8);
        RawEvent streamed;
        try (JsonParser parser = JSON.createParser(record)) {
            assertThat(parser.nextToken()).as(shown).isEqualTo(JsonToken.START_OBJECT);
            streamed = RawEventReader.read(parser, record);
            assertThat(parser.currentToken()).as(shown).isEqualTo(JsonToken.END_OBJECT);
            assertThat(parser.nextToken()).as(shown).isNull();
        }
        RawEvent tree = TreeReaderOracle.read(MAPPER.readTree(record));
        Map<String, String> expectedHeader = new LinkedHashMap<>(tree.header());
        if (tree.channel() == Channel.SYSMON) {
            expectedHeader.remove("message");
        }
        assertThat(streamed.format()).as(shown).isEqualTo(tree.format());
        assertThat(new ArrayList<>(streamed.header().entrySet())).as(shown)
                .containsExactlyElementsOf(new ArrayList<>(expectedHeader.entrySet()));
        assertThat(streamed.logName()).as(shown).isEqualTo(tree.logName());
        assertThat(streamed.channel()).as(shown).isEqualTo(tree.channel());
        assertThat(streamed.eventIdField()).as(shown).isEqualTo(tree.eventIdField());
        assertThat(streamed.eventIdText()).as(shown).isEqualTo(tree.eventIdText());
        assertThat(new ArrayList<>(streamed.eventData().entrySet())).as(shown)
                .containsExactlyElementsOf(new ArrayList<>(tree.eventData().entrySet()));
        assertThat(streamed.timestamps()).as(shown).isEqualTo(tree.timestamps());
    }

    /**
     * Random records built from the names the readers look for, with repeated names, every JSON type, numbers
     * in unusual spellings and objects where scalars are expected and the other way round.
     */
    private static final class RecordGenerator {
        private static final String[] ROOT_NAMES = {"winlog", "winlog", "agent", "beat", "log", "event", "user",
                "event_data", "user_data", "message", "Message", "host", "@timestamp", "@metadata", "EventID", "EventId",
                "Channel", "LogName", "EventTime", "TimeCreated", "SourceModuleName", "EventReceivedTime",
                "computer_name", "log_name", "event_id", "Category", "Task", "Hostname", "Domain", "AccountName", "tags",
                "type", "port", "record_number", "level", "UtcTime", "Image"};
        private static final String[] INNER_NAMES = {"channel", "event_id", "computer_name", "provider_name",
                "record_id", "task", "provider_guid", "opcode", "keywords", "version", "activity_id", "process", "pid",
                "thread", "id", "user", "domain", "identifier", "name", "type", "event_data", "user_data", "UtcTime",
                "Image", "hostname", "level", "code", "api"};
        private static final String[] STRINGS = {"Microsoft-Windows-Sysmon/Operational", "Security", "System",
                "Windows PowerShell", "2024-03-01T12:00:00Z", "2024-03-01 12:00:00.500", "not a time", "-", "", " ",
                "C:\\Windows\\x.exe", "quote \" and \\ and \r\n", "é😀", "4624", "0x10"};
        private static final String[] NUMBERS = {"0", "-0", "1", "4624", "2147483648", "12345678901234567890",
                "1.50", "1e3", "-2.5E-3", "0.1"};

        private final Random random;

        RecordGenerator(Random random) {
            this.random = random;
        }

        byte[] record() throws IOException {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (JsonGenerator generator = JSON.createGenerator(out)) {
                if (random.nextInt(4) == 0) {
                    generator.useDefaultPrettyPrinter();
                }
                generator.writeStartObject();
                int fields = random.nextInt(12);
                for (int i = 0; i < fields; i++) {
                    generator.writeFieldName(ROOT_NAMES[random.nextInt(ROOT_NAMES.length)]);
                    value(generator, 0);
                }
                generator.writeEndObject();
            }
            return out.toByteArray();
        }

        private void value(JsonGenerator generator, int depth) throws IOException {
            int kind = random.nextInt(depth < 3 ? 10 : 7);
            switch (kind) {
                case 0, 1, 2 -> generator.writeString(STRINGS[random.nextInt(STRINGS.length)]);
                case 3 -> generator.writeNumber(NUMBERS[random.nextInt(NUMBERS.length)]);
                case 4 -> generator.writeBoolean(random.nextBoolean());
                case 5 -> generator.writeNull();
                case 6 -> generator.writeNumber(BigInteger.valueOf(random.nextLong()));
                case 7 -> {
                    generator.writeStartArray();
                    for (int i = random.nextInt(4); i > 0; i--) {
                        value(generator, depth + 1);
                    }
                    generator.writeEndArray();
                }
                default -> {
                    generator.writeStartObject();
                    for (int i = random.nextInt(8); i > 0; i--) {
                        generator.writeFieldName(INNER_NAMES[random.nextInt(INNER_NAMES.length)]);
                        value(generator, depth + 1);
                    }
                    generator.writeEndObject();
                }
            }
        }
    }
}
