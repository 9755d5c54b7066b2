package io.helklab.streams;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.date_format;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.to_json;

import io.helklab.ingest.Indexer;
import io.helklab.ingest.normalize.IndexTemplates;
import io.helklab.kafka.KafkaClientSettings;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.apache.spark.api.java.function.VoidFunction2;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes each micro-batch of the join to {@code sysmon-join-YYYY.MM.DD} in Elasticsearch and to a Kafka topic.
 *
 * <p>Delivery: Elasticsearch first, with the connection's deterministic document id, so a batch Spark replays
 * after a crash or a stop overwrites the same documents. Then Kafka, keyed by the same id; after Kafka acknowledged
 * a batch its id is recorded in {@code kafka-sink-batch} inside the checkpoint directory, and a replayed batch with
 * an id not above it skips Kafka. Kafka therefore gets every row once, except when the process dies between
 * Kafka's acknowledgement and that file's rename (then the batch's rows appear twice, with the same keys).
 *
 * <p>Threading: Spark calls {@link #call} on the query's thread. {@link #lock()} is held while a batch is being
 * written, so a stop can wait for the batch in progress instead of interrupting it half-way. A batch that finds the
 * lock taken waits for it, and gives up (as interrupted, which Spark treats as a clean stop) as soon as the query
 * reports itself stopped: the interrupt Spark's stop sends alone is not enough, because code the query thread ran
 * before (Kafka's and Hadoop's clients) can swallow it, and the batch would then wait for the lock for ever.
 *
 * <p>Priority: while the indexer catches up with a backlog ({@link #deferWhile}), a batch waits up to
 * {@link #MAX_DEFERRAL} before it reads its records, so a replayed dataset becomes searchable first and the join
 * follows. The batch's offsets are fixed before it is called, so waiting skips nothing; event time, and with it
 * the watermark and what joins, does not depend on when a batch runs.
 */
final class JoinSink implements VoidFunction2<Dataset<Row>, Long> {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(JoinSink.class);
    static final String KAFKA_MARKER = "kafka-sink-batch";

    private static final Duration ELASTICSEARCH_WAIT = Duration.ofMinutes(2);
    private static final Duration LOCK_POLL = Duration.ofMillis(100);
    static final Duration MAX_DEFERRAL = Duration.ofSeconds(60);

    private final transient Supplier<String> elasticsearchUrl;
    private final transient Supplier<String> kafkaBootstrapServers;
    private final String topic;
    private final transient Path kafkaMarker;
    private final transient ReentrantLock lock = new ReentrantLock();
    private final AtomicLong rowsJoined = new AtomicLong();
    private final AtomicLong lastBatchId = new AtomicLong(-1);
    private volatile long lastBatchMillis;
    private volatile boolean templateInstalled;
    private volatile BooleanSupplier queryStopped = () -> false;
    private volatile BooleanSupplier ingestCatchingUp = () -> false;
    private final AtomicLong batchesDeferred = new AtomicLong();

    /**
     * @param elasticsearchUrl     Elasticsearch's HTTP API, {@code http://host:port}; throws {@link IllegalStateException}
     *                             until Elasticsearch has started
     * @param checkpoint           the query's checkpoint directory, where the Kafka marker lives
     */
    JoinSink(Supplier<String> elasticsearchUrl, Supplier<String> kafkaBootstrapServers, String topic,
            Path checkpoint) {
        this.elasticsearchUrl = elasticsearchUrl;
        this.kafkaBootstrapServers = kafkaBootstrapServers;
        this.topic = topic;
        this.kafkaMarker = checkpoint.resolve(KAFKA_MARKER);
    }

    /** Tells this sink how to see that its query was asked to stop (Spark's {@code !isActive()}). */
    void stoppedWhen(BooleanSupplier stopped) {
        this.queryStopped = stopped;
    }

    /** Tells this sink when the indexer is catching up, so batches wait for it (see the class comment). */
    void deferWhile(BooleanSupplier catchingUp) {
        this.ingestCatchingUp = catchingUp;
    }

    @Override
    public void call(Dataset<Row> batch, Long batchId) throws Exception {
        deferWhileIngestCatchesUp(batchId);
        while (!lock.tryLock(LOCK_POLL.toMillis(), TimeUnit.MILLISECONDS)) {
            if (queryStopped.getAsBoolean()) {
                throw new InterruptedException("the stream was stopped before batch " + batchId
                        + " was written; it is replayed from the checkpoint on the next start");
            }
        }
        try {
            Dataset<Row> rows = batch.persist();
            try {
                long count = rows.count();
                if (count > 0) {
                    writeElasticsearch(rows);
                    if (batchId > lastKafkaBatch()) {
                        writeKafka(rows);
                        recordKafkaBatch(batchId);
                    } else {
                        LOG.info("Batch {} was already sent to Kafka topic {}; replayed to Elasticsearch only",
                                batchId, topic);
                    }
                }
                rowsJoined.addAndGet(count);
                lastBatchId.set(batchId);
                lastBatchMillis = System.currentTimeMillis();
            } finally {
                rows.unpersist();
            }
        } finally {
            lock.unlock();
        }
    }

    private void deferWhileIngestCatchesUp(long batchId) throws InterruptedException {
        long deadline = System.nanoTime() + MAX_DEFERRAL.toNanos();
        boolean deferred = false;
        while (ingestCatchingUp.getAsBoolean() && System.nanoTime() < deadline) {
            if (queryStopped.getAsBoolean()) {
                throw new InterruptedException("the stream was stopped before batch " + batchId
                        + " was written; it is replayed from the checkpoint on the next start");
            }
            deferred = true;
            Thread.sleep(LOCK_POLL.toMillis());
        }
        if (deferred) {
            batchesDeferred.incrementAndGet();
        }
    }

    private void writeElasticsearch(Dataset<Row> rows) throws Exception {
        String url = elasticsearchUrl();
        if (!templateInstalled) {
            // The sysmon-join mapping must exist before the first document, also without the indexer.
            Indexer.installTemplates(url, List.of(IndexTemplates.SYSMON_JOIN));
            templateInstalled = true;
        }
        URI address = URI.create(url);
        String[] hostAndPort = {address.getHost(), Integer.toString(address.getPort())};
        // The connector writes timestamps as epoch milliseconds; HELK's documents carry ISO-8601 text.
        Dataset<Row> documents = rows;
        for (StructField field : rows.schema().fields()) {
            if (field.dataType() == DataTypes.TimestampType) {
                documents = documents.withColumn(field.name(),
                        date_format(col("`" + field.name() + "`"), "yyyy-MM-dd'T'HH:mm:ss.SSS'Z'"));
            }
        }
        documents.write().format("org.elasticsearch.spark.sql")
                .option("es.nodes", hostAndPort[0])
                .option("es.port", hostAndPort[1])
                .option("es.nodes.wan.only", "true")
                .option("es.resource", "{" + SysmonJoin.INDEX_COLUMN + "}")
                .option("es.mapping.id", "document_id")
                .option("es.mapping.exclude", SysmonJoin.INDEX_COLUMN)
                .option("es.write.operation", "index")
                .mode(SaveMode.Append)
                .save();
    }

    /** Elasticsearch's HTTP URL, waiting for it when this batch runs while the appliance still starts. */
    private String elasticsearchUrl() throws InterruptedException {
        long deadline = System.nanoTime() + ELASTICSEARCH_WAIT.toNanos();
        while (true) {
            try {
                return elasticsearchUrl.get();
            } catch (IllegalStateException notStarted) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("Elasticsearch did not start within " + ELASTICSEARCH_WAIT
                            + "; the joined rows stay in Kafka and are written when the stream restarts", notStarted);
                }
                Thread.sleep(100);
            }
        }
    }

    private void writeKafka(Dataset<Row> rows) {
        Column[] documentColumns = Arrays.stream(rows.columns())
                .filter(name -> !name.equals(SysmonJoin.INDEX_COLUMN))
                .map(name -> col("`" + name + "`"))
                .toArray(Column[]::new);
        rows.select(col("document_id").as("key"), to_json(struct(documentColumns)).as("value"))
                .write().format("kafka")
                .options(KafkaClientSettings.sparkOptions(kafkaBootstrapServers.get()))
                .option("topic", topic)
                .save();
    }

    private long lastKafkaBatch() throws IOException {
        if (!Files.exists(kafkaMarker)) {
            return -1;
        }
        String text = Files.readString(kafkaMarker, StandardCharsets.UTF_8).trim();
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException corrupt) {
            throw new IllegalStateException("The Kafka sink marker " + kafkaMarker + " holds '" + text
                    + "', not a batch id. Delete the file to send replayed batches to Kafka again.", corrupt);
        }
    }

    private void recordKafkaBatch(long batchId) throws IOException {
        Path temporary = kafkaMarker.resolveSibling(KAFKA_MARKER + ".tmp");
        Files.writeString(temporary, Long.toString(batchId), StandardCharsets.UTF_8);
        Files.move(temporary, kafkaMarker, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Held while a batch is written. */
    ReentrantLock lock() {
        return lock;
    }

    /** Rows written since this sink was created. */
    long rowsJoined() {
        return rowsJoined.get();
    }

    /** Batches that waited for the indexer to catch up since this sink was created. */
    long batchesDeferred() {
        return batchesDeferred.get();
    }

    /** The id of the last batch written, or -1. */
    long lastBatchId() {
        return lastBatchId.get();
    }

    /** When the last batch was written (epoch milliseconds), or 0. */
    long lastBatchMillis() {
        return lastBatchMillis;
    }
}
