package io.helklab.streams;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.helklab.HelkLab;
import io.helklab.SharedAppliance;
import io.helklab.TestHttp;
import io.helklab.ingest.normalize.EventNormalizer;
import io.helklab.service.ServiceStatus;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The SYSMON_JOIN stream on the shared appliance: raw Sysmon records produced to Kafka come out joined in
 * {@code sysmon-join-*} and on the {@code SYSMON_JOIN} topic.
 *
 * <p>Every test takes its own three hours of event time, later than anything before it, so the stream's
 * watermark (which only moves forward) never makes one test's events late for another.
 */
class SysmonJoinStreamIT {
    private static final Duration WAIT = Duration.ofMinutes(4);
    private static final Instant BASE = Instant.parse("2030-01-01T00:00:00Z");
    private static final AtomicLong SLOTS = new AtomicLong();
    private static final EventNormalizer NORMALIZER = new EventNormalizer(Clock.systemUTC());
    private static HelkLab lab;

    @BeforeAll
    static void start() {
        lab = SharedAppliance.get();
    }

    private static Instant nextSlot() {
        return BASE.plus(Duration.ofHours(3 * SLOTS.getAndIncrement()));
    }

    private static String guid() {
        return UUID.randomUUID().toString();
    }

    @Test
    void everyConnectionIsEnrichedWithItsProcessCreation() throws Exception {
        Instant base = nextSlot();
        String process = guid();
        byte[] first = SysmonRecords.networkConnect(process, base.plusSeconds(5), "192.0.2.10", 50001);
        byte[] second = SysmonRecords.networkConnect(process, base.plusSeconds(6), "192.0.2.10", 50002);
        produce(List.of(SysmonRecords.processCreate(process, base,
                "C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe", "powershell.exe -nop -enc SQBFAFgA"),
                first, second));

        List<JsonNode> joined = awaitJoined(process, 2);
        Set<String> expectedIds = Set.of(NORMALIZER.normalize(first).id(), NORMALIZER.normalize(second).id());
        assertThat(joined).extracting(hit -> hit.path("_id").asText()).containsExactlyInAnyOrderElementsOf(expectedIds);
        JsonNode document = joined.get(0).path("_source");
        assertThat(joined.get(0).path("_index").asText()).isEqualTo("sysmon-join-2030.01.01");
        assertThat(document.path("event_id").asInt()).isEqualTo(3);
        assertThat(document.path("dst_ip_addr").asText()).isEqualTo("192.0.2.10");
        assertThat(document.path("process_command_line").asText()).isEqualTo("powershell.exe -nop -enc sqbfafga");
        assertThat(document.path("process_parent_name").asText()).isEqualTo("winword.exe");
        assertThat(document.path("user_name").asText()).isEqualTo("tester");
        assertThat(document.path("process_integrity_level").asText()).isEqualToIgnoringCase("high");
        assertThat(document.path("hash_sha256").asText()).isNotEmpty();
        assertThat(document.path("user_logon_id").asLong()).isEqualTo(0x5a3e7);
        assertThat(document.path("process_create_time").asText()).startsWith("2030-01-01T00:00:00");

        Map<String, Integer> onTopic = joinTopicKeys(expectedIds);
        assertThat(onTopic).containsOnlyKeys(expectedIds).containsValues(1);
        assertThat(lab.streams().health().details()).containsKeys("last_batch_id", "rows_joined", "rows_per_second");
    }

