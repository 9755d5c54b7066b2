package io.helklab.junit;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.helklab.detection.live.BackTest;
import io.helklab.elasticsearch.ElasticsearchHttp;
import io.helklab.ingest.Indexer;
import io.helklab.ingest.TopicNamespace;
import io.helklab.samples.SampleCatalog;
import io.helklab.samples.Scenario;
import io.helklab.schema.IndexNames;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.elasticsearch.action.support.IndicesOptions;

/**
 * One test's private slice of the shared appliance: events sent here travel the real path
 * (Kafka topic {@code <name>.winlogbeat} → indexer → Elasticsearch) and land in
 * {@code <name>.logs-endpoint-winevent-<channel>-YYYY.MM.DD}, {@code <name>.logs-indexme-*} and
 * {@code <name>.parse-failures-*}, where only this namespace's queries look. Parallel tests each
 * get their own, so they may send the very same events without seeing each other's.
 *
 * <p>Lifecycle: the extension creates it for a test parameter (its topic exists and the indexer
 * reads it before the test starts) and deletes its topic and indices after the test (or after the
 * class, when injected into a {@code @BeforeAll} method). The indexer's consumer group keeps its
 * committed offsets for a namespace topic until the topic is deleted. Sending and searching are
 * thread-safe.
 */
public final class HuntNamespace extends EventSearch {
    /** How long to wait for the indexer to pick up, or let go of, the namespace topic. */
    private static final Duration TOPIC_WAIT = Duration.ofSeconds(30);
    /** The default for {@link #awaitDocuments(long)}. */
    public static final Duration DEFAULT_WAIT = Duration.ofMinutes(2);
    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private final String name;
    private final String topic;
    private final AtomicLong sent = new AtomicLong();

    private HuntNamespace(HelkLabFixture fixture, String name) {
        super(fixture, TopicNamespace.requireValid(name) + ".");
        this.name = name;
        this.topic = TopicNamespace.winlogbeatTopic(name);
    }

