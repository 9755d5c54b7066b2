package io.helklab.detection.live;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.helklab.HelkLab;
import io.helklab.config.Component;
import io.helklab.config.DetectionConfig;
import io.helklab.config.HelkLabConfig;
import io.helklab.elasticsearch.ElasticsearchHttp;
import io.helklab.schema.TopicNames;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An IOC list given as {@code --ioc} would give it: a network connection to a listed address raises an alert
 * {@code ioc:<file name>} in {@code alerts-*} and on the Kafka topic {@code alerts}, the event gets {@code ioc_match},
 * and an indicator added to the file while the appliance runs takes effect.
 */
class IocAlertsIT {

    @Test
    void aListedAddressRaisesAnAlertAndTheListIsReadAgainOnChange(@TempDir Path home) throws Exception {
        Path list = Files.writeString(home.resolve("c2.txt"), "203.0.113.7\n");
        HelkLabConfig config = HelkLabConfig.ephemeral(home).withComponents(Set.of(Component.INDEXER))
                .withDetection(DetectionConfig.defaults().withIocFiles(List.of(list)));
        try (HelkLab lab = HelkLab.create(config).start()) {
            ElasticsearchHttp elasticsearch = new ElasticsearchHttp(lab.elasticsearchUrl());
            send(lab, connection("203.0.113.7", 1));
            JsonNode alert = awaitHits(elasticsearch, "alerts-*", 1).get(0).path("_source");
            assertThat(alert.path("rule_id").asText()).isEqualTo("ioc:c2.txt");
            assertThat(alert.path("ioc_match").toString()).contains("203.0.113.7");
            JsonNode event = awaitHits(elasticsearch, "logs-endpoint-winevent-sysmon-*", 1).get(0).path("_source");
            assertThat(event.path("ioc_match").toString()).contains("203.0.113.7");
            assertThat(alert.path("event_doc_id").asText()).isEqualTo(
                    awaitHits(elasticsearch, "logs-endpoint-winevent-sysmon-*", 1).get(0).path("_id").asText());

            Files.writeString(list, "203.0.113.7\n198.51.100.0/24\n");
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (lab.detection().rules().stream().noneMatch(entry -> entry.title() != null
                    && entry.title().contains("2 indicators"))) {
                assertThat(System.nanoTime()).as("the changed list is read again").isLessThan(deadline);
                Thread.sleep(200);
            }
            send(lab, connection("198.51.100.20", 2));
            assertThat(awaitHits(elasticsearch, "alerts-*", 2)).hasSize(2);
            assertThat(alertsOnKafka(lab)).hasSize(2).allSatisfy(json -> assertThat(json).contains("ioc:c2.txt"));
        }
    }

    private static void send(HelkLab lab, String record) throws Exception {
        Properties properties = new Properties();
        properties.put("bootstrap.servers", lab.kafkaBootstrapServers());
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(properties, new ByteArraySerializer(),
                new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(TopicNames.WINLOGBEAT, record.getBytes(StandardCharsets.UTF_8))).get();
        }
    }

    private static List<String> alertsOnKafka(HelkLab lab) {
        Properties properties = new Properties();
        properties.put("bootstrap.servers", lab.kafkaBootstrapServers());
        properties.put("group.id", "ioc-alerts-it");
        properties.put("auto.offset.reset", "earliest");
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(properties, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(TopicNames.ALERTS));
            List<String> alerts = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (alerts.size() < 2 && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    alerts.add(new String(record.value(), StandardCharsets.UTF_8));
                }
            }
            return alerts;
        }
    }

    private static JsonNode awaitHits(ElasticsearchHttp elasticsearch, String pattern, int expected) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (true) {
            elasticsearch.post("/" + pattern + "/_refresh?ignore_unavailable=true&allow_no_indices=true", Map.of());
            JsonNode hits = elasticsearch.post("/" + pattern + "/_search?ignore_unavailable=true&allow_no_indices=true",
                    Map.of()).body().path("hits").path("hits");
            if (hits.size() >= expected) {
                return hits;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("only " + hits.size() + " of " + expected + " documents in " + pattern);
            }
            Thread.sleep(200);
        }
    }

    static String connection(String destination, int sequence) {
        return "{\"@timestamp\":\"2024-03-01T12:00:00.123Z\",\"winlog\":{\"channel\":\"Microsoft-Windows-Sysmon/Operational\","
                + "\"event_id\":3,\"computer_name\":\"WKST01.helk.lab\",\"provider_name\":\"Microsoft-Windows-Sysmon\","
                + "\"record_id\":" + (5000 + sequence) + ",\"event_data\":{\"UtcTime\":\"2024-03-01 12:00:0" + sequence
                + ".123\",\"ProcessGuid\":\"{A98268C1-9C31-5CDA-0000-00000000000" + sequence + "}\",\"ProcessId\":\"4242\","
                + "\"Image\":\"C:\\\\Users\\\\alice\\\\app.exe\",\"Protocol\":\"tcp\",\"Initiated\":\"true\","
                + "\"SourceIp\":\"10.0.0.5\",\"SourcePort\":\"50000\",\"DestinationIp\":\"" + destination + "\","
                + "\"DestinationPort\":\"443\"}}}";
    }
}
