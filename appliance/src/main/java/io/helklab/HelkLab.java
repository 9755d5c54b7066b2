package io.helklab;

import io.helklab.analytics.HuntData;
import io.helklab.config.Component;
import io.helklab.config.HelkLabConfig;
import io.helklab.connect.SparkConnectServer;
import io.helklab.detection.live.DetectionService;
import io.helklab.disk.DiskSpaceGuard;
import io.helklab.elasticsearch.EmbeddedElasticsearch;
import io.helklab.home.HomeLock;
import io.helklab.ingest.Indexer;
import io.helklab.kafka.EmbeddedKafka;
import io.helklab.service.ServiceGroup;
import io.helklab.service.ServiceHealth;
import io.helklab.spark.ExternalSparkMaster;
import io.helklab.streams.StreamsService;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HELK lab product as one service group: the embedded services (ZooKeeper, Kafka, Elasticsearch, Spark, the
 * indexer, the streams, Spark Connect) and whatever other parts {@linkplain #with contribute} services of their own
 * (the notebook kernel, the front door, Jupyter, Kibana).
 *
 * <p>Build one from a {@link HelkLabConfig}, add contributions, {@link #start()} it once, read its endpoints,
 * optionally {@link #startAfterReady} the services that may come up later, and {@link #close()} it.
 * {@code start()} blocks until every service of the ready block passed its readiness probe; if one fails,
 * everything already started is stopped again and the home is released before the exception propagates, so no
 * thread or port is left behind. Stop order is the reverse of the declared dependencies; {@link #health()} covers
 * every service. Endpoints are valid between a successful start and close (and, inside a service's own start,
 * for the services it depends on). Methods are safe to call from any thread.
 */
public final class HelkLab implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HelkLab.class);

    private final HelkLabConfig config;
    private final String password;
    private final EmbeddedServices embedded;
    private final List<Contribution> contributions = new ArrayList<>();
    private final AtomicBoolean started = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile ServiceGroup services;
    private volatile HuntData huntData;
    private HomeLock lock;

    private HelkLab(HelkLabConfig config) {
        this.config = Objects.requireNonNull(config, "config");
        this.password = config.password() != null || config.loopbackOnly() ? config.password() : Passwords.generate();
        this.embedded = new EmbeddedServices(password, this::refreshHuntData);
    }

    /** An appliance for this configuration; nothing starts until {@link #start()}. */
    public static HelkLab create(HelkLabConfig config) {
        return new HelkLab(config);
    }

    /** Adds a part's services to the product, after the embedded ones and earlier contributions; before start. */
    public HelkLab with(Contribution contribution) {
        if (started.get()) {
            throw new IllegalStateException("contributions are added before the appliance starts");
        }
        contributions.add(Objects.requireNonNull(contribution, "contribution"));
        return this;
    }

    /**
     * Starts every service of the ready block and waits until all are ready.
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
            ServiceGroup.Builder builder = ServiceGroup.builder().logHint(config.layout().logFile().toString());
            Assembly assembly = new Assembly(this, builder);
            embedded.contribute(assembly);
            contributions.forEach(contribution -> contribution.contribute(assembly));
            services = builder.build();
            if (closed.get()) {
                throw new IllegalStateException("the appliance was closed before it started");
            }
            services.start(listener);
            embedded.connectSparkToElasticsearch();
            LOG.info("HELK lab is ready: {}", startDurations());
            if (embedded.elasticsearch != null) {
                embedded.elasticsearch.warmUpScripting();
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

    /**
     * Starts the services that come up after the ready block (Jupyter, Kibana) and returns once each is up or has
     * failed; a failure is told to {@code listener} and logged, never thrown. Does nothing once closing.
     */
    public void startAfterReady(ServiceGroup.StartListener listener) {
        ServiceGroup group = services;
        if (group == null || closed.get()) {
            return;
        }
        try {
            group.startAfterReady(listener);
        } catch (IllegalStateException stopping) {
            LOG.info("not starting the services after ready: {}", stopping.getMessage());
        }
    }

    private void refreshHuntData() {
        ServiceGroup group = services;
        if (config.has(Component.ELASTICSEARCH) && group != null && group.state() == ServiceGroup.State.RUNNING) {
            huntData().refresh();
        }
    }

    /**
     * The hunt data as Spark SQL tables, views and graphs: {@code huntData().sql(...)}, {@code events("sysmon")},
     * {@code processTree()}, ... Created on first use, once Spark reaches Elasticsearch.
     */
    public HuntData huntData() {
        HuntData current = huntData;
        if (current == null) {
            synchronized (this) {
                if (huntData == null) {
                    SparkSession session = spark();
                    String elasticsearchUrl = elasticsearchUrl();
                    embedded.connectSparkToElasticsearch();
                    huntData = new HuntData(session, elasticsearchUrl);
                }
                current = huntData;
            }
        }
        return current;
    }

    /** The SYSMON_JOIN streaming service. */
    public StreamsService streams() {
        return require(embedded.streams, Component.STREAMS);
    }

    /** The Spark Connect server ({@code sparkConnect().url()} is {@code sc://127.0.0.1:<port>}). */
    public SparkConnectServer sparkConnect() {
        return require(embedded.sparkConnect, Component.SPARK_CONNECT);
    }

    /** The configuration this appliance was built from. */
    public HelkLabConfig config() {
        return config;
    }

    /** The password for remote access (Kafka SASL/PLAIN user {@code helk}, the front door), if any. */
    public Optional<String> password() {
        return Optional.ofNullable(password);
    }

    /**
     * Elasticsearch's HTTP API: {@code http://127.0.0.1:port} of the embedded node, or the attached cluster's URL
     * that answered first (HTTP clients built from it in this JVM get the cluster's credentials).
     */
    public String elasticsearchUrl() {
        require(embedded.elasticsearchService, Component.ELASTICSEARCH);
        return embedded.elasticsearchUrl();
    }

    /** Bootstrap servers for Kafka clients: the embedded broker's on this machine, or the attached cluster's. */
    public String kafkaBootstrapServers() {
        require(embedded.kafkaService, Component.KAFKA);
        return embedded.kafkaBootstrapServers();
    }

    /** Whether Elasticsearch is an attached cluster rather than the embedded node. */
    public boolean elasticsearchExternal() {
        return config.elasticsearch().isExternal();
    }

    /** Whether Kafka is an attached cluster rather than the embedded broker (then there is no ZooKeeper). */
    public boolean kafkaExternal() {
        return config.kafka().isExternal();
    }

    /** ZooKeeper's connect string. */
    public String zookeeperConnect() {
        return require(embedded.zookeeper, Component.ZOOKEEPER).connectString();
    }

    /** The live Spark session. */
    public SparkSession spark() {
        return require(embedded.spark, Component.SPARK).spark();
    }

    /** The external Spark master the executors run on; empty in local mode. */
    public Optional<ExternalSparkMaster> sparkCluster() {
        return embedded.sparkMaster == null ? Optional.empty() : Optional.of(require(embedded.sparkMaster, Component.SPARK));
    }

    /**
     * The embedded Elasticsearch service (its in-process client is the fastest path for indexing).
     *
     * @throws IllegalStateException when an attached cluster stands in for it; use {@link #elasticsearchUrl()}
     */
    public EmbeddedElasticsearch elasticsearch() {
        requireEmbedded(config.elasticsearch().isExternal(), "Elasticsearch", "--elasticsearch");
        return require(embedded.elasticsearch, Component.ELASTICSEARCH);
    }

    /**
     * The embedded Kafka broker.
     *
     * @throws IllegalStateException when an attached cluster stands in for it; use {@link #kafkaBootstrapServers()}
     */
    public EmbeddedKafka kafka() {
        requireEmbedded(config.kafka().isExternal(), "Kafka", "--kafka");
        return require(embedded.kafka, Component.KAFKA);
    }

    private static void requireEmbedded(boolean external, String service, String flag) {
        if (external) {
            throw new IllegalStateException(service + " is an attached cluster (" + flag + "), not embedded in this "
                    + "appliance; reach it through its address");
        }
    }

    /** The detection service: loaded Sigma rules and IOC lists, their statuses and hits. */
    public DetectionService detection() {
        return require(embedded.detection, Component.INDEXER);
    }

    /** The Kafka → Elasticsearch ingest pipeline. */
    public Indexer indexer() {
        return require(embedded.indexer, Component.INDEXER);
    }

    /** The watch over the home's free space, which pauses the indexer before the disk is full. */
    public DiskSpaceGuard diskSpace() {
        return require(embedded.diskSpace, Component.INDEXER);
    }

    private <T> T require(T service, Component component) {
        if (service == null) {
            throw new IllegalStateException(component.name().toLowerCase(Locale.ROOT)
                    + " is not part of this appliance's configuration (components " + config.components() + ")");
        }
        ServiceGroup group = services;
        if (group == null || (group.state() != ServiceGroup.State.RUNNING && group.state() != ServiceGroup.State.STARTING)) {
            throw new IllegalStateException("the appliance is not running");
        }
        return service;
    }

    /** Every service's health, by name, in the order they were assembled (those after ready included). */
    public Map<String, ServiceHealth> health() {
        ServiceGroup group = services;
        return group == null ? Map.of() : group.health();
    }

    /** The services whose failure only degrades the product (those started after the ready block). */
    public Set<String> optionalServices() {
        ServiceGroup group = services;
        return group == null ? Set.of() : group.afterReadyServices();
    }

    /** How long each service took to become ready. */
    public Map<String, Duration> startDurations() {
        ServiceGroup group = services;
        return group == null ? Map.of() : group.startDurations();
    }

    /** Stops everything in reverse dependency order and releases the home; idempotent. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        RuntimeException failure = null;
        try {
            ServiceGroup group = services;
            if (group != null) {
                group.close();
            }
        } catch (RuntimeException stopFailure) {
            failure = stopFailure;
        }
        releaseLock(failure);
        if (failure != null) {
            throw failure;
        }
    }

    private synchronized void releaseLock(RuntimeException failure) {
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
