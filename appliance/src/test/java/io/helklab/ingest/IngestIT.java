package io.helklab.ingest;

import static io.helklab.ingest.IngestTestSupport.awaitDocument;
import static io.helklab.ingest.IngestTestSupport.produce;
import static io.helklab.ingest.IngestTestSupport.resource;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.helklab.HelkLab;
import io.helklab.SharedAppliance;
import io.helklab.TestHttp;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Records of every input format, and bad input, through real Kafka into real Elasticsearch. */
class IngestIT {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static HelkLab lab;

    @BeforeAll
    static void start() {
        lab = SharedAppliance.get();
    }

    @Test
    void winlogbeat6SysmonProcessCreateBecomesAHelkDocument() throws Exception {
        byte[] record = resource("winlogbeat6-sysmon-1.json");
        produce(lab, "winlogbeat", List.of(record));
        JsonNode document = awaitDocument(lab, record, WAIT);
        assertThat(document.path("_index").asText()).isEqualTo("logs-endpoint-winevent-sysmon-2019.05.14");
        assertThat(document.path("event_id").asInt()).isEqualTo(1);
        assertThat(document.path("action").asText()).isEqualTo("processcreate");
        assertThat(document.path("process_guid").asText()).isEqualTo("a98268c1-9c31-5cda-0000-0010e1b03100");
        assertThat(document.path("process_name").asText()).isEqualTo("cmd.exe");
        assertThat(document.path("process_id").isNumber()).isTrue();
        assertThat(document.path("process_id").asLong()).isEqualTo(2980);
        assertThat(document.path("user_logon_id").asLong()).isEqualTo(0x5e8e9);
        assertThat(document.path("host_name").asText()).isEqualTo("WKST02.helklab.local".toLowerCase()
                .equals(document.path("host_name").asText()) ? "wkst02.helklab.local" : "WKST02.helklab.local");
        assertThat(document.path("event_original_message").asText()).isEqualTo(new String(record, StandardCharsets.UTF_8));
    }

    @Test
    void nxlogAndFlatExportAndWinlogbeat7AreAllRoutedToTheSysmonIndex() throws Exception {
        byte[] nxlog = resource("nxlog-sysmon-3.json");
        byte[] flat = resource("flat-sysmon-10.json");
        byte[] winlogbeat7 = new String(resource("sysmon-winlogbeat7.jsonl"), StandardCharsets.UTF_8).lines()
                .filter(line -> !line.isBlank()).findFirst().orElseThrow().getBytes(StandardCharsets.UTF_8);
        produce(lab, "winevent", List.of(nxlog));
        produce(lab, "winlogbeat", List.of(flat, winlogbeat7));

        JsonNode network = awaitDocument(lab, nxlog, WAIT);
        assertThat(network.path("_index").asText()).startsWith("logs-endpoint-winevent-sysmon-");
        assertThat(network.path("action").asText()).isEqualTo("networkconnect");
        assertThat(network.path("network_initiated").isBoolean()).isTrue();

        JsonNode access = awaitDocument(lab, flat, WAIT);
        assertThat(access.path("_index").asText()).startsWith("logs-endpoint-winevent-sysmon-");
        assertThat(access.path("event_id").asInt()).isEqualTo(10);
        assertThat(access.path("process_granted_access").isNumber()).isTrue();

        JsonNode fromWinlogbeat7 = awaitDocument(lab, winlogbeat7, WAIT);
        assertThat(fromWinlogbeat7.path("_index").asText()).startsWith("logs-endpoint-winevent-sysmon-2024.03.01");
    }

    @Test
    void theIndexTemplatesGiveHelkFieldsTheirTypes() throws Exception {
        byte[] record = resource("nxlog-sysmon-3.json");
        produce(lab, "winevent", List.of(record));
        String index = awaitDocument(lab, record, WAIT).path("_index").asText();
        JsonNode properties = TestHttp.get(lab.elasticsearchUrl() + "/" + index + "/_mapping").body()
                .path(index).path("mappings").path("properties");
        assertThat(properties.path("@timestamp").path("type").asText()).isEqualTo("date");
        assertThat(properties.path("process_id").path("type").asText()).isEqualTo("long");
        assertThat(properties.path("dst_ip_addr").path("type").asText()).isEqualTo("ip");
        assertThat(properties.path("network_initiated").path("type").asText()).isEqualTo("boolean");
        assertThat(properties.path("process_path").path("type").asText()).isEqualTo("text");
        assertThat(properties.path("process_path").path("fields").path("keyword").path("type").asText()).isEqualTo("keyword");
        assertThat(properties.path("host_name").path("type").asText()).isEqualTo("keyword");
        assertThat(properties.path("host_name").path("fields").path("keyword").path("type").asText()).isEqualTo("parent_keyword");
        JsonNode settings = TestHttp.get(lab.elasticsearchUrl() + "/" + index + "/_settings").body()
                .path(index).path("settings").path("index");
        assertThat(settings.path("number_of_shards").asText()).isEqualTo("1");
        assertThat(settings.path("number_of_replicas").asText()).isEqualTo("0");
    }

