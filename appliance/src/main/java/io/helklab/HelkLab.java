package io.helklab;

import io.helklab.analytics.HuntData;
import io.helklab.config.Component;
import io.helklab.connect.SparkConnectServer;
import io.helklab.config.HelkLabConfig;
import io.helklab.elasticsearch.EmbeddedElasticsearch;
import io.helklab.home.HomeLock;
import io.helklab.ingest.Indexer;
import io.helklab.kafka.EmbeddedKafka;
import io.helklab.service.PortCheck;
import io.helklab.service.Service;
import io.helklab.service.ServiceGroup;
import io.helklab.service.ServiceHealth;
import io.helklab.spark.EmbeddedSpark;
import io.helklab.streams.StreamsService;
import io.helklab.zookeeper.EmbeddedZooKeeper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.graphframes.GraphFrame;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HELK lab appliance: ZooKeeper, Kafka, Elasticsearch and Spark in this JVM.
 *
 * <p>Build one from a {@link HelkLabConfig}, {@link #start()} it once, read its endpoints, and
 * {@link #close()} it. {@code start()} blocks until every service passed its readiness probe; if
 * one fails, everything already started is stopped again and the home is released before the
 * exception propagates, so no thread or port is left behind. Endpoints are only valid between a
 * successful start and close. Methods are safe to call from any thread.
 */
public final class HelkLab implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HelkLab.class);
    private static final java.time.Duration SPARK_SESSION_WAIT = java.time.Duration.ofMinutes(5);

    private final HelkLabConfig config;
    private final String password;
    private final AtomicBoolean started = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();
    private EmbeddedZooKeeper zookeeper;
    private EmbeddedKafka kafka;
    private EmbeddedElasticsearch elasticsearch;
    private EmbeddedSpark spark;
    private Indexer indexer;
    // analytics (feature/analytics)
    private StreamsService streams;
    private SparkConnectServer sparkConnect;
    private volatile HuntData huntData;
    private ServiceGroup services;
    private HomeLock lock;

    private HelkLab(HelkLabConfig config) {
        this.config = Objects.requireNonNull(config, "config");
        this.password = config.password() != null || config.loopbackOnly() ? config.password() : Passwords.generate();
    }

    /** An appliance for this configuration; nothing starts until {@link #start()}. */
    public static HelkLab create(HelkLabConfig config) {
        return new HelkLab(config);
    }

    /**
     * Starts every configured service and waits until all are ready.
     *
     * @param listener told as each service starts, e.g. to print progress
     * @return this appliance
     */
    public HelkLab start(ServiceGroup.StartListener listener) {
        if (!started.compareAndSet(false, true)) {
            throw new IllegalStateException("this appliance was already started; create a new one");
        }
        try {
            lock = HomeLock.acquire(config.home());
        } catch (IOException failure) {
            throw new UncheckedIOException("could not claim the home directory " + config.home(), failure);
        }
        try {
            checkPorts();
            services = buildServices();
            services.start(listener);
            if (spark != null && elasticsearch != null) {
                spark.connectElasticsearch("127.0.0.1", elasticsearch.httpPort());
            }
            LOG.info("HELK lab is ready: {}", startDurations());
            if (elasticsearch != null) {
                elasticsearch.warmUpScripting();
            }
            return this;
        } catch (RuntimeException failure) {
            releaseLock(failure);
            throw failure;
        }
    }

    /** Starts without progress reporting. */
    public HelkLab start() {
        return start(ServiceGroup.StartListener.NONE);
    }

    private void checkPorts() {
        if (config.has(Component.ZOOKEEPER)) {
            PortCheck.requireFree("ZooKeeper", "127.0.0.1", config.zookeeper().port(), "--zk-port");
        }
        if (config.has(Component.KAFKA)) {
            PortCheck.requireFree("Kafka", config.loopbackOnly() ? "127.0.0.1" : config.bindAddress(),
                    config.kafka().port(), "--kafka-port");
        }
        if (config.has(Component.ELASTICSEARCH)) {
            PortCheck.requireFree("Elasticsearch", "127.0.0.1", config.elasticsearch().port(), "--es-port");
        }
        if (config.has(Component.SPARK_CONNECT)) {
            PortCheck.requireFree("Spark Connect", "127.0.0.1", config.spark().connectPort(), "--spark-connect-port");
        }
    }

    private ServiceGroup buildServices() {
        var layout = config.layout();
        ServiceGroup.Builder builder = ServiceGroup.builder().logHint(layout.logFile().toString());
        if (config.has(Component.ZOOKEEPER)) {
            zookeeper = new EmbeddedZooKeeper(config.zookeeper(), layout.data("zookeeper"));
            builder.add(zookeeper);
        }
        if (config.has(Component.KAFKA)) {
            kafka = new EmbeddedKafka(config.kafka(), config.bindAddress(), config.loopbackOnly(), password,
                    layout.data("kafka"), zookeeper::connectString);
            builder.add(kafka, zookeeper);
        }
        if (config.has(Component.ELASTICSEARCH)) {
            elasticsearch = new EmbeddedElasticsearch(config.elasticsearch(), layout.data("elasticsearch"), layout.logs());
            builder.add(elasticsearch);
        }
        if (config.has(Component.INDEXER)) {
            // The indexer joins its consumer group while Elasticsearch starts; it waits for it before its templates.
            EmbeddedElasticsearch node = elasticsearch;
            indexer = new Indexer(kafka::bootstrapServers, () -> {
                node.awaitStarted(Indexer.ELASTICSEARCH_WAIT);
                return node.client();
            }, Indexer.TOPICS);
            builder.add(indexer, kafka);
        }
        if (config.has(Component.SPARK)) {
            // Spark starts alongside the others and is pointed at Elasticsearch once both are up.
            spark = new EmbeddedSpark(config.spark(), layout.data("spark"));
            builder.add(spark);
        }
        addAnalyticsServices(builder, layout);
        return builder.build();
    }

    // ---- analytics (feature/analytics): streams, Spark Connect, SQL and graphs over the hunt data ----

    private void addAnalyticsServices(ServiceGroup.Builder builder, io.helklab.config.HomeLayout layout) {
        if (config.has(Component.STREAMS)) {
            // The streams need Spark's session, not its readiness probe: they start alongside the probe.
            EmbeddedSpark sparkService = spark;
            streams = new StreamsService(() -> sparkService.awaitSession(SPARK_SESSION_WAIT), kafka::bootstrapServers,
                    elasticsearch::httpUrl, layout.data("spark").resolve("checkpoints").resolve("sysmon-join"),
                    Indexer.TOPICS);
            builder.add(streams, kafka);
        }
        if (config.has(Component.SPARK_CONNECT)) {
            // Connect clients get sessions of their own; the hunt tables they query are refreshed per request.
            sparkConnect = new SparkConnectServer(spark::spark, config.spark().connectPort(), this::refreshHuntData);
            builder.add(sparkConnect, spark);
        }
    }

    private void refreshHuntData() {
        if (config.has(Component.ELASTICSEARCH) && services != null && services.state() == ServiceGroup.State.RUNNING) {
            huntData().refresh();
        }
    }

    /** The hunt data as Spark SQL tables and views (created on first use, once Spark reaches Elasticsearch). */
    public HuntData huntData() {
        HuntData current = huntData;
        if (current == null) {
            synchronized (this) {
                if (huntData == null) {
                    huntData = new HuntData(spark(), elasticsearchUrl());
                }
                current = huntData;
            }
        }
        return current;
    }

    /** Runs Spark SQL over the hunt tables ({@code sysmon}, {@code security}, ..., one view per index). */
    public Dataset<Row> sql(String query) {
        return huntData().sql(query);
    }

    /** One channel's events across all days, e.g. {@code events("sysmon")}. */
    public Dataset<Row> events(String channel) {
        return huntData().events(channel);
    }

    /** The Sysmon process tree as a GraphFrame (motifs: {@code processTree().find("(a)-[]->(b)")}). */
    public GraphFrame processTree() {
        return huntData().processTree();
    }

    /** Processes and the network destinations they talked to. */
    public GraphFrame processNetwork() {
        return huntData().processNetwork();
    }

    /** Logon sessions and the processes started in them. */
    public GraphFrame logonProcess() {
        return huntData().logonProcess();
    }

    /** The SYSMON_JOIN streaming service. */
    public StreamsService streams() {
        return require(streams, Component.STREAMS);
    }

    /** The Spark Connect server ({@code sparkConnect().url()} is {@code sc://127.0.0.1:<port>}). */
    public SparkConnectServer sparkConnect() {
        return require(sparkConnect, Component.SPARK_CONNECT);
    }

    /** The configuration this appliance was built from. */
    public HelkLabConfig config() {
        return config;
    }

    /** The password for remote access (Kafka SASL/PLAIN user {@code helk}, the front door), if any. */
    public Optional<String> password() {
        return Optional.ofNullable(password);
    }

    /** {@code http://127.0.0.1:port} of Elasticsearch's HTTP API. */
    public String elasticsearchUrl() {
        return require(elasticsearch, Component.ELASTICSEARCH).httpUrl();
    }

    /** Bootstrap servers for Kafka clients on this machine. */
    public String kafkaBootstrapServers() {
        return require(kafka, Component.KAFKA).bootstrapServers();
    }

    /** ZooKeeper's connect string. */
    public String zookeeperConnect() {
        return require(zookeeper, Component.ZOOKEEPER).connectString();
    }

    /** The live Spark session. */
    public SparkSession spark() {
        return require(spark, Component.SPARK).spark();
    }

    /** The embedded Elasticsearch service (its in-process client is the fastest path for indexing). */
    public EmbeddedElasticsearch elasticsearch() {
        return require(elasticsearch, Component.ELASTICSEARCH);
    }

    /** The embedded Kafka broker. */
    public EmbeddedKafka kafka() {
        return require(kafka, Component.KAFKA);
    }

    /** The Kafka → Elasticsearch ingest pipeline. */
    public Indexer indexer() {
        return require(indexer, Component.INDEXER);
    }

    private <T> T require(T service, Component component) {
        if (service == null) {
            throw new IllegalStateException(component.name().toLowerCase(java.util.Locale.ROOT)
                    + " is not part of this appliance's configuration (components " + config.components() + ")");
        }
        if (services == null || services.state() != ServiceGroup.State.RUNNING) {
            throw new IllegalStateException("the appliance is not running");
        }
        return service;
    }

    /** Every service's health, by name, in start order. */
    public Map<String, ServiceHealth> health() {
        Map<String, ServiceHealth> health = new LinkedHashMap<>();
        if (services != null) {
            for (Service service : services.services()) {
                health.put(service.name(), service.health());
            }
        }
        return health;
    }

    /** How long each service took to become ready. */
    public Map<String, Duration> startDurations() {
        return services == null ? Map.of() : services.startDurations();
    }

    /** Stops everything in reverse order and releases the home; idempotent. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        RuntimeException failure = null;
        try {
            if (services != null) {
                services.close();
            }
        } catch (RuntimeException stopFailure) {
            failure = stopFailure;
        }
        releaseLock(failure);
        if (failure != null) {
            throw failure;
        }
    }

    private void releaseLock(RuntimeException failure) {
        if (lock == null) {
            return;
        }
        try {
            lock.close();
        } catch (IOException unlockFailure) {
            if (failure != null) {
                failure.addSuppressed(unlockFailure);
            } else {
                LOG.warn("could not release the home lock", unlockFailure);
            }
        }
        lock = null;
    }
}