    @Test
    void aProcessCreationThatArrivesAfterItsConnectionIsJoinedWithinTheWatermark() throws Exception {
        Instant base = nextSlot();
        String early = guid();
        // Another process starts at the same time: the watermark is the minimum of both inputs' and moves only
        // when both do.
        produce(List.of(SysmonRecords.networkConnect(early, base.plusSeconds(60), "192.0.2.20", 50010),
                SysmonRecords.processCreate(guid(), base.plusSeconds(60), "C:\\Windows\\notepad.exe", "notepad")));
        // The connection has been through a batch: the watermark reflects its time.
        awaitCondition("the stream processed the connection", () -> watermarkAtLeast(base.minusSeconds(600)));
        produce(List.of(SysmonRecords.processCreate(early, base.plusSeconds(55), "C:\\Windows\\System32\\cmd.exe",
                "cmd.exe /c whoami")));
        assertThat(awaitJoined(early, 1).get(0).path("_source").path("process_command_line").asText())
                .isEqualTo("cmd.exe /c whoami");

        // A connection whose process creation comes after the watermark passed it stays unjoined.
        String tooLate = guid();
        produce(List.of(SysmonRecords.networkConnect(tooLate, base.plusSeconds(120), "192.0.2.21", 50011)));
        String advance = guid();
        produce(List.of(
                SysmonRecords.processCreate(advance, base.plusSeconds(2400), "C:\\Windows\\notepad.exe", "notepad"),
                SysmonRecords.networkConnect(advance, base.plusSeconds(2401), "192.0.2.22", 50012)));
        awaitCondition("the watermark passed the unjoined connection", () -> watermarkAtLeast(base.plusSeconds(1790)));
        produce(List.of(SysmonRecords.processCreate(tooLate, base.plusSeconds(115), "C:\\Windows\\System32\\cmd.exe",
                "cmd.exe /c late")));
        String marker = guid();
        produce(List.of(
                SysmonRecords.processCreate(marker, base.plusSeconds(2500), "C:\\Windows\\notepad.exe", "notepad"),
                SysmonRecords.networkConnect(marker, base.plusSeconds(2501), "192.0.2.23", 50013)));
        awaitJoined(marker, 1);
        assertThat(joinedDocuments(tooLate)).isEmpty();
    }

    @Test
    void aRestartMidStreamLosesAndDuplicatesNothing() throws Exception {
        Instant base = nextSlot();
        StreamsService streams = lab.streams();
        List<String> processes = new ArrayList<>();
        List<byte[]> before = new ArrayList<>();
        List<byte[]> after = new ArrayList<>();
        Set<String> expectedIds = new HashSet<>();
        for (int i = 0; i < 20; i++) {
            String process = guid();
            processes.add(process);
            Instant time = base.plusSeconds(10L * i);
            byte[] connection = SysmonRecords.networkConnect(process, time.plusSeconds(1), "192.0.2.30", 51000 + i);
            expectedIds.add(NORMALIZER.normalize(connection).id());
            List<byte[]> half = i < 10 ? before : after;
            half.add(SysmonRecords.processCreate(process, time, "C:\\Windows\\System32\\rundll32.exe", "rundll32 " + i));
            half.add(connection);
        }
        produce(before);
        awaitJoined(processes.get(0), 1);
        streams.close();
        assertThat(streams.health().status()).isEqualTo(ServiceStatus.DOWN);
        produce(after);
        streams.start();

        for (String process : processes) {
            awaitJoined(process, 1);
        }
        Set<String> ids = new HashSet<>();
        int documents = 0;
        for (String process : processes) {
            for (JsonNode hit : joinedDocuments(process)) {
                ids.add(hit.path("_id").asText());
                documents++;
            }
        }
        assertThat(documents).isEqualTo(20);
        assertThat(ids).isEqualTo(expectedIds);
        Map<String, Integer> onTopic = joinTopicKeys(expectedIds);
        assertThat(onTopic).containsOnlyKeys(expectedIds);
        assertThat(onTopic.values()).as("records per key on SYSMON_JOIN").containsOnly(1);
        assertThat(streams.health().status()).isEqualTo(ServiceStatus.UP);
    }