    @Test
    void badInputIsKeptWithItsReasonAndValidEventsAroundItAreAllIndexed() throws Exception {
        String unique = UUID.randomUUID().toString();
        List<byte[]> valid = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            valid.add(validSysmon(unique, i));
        }
        byte[] notJson = ("this is not json " + unique).getBytes(StandardCharsets.UTF_8);
        byte[] truncated = ("{\"EventID\": 1, \"Channel\": \"Security\", \"x\": \"" + unique).getBytes(StandardCharsets.UTF_8);
        // 0xC3 0x28: a UTF-8 lead byte whose continuation byte is missing (ISO-8859-1 writes each char as one byte).
        byte[] invalidUtf8 = ("{\"note\":\"" + unique + "\",\"bad\":\"\u00c3(\"}").getBytes(StandardCharsets.ISO_8859_1);
        byte[] array = ("[1,2,\"" + unique + "\"]").getBytes(StandardCharsets.UTF_8);
        byte[] noEventId = ("{\"Channel\":\"Security\",\"TimeCreated\":\"2024-03-01T10:00:00Z\",\"Hostname\":\"dc01\",\"note\":\""
                + unique + "\"}").getBytes(StandardCharsets.UTF_8);
        byte[] badTimestamp = ("{\"EventID\":4624,\"Channel\":\"Security\",\"TimeCreated\":\"yesterday at noon\",\"Hostname\":\"dc01\","
                + "\"note\":\"" + unique + "\"}").getBytes(StandardCharsets.UTF_8);
        byte[] typeConflict = new String(validSysmon(unique, 99), StandardCharsets.UTF_8)
                .replace("\"ProcessId\":\"4242\"", "\"ProcessId\":\"not-a-pid\"").getBytes(StandardCharsets.UTF_8);
        String big = "A".repeat(2 * 1024 * 1024);
        byte[] twoMegabytes = new String(validSysmon(unique, 100), StandardCharsets.UTF_8)
                .replace("\"CommandLine\":\"", "\"CommandLine\":\"" + big).getBytes(StandardCharsets.UTF_8);
        byte[] unknownChannelString = ("{\"EventID\":7,\"Channel\":\"Custom/Thing\",\"TimeCreated\":\"2024-03-02T10:00:00Z\","
                + "\"Hostname\":\"srv01\",\"note\":\"" + unique + "a\"}")
                .getBytes(StandardCharsets.UTF_8);
        // The normaliser prevents type conflicts; a mapping explosion is what Elasticsearch itself still refuses.
        StringBuilder manyFields = new StringBuilder("{\"EventID\":7,\"Channel\":\"Custom/Thing\","
                + "\"TimeCreated\":\"2024-03-02T10:00:00Z\",\"Hostname\":\"srv01\",\"note\":\"" + unique + "b\"");
        for (int field = 0; field < 6000; field++) {
            manyFields.append(",\"field_").append(unique, 0, 8).append('_').append(field).append("\":\"v\"");
        }
        byte[] unknownChannelObject = manyFields.append('}').toString().getBytes(StandardCharsets.UTF_8);

        List<byte[]> all = new ArrayList<>();
        all.addAll(valid.subList(0, 10));
        all.addAll(List.of(notJson, truncated, invalidUtf8, array, noEventId, badTimestamp, typeConflict, twoMegabytes,
                unknownChannelString));
        all.addAll(valid.subList(10, 20));
        produce(lab, "winlogbeat", all);
        produce(lab, "winlogbeat", List.of(unknownChannelObject));

