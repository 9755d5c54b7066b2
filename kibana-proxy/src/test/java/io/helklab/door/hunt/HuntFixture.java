package io.helklab.door.hunt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.helklab.HelkLab;
import io.helklab.config.Component;
import io.helklab.config.HelkLabConfig;
import io.helklab.door.FrontDoor;
import io.helklab.samples.SampleCatalog;
import io.helklab.samples.Scenario;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * A real appliance (Kafka, Elasticsearch, the indexer) with the given scenarios replayed through the
 * {@code winlogbeat} topic, and a front door on 127.0.0.1 with the hunt API and UI. One per test JVM,
 * shared by the hunt integration tests, closed when the JVM exits.
 */
final class HuntFixture {
    static final String SCENARIO = "lsass-credential-dumping";
    private static final Duration INGEST_TIMEOUT = Duration.ofMinutes(5);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static HuntFixture shared;

    final HelkLab lab;
    final FrontDoor door;

    private HuntFixture(HelkLab lab, FrontDoor door) {
        this.lab = lab;
        this.door = door;
    }

    static synchronized HuntFixture get() {
        if (shared == null) {
            shared = start(List.of(SampleCatalog.find(SCENARIO)));
            Runtime.getRuntime().addShutdownHook(new Thread(shared::close, "hunt-fixture-shutdown"));
        }
        return shared;
    }

    /** Starts an appliance, replays {@code scenarios} and waits until every event is searchable. */
    static HuntFixture start(List<Scenario> scenarios) {
        Path home;
        try {
            home = Files.createTempDirectory("helk-lab-hunt-");
        } catch (IOException failure) {
            throw new IllegalStateException("could not create a temporary appliance home", failure);
        }
        HelkLab lab = HelkLab.create(HelkLabConfig.ephemeral(home).withComponents(Set.of(Component.INDEXER))).start();
        FrontDoor door = null;
        try {
            long expected = 0;
            for (Scenario scenario : scenarios) {
                produce(lab, scenario);
                expected += scenario.eventCount();
            }
            awaitCount(lab, expected);
            door = new FrontDoor("127.0.0.1", 0, lab::health);
            HuntRoutes.create(lab.elasticsearchUrl(), SampleCatalog.builtIn(), Clock.systemUTC()).install(door, "/");
            door.start();
            return new HuntFixture(lab, door);
        } catch (RuntimeException failure) {
            if (door != null) {
                door.close();
            }
            lab.close();
            throw failure;
        }
    }

    private static void produce(HelkLab lab, Scenario scenario) {
        Properties properties = new Properties();
        properties.put("bootstrap.servers", lab.kafkaBootstrapServers());
        properties.put("linger.ms", "20");
        properties.put("batch.size", Integer.toString(512 * 1024));
        properties.put("compression.type", "lz4");
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(properties, new ByteArraySerializer(),
                new ByteArraySerializer()); Stream<byte[]> records = scenario.records()) {
            List<Future<?>> sent = new ArrayList<>();
            records.forEach(record -> sent.add(producer.send(new ProducerRecord<>("winlogbeat", record))));
            for (Future<?> future : sent) {
                future.get();
            }
        } catch (Exception failure) {
            throw new IllegalStateException("producing scenario " + scenario.name() + " to Kafka failed", failure);
        }
    }

    private static void awaitCount(HelkLab lab, long expected) {
        long deadline = System.nanoTime() + INGEST_TIMEOUT.toNanos();
        long count = -1;
        while (System.nanoTime() < deadline) {
            JsonNode answer = get(lab.elasticsearchUrl() + "/logs-*,parse-failures-*/_count?ignore_unavailable=true"
                    + "&allow_no_indices=true").body();
            count = answer.path("count").asLong(-1);
            if (count >= expected) {
                return;
            }
            try {
                Thread.sleep(500);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the indexer", interrupted);
            }
        }
        throw new AssertionError("Elasticsearch counted " + count + " of " + expected + " events after " + INGEST_TIMEOUT
                + "; see target/test.log for the indexer's log");
    }

    /** The front door's base URL, ending in {@code /}. */
    String url() {
        return door.url();
    }

    record Response(int status, JsonNode body, Map<String, List<String>> headers) {}

    static Response get(String url) {
        return send(HttpRequest.newBuilder(URI.create(url)).GET());
    }

    static Response post(String url, String json) {
        return send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    private static Response send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = HTTP.send(request.timeout(Duration.ofSeconds(60)).build(),
                    HttpResponse.BodyHandlers.ofString());
            JsonNode body;
            try {
                body = JSON.readTree(response.body());
            } catch (IOException notJson) {
                body = JSON.getNodeFactory().textNode(response.body());
            }
            return new Response(response.statusCode(), body, response.headers().map());
        } catch (IOException failure) {
            throw new IllegalStateException("HTTP request failed", failure);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(interrupted);
        }
    }

    void close() {
        door.close();
        lab.close();
    }
}