    @Test
    void aFastBulkLoadIsJoinedCompletelyAndEveryEventIsSearchable() throws Exception {
        Instant base = nextSlot();
        int processes = 15_000;
        String destination = "198.51.100.77";
        List<byte[]> records = new ArrayList<>(2 * processes);
        List<String> connectionIds = new ArrayList<>(processes);
        for (int i = 0; i < processes; i++) {
            String process = guid();
            Instant created = base.plusMillis(600L * i);
            byte[] connection = SysmonRecords.networkConnect(process, created.plusMillis(300), destination, 1024 + i % 60_000);
            records.add(SysmonRecords.processCreate(process, created, "C:\\Windows\\System32\\rundll32.exe", "rundll32 bulk " + i));
            records.add(connection);
            connectionIds.add(NORMALIZER.normalize(connection).id());
        }
        // As fast as one producer goes, so the indexer has a backlog and the join's batches wait for it.
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of("bootstrap.servers",
                lab.kafkaBootstrapServers(), "linger.ms", "20", "batch.size", Integer.toString(512 * 1024)),
                new ByteArraySerializer(), new ByteArraySerializer())) {
            for (byte[] record : records) {
                producer.send(new ProducerRecord<>("winlogbeat", record));
            }
            producer.flush();
        }

        String slot = "{\"range\":{\"@timestamp\":{\"gte\":\"" + base + "\",\"lt\":\"" + base.plus(Duration.ofHours(3)) + "\"}}}";
        awaitCondition("every event of the load is searchable", () -> count("logs-endpoint-winevent-sysmon-*",
                "{\"query\":{\"bool\":{\"filter\":[" + slot + "]}}}") == 2L * processes);
        String joinedQuery = "{\"query\":{\"bool\":{\"filter\":[" + slot + ",{\"term\":{\"dst_ip_addr\":\"" + destination
                + "\"}},{\"exists\":{\"field\":\"process_command_line\"}}]}}}";
        awaitCondition("every connection of the load is joined", () -> count("sysmon-join-*", joinedQuery) >= processes);
        assertThat(count("sysmon-join-*", joinedQuery)).isEqualTo(processes);
        String ids = "{\"query\":{\"ids\":{\"values\":[\"" + String.join("\",\"", connectionIds) + "\"]}}}";
        assertThat(count("sysmon-join-*", ids)).as("join documents with the connections' ids").isEqualTo(processes);
        assertThat(lab.streams().health().status()).isEqualTo(ServiceStatus.UP);
    }

    private static long count(String indices, String query) {
        TestHttp.Response response = TestHttp.post(lab.elasticsearchUrl() + "/" + indices
                + "/_count?ignore_unavailable=true&allow_no_indices=true", query);
        return response.body() == null ? -1 : response.body().path("count").asLong(-1);
    }

    private static boolean watermarkAtLeast(Instant time) {
        return lab.streams().watermark().map(watermark -> !watermark.isBefore(time)).orElse(false);
    }

    private static void produce(List<byte[]> records) throws Exception {
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(
                Map.of("bootstrap.servers", lab.kafkaBootstrapServers()), new ByteArraySerializer(),
                new ByteArraySerializer())) {
            for (byte[] record : records) {
                producer.send(new ProducerRecord<>("winlogbeat", record)).get();
            }
        }
    }

    private static List<JsonNode> awaitJoined(String process, int count) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        List<JsonNode> found = List.of();
        while (System.nanoTime() < deadline) {
            found = joinedDocuments(process);
            if (found.size() >= count) {
                return found;
            }
            Thread.sleep(500);
        }
        throw new AssertionError("expected " + count + " sysmon-join documents for process " + process + " within "
                + WAIT + ", found " + found.size() + "; streams health: " + lab.streams().health());
    }

    private static void awaitCondition(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting until " + what + "; streams health: "
                        + lab.streams().health());
            }
            Thread.sleep(250);
        }
    }

    private static List<JsonNode> joinedDocuments(String process) {
        String query = "{\"size\":100,\"query\":{\"term\":{\"process_guid\":\"" + process + "\"}}}";
        TestHttp.Response response = TestHttp.post(lab.elasticsearchUrl()
                + "/sysmon-join-*/_search?ignore_unavailable=true&allow_no_indices=true", query);
        List<JsonNode> hits = new ArrayList<>();
        if (response.body() != null) {
            response.body().path("hits").path("hits").forEach(hits::add);
        }
        return hits;
    }

    /**
     * How many records with each of {@code keys} the SYSMON_JOIN topic holds, read from its beginning until every key
     * was seen and the end of the topic at that moment was reached (or a minute passed). The sink writes a batch to
     * Elasticsearch before Kafka, so the topic can lag behind the documents a test has already found.
     */
    private static Map<String, Integer> joinTopicKeys(Set<String> keys) {
        Map<String, Object> properties = Map.of("bootstrap.servers", lab.kafkaBootstrapServers());
        Map<String, Integer> counts = new HashMap<>();
        try (KafkaConsumer<String, byte[]> consumer =
                     new KafkaConsumer<>(properties, new StringDeserializer(), new ByteArrayDeserializer())) {
            TopicPartition partition = new TopicPartition(StreamsService.OUTPUT_TOPIC, 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    if (keys.contains(record.key())) {
                        counts.merge(record.key(), 1, Integer::sum);
                        assertThat(new String(record.value(), StandardCharsets.UTF_8)).contains("\"process_guid\"");
                    }
                }
                if (counts.keySet().containsAll(keys)
                        && consumer.position(partition) >= consumer.endOffsets(List.of(partition)).get(partition)) {
                    break;
                }
            }
        }
        return counts;
    }
}
