package io.helklab.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.helklab.elasticsearch.ElasticsearchHttp;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * With a rule in {@code <home>/rules}, the appliance is SIGKILLed in the middle of ingesting; after a restart every
 * expected alert exists exactly once: alerts go in the same bulk as their events, before the offsets are
 * committed, and their ids derive from the rule and the event.
 */
class AlertCrashIT {
    private static final int EVENTS = 20_000;
    /** Every tenth event's command line ends in 0. */
    private static final String RULE = """
            title: Crash test marker
            id: 0e4f8a52-3b1c-4d6e-9f70-a1b2c3d4e5f6
            author: HELK lab tests
            logsource: {product: windows, category: process_creation}
            detection:
              marker: {CommandLine|contains: 'echo alert-crash '}
              tenth: {CommandLine|endswith: '0'}
              condition: marker and tenth
            level: low
            """;

    @Test
    void aKillMidIngestLeavesEveryAlertExactlyOnce(@TempDir Path home) throws Exception {
        Files.createDirectories(home.resolve("rules"));
        Files.writeString(home.resolve("rules/crash-marker.yml"), RULE);
        ChildAppliance.Started first = ChildAppliance.start(home, Duration.ofMinutes(3));
        try (KafkaProducer<byte[], byte[]> producer = IngestTestSupport.producer(first.kafkaBootstrapServers())) {
            for (int i = 0; i < EVENTS; i++) {
                producer.send(new ProducerRecord<>("winlogbeat", IngestIT.validSysmon("alert-crash", i)));
            }
            producer.flush();
        }
        ElasticsearchHttp elasticsearch = new ElasticsearchHttp(first.elasticsearchUrl());
        long seenBeforeKill = awaitCountAtLeast(elasticsearch, "logs-endpoint-winevent-sysmon-*", EVENTS / 10,
                Duration.ofMinutes(3));
        first.kill();
        assertThat(seenBeforeKill).as("killed mid-ingest").isLessThan(EVENTS);

        ChildAppliance.Started second = ChildAppliance.start(home, Duration.ofMinutes(3));
        try {
            ElasticsearchHttp restarted = new ElasticsearchHttp(second.elasticsearchUrl());
            awaitCountAtLeast(restarted, "logs-endpoint-winevent-sysmon-*", EVENTS, Duration.ofMinutes(5));
            long alerts = awaitCountAtLeast(restarted, "alerts-*", EVENTS / 10, Duration.ofMinutes(2));
            Thread.sleep(3000); // a late duplicate would show up now
            restarted.post("/alerts-*/_refresh", Map.of());
            assertThat(restarted.count("alerts-*", null)).as("no duplicate alerts").isEqualTo(EVENTS / 10)
                    .isEqualTo(alerts);
            JsonNode hits = restarted.post("/alerts-*/_search", Map.of("size", EVENTS / 10, "_source",
                    java.util.List.of("event_doc_id", "rule_id"))).body().path("hits").path("hits");
            Set<String> events = new HashSet<>();
            hits.forEach(hit -> {
                assertThat(hit.path("_source").path("rule_id").asText()).isEqualTo("0e4f8a52-3b1c-4d6e-9f70-a1b2c3d4e5f6");
                events.add(hit.path("_source").path("event_doc_id").asText());
            });
            assertThat(events).as("one alert per matching event").hasSize(EVENTS / 10);
        } finally {
            second.kill();
        }
    }

    private static long awaitCountAtLeast(ElasticsearchHttp elasticsearch, String pattern, long expected,
                                          Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        long count = 0;
        while (System.nanoTime() < deadline) {
            elasticsearch.post("/" + pattern + "/_refresh?ignore_unavailable=true&allow_no_indices=true", Map.of());
            count = elasticsearch.count(pattern, null);
            if (count >= expected) {
                return count;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("only " + count + " of " + expected + " documents in " + pattern + " within " + timeout);
    }
}
