package io.helklab.ingest;

import io.helklab.detection.live.Alert;
import io.helklab.detection.live.DetectionService;
import io.helklab.detection.live.Inspection;
import io.helklab.elasticsearch.ElasticsearchHttp;
import io.helklab.ingest.normalize.EventNormalizer;
import io.helklab.ingest.normalize.IndexTemplates;
import io.helklab.ingest.normalize.NormalizedEvent;
import io.helklab.kafka.KafkaClientSettings;
import io.helklab.schema.TopicNames;
import io.helklab.service.Service;
import io.helklab.service.ServiceHealth;
import io.helklab.service.ServiceStatus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.elasticsearch.action.admin.indices.template.put.PutIndexTemplateRequest;
import org.elasticsearch.action.support.master.AcknowledgedResponse;
import org.elasticsearch.action.ActionListener;
import org.elasticsearch.action.support.IndicesOptions;
import org.elasticsearch.client.Client;
import org.elasticsearch.common.bytes.BytesArray;
import org.elasticsearch.common.xcontent.XContentHelper;
import org.elasticsearch.common.xcontent.XContentType;
import org.elasticsearch.index.mapper.MapperService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Logstash role of HELK: consumes {@code winlogbeat} and {@code winevent} as one consumer group,
 * normalises each record to HELK's schema and bulk-indexes it into Elasticsearch.
 *
 * <p>Namespaces: the consumer subscribes by pattern, so it also reads {@code <namespace>.winlogbeat}
 * and {@code <namespace>.winevent} and writes their records to {@code <namespace>.<HELK index>} (see
 * {@link TopicNamespace}); the JUnit fixture gives each test its own namespace this way. Topics that
 * appear or disappear are noticed within {@value #METADATA_MAX_AGE_MILLIS} ms, and
 * {@link #assignedTopics()} says which ones the indexer reads now.
 *
 * <p>Delivery: a poll's records become one batch; up to {@value #MAX_IN_FLIGHT} batches are in
 * Elasticsearch at once (one leaves a core idle), and offsets are committed in order, only for
 * batches Elasticsearch fully accepted. A crash anywhere therefore re-delivers at most the
 * uncommitted batches, and deterministic document ids turn those re-deliveries into overwrites, not
 * duplicates. One thread owns the consumer; bulk responses arrive on Elasticsearch's threads.
 *
 * <p>Detections: with a {@link DetectionService}, every event is matched against the loaded Sigma rules and IOC
 * lists while it is normalised (on the reader's view of the record, parsed once). Its alerts, whose ids derive
 * from the rule and the event's document id, go into the same bulk as the events, so the offsets are committed
 * only once both are in; then they are sent to the Kafka topic {@code alerts} (at least once, keyed by alert id).
 */
public final class Indexer implements Service {
    private static final Logger LOG = LoggerFactory.getLogger(Indexer.class);
    static final int MAX_IN_FLIGHT = 3;
    /** How long the indexer's start waits for Elasticsearch, which starts alongside it. */
    public static final Duration ELASTICSEARCH_WAIT = Duration.ofMinutes(5);
    private static final int PROGRESS_LOG_SECONDS = 10;
    /**
     * A backlog at least this large (records read but not yet committed, plus those still in Kafka) means the
     * indexer is catching up; work that can wait, like the streaming join, waits then ({@link #catchingUp()}).
     */
    public static final long CATCHING_UP_LAG = 5_000;
    /**
     * After a backlog of at least this many documents has drained, the indices written are refreshed at once
     * instead of at their next refresh interval, so the end of a bulk load is searchable as soon as it is indexed.
     * Smaller bursts, like a live trickle of events, wait for the interval, which keeps segments few.
     */
    static final long DRAIN_REFRESH_DOCUMENTS = 10_000;
    public static final String GROUP_ID = "helk-lab-indexer";
    public static final List<String> TOPICS = TopicNames.EVENT_INPUTS;
    /** How soon a new namespace topic is picked up: the consumer's metadata refresh interval. */
    static final int METADATA_MAX_AGE_MILLIS = 500;
    /**
     * How long the group coordinator keeps a member that stopped heartbeating. A static member that comes back
     * under its instance id takes its old place at once, so this only matters when the indexer stays away.
     */
    public static final Duration SESSION_TIMEOUT = Duration.ofSeconds(45);
    /**
     * The indexer's static identity in its group. Every home has a broker of its own, so a constant is stable per
     * home: after a kill -9 the restarted indexer replaces its dead self instead of waiting out its session.
     */
    static final String GROUP_INSTANCE_ID = "helk-lab-indexer-0";
    private final String groupInstanceId;

    private final Supplier<String> bootstrapServers;
    private final DetectionService detection;
    private Inspection inspection;
    private KafkaProducer<byte[], byte[]> alertProducer;
    private final Supplier<IndexingClient> elasticsearch;
    private final List<String> topics;
    private final IngestStatistics statistics = new IngestStatistics();
    private final EventNormalizer normalizer = new EventNormalizer(Clock.systemUTC());
    private final Deque<Batch> inFlight = new ArrayDeque<>();
    private final CountDownLatch assigned = new CountDownLatch(1);
    private final Set<TopicPartition> assignment = ConcurrentHashMap.newKeySet();
    private volatile boolean running;
    private volatile ServiceStatus status = ServiceStatus.STARTING;
    private volatile Throwable failure;
    private volatile CompletableFuture<Void> templates;
    private ScheduledExecutorService retryScheduler;
    private volatile BulkWriter writer;
    private KafkaConsumer<byte[], byte[]> consumer;
    private Thread pollThread;
    private long lastLoggedConsumed;
    private volatile long subscribedNanos;
    private volatile Duration firstAssignmentWait;
    private volatile String pausedReason;
    private volatile boolean fetchPaused;
    private boolean alertsSent;
    private volatile IndexingClient refreshClient;
    private final Set<String> indicesSinceRefresh = new HashSet<>();
    private long documentsSinceRefresh;

    /**
     * @param bootstrapServers Kafka, read at start
     * @param elasticsearch    the client bulk requests go through (in-process or HTTP), read at start; it may wait up
     *                         to {@link #ELASTICSEARCH_WAIT} for Elasticsearch to start, while the consumer joins
     *                         (the index templates go in through it too)
     */
    public Indexer(Supplier<String> bootstrapServers, Supplier<IndexingClient> elasticsearch, List<String> topics) {
        this(bootstrapServers, elasticsearch, topics, null);
    }

    /**
     * As above, matching every event against the detection service's rules as it is normalised; alerts go into
     * the same bulk as their events, then to the Kafka topic {@code alerts}, before the offsets are committed.
     *
     * @param detection the detection service, or null for none
     */
    public Indexer(Supplier<String> bootstrapServers, Supplier<IndexingClient> elasticsearch, List<String> topics,
                   DetectionService detection) {
        this(bootstrapServers, elasticsearch, topics, detection, GROUP_INSTANCE_ID);
    }

    /**
     * As above, under a static group identity of its own: on a Kafka cluster that several appliances share, each
     * needs one, or the newest would fence the others out of the group.
     *
     * @param groupInstanceId stable across restarts of this appliance, unique among those sharing the cluster
     */
    public Indexer(Supplier<String> bootstrapServers, Supplier<IndexingClient> elasticsearch, List<String> topics,
                   DetectionService detection, String groupInstanceId) {
        this.groupInstanceId = groupInstanceId;
        this.detection = detection;
        this.bootstrapServers = bootstrapServers;
        this.elasticsearch = elasticsearch;
        this.topics = List.copyOf(topics);
    }

    @Override
    public String name() {
        return "indexer";
    }

    @Override
    public void start() throws Exception {
        retryScheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "helk-indexer-retry");
            thread.setDaemon(true);
            return thread;
        });
        // The consumer joins its group while Elasticsearch may still be starting; the templates go in as soon as
        // it is up, and no batch is written before they are in.
        templates = CompletableFuture.runAsync(() -> {
            IndexingClient client = elasticsearch.get();
            try {
                client.installTemplates(IndexTemplates.all().keySet());
            } catch (IOException failure) {
                throw new UncheckedIOException(failure);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while installing the index templates", interrupted);
            }
            refreshClient = client;
            writer = new BulkWriter(client, normalizer, statistics, retryScheduler);
        }, task -> {
            Thread thread = new Thread(task, "helk-indexer-templates");
            thread.setDaemon(true);
            thread.start();
        });
        consumer = new KafkaConsumer<>(consumerProperties(), new ByteArrayDeserializer(), new ByteArrayDeserializer());
        if (detection != null) {
            inspection = detection.inspection();
            alertProducer = new KafkaProducer<>(alertProducerProperties(), new ByteArraySerializer(),
                    new ByteArraySerializer());
        }
        running = true;
        pollThread = new Thread(this::pollLoop, "helk-indexer");
        pollThread.setDaemon(true);
        pollThread.start();
        try {
            templates.get(ELASTICSEARCH_WAIT.toSeconds() + 60, TimeUnit.SECONDS);
        } catch (ExecutionException failure) {
            throw new IllegalStateException("the indexer could not install HELK's index templates: "
                    + failure.getCause().getMessage(), failure.getCause());
        } catch (TimeoutException slow) {
            throw new IllegalStateException("Elasticsearch did not take HELK's index templates within "
                    + (ELASTICSEARCH_WAIT.toSeconds() + 60) + " s of the indexer's start; see Elasticsearch's entries "
                    + "in the log", slow);
        }
        if (!assigned.await(60, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the indexer got no partitions of " + topics + " within 60 s"
                    + (failure == null ? "" : ": " + failure));
        }
        if (failure != null) {
            throw new IllegalStateException("the indexer failed: " + failure.getMessage(), failure);
        }
        status = ServiceStatus.UP;
    }

    /**
     * Installs the named templates of {@link IndexTemplates} through the in-process client, so the first
     * document of a day gets the right mapping. The bodies are typeless 7.x REST bodies; the transport
     * request wants the mappings under the type name, so they are wrapped in {@code _doc} as the REST
     * layer does. In this JVM it is quicker than the same requests over HTTP (figures in the README's design notes).
     */
    public static void installTemplates(Client client, Collection<String> names) {
        for (Map.Entry<String, String> template : IndexTemplates.all().entrySet()) {
            if (!names.contains(template.getKey())) {
                continue;
            }
            Map<String, Object> body = new HashMap<>(XContentHelper.convertToMap(new BytesArray(template.getValue()),
                    false, XContentType.JSON).v2());
            Object mappings = body.get("mappings");
            if (mappings != null) {
                body.put("mappings", Map.of(MapperService.SINGLE_MAPPING_NAME, mappings));
            }
            AcknowledgedResponse response = client.admin().indices()
                    .putTemplate(new PutIndexTemplateRequest(template.getKey()).source(body)).actionGet();
            if (!response.isAcknowledged()) {
                throw new IllegalStateException("Elasticsearch did not acknowledge index template " + template.getKey());
            }
        }
    }

    /**
     * Installs HELK's index templates over HTTP, for code that has Elasticsearch's URL but not a client
     * in this JVM. The templates are typeless 7.x bodies, which the REST layer accepts as they are.
     */
    public static void installTemplates(String elasticsearchUrl) throws IOException, InterruptedException {
        installTemplates(elasticsearchUrl, IndexTemplates.all().keySet());
    }

    /**
     * Installs the named templates of {@link IndexTemplates}, in the form this cluster takes (see
     * {@link ClusterTemplates}): as they are on a node with HELK lab's field types, with standard {@code keyword}
     * sub-fields and the cluster's own replica count elsewhere.
     */
    public static void installTemplates(String elasticsearchUrl, Collection<String> names)
            throws IOException, InterruptedException {
        ClusterTemplates.install(new ElasticsearchHttp(elasticsearchUrl), names);
    }

    private Properties consumerProperties() {
        Properties properties = KafkaClientSettings.properties(bootstrapServers.get());
        properties.put(ConsumerConfig.GROUP_ID_CONFIG, GROUP_ID);
        properties.put(ConsumerConfig.CLIENT_ID_CONFIG, "helk-lab-indexer");
        properties.put(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, groupInstanceId);
        properties.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, Long.toString(SESSION_TIMEOUT.toMillis()));
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        properties.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "2000");
        properties.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, Integer.toString(16 * 1024 * 1024));
        properties.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, Integer.toString(32 * 1024 * 1024));
        properties.put(ConsumerConfig.FETCH_MIN_BYTES_CONFIG, Integer.toString(256 * 1024));
        properties.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "50");
        properties.put(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG, Integer.toString(30 * 60 * 1000));
        // A pattern subscription only sees new topics when the metadata is refreshed; a test waits for that.
        properties.put(ConsumerConfig.METADATA_MAX_AGE_CONFIG, Integer.toString(METADATA_MAX_AGE_MILLIS));
        return properties;
    }

    private Properties alertProducerProperties() {
        Properties properties = KafkaClientSettings.properties(bootstrapServers.get());
        properties.put(ProducerConfig.CLIENT_ID_CONFIG, "helk-lab-alerts");
        properties.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        // Bounded, so a broken alerts topic costs the indexer at most this long per batch, never a stall.
        properties.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "10000");
        properties.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "10000");
        properties.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "20000");
        return properties;
    }

    private void pollLoop() {
        try {
            subscribedNanos = System.nanoTime();
            consumer.subscribe(TopicNamespace.subscription(topics), new ConsumerRebalanceListener() {
                @Override
                public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
                    drainAndCommit();
                    assignment.removeAll(partitions);
                }

                @Override
                public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
                    LOG.info("Indexer consumes {}", partitions);
                    assignment.addAll(partitions);
                    if (firstAssignmentWait == null) {
                        firstAssignmentWait = Duration.ofNanos(System.nanoTime() - subscribedNanos);
                    }
                    assigned.countDown();
                }
            });
            long nextLagCheck = 0;
            long nextProgressLog = System.nanoTime() + TimeUnit.SECONDS.toNanos(PROGRESS_LOG_SECONDS);
            while (running) {
                applyPause();
                ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(200));
                if (!records.isEmpty()) {
                    statistics.consumed(records.count());
                    Batch batch = normalize(records);
                    templates.join();
                    inFlight.addLast(batch);
                    writer.write(batch);
                    noteWritten(batch);
                }
                commitCompleted();
                if (records.isEmpty() && inFlight.isEmpty()) {
                    refreshAfterBacklog();
                }
                while (inFlight.size() >= MAX_IN_FLIGHT) {
                    inFlight.peekFirst().done().join();
                    commitCompleted();
                }
                if (System.nanoTime() > nextLagCheck) {
                    statistics.lag(lag());
                    nextLagCheck = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(250);
                }
                if (System.nanoTime() > nextProgressLog) {
                    logProgress();
                    nextProgressLog = System.nanoTime() + TimeUnit.SECONDS.toNanos(PROGRESS_LOG_SECONDS);
                }
            }
        } catch (WakeupException stopping) {
            // close() woke the consumer up
        } catch (Throwable unexpected) {
            failure = unexpected;
            status = ServiceStatus.DOWN;
            LOG.error("the indexer stopped", unexpected);
            assigned.countDown();
        } finally {
            drainAndCommit();
            consumer.close(Duration.ofSeconds(5));
        }
    }

    /**
     * Pauses or resumes fetching as asked. A paused consumer keeps polling, so it stays in its group; its polls
     * return nothing and the records wait in Kafka. Partitions assigned while paused are paused too.
     */
    private void applyPause() {
        if (pausedReason != null) {
            if (!consumer.paused().containsAll(consumer.assignment())) {
                consumer.pause(consumer.assignment());
            }
            fetchPaused = true;
        } else {
            if (!consumer.paused().isEmpty()) {
                consumer.resume(consumer.paused());
            }
            fetchPaused = false;
        }
    }

    /**
     * Stops reading Kafka until {@link #resume()}, e.g. while the disk is nearly full; the batches already in
     * Elasticsearch finish and are committed. Health says why.
     */
    public void pause(String reason) {
        pausedReason = reason;
    }

    /** Reads Kafka again, from where the committed offsets and the paused fetch left off. */
    public void resume() {
        pausedReason = null;
    }

    /** One log line while records flow: what came in, what went out, what is waiting. Silent when idle. */
    private void logProgress() {
        long consumed = statistics.consumed();
        if (consumed == lastLoggedConsumed && statistics.lag() == 0) {
            return;
        }
        lastLoggedConsumed = consumed;
        LOG.info("Indexer: consumed {}, indexed {} ({} catch-all, {} parse failures), lag {}, {} events/s", consumed,
                statistics.indexed(), statistics.catchAll(), statistics.parseFailures(), statistics.lag(),
                Math.round(statistics.eventsPerSecond()));
    }

    private Batch normalize(ConsumerRecords<byte[], byte[]> records) {
        List<NormalizedEvent> documents = new ArrayList<>(records.count());
        List<byte[]> originals = new ArrayList<>(records.count());
        List<String> namespaces = new ArrayList<>(records.count());
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        List<Alert> alerts = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> record : records) {
            byte[] value = record.value() == null ? new byte[0] : record.value();
            String namespace = TopicNamespace.ofTopic(record.topic(), topics);
            if (inspection == null) {
                documents.add(TopicNamespace.apply(namespace, normalizer.normalize(value)));
            } else {
                NormalizedEvent document = TopicNamespace.apply(namespace, normalizer.normalize(value, inspection));
                documents.add(document);
                alerts.addAll(inspection.alerts(document, namespace));
            }
            originals.add(value);
            namespaces.add(namespace);
            offsets.put(new TopicPartition(record.topic(), record.partition()), new OffsetAndMetadata(record.offset() + 1));
        }
        return new Batch(documents, originals, namespaces, offsets, alerts);
    }

    private void noteWritten(Batch batch) {
        documentsSinceRefresh += batch.documents().size();
        for (NormalizedEvent document : batch.documents()) {
            indicesSinceRefresh.add(document.index());
        }
    }

    /**
     * Once a large backlog is fully committed and Kafka has nothing more, makes it searchable now (see
     * {@link #DRAIN_REFRESH_DOCUMENTS}). Asynchronous; a failed refresh only means waiting for the interval.
     */
    private void refreshAfterBacklog() {
        if (documentsSinceRefresh < DRAIN_REFRESH_DOCUMENTS || refreshClient == null) {
            if (documentsSinceRefresh == 0) {
                indicesSinceRefresh.clear();
            }
            return;
        }
        List<String> indices = List.copyOf(indicesSinceRefresh);
        documentsSinceRefresh = 0;
        indicesSinceRefresh.clear();
        LOG.debug("refreshing {} after a backlog drained", indices);
        refreshClient.refresh(indices);
    }

    /**
     * Whether the indexer is working through a backlog of at least {@link #CATCHING_UP_LAG} records, e.g. while a
     * dataset is replayed into the lab. Updated a few times a second.
     */
    public boolean catchingUp() {
        return statistics.lag() >= CATCHING_UP_LAG;
    }

    /** Commits the offsets of the batches at the head of the queue that Elasticsearch fully accepted. */
    private void commitCompleted() {
        Map<TopicPartition, OffsetAndMetadata> commit = new LinkedHashMap<>();
        while (!inFlight.isEmpty() && inFlight.peekFirst().done().isDone()) {
            Batch head = inFlight.peekFirst();
            if (head.done().isCompletedExceptionally()) {
                // Only happens while stopping: leave this batch and everything after it uncommitted.
                inFlight.clear();
                break;
            }
            Batch done = inFlight.removeFirst();
            sendAlerts(done.alerts());
            commit.putAll(done.offsets());
        }
        if (alertsSent) {
            flushAlerts();
        }
        if (!commit.isEmpty()) {
            consumer.commitSync(commit);
        }
    }

    /** Alerts go to Kafka once Elasticsearch has them, keyed by alert id (a re-delivery repeats the same key). */
    private void sendAlerts(List<Alert> alerts) {
        if (alertProducer == null || alerts.isEmpty()) {
            return;
        }
        try {
            for (Alert alert : alerts) {
                alertProducer.send(new ProducerRecord<>(TopicNames.ALERTS, alert.id().getBytes(StandardCharsets.UTF_8),
                        alert.json()));
            }
            alertsSent = true;
        } catch (RuntimeException refused) {
            LOG.warn("could not send {} alerts to the Kafka topic {}; they are in Elasticsearch", alerts.size(),
                    TopicNames.ALERTS, refused);
        }
    }

    private void flushAlerts() {
        alertsSent = false;
        try {
            alertProducer.flush();
        } catch (RuntimeException failed) {
            LOG.warn("the Kafka topic {} did not take every alert; they are in Elasticsearch", TopicNames.ALERTS, failed);
        }
    }

    private void drainAndCommit() {
        for (Batch batch : inFlight) {
            try {
                batch.done().get(30, TimeUnit.SECONDS);
            } catch (Exception notDelivered) {
                break;
            }
        }
        try {
            commitCompleted();
        } catch (RuntimeException commitFailure) {
            LOG.warn("could not commit the indexer's offsets; the records will be re-read and overwritten", commitFailure);
        }
    }

    private long lag() {
        long total = 0;
        for (TopicPartition partition : consumer.assignment()) {
            total += consumer.currentLag(partition).orElse(0);
        }
        return total + inFlight.stream().mapToLong(batch -> batch.documents().size()).sum();
    }

    /** The topics whose partitions the indexer reads now (changes as namespace topics come and go). */
    public Set<String> assignedTopics() {
        Set<String> names = new TreeSet<>();
        for (TopicPartition partition : assignment) {
            names.add(partition.topic());
        }
        return names;
    }

    /**
     * How long the consumer waited between subscribing and its first partitions, {@code null} before them. A dead
     * member still holding the group would make this at least the rest of its {@link #SESSION_TIMEOUT}.
     */
    public Duration firstAssignmentWait() {
        return firstAssignmentWait;
    }

    /** Live counters. */
    public IngestStatistics statistics() {
        return statistics;
    }

    @Override
    public ServiceHealth health() {
        Map<String, Object> details = new LinkedHashMap<>(statistics.toMap());
        details.put("topics", topics);
        String paused = pausedReason;
        if (paused != null) {
            details.put(ServiceHealth.DEGRADED, paused);
        }
        // True once the consumer stopped fetching, not merely when asked to.
        details.put("paused", fetchPaused);
        if (failure != null) {
            details.put("error", failure.toString());
        }
        return new ServiceHealth(status, null, details);
    }

    @Override
    public void close() throws InterruptedException {
        status = ServiceStatus.DOWN;
        running = false;
        if (consumer != null) {
            consumer.wakeup();
        }
        if (pollThread != null) {
            pollThread.join(TimeUnit.SECONDS.toMillis(45));
        }
        if (writer != null) {
            writer.close();
        }
        if (alertProducer != null) {
            alertProducer.close(Duration.ofSeconds(5));
        }
        if (retryScheduler != null) {
            retryScheduler.shutdownNow();
        }
    }
}