        for (byte[] record : valid) {
            assertThat(awaitDocument(lab, record, WAIT).path("_index").asText()).startsWith("logs-endpoint-winevent-sysmon-");
        }
        for (byte[] record : List.of(notJson, truncated, invalidUtf8, array)) {
            JsonNode failure = awaitDocument(lab, record, WAIT);
            assertThat(failure.path("_index").asText()).startsWith("parse-failures-");
            assertThat(failure.path("reason").asText()).isNotBlank();
        }
        JsonNode invalid = awaitDocument(lab, invalidUtf8, WAIT);
        assertThat(invalid.path("event_original_encoding").asText()).isEqualTo("base64");
        for (byte[] record : List.of(noEventId, badTimestamp)) {
            JsonNode caught = awaitDocument(lab, record, WAIT);
            assertThat(caught.path("_index").asText()).startsWith("logs-indexme-");
            assertThat(caught.toString()).contains(unique);
        }
        JsonNode conflicted = awaitDocument(lab, typeConflict, WAIT);
        assertThat(conflicted.path("_index").asText()).startsWith("logs-endpoint-winevent-sysmon-");
        assertThat(conflicted.has("process_id")).isFalse();
        assertThat(conflicted.path("process_id_orig").asText()).isEqualTo("not-a-pid");
        assertThat(conflicted.path("event_parse_warnings").toString()).contains("process_id");

        JsonNode large = awaitDocument(lab, twoMegabytes, WAIT);
        assertThat(large.path("_index").asText()).startsWith("logs-endpoint-winevent-sysmon-");
        assertThat(large.path("process_command_line").asText()).hasSizeGreaterThan(2 * 1024 * 1024);

        assertThat(awaitDocument(lab, unknownChannelString, WAIT).path("_index").asText()).startsWith("logs-indexme-");
        JsonNode rejected = awaitDocument(lab, unknownChannelObject, WAIT);
        assertThat(rejected.path("_index").asText()).startsWith("parse-failures-");
        assertThat(rejected.path("reason").asText()).contains("Elasticsearch rejected the document", "Limit of total fields");
        assertThat(rejected.path("event_original_message").asText()).contains(unique + "b");

        assertThat(lab.indexer().statistics().parseFailures()).isGreaterThanOrEqualTo(5);
    }

    @Test
    void replayingTheSameRecordsNeverDuplicates() throws Exception {
        String unique = UUID.randomUUID().toString();
        List<byte[]> records = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            records.add(validSysmon(unique, i));
        }
        produce(lab, "winlogbeat", records);
        produce(lab, "winlogbeat", records);
        for (byte[] record : records) {
            awaitDocument(lab, record, WAIT);
        }
        long replayedThrough = lab.indexer().statistics().consumed();
        produce(lab, "winlogbeat", records);
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (lab.indexer().statistics().consumed() < replayedThrough + records.size() && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        TestHttp.post(lab.elasticsearchUrl() + "/logs-endpoint-winevent-sysmon-*/_refresh", "{}");
        JsonNode count = TestHttp.post(lab.elasticsearchUrl() + "/logs-endpoint-winevent-sysmon-*/_count",
                "{\"query\":{\"match_phrase\":{\"process_command_line\":\"" + unique + "\"}}}").body();
        assertThat(count.path("count").asLong()).isEqualTo(records.size());
    }

    /** A Winlogbeat 7 Sysmon process creation whose command line carries a marker. */
    static byte[] validSysmon(String marker, int sequence) {
        String guid = String.format("{A98268C1-9C31-5CDA-%04X-%012X}", sequence & 0xFFFF, Math.abs(marker.hashCode()));
        String json = "{\"@timestamp\":\"2024-03-01T12:00:00.123Z\",\"winlog\":{\"channel\":\"Microsoft-Windows-Sysmon/Operational\","
                + "\"event_id\":1,\"computer_name\":\"WKST01.helk.lab\",\"provider_name\":\"Microsoft-Windows-Sysmon\","
                + "\"record_id\":" + (1000 + sequence) + ",\"process\":{\"pid\":2024,\"thread\":{\"id\":3160}},"
                + "\"event_data\":{\"UtcTime\":\"2024-03-01 12:00:00.123\",\"ProcessGuid\":\"" + guid + "\","
                + "\"ProcessId\":\"4242\",\"Image\":\"C:\\\\Windows\\\\System32\\\\cmd.exe\","
                + "\"CommandLine\":\"cmd.exe /c echo " + marker + " " + sequence + "\",\"User\":\"HELK\\\\alice\","
                + "\"ParentImage\":\"C:\\\\Windows\\\\explorer.exe\",\"ParentProcessGuid\":\"{A98268C1-9C30-5CDA-0000-00103F5C0600}\","
                + "\"ParentProcessId\":\"4236\",\"LogonId\":\"0x5e8e9\",\"IntegrityLevel\":\"Medium\"}}}";
        return json.getBytes(StandardCharsets.UTF_8);
    }
}
