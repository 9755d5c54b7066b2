package io.helklab.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.helklab.HelkLab;
import io.helklab.config.Component;
import io.helklab.config.HelkLabConfig;
import io.helklab.disk.DiskSpaceBrake;
import io.helklab.disk.DiskThresholds;
import io.helklab.elasticsearch.ElasticsearchHttp;
import io.helklab.service.ServiceHealth;
import io.helklab.service.ServiceStatus;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The home's disk fills up while events arrive: ingest pauses before Elasticsearch or Kafka run out, health says
 * why, the records wait in Kafka, and once space returns ingest resumes by itself with nothing lost or doubled. The
 * home is a small tmpfs (the test needs root to mount it; CI runs as root).
 */
class DiskFullIT {
    private static final long MEBIBYTE = 1024L * 1024;
    private static final int EVENTS_PER_ROUND = 2_000;
    private static final String INDICES = "logs-endpoint-winevent-sysmon-*";

    @Test
    void aNearlyFullDiskPausesIngestAndFreedSpaceResumesItWithNothingLost(@TempDir Path work) throws Exception {
        Path mount = Files.createDirectories(work.resolve("tmpfs"));
        run("mount", "-t", "tmpfs", "-o", "size=1600m,mode=700", "tmpfs", mount.toString());
        try {
            Path home = mount.resolve("home");
            HelkLabConfig config = HelkLabConfig.ephemeral(home).withComponents(Set.of(Component.INDEXER));
            try (HelkLab lab = HelkLab.create(config).start()) {
                ElasticsearchHttp elasticsearch = new ElasticsearchHttp(lab.elasticsearchUrl());
                List<byte[]> records = new ArrayList<>();
                assertThat(produce(lab, records, 0)).as("no throttle while there is plenty of space").isZero();
                awaitCount(elasticsearch, EVENTS_PER_ROUND);
                assertThat(lab.diskSpace().pausedReason()).as("plenty of space at first").isNull();

                // Leaves a little less free than the pause threshold, well above Elasticsearch's watermarks.
                Path filler = mount.resolve("filler");
                long usable = Files.getFileStore(mount).getUsableSpace();
                fill(filler, usable - (DiskThresholds.LAPTOP.pauseBelowBytes() - 64 * MEBIBYTE));
                await("ingest paused", () -> Boolean.TRUE.equals(lab.indexer().health().details().get("paused")));
                ServiceHealth guard = lab.diskSpace().health();
                assertThat(guard.degraded()).isTrue();
                assertThat(guard.details().get(ServiceHealth.DEGRADED).toString())
                        .contains("nearly full", "ingest is paused", "Kafka keeps the records");
                assertThat(lab.indexer().health().degraded()).as("the indexer says why it reads nothing").isTrue();

                await("producers throttled", () -> lab.kafka().health().details().containsKey("producerBytesPerSecond"));
                assertThat(lab.kafka().health().details().get("producerBytesPerSecond"))
                        .isEqualTo(DiskSpaceBrake.PRODUCER_BYTES_PER_SECOND);
                double throttledMillis = produce(lab, records, EVENTS_PER_ROUND);
                assertThat(throttledMillis).as("the broker held the producer back while the disk was nearly full")
                        .isGreaterThan(0);
                long consumedWhilePaused = lab.indexer().statistics().consumed();
                Thread.sleep(3000); // several polls of a paused consumer
                elasticsearch.post("/" + INDICES + "/_refresh", Map.of());
                assertThat(elasticsearch.count(INDICES, null)).as("nothing indexed while paused").isEqualTo(EVENTS_PER_ROUND);
                assertThat(lab.indexer().statistics().consumed()).isEqualTo(consumedWhilePaused);

                Files.delete(filler);
                await("ingest resumed", () -> lab.diskSpace().pausedReason() == null);
                awaitCount(elasticsearch, 2 * EVENTS_PER_ROUND);
                assertThat(lab.indexer().health().degraded()).isFalse();
                assertThat(lab.kafka().health().details()).as("the throttle is lifted").doesNotContainKey("producerBytesPerSecond");
                List<String> ids = records.stream().map(record -> IngestTestSupport.expected(record).id()).toList();
                assertThat(elasticsearch.count(INDICES, Map.of("ids", Map.of("values", ids))))
                        .as("every record once, under its deterministic id").isEqualTo(2L * EVENTS_PER_ROUND);
                assertThat(elasticsearch.count(INDICES, null)).as("no duplicates").isEqualTo(2L * EVENTS_PER_ROUND);
            }
        } finally {
            run("umount", "-l", mount.toString());
        }
    }

