package io.helklab.scenarios;

import io.helklab.elasticsearch.ElasticsearchHttp;
import io.helklab.kafka.KafkaClientSettings;
import io.helklab.samples.RecordFormat;
import io.helklab.samples.Scenario;
import io.helklab.samples.TimeRebaser;
import io.helklab.schema.TopicNames;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongConsumer;
import java.util.stream.Stream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Replays sample scenarios into Kafka, the same path a real Winlogbeat takes: Winlogbeat-format
 * scenarios go to {@code winlogbeat}, NXLog and flat exports to {@code winevent}.
 *
 * <p>Records are sent unchanged unless a whole-day shift is given, so a replay produces the same
 * document ids and never duplicates. Blocks until Kafka acknowledged every record.
 */
public final class SampleLoader {
    private final String bootstrapServers;

    public SampleLoader(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
    }

    /** The Kafka topic a scenario's shipper would have written to. */
    public static String topicFor(Scenario scenario) {
        return scenario.format() == RecordFormat.WINLOGBEAT_7 || scenario.format() == RecordFormat.WINLOGBEAT_6
                ? TopicNames.WINLOGBEAT : TopicNames.WINEVENT;
    }

    /**
     * The shift, in whole days, that moves the latest of these scenarios to end today (UTC) while
     * keeping them on distinct days.
     */
    public static long daysToToday(List<Scenario> scenarios, Clock clock) {
        return scenarios.stream()
                .map(scenario -> TimeRebaser.wholeDaysToToday(scenario.end(), clock))
                .min(Long::compare)
                .orElse(0L);
    }

    /**
     * Sends every record of the scenarios.
     *
     * @param shiftDays whole days to move event times by (0 keeps the records byte for byte)
     * @param progress  told the running total of records acknowledged
     * @return the number of records sent
     */
    public long load(List<Scenario> scenarios, long shiftDays, LongConsumer progress) throws InterruptedException {
        TimeRebaser rebaser = shiftDays == 0 ? null : TimeRebaser.byDays(shiftDays);
        AtomicReference<Exception> failure = new AtomicReference<>();
        AtomicLong acknowledged = new AtomicLong();
        long sent = 0;
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerProperties(),
                new ByteArraySerializer(), new ByteArraySerializer())) {
            for (Scenario scenario : scenarios) {
                String topic = topicFor(scenario);
                try (Stream<byte[]> records = scenario.records()) {
                    for (byte[] record : (Iterable<byte[]>) records::iterator) {
                        byte[] value = rebaser == null ? record : rebaser.rebase(record);
                        producer.send(new ProducerRecord<>(topic, value), (metadata, error) -> {
                            if (error != null) {
                                failure.compareAndSet(null, error);
                            } else {
                                long total = acknowledged.incrementAndGet();
                                if (total % 1000 == 0) {
                                    progress.accept(total);
                                }
                            }
                        });
                        sent++;
                        if (failure.get() != null) {
                            break;
                        }
                    }
                }
            }
            producer.flush();
        }
        if (failure.get() != null) {
            throw new IllegalStateException("Kafka at " + bootstrapServers + " did not accept the sample records: "
                    + failure.get().getMessage(), failure.get());
        }
        progress.accept(acknowledged.get());
        return sent;
    }

    /** What {@link #loadAndAwait} did: records sent, and how many of the scenarios' events were searchable at the end. */
    public record Loaded(long sent, long searchable, long expected) {
        public boolean complete() {
            return searchable >= expected;
        }
    }

    /**
     * Sends the scenarios' records, notes them in {@link LoadedSamples} (so {@code samples verify} knows what to
     * check) and waits until Elasticsearch counts every one of their events or {@code timeout} passes. Every
     * caller that loads samples (the launcher, the JUnit fixture, benchmarks, tests) goes through here.
     *
     * @param sent       told the running total of records Kafka acknowledged
     * @param searchable told the number of searchable events as it grows
     */
    public Loaded loadAndAwait(List<Scenario> scenarios, long shiftDays, ElasticsearchHttp elasticsearch,
            Duration timeout, LongConsumer sent, LongConsumer searchable)
            throws IOException, InterruptedException {
        long count = load(scenarios, shiftDays, sent);
        LoadedSamples loaded = new LoadedSamples(elasticsearch);
        for (Scenario scenario : scenarios) {
            loaded.record(scenario.name(), shiftDays, scenario.eventCount());
        }
        long[] last = {0};
        new SampleVerifier(elasticsearch).awaitSearchable(scenarios, shiftDays, timeout, progress -> {
            last[0] = progress;
            searchable.accept(progress);
        });
        return new Loaded(count, last[0], scenarios.stream().mapToLong(Scenario::eventCount).sum());
    }

    private Properties producerProperties() {
        Properties properties = KafkaClientSettings.properties(bootstrapServers);
        properties.put(ProducerConfig.CLIENT_ID_CONFIG, "helk-lab-samples");
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        properties.put(ProducerConfig.LINGER_MS_CONFIG, "20");
        properties.put(ProducerConfig.BATCH_SIZE_CONFIG, Integer.toString(512 * 1024));
        properties.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        properties.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, Integer.toString(8 * 1024 * 1024));
        properties.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, Long.toString(TimeUnit.SECONDS.toMillis(30)));
        properties.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, Long.toString(TimeUnit.SECONDS.toMillis(60)));
        return properties;
    }
}