    static HuntNamespace create(HelkLabFixture fixture, String name) {
        HuntNamespace namespace = new HuntNamespace(fixture, name);
        try {
            fixture.admin().createTopics(List.of(new NewTopic(namespace.topic, 1, (short) 1))).all()
                    .get(TOPIC_WAIT.toSeconds(), TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException failure) {
            throw new IllegalStateException("Could not create the Kafka topic " + namespace.topic + " for namespace "
                    + name + ": " + failure, failure);
        } catch (InterruptedException interrupted) {
            throw interrupted(interrupted);
        }
        namespace.awaitIndexer(() -> namespace.indexer().assignedTopics().contains(namespace.topic), "pick up");
        return namespace;
    }

    /** The namespace, e.g. {@code findstheattack-3}. */
    public String name() {
        return name;
    }

    /** The Kafka topic events are sent to: {@code <name>.winlogbeat}. */
    public String topic() {
        return topic;
    }

    /** How many records were sent to this namespace so far. */
    public long sentRecords() {
        return sent.get();
    }

    /** Sends raw records (JSON, in any format of SCHEMA.md); returns once Kafka has them all. */
    public int send(String... records) {
        return send(Arrays.asList(records));
    }

    /** Sends raw records (JSON, in any format of SCHEMA.md); returns once Kafka has them all. */
    public int send(Collection<String> records) {
        return sendBytes(records.stream().map(record -> record.getBytes(StandardCharsets.UTF_8)));
    }

    /** Sends raw records as bytes, unchanged (bad input included: it becomes a parse failure, never lost). */
    public int send(byte[]... records) {
        return sendBytes(Arrays.stream(records));
    }

    /**
     * Sends the records of a class-path resource: one JSON object, a JSON array of objects, or JSON lines
     * (one record per line); {@code .gz} files are decompressed. Returns the number of records.
     */
    public int sendResource(String resource) {
        String path = resource.startsWith("/") ? resource.substring(1) : resource;
        ClassLoader loader = Thread.currentThread().getContextClassLoader() != null
                ? Thread.currentThread().getContextClassLoader() : HuntNamespace.class.getClassLoader();
        try (InputStream raw = loader.getResourceAsStream(path)) {
            if (raw == null) {
                throw new IllegalArgumentException("No class-path resource '" + path + "' to send to namespace " + name
                        + "; put the file under src/test/resources/" + path);
            }
            byte[] content = (path.endsWith(".gz") ? new GZIPInputStream(raw) : raw).readAllBytes();
            return sendBytes(records(content).stream());
        } catch (IOException unreadable) {
            throw new UncheckedIOException("Reading the resource " + path + " failed", unreadable);
        }
    }

    private static List<byte[]> records(byte[] content) {
        String text = new String(content, StandardCharsets.UTF_8).strip();
        try {
            JsonNode whole = JSON.readTree(text);
            if (whole != null && whole.isObject()) {
                return List.of(text.getBytes(StandardCharsets.UTF_8));
            }
            if (whole != null && whole.isArray()) {
                List<byte[]> elements = new ArrayList<>();
                for (JsonNode element : whole) {
                    elements.add(JSON.writeValueAsBytes(element));
                }
                return elements;
            }
        } catch (IOException notOneDocument) {
            // JSON lines: each line is a record, sent as it is.
        }
        return text.lines().filter(line -> !line.isBlank()).map(line -> line.getBytes(StandardCharsets.UTF_8)).toList();
    }

    /** Sends every record of a bundled sample scenario (e.g. {@code "lsass-credential-dumping"}) unchanged. */
    public int sendScenario(String scenarioName) {
        Scenario scenario;
        try {
            scenario = SampleCatalog.find(scenarioName);
        } catch (NoSuchElementException unknown) {
            throw new IllegalArgumentException(unknown.getMessage(), unknown);
        }
        try (Stream<byte[]> records = scenario.records()) {
            return sendBytes(records);
        }
    }

    private int sendBytes(Stream<byte[]> records) {
        List<Future<RecordMetadata>> acknowledgements = new ArrayList<>();
        records.forEach(record -> acknowledgements.add(fixture.producer().send(new ProducerRecord<>(topic, record))));
        try {
            for (Future<RecordMetadata> acknowledgement : acknowledgements) {
                acknowledgement.get(60, TimeUnit.SECONDS);
            }
        } catch (ExecutionException | TimeoutException failure) {
            throw new IllegalStateException("Kafka did not accept the records for " + topic + ": " + failure, failure);
        } catch (InterruptedException interrupted) {
            throw interrupted(interrupted);
        }
        sent.addAndGet(acknowledgements.size());
        return acknowledgements.size();
    }

    /** Waits up to {@link #DEFAULT_WAIT} until at least {@code expected} documents are searchable here. */
    public long awaitDocuments(long expected) {
        return awaitDocuments(expected, DEFAULT_WAIT);
    }

    /**
     * Waits until at least {@code expected} documents (parse failures and catch-all ones included) are
     * searchable in this namespace and returns how many are.
     *
     * @throws AssertionError after the timeout, saying how many arrived where, and the indexer's figures
     */
    public long awaitDocuments(long expected, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        long nextRefresh = 0;
        long arrived = 0;
        RuntimeException lastError = null;
        while (true) {
            // Forced refreshes during a bulk load make tiny segments and slow indexing down many times over; the
            // indices refresh themselves only every 5 s, so force one when the indexer is idle or once a second.
            if (indexer().statistics().lag() == 0 || System.nanoTime() > nextRefresh) {
                refresh();
                nextRefresh = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
            }
            try {
                arrived = countAsOfLastRefresh("*");
                lastError = null;
            } catch (IllegalArgumentException notYet) {
                // A just-created index answers 503 until its shard has started.
                lastError = notYet;
            }
            if (arrived >= expected) {
                return arrived;
            }
            if (System.nanoTime() > deadline) {
                break;
            }
            sleep(100);
        }
        Map<String, Long> perIndex = documentsPerIndex();
        long parseFailures = perIndex.entrySet().stream().filter(entry -> entry.getKey().contains(".parse-failures-"))
                .mapToLong(Map.Entry::getValue).sum();
        throw new AssertionError("Expected " + expected + " documents in namespace " + name + " within "
                + timeout.toMillis() + " ms, but " + arrived + " arrived " + perIndex + ". Sent to " + topic + ": "
                + sent.get() + " record(s)" + (sent.get() < expected ? " - fewer than expected: send more or expect fewer" : "")
                + (parseFailures > 0 ? "; " + parseFailures + " became parse failures (see their 'reason' field)" : "")
                + ". Indexer: " + indexer().statistics().toMap() + ", reading " + indexer().assignedTopics() + "."
                + (lastError == null ? "" : " The last count failed: " + lastError.getMessage()));
    }

    /**
     * Back-tests a Sigma rule over this namespace's events, without loading it into the appliance: the rule's
     * status (why it did not run, if it did not), how many events were read and matched, and the first 1,000
     * matched events. {@code rule} is the rule's YAML text, or the path of a {@code .yml}/{@code .yaml} file.
     * The text may hold a correlation rule with the rules it counts; then the matches are the events that
     * completed the correlation. Refreshes first, so every event indexed so far is seen.
     */
    public BackTest.Result backTest(String rule) {
        String trimmed = rule.strip();
        if (!trimmed.contains("\n") && (trimmed.endsWith(".yml") || trimmed.endsWith(".yaml"))) {
            return backTest(Path.of(trimmed));
        }
        return runBackTest(rule, "back-test");
    }

    private BackTest.Result runBackTest(String yaml, String sourceName) {
        refresh();
        try {
            return new BackTest(http()).run(yaml, sourceName, name + "." + IndexNames.LOGS_PATTERN, null, null, 1000);
        } catch (IOException failure) {
            throw new UncheckedIOException("The back-test over namespace " + name + " failed: " + failure.getMessage(),
                    failure);
        } catch (InterruptedException interrupted) {
            throw interrupted(interrupted);
        }
    }

    /** Back-tests the Sigma rule in a file; see {@link #backTest(String)}. */
    public BackTest.Result backTest(Path ruleFile) {
        try {
            return runBackTest(Files.readString(ruleFile, StandardCharsets.UTF_8), ruleFile.toString());
        } catch (IOException unreadable) {
            throw new UncheckedIOException("Cannot read the Sigma rule file " + ruleFile, unreadable);
        }
    }

    /**
     * The alerts the appliance's detection service raised on this namespace's events ({@code <name>.alerts-*}),
     * oldest first, each the alert document plus {@code _index} and {@code _id}. Waits first until the indexer has
     * committed every record sent here: alerts are written in the same bulk as their events, so then every alert
     * is in.
     */
    public List<Map<String, Object>> alerts() {
        awaitCommitted();
        try {
            String pattern = name + "." + IndexNames.ALERTS_PATTERN;
            http().post("/" + pattern + "/_refresh?ignore_unavailable=true&allow_no_indices=true", Map.of());
            ElasticsearchHttp.Response response = http().post("/" + pattern
                    + "/_search?ignore_unavailable=true&allow_no_indices=true", Map.of("size", 10_000,
                    "sort", List.of(Map.of("@timestamp", Map.of("order", "asc", "unmapped_type", "date")))));
            if (!response.ok()) {
                throw new IllegalStateException("Reading the alerts of namespace " + name + " failed ("
                        + response.status() + "): " + response.body());
            }
            List<Map<String, Object>> alerts = new ArrayList<>();
            for (JsonNode hit : response.body().path("hits").path("hits")) {
                Map<String, Object> alert = JSON.convertValue(hit.path("_source"), new TypeReference<>() { });
                alert.put("_index", hit.path("_index").asText());
                alert.put("_id", hit.path("_id").asText());
                alerts.add(alert);
            }
            return alerts;
        } catch (IOException failure) {
            throw new UncheckedIOException("Reading the alerts of namespace " + name + " failed", failure);
        } catch (InterruptedException interrupted) {
            throw interrupted(interrupted);
        }
    }

    private Map<String, Long> documentsPerIndex() {
        Map<String, Long> counts = new LinkedHashMap<>();
        try {
            JsonNode indices = http().get("/_cat/indices/" + TopicNamespace.indexPattern(name)
                    + "?format=json&h=index,docs.count&s=index").body();
            if (indices != null) {
                indices.forEach(index -> counts.put(index.path("index").asText(), index.path("docs.count").asLong()));
            }
        } catch (IOException unavailable) {
            counts.put("(Elasticsearch did not answer: " + unavailable.getMessage() + ")", 0L);
        } catch (InterruptedException interrupted) {
            throw interrupted(interrupted);
        }
        return counts;
    }

    /**
     * Deletes the topic, waits until the indexer has let go of it, then deletes the namespace's indices.
     * The topic goes only once the indexer has committed everything in it: a commit for a deleted topic
     * would hold up the indexer, and with it every other test, until Kafka's request timeout.
     */
    void delete() {
        awaitCommitted();
        try {
            fixture.admin().deleteTopics(List.of(topic)).all().get(TOPIC_WAIT.toSeconds(), TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException failure) {
            throw new IllegalStateException("Could not delete the Kafka topic " + topic + " of namespace " + name
                    + ": " + failure, failure);
        } catch (InterruptedException interrupted) {
            throw interrupted(interrupted);
        }
        // Once the indexer has given the partition up, its last batch is written: nothing re-creates an index.
        awaitIndexer(() -> !indexer().assignedTopics().contains(topic), "let go of");
        if (fixture.lab().elasticsearchExternal()) {
            deleteIndicesOverHttp();
        } else {
            fixture.lab().elasticsearch().client().admin().indices().prepareDelete(TopicNamespace.indexPattern(name))
                    .setIndicesOptions(IndicesOptions.lenientExpandOpen()).get();
        }
    }

    /** By name: a shared cluster may refuse wildcard deletes ({@code action.destructive_requires_name}). */
    private void deleteIndicesOverHttp() {
        String pattern = TopicNamespace.indexPattern(name);
        try {
            ElasticsearchHttp.Response listed = fixture.elasticsearchHttp().get("/_cat/indices/" + pattern
                    + "?h=index&format=json&expand_wildcards=open");
            List<String> indices = new ArrayList<>();
            if (listed.ok() && listed.body() != null) {
                listed.body().forEach(index -> indices.add(index.path("index").asText()));
            }
            if (!indices.isEmpty()) {
                ElasticsearchHttp.Response deleted = fixture.elasticsearchHttp().send("DELETE", "/" + String.join(",", indices));
                if (!deleted.ok()) {
                    throw new IllegalStateException("Could not delete the indices " + indices + " of namespace " + name
                            + ": " + deleted.status() + " " + deleted.body());
                }
            }
        } catch (IOException failure) {
            throw new IllegalStateException("Could not delete the indices of namespace " + name + ": " + failure, failure);
        } catch (InterruptedException interrupted) {
            throw interrupted(interrupted);
        }
    }

    private void awaitCommitted() {
        TopicPartition partition = new TopicPartition(topic, 0);
        long deadline = System.nanoTime() + TOPIC_WAIT.toNanos();
        try {
            while (true) {
                long end = fixture.admin().listOffsets(Map.of(partition, OffsetSpec.latest())).partitionResult(partition)
                        .get(TOPIC_WAIT.toSeconds(), TimeUnit.SECONDS).offset();
                OffsetAndMetadata committed = fixture.admin().listConsumerGroupOffsets(Indexer.GROUP_ID)
                        .partitionsToOffsetAndMetadata().get(TOPIC_WAIT.toSeconds(), TimeUnit.SECONDS).get(partition);
                if (end == 0 || committed != null && committed.offset() >= end) {
                    return;
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("The indexer did not finish the " + end + " records of " + topic
                            + " within " + TOPIC_WAIT.toSeconds() + " s (committed: " + committed + "); the namespace "
                            + name + " is left in place. Indexer: " + indexer().statistics().toMap());
                }
                sleep(50);
            }
        } catch (ExecutionException | TimeoutException failure) {
            throw new IllegalStateException("Could not read the offsets of " + topic + ": " + failure, failure);
        } catch (InterruptedException interrupted) {
            throw interrupted(interrupted);
        }
    }

    private void awaitIndexer(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + TOPIC_WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("The indexer did not " + what + " topic " + topic + " within "
                        + TOPIC_WAIT.toSeconds() + " s; it reads " + indexer().assignedTopics() + ", health "
                        + indexer().health() + ". See " + fixture.logFile());
            }
            sleep(20);
        }
    }

    private Indexer indexer() {
        return fixture.lab().indexer();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException interrupted) {
            throw interrupted(interrupted);
        }
    }

    @Override
    public String toString() {
        return "HuntNamespace[" + name + "]";
    }
}
