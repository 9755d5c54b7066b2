package io.helklab.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import io.helklab.HelkLab;
import io.helklab.TestHttp;
import io.helklab.ingest.normalize.EventNormalizer;
import io.helklab.ingest.normalize.NormalizedEvent;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** Produces raw records through Kafka and finds the documents they became, through Elasticsearch's REST API. */
final class IngestTestSupport {
    private static final EventNormalizer EXPECTATION = new EventNormalizer(Clock.systemUTC());

    private IngestTestSupport() {}

    static byte[] resource(String name) {
        try (InputStream in = IngestTestSupport.class.getResourceAsStream("/io/helklab/ingest/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + name);
            }
            return in.readAllBytes();
        } catch (IOException failure) {
            throw new UncheckedIOException(failure);
        }
    }

    static KafkaProducer<byte[], byte[]> producer(String bootstrapServers) {
        Properties properties = new Properties();
        properties.put("bootstrap.servers", bootstrapServers);
        properties.put("max.request.size", Integer.toString(8 * 1024 * 1024));
        properties.put("linger.ms", "5");
        return new KafkaProducer<>(properties, new ByteArraySerializer(), new ByteArraySerializer());
    }

    static void produce(HelkLab lab, String topic, List<byte[]> records) throws Exception {
        try (KafkaProducer<byte[], byte[]> producer = producer(lab.kafkaBootstrapServers())) {
            List<Future<?>> sent = new java.util.ArrayList<>();
            for (byte[] record : records) {
                sent.add(producer.send(new ProducerRecord<>(topic, record)));
            }
            for (Future<?> future : sent) {
                future.get();
            }
        }
    }

    /**
     * Where the record must end up. The index and id are computed with the same pure normaliser
     * the indexer uses (ingest time only matters for parse failures, which are looked up by id).
     */
    static NormalizedEvent expected(byte[] record) {
        return EXPECTATION.normalize(record);
    }

    /** Waits until the document for this record is searchable and returns its {@code _source}. */
    static JsonNode awaitDocument(HelkLab lab, byte[] record, Duration timeout) throws InterruptedException {
        NormalizedEvent expected = expected(record);
        String pattern = switch (expected.disposition()) {
            case PARSE_FAILURE -> "parse-failures-*";
            case CATCH_ALL -> "logs-indexme-*,parse-failures-*";
            case CHANNEL -> expected.index() + ",parse-failures-*";
        };
        long deadline = System.nanoTime() + timeout.toNanos();
        String query = "{\"query\":{\"ids\":{\"values\":[\"" + expected.id() + "\"]}}}";
        while (System.nanoTime() < deadline) {
            TestHttp.Response response = TestHttp.post(lab.elasticsearchUrl() + "/" + pattern
                    + "/_search?ignore_unavailable=true&allow_no_indices=true", query);
            JsonNode hits = response.body() == null ? null : response.body().path("hits").path("hits");
            if (hits != null && hits.size() > 0) {
                JsonNode hit = hits.get(0);
                ((com.fasterxml.jackson.databind.node.ObjectNode) hit.path("_source")).put("_index", hit.path("_index").asText());
                return hit.path("_source");
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no document with id " + expected.id() + " (" + expected + ") within " + timeout
                + " for record: " + new String(record, 0, Math.min(record.length, 300), StandardCharsets.UTF_8));
    }
}
