package io.helklab.analytics;

import io.helklab.HelkLab;
import io.helklab.samples.SampleCatalog;
import io.helklab.samples.Scenario;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Properties;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Replays bundled sample scenarios through the appliance's real pipeline: their raw records go to Kafka topic
 * {@code winlogbeat}, the indexer normalises and indexes them, and {@link #replay} returns once Elasticsearch
 * counts them all. Used by the analytics benchmark and the integration tests. Stateless; one call at a time per
 * appliance is what makes the counting meaningful.
 */
public final class SampleReplay {
    private static final Pattern COUNT = Pattern.compile("\"count\"\\s*:\\s*(\\d+)");

    private SampleReplay() {
    }

    /** The scenarios' records, as many as Elasticsearch must end up holding. */
    public static long eventCount(List<Scenario> scenarios) {
        return scenarios.stream().mapToLong(Scenario::eventCount).sum();
    }

    /**
     * Produces the scenarios' records (unless Elasticsearch already holds them all) and waits until they are
     * searchable.
     *
     * @return the number of documents counted in the scenarios' days
     * @throws IllegalStateException when they are not all indexed within {@code timeout}
     */
    public static long replay(HelkLab lab, List<Scenario> scenarios, Duration timeout) throws Exception {
        String indices = dayIndices(scenarios);
        long expected = eventCount(scenarios);
        if (count(lab, indices) >= expected) {
            return count(lab, indices);
        }
        Properties properties = new Properties();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, lab.kafkaBootstrapServers());
        properties.put(ProducerConfig.LINGER_MS_CONFIG, "20");
        properties.put(ProducerConfig.BATCH_SIZE_CONFIG, Integer.toString(512 * 1024));
        properties.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        AtomicReference<Exception> sendFailure = new AtomicReference<>();
        try (KafkaProducer<byte[], byte[]> producer =
                     new KafkaProducer<>(properties, new ByteArraySerializer(), new ByteArraySerializer())) {
            for (Scenario scenario : scenarios) {
                try (Stream<byte[]> records = scenario.records()) {
                    records.forEach(record -> producer.send(new ProducerRecord<>("winlogbeat", record),
                            (metadata, failure) -> {
                                if (failure != null) {
                                    sendFailure.compareAndSet(null, failure);
                                }
                            }));
                }
            }
            producer.flush();
        }
        if (sendFailure.get() != null) {
            throw new IllegalStateException("Kafka refused sample records", sendFailure.get());
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        long counted = 0;
        while (System.nanoTime() < deadline) {
            counted = count(lab, indices);
            if (counted >= expected) {
                return counted;
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("Only " + counted + " of " + expected + " sample events reached " + indices
                + " within " + timeout + "; see the indexer's health: " + lab.health().get("indexer"));
    }

    /** Every HELK index family for the scenarios' days: other tests' events live on other days. */
    private static String dayIndices(List<Scenario> scenarios) {
        TreeSet<String> days = new TreeSet<>();
        for (Scenario scenario : scenarios) {
            LocalDate day = LocalDate.ofInstant(scenario.start(), ZoneOffset.UTC);
            LocalDate last = LocalDate.ofInstant(scenario.end(), ZoneOffset.UTC);
            for (; !day.isAfter(last); day = day.plusDays(1)) {
                days.add(day.toString().replace('-', '.'));
            }
        }
        return String.join(",", days.stream()
                .flatMap(day -> Stream.of("logs-endpoint-winevent-*-" + day, "logs-indexme-" + day))
                .toList());
    }

    private static long count(HelkLab lab, String indices) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newHttpClient();
        String base = lab.elasticsearchUrl() + "/" + indices;
        http.send(HttpRequest.newBuilder(URI.create(base + "/_refresh?ignore_unavailable=true&allow_no_indices=true"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding());
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                        URI.create(base + "/_count?ignore_unavailable=true&allow_no_indices=true")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        Matcher matcher = COUNT.matcher(response.body());
        if (response.statusCode() != 200 || !matcher.find()) {
            throw new IllegalStateException("Counting documents in " + indices + " failed (" + response.statusCode()
                    + "): " + response.body());
        }
        return Long.parseLong(matcher.group(1));
    }

    /** Every bundled scenario. */
    public static List<Scenario> allScenarios() {
        return SampleCatalog.builtIn();
    }
}
