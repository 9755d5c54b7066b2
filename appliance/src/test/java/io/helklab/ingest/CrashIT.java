package io.helklab.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.helklab.elasticsearch.ElasticsearchHttp;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The appliance is SIGKILLed in the middle of ingesting; after a restart every event produced is
 * searchable exactly once: commits after Elasticsearch accepted, deterministic ids for re-deliveries. The
 * restarted indexer takes its dead self's place in the group instead of waiting out the dead session.
 */
class CrashIT {
    private static final int EVENTS = 40_000;

    @Test
    void aKillMidIngestLosesNothingAndDuplicatesNothing(@TempDir Path home) throws Exception {
        List<byte[]> records = new ArrayList<>(EVENTS);
        for (int i = 0; i < EVENTS; i++) {
            records.add(IngestIT.validSysmon("crash-it", i));
        }
        ChildAppliance.Started first = ChildAppliance.start(home, Duration.ofMinutes(3));
        try (KafkaProducer<byte[], byte[]> producer = IngestTestSupport.producer(first.kafkaBootstrapServers())) {
            for (byte[] record : records) {
                producer.send(new ProducerRecord<>("winlogbeat", record));
            }
            producer.flush();
        }
        ElasticsearchHttp elasticsearch = new ElasticsearchHttp(first.elasticsearchUrl());
        long seenBeforeKill = awaitCountAtLeast(elasticsearch, EVENTS / 10, Duration.ofMinutes(3));
        first.kill();
        assertThat(seenBeforeKill).as("killed mid-ingest").isLessThan(EVENTS);

        ChildAppliance.Started second = ChildAppliance.start(home, Duration.ofMinutes(3));
        try {
            // The coordinator reloads the dead member with the group when the broker starts, a few seconds before
            // the indexer subscribes; a restart that had to wait for that member's session to expire would wait
            // nearly the whole session timeout, far more than half of it.
            assertThat(second.indexerAssignmentWait()).as("the restarted indexer's wait for its partitions")
                    .isLessThan(Indexer.SESSION_TIMEOUT.dividedBy(2));
            ElasticsearchHttp restarted = new ElasticsearchHttp(second.elasticsearchUrl());
            long total = awaitCountAtLeast(restarted, EVENTS, Duration.ofMinutes(5));
            Thread.sleep(3000); // a late duplicate would show up now
            restarted.post("/logs-endpoint-winevent-sysmon-*/_refresh", Map.of());
            long settled = restarted.count("logs-endpoint-winevent-sysmon-*", null);
            assertThat(total).isEqualTo(EVENTS);
            assertThat(settled).as("no duplicates after the restart").isEqualTo(EVENTS);
            List<String> ids = records.stream().map(record -> IngestTestSupport.expected(record).id()).toList();
            long everyRecordOnce = restarted.count("logs-endpoint-winevent-sysmon-*", Map.of("ids", Map.of("values", ids)));
            assertThat(everyRecordOnce).as("each produced record is there, under its deterministic id").isEqualTo(EVENTS);
        } finally {
            second.kill();
        }
        assertThat(new String(records.get(0), StandardCharsets.UTF_8)).contains("crash-it");
    }

    private static long awaitCountAtLeast(ElasticsearchHttp elasticsearch, long expected, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        long count = 0;
        while (System.nanoTime() < deadline) {
            elasticsearch.post("/logs-endpoint-winevent-sysmon-*/_refresh?ignore_unavailable=true&allow_no_indices=true", Map.of());
            count = elasticsearch.count("logs-endpoint-winevent-sysmon-*", null);
            if (count >= expected) {
                return count;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("only " + count + " of " + expected + " events searchable within " + timeout);
    }
}
