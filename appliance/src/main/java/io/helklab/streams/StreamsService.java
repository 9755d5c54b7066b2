package io.helklab.streams;

import static org.apache.spark.sql.functions.col;

import io.helklab.ingest.Indexer;
import io.helklab.kafka.KafkaClientSettings;
import io.helklab.schema.TopicNames;
import io.helklab.service.Service;
import io.helklab.service.ServiceHealth;
import io.helklab.service.ServiceStatus;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.StreamingQueryProgress;
import org.apache.spark.sql.streaming.Trigger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The appliance's streaming analytics: Spark Structured Streaming reads the raw event topics from Kafka,
 * normalises them with the indexer's {@code EventNormalizer} and runs HELK's {@code SYSMON_JOIN}
 * ({@link SysmonJoin}), writing to {@code sysmon-join-YYYY.MM.DD} and the {@code SYSMON_JOIN} topic
 * ({@link JoinSink}).
 *
 * <p>Lifecycle: {@link #start()} starts the query and returns once it has initialised its Kafka source; unlike
 * other services it may be started again after {@link #close()}: the query resumes from its checkpoint
 * ({@code data/spark/checkpoints/sysmon-join}), so nothing is lost, and the deterministic document ids and the
 * sink's Kafka marker keep replayed batches from duplicating. {@code close()} waits for the batch being written,
 * then stops. A query that fails reports {@code down} with its error in {@link #health()}. Thread-safe.
 */
public final class StreamsService implements Service {
    private static final Logger LOG = LoggerFactory.getLogger(StreamsService.class);
    public static final String QUERY_NAME = "sysmon_join";
    public static final String OUTPUT_TOPIC = TopicNames.SYSMON_JOIN;
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(120);

    private final Supplier<SparkSession> spark;
    private final Supplier<String> kafkaBootstrapServers;
    private final Supplier<String> elasticsearchUrl;
    private final Path checkpoint;
    private final List<String> sourceTopics;
    private volatile BooleanSupplier ingestCatchingUp = () -> false;
    private volatile StreamingQuery query;
    private volatile JoinSink sink;
    private volatile ServiceStatus status = ServiceStatus.STARTING;

    /**
     * @param checkpoint   the query's checkpoint directory
     * @param sourceTopics the raw event topics, e.g. {@code winlogbeat} and {@code winevent}
     */
    public StreamsService(Supplier<SparkSession> spark, Supplier<String> kafkaBootstrapServers,
            Supplier<String> elasticsearchUrl, Path checkpoint, List<String> sourceTopics) {
        this.spark = spark;
        this.kafkaBootstrapServers = kafkaBootstrapServers;
        this.elasticsearchUrl = elasticsearchUrl;
        this.checkpoint = checkpoint;
        this.sourceTopics = List.copyOf(sourceTopics);
    }

    /**
     * Lets the join's batches wait while the indexer catches up with a backlog (bounded; see {@link JoinSink}), so
     * on a machine with few cores a bulk load becomes searchable before it is joined. Takes effect at the next start.
     */
    public StreamsService deferringTo(BooleanSupplier catchingUp) {
        this.ingestCatchingUp = catchingUp;
        return this;
    }

    @Override
    public String name() {
        return "streams";
    }

    @Override
    public synchronized void start() throws Exception {
        if (query != null && query.isActive()) {
            throw new IllegalStateException("the streams service is already running");
        }
        status = ServiceStatus.STARTING;
        Files.createDirectories(checkpoint);
        SparkSession session = spark.get();
        // Hadoop's FileContext rename forks a 'readlink' process per file to resolve symbolic links; the state
        // store renames a dozen files per batch, which made batches of a few thousand rows take a minute. The
        // FileSystem-based manager renames with java.io.File, atomically on a local disk.
        session.conf().set("spark.sql.streaming.checkpointFileManagerClass",
                "org.apache.spark.sql.execution.streaming.FileSystemBasedCheckpointFileManager");
        // Elasticsearch is not needed until the first joined row: the sink waits for it and installs the
        // sysmon-join template then, so this stream starts alongside Elasticsearch, not after it.
        JoinSink newSink = new JoinSink(elasticsearchUrl, kafkaBootstrapServers, OUTPUT_TOPIC, checkpoint);
        UserDefinedFunction normalize = functions.udf(SysmonEvents.NORMALIZE, SysmonEvents.SCHEMA);
        Dataset<Row> raw = session.readStream().format("kafka")
                .options(KafkaClientSettings.sparkOptions(kafkaBootstrapServers.get()))
                .option("subscribe", String.join(",", sourceTopics))
                .option("startingOffsets", "earliest")
                .option("maxOffsetsPerTrigger", "20000")
                // A topic recreated in the lab must not stop the stream; the indexer still has the records.
                .option("failOnDataLoss", "false")
                .load();
        Dataset<Row> events = raw.select(normalize.apply(col("value")).as("event"))
                .where(col("event").isNotNull())
                .select("event.*");
        sink = newSink;
        query = SysmonJoin.join(events).writeStream()
                .queryName(QUERY_NAME)
                .option("checkpointLocation", checkpoint.toString())
                .trigger(Trigger.ProcessingTime(2, TimeUnit.SECONDS))
                .foreachBatch(newSink)
                .start();
        StreamingQuery started = query;
        newSink.stoppedWhen(() -> !started.isActive());
        newSink.deferWhile(ingestCatchingUp);
        awaitInitialised(query);
        status = ServiceStatus.UP;
        LOG.info("The {} stream reads {} from Kafka, checkpoint {}", QUERY_NAME, sourceTopics, checkpoint);
    }

    /** Ready once the source has been initialised: its first trigger ran or it waits for data. */
    private static void awaitInitialised(StreamingQuery query) throws Exception {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!query.isActive()) {
                Optional<Exception> failure = query.exception().isDefined()
                        ? Optional.of(query.exception().get()) : Optional.empty();
                throw new IllegalStateException("the " + QUERY_NAME + " stream stopped while starting"
                        + failure.map(error -> ": " + error.getMessage()).orElse(""), failure.orElse(null));
            }
            if (query.lastProgress() != null || !query.status().message().startsWith("Initializing")) {
                return;
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("the " + QUERY_NAME + " stream did not initialise its Kafka source within "
                + READY_TIMEOUT.toSeconds() + " s (status: " + query.status().message() + ")");
    }

    /** The running query, if any. */
    public Optional<StreamingQuery> query() {
        return Optional.ofNullable(query);
    }

    /** Join rows written since the last start. */
    public long rowsJoined() {
        JoinSink current = sink;
        return current == null ? 0 : current.rowsJoined();
    }

    /** The event-time watermark of the last batch, if one ran since the last start. */
    public Optional<Instant> watermark() {
        StreamingQuery current = query;
        StreamingQueryProgress progress = current == null ? null : current.lastProgress();
        if (progress == null || progress.eventTime().get("watermark") == null) {
            return Optional.empty();
        }
        return Optional.of(Instant.parse(progress.eventTime().get("watermark")));
    }

    @Override
    public ServiceHealth health() {
        StreamingQuery current = query;
        JoinSink currentSink = sink;
        Map<String, Object> details = new LinkedHashMap<>();
        ServiceStatus reported = status;
        if (current != null) {
            boolean failed = !current.isActive() && current.exception().isDefined();
            details.put("state", current.isActive() ? "running" : failed ? "failed" : "stopped");
            if (failed) {
                reported = ServiceStatus.DOWN;
                details.put("error", current.exception().get().getMessage());
            }
            StreamingQueryProgress progress = current.lastProgress();
            if (progress != null) {
                details.put("rows_per_second", Math.round(progress.processedRowsPerSecond()));
                details.put("input_rows_last_batch", progress.numInputRows());
                if (progress.eventTime().get("watermark") != null) {
                    details.put("watermark", progress.eventTime().get("watermark"));
                }
            }
        } else {
            details.put("state", "not started");
        }
        if (currentSink != null) {
            details.put("last_batch_id", currentSink.lastBatchId());
            details.put("last_batch_time", currentSink.lastBatchMillis() == 0 ? "none"
                    : Instant.ofEpochMilli(currentSink.lastBatchMillis()).toString());
            details.put("rows_joined", currentSink.rowsJoined());
            details.put("batches_deferred_for_ingest", currentSink.batchesDeferred());
        }
        details.put("checkpoint", checkpoint.toString());
        return new ServiceHealth(reported, null, details);
    }

    /** Waits for the batch being written, then stops the query; idempotent. */
    @Override
    public synchronized void close() throws Exception {
        status = ServiceStatus.DOWN;
        StreamingQuery current = query;
        JoinSink currentSink = sink;
        if (current == null) {
            return;
        }
        // Holding the sink's lock keeps the next batch from starting its writes; a batch waiting for the lock gives
        // up once stop() marked the query stopped, and is replayed whole after a restart.
        currentSink.lock().lock();
        try {
            current.stop();
        } finally {
            currentSink.lock().unlock();
        }
        LOG.info("The {} stream stopped after {} joined rows", QUERY_NAME, currentSink.rowsJoined());
    }
}