    @Test
    void aDiskThatFillsAnywayStopsKafkaAloneAndSaysWhy(@TempDir Path work) throws Exception {
        Path mount = Files.createDirectories(work.resolve("tmpfs"));
        run("mount", "-t", "tmpfs", "-o", "size=1600m,mode=700", "tmpfs", mount.toString());
        try {
            Path home = mount.resolve("home");
            HelkLabConfig config = HelkLabConfig.ephemeral(home).withComponents(Set.of(Component.INDEXER));
            Path filler = mount.resolve("filler");
            Path lastOfTheSpace = mount.resolve("last-of-the-space");
            try (HelkLab lab = HelkLab.create(config).start()) {
                ElasticsearchHttp elasticsearch = new ElasticsearchHttp(lab.elasticsearchUrl());
                List<String> told = new CopyOnWriteArrayList<>();
                lab.kafka().onFailure(told::add);
                List<byte[]> records = new ArrayList<>();
                produce(lab, records, 0);
                awaitCount(elasticsearch, EVENTS_PER_ROUND);

                // The disk fills to below the pause (ingest pauses, shippers are slowed), then something other than the
                // lab takes the last of the space: the broker's next write fails.
                long usable = Files.getFileStore(mount).getUsableSpace();
                fill(filler, usable - (DiskThresholds.LAPTOP.pauseBelowBytes() - 64 * MEBIBYTE));
                await("producers throttled", () -> lab.kafka().health().details().containsKey("producerBytesPerSecond"));
                fill(lastOfTheSpace, Long.MAX_VALUE);
                assertThat(Files.getFileStore(mount).getUsableSpace()).as("the disk is full").isLessThan(MEBIBYTE);
                KafkaProducer<byte[], byte[]> producer = IngestTestSupport.producer(lab.kafkaBootstrapServers());
                try {
                    for (int i = 0; i < EVENTS_PER_ROUND; i++) {
                        producer.send(new ProducerRecord<>("winlogbeat", IngestIT.validSysmon("disk-full-it-last", i)));
                    }
                    await("Kafka stopped", () -> lab.kafka().failure() != null);
                } finally {
                    producer.close(Duration.ZERO); // its records cannot be delivered; a shipper would retry them
                }
                assertThat(lab.kafka().health().status()).isEqualTo(ServiceStatus.DOWN);
                assertThat(lab.kafka().failure()).contains("Kafka stopped", "log directory", "the disk is full", "Free space");
                assertThat(told).as("the console is told once").containsExactly(lab.kafka().failure());
                elasticsearch.post("/" + INDICES + "/_refresh", Map.of());
                assertThat(elasticsearch.count(INDICES, null)).as("the JVM lives on and the events stay searchable")
                        .isEqualTo(EVENTS_PER_ROUND);
                Files.delete(lastOfTheSpace);
                Files.delete(filler);
            }
        } finally {
            run("umount", "-l", mount.toString());
        }
    }

    /** Sends a round of records; returns the longest time the broker asked the producer to wait, in milliseconds. */
    private static double produce(HelkLab lab, List<byte[]> records, int first) {
        try (KafkaProducer<byte[], byte[]> producer = IngestTestSupport.producer(lab.kafkaBootstrapServers())) {
            for (int i = first; i < first + EVENTS_PER_ROUND; i++) {
                byte[] record = IngestIT.validSysmon("disk-full-it", i);
                records.add(record);
                producer.send(new ProducerRecord<>("winlogbeat", record));
            }
            producer.flush();
            return producer.metrics().entrySet().stream()
                    .filter(metric -> metric.getKey().group().equals("producer-metrics")
                            && metric.getKey().name().equals("produce-throttle-time-max"))
                    .mapToDouble(metric -> ((Number) metric.getValue().metricValue()).doubleValue())
                    .filter(value -> !Double.isNaN(value))
                    .max().orElse(0);
        }
    }

    private static void fill(Path file, long bytes) throws IOException {
        ByteBuffer block = ByteBuffer.allocate((int) (8 * MEBIBYTE));
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            long written = 0;
            while (written < bytes) {
                block.clear().limit((int) Math.min(block.capacity(), bytes - written));
                try {
                    written += channel.write(block);
                } catch (IOException full) {
                    if (bytes != Long.MAX_VALUE) {
                        throw full;
                    }
                    return; // filled to the last byte, as asked
                }
            }
        }
    }

    private static void awaitCount(ElasticsearchHttp elasticsearch, long expected) throws Exception {
        long[] count = {0};
        await(expected + " events searchable", () -> {
            try {
                elasticsearch.post("/" + INDICES + "/_refresh?ignore_unavailable=true&allow_no_indices=true", Map.of());
                count[0] = elasticsearch.count(INDICES, null);
                return count[0] >= expected;
            } catch (Exception notYet) {
                return false;
            }
        });
        assertThat(count[0]).isEqualTo(expected);
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within 2 minutes: " + what);
            }
            Thread.sleep(100);
        }
    }

    private static void run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (process.waitFor() != 0) {
            throw new AssertionError(String.join(" ", command) + " failed (the test mounts a tmpfs and needs root): " + output);
        }
    }
}
