package io.helklab.junit;

import io.helklab.HelkLab;
import io.helklab.config.Component;
import io.helklab.config.HelkLabConfig;
import io.helklab.elasticsearch.ElasticsearchHttp;
import io.helklab.home.Directories;
import io.helklab.kafka.KafkaClientSettings;
import io.helklab.samples.Scenario;
import io.helklab.scenarios.SampleLoader;
import io.helklab.scenarios.SampleVerifier;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running appliance of the JUnit fixture with everything tests share: its work directory, its
 * log, a Kafka producer and admin client, and the record of which samples are loaded.
 *
 * <p>Lifecycle: {@link #start} blocks until the appliance is ready (or throws after unwinding);
 * {@link #close} stops it, withdraws the {@code helklab.*} system properties and deletes the work
 * directory, unless a test failed and keeping was asked for. JUnit closes it at the end of the run
 * through the root store. Needs no JUnit on the class path itself. Thread-safe: parallel tests share one instance.
 */
final class HelkLabFixture implements AutoCloseable {
    static final int LOG_TAIL_LINES = 60;

    private final FixtureSettings settings;
    private final Path workDirectory;
    private final ApplianceLog log;
    private final HelkLab lab;
    private final HelkLabEndpoints endpoints;
    private final AtomicBoolean failed = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final AtomicInteger namespaces = new AtomicInteger();
    private final Set<String> loadedSamples = new HashSet<>();
    private final Map<String, Optional<String>> previousProperties = new ConcurrentHashMap<>();
    private volatile KafkaProducer<byte[], byte[]> producer;
    private volatile Admin admin;
    private volatile ElasticsearchHttp elasticsearchHttp;

    private HelkLabFixture(FixtureSettings settings, Path workDirectory, ApplianceLog log, HelkLab lab) {
        this.settings = settings;
        this.workDirectory = workDirectory;
        this.log = log;
        this.lab = lab;
        this.endpoints = new HelkLabEndpoints(
                lab.config().has(Component.ELASTICSEARCH) ? lab.elasticsearchUrl() : null,
                lab.config().has(Component.KAFKA) ? lab.kafkaBootstrapServers() : null,
                lab.config().has(Component.ZOOKEEPER) ? lab.zookeeperConnect() : null);
    }

    /** Starts an appliance with these settings' components in a new work directory; samples are not loaded yet. */
    static HelkLabFixture start(FixtureSettings settings) {
        // Started first, so that it runs alongside logging's set-up (the first thing below) and all that follows.
        try (ClassPreloader preloader = ClassPreloader.start(settings.components())) {
            return startWhilePreloading(settings);
        }
    }

    private static HelkLabFixture startWhilePreloading(FixtureSettings settings) {
        Path workDirectory;
        ApplianceLog log;
        try {
            workDirectory = Files.createTempDirectory("helk-lab-fixture-");
            log = ApplianceLog.attach(workDirectory.resolve("logs").resolve("helk-lab.log"));
        } catch (IOException failure) {
            throw new UncheckedIOException("could not create the fixture's work directory under "
                    + System.getProperty("java.io.tmpdir") + "; set -Djava.io.tmpdir to a writable directory", failure);
        }
        HelkLab lab = HelkLab.create(HelkLabConfig.ephemeral(workDirectory).withComponents(settings.components()));
        CompletableFuture<HelkLab> starting = CompletableFuture.supplyAsync(lab::start, runnable -> {
            Thread thread = new Thread(runnable, "helk-lab-fixture-start");
            thread.setDaemon(true);
            thread.start();
        });
        try {
            starting.get(settings.startupTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException slow) {
            // The start cannot be interrupted safely half-way; stop whatever it started once it returns.
            starting.whenComplete((started, failure) -> lab.close());
            throw startFailure(settings, workDirectory, log, "did not start within " + settings.startupTimeout().toSeconds()
                    + " s; raise @HelkLabTest(startupTimeoutSeconds = ...) on a slow machine", slow);
        } catch (ExecutionException failure) {
            throw startFailure(settings, workDirectory, log, "failed to start: " + failure.getCause().getMessage(),
                    failure.getCause());
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            starting.whenComplete((started, failure) -> lab.close());
            throw startFailure(settings, workDirectory, log, "start was interrupted", interrupted);
        }
        HelkLabFixture fixture = new HelkLabFixture(settings, workDirectory, log, lab);
        log().info("HELK lab fixture ready for {} in {}: {}", settings.declaredBy(), workDirectory, lab.startDurations());
        return fixture;
    }

    private static IllegalStateException startFailure(FixtureSettings settings, Path workDirectory, ApplianceLog log,
            String what, Throwable cause) {
        String tail = log.tail(LOG_TAIL_LINES);
        log.close();
        boolean keep = settings.keepOnFailure();
        if (!keep) {
            deleteQuietly(workDirectory);
        }
        return new IllegalStateException("The HELK lab appliance for " + settings.declaredBy() + " (services "
                + settings.serviceNames() + ") " + what + ". " + (keep ? "Its work directory is kept: " + workDirectory
                : "Set -D" + FixtureSettings.KEEP_PROPERTY + "=true to keep its work directory.")
                + " Last lines of its log:" + System.lineSeparator() + tail, cause);
    }

    /** Sets the {@code helklab.*} system properties to this appliance's endpoints; {@link #close} puts them back. */
    void publishEndpoints() {
        publish(HelkLabEndpoints.ELASTICSEARCH_URL_PROPERTY, endpoints.elasticsearchUrl());
        publish(HelkLabEndpoints.KAFKA_BOOTSTRAP_PROPERTY, endpoints.kafkaBootstrapServers());
        publish(HelkLabEndpoints.ZOOKEEPER_CONNECT_PROPERTY, endpoints.zookeeperConnect());
    }

    private void publish(String property, String value) {
        if (value != null) {
            previousProperties.put(property, Optional.ofNullable(System.setProperty(property, value)));
        }
    }

    FixtureSettings settings() {
        return settings;
    }

    HelkLab lab() {
        return lab;
    }

    HelkLabEndpoints endpoints() {
        return endpoints;
    }

    Path workDirectory() {
        return workDirectory;
    }

    boolean isOpen() {
        return !closed.get();
    }

    /** Remembers that a test failed, so the work directory is kept if asked for. */
    void markFailed() {
        failed.set(true);
    }

    /** The last lines of the appliance log. */
    String logTail() {
        return log.tail(LOG_TAIL_LINES);
    }

    Path logFile() {
        return log.file();
    }

    /**
     * Loads the scenarios the settings name that are not loaded yet, through Kafka like a shipper
     * would, and waits until every event is searchable; once per scenario per run.
     */
    synchronized void ensureSamples(FixtureSettings classSettings) throws IOException, InterruptedException {
        List<Scenario> missing = new ArrayList<>();
        for (Scenario scenario : classSettings.scenarios()) {
            if (!loadedSamples.contains(scenario.name())) {
                missing.add(scenario);
            }
        }
        if (missing.isEmpty()) {
            return;
        }
        SampleLoader.Loaded loaded = new SampleLoader(endpoints.kafkaBootstrapServers()).loadAndAwait(missing, 0,
                elasticsearchHttp(), classSettings.startupTimeout(), count -> { }, count -> { });
        if (!loaded.complete()) {
            throw new IllegalStateException("Preloading samples " + missing.stream().map(Scenario::name).toList() + " for "
                    + classSettings.declaredBy() + ": only " + loaded.searchable() + " of " + loaded.sent() + " events became searchable within "
                    + classSettings.startupTimeout().toSeconds() + " s. Indexer: " + lab.indexer().statistics().toMap()
                    + ". Raise @HelkLabTest(startupTimeoutSeconds = ...) or preload fewer samples.");
        }
        missing.forEach(scenario -> loadedSamples.add(scenario.name()));
    }

    /** A new namespace named after the test ({@code hint}), unique in this run. */
    HuntNamespace newNamespace(String hint) {
        if (!lab.config().has(Component.INDEXER)) {
            throw new IllegalStateException("a HuntNamespace sends events through the indexer, which this fixture "
                    + "does not run (services " + settings.serviceNames() + "); add FixtureService.INDEXER to @HelkLabTest(services)");
        }
        String base = hint.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        base = base.isEmpty() ? "hunt" : base.substring(0, Math.min(40, base.length()));
        return HuntNamespace.create(this, base + "-" + namespaces.incrementAndGet());
    }

    /** The shared producer (thread-safe); records are sent as they are. */
    KafkaProducer<byte[], byte[]> producer() {
        if (producer == null) {
            synchronized (this) {
                if (producer == null) {
                    Properties properties = new Properties();
                    properties.putAll(KafkaClientSettings.properties(endpoints.kafkaBootstrapServers()));
                    properties.put(ProducerConfig.CLIENT_ID_CONFIG, "helk-lab-fixture");
                    // Bulk-friendly, as the sample loader: whole scenarios are sent in one go.
                    properties.put(ProducerConfig.LINGER_MS_CONFIG, "10");
                    properties.put(ProducerConfig.BATCH_SIZE_CONFIG, Integer.toString(512 * 1024));
                    properties.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
                    properties.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, Integer.toString(8 * 1024 * 1024));
                    producer = new KafkaProducer<>(properties, new ByteArraySerializer(), new ByteArraySerializer());
                }
            }
        }
        return producer;
    }

    /** The shared admin client (thread-safe). */
    Admin admin() {
        if (admin == null) {
            synchronized (this) {
                if (admin == null) {
                    admin = Admin.create(adminProperties(endpoints.kafkaBootstrapServers(), "helk-lab-fixture-admin"));
                }
            }
        }
        return admin;
    }

    static Properties adminProperties(String bootstrapServers, String clientId) {
        Properties properties = KafkaClientSettings.properties(bootstrapServers);
        properties.put(AdminClientConfig.CLIENT_ID_CONFIG, clientId);
        return properties;
    }

    ElasticsearchHttp elasticsearchHttp() {
        if (elasticsearchHttp == null) {
            elasticsearchHttp = new ElasticsearchHttp(lab.elasticsearchUrl());
        }
        return elasticsearchHttp;
    }

    /** Stops the appliance; keeps the work directory only when a test failed and keeping was asked for. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        RuntimeException failure = null;
        try {
            if (producer != null) {
                producer.close(Duration.ofSeconds(5));
            }
            if (admin != null) {
                admin.close(Duration.ofSeconds(5));
            }
            lab.close();
        } catch (RuntimeException stopFailure) {
            failure = stopFailure;
        } finally {
            withdrawEndpoints();
            log.close();
        }
        if (failed.get() && settings.keepOnFailure()) {
            log().warn("A test failed: the HELK lab fixture's work directory is kept at {} (log: {})", workDirectory, log.file());
        } else {
            deleteQuietly(workDirectory);
        }
        if (failure != null) {
            throw failure;
        }
    }

    /** Puts back what the properties held before, unless someone else has changed them since. */
    private void withdrawEndpoints() {
        withdraw(HelkLabEndpoints.ELASTICSEARCH_URL_PROPERTY, endpoints.elasticsearchUrl());
        withdraw(HelkLabEndpoints.KAFKA_BOOTSTRAP_PROPERTY, endpoints.kafkaBootstrapServers());
        withdraw(HelkLabEndpoints.ZOOKEEPER_CONNECT_PROPERTY, endpoints.zookeeperConnect());
    }

    private void withdraw(String property, String value) {
        Optional<String> previous = previousProperties.get(property);
        if (value == null || previous == null || !value.equals(System.getProperty(property))) {
            return;
        }
        if (previous.isPresent()) {
            System.setProperty(property, previous.get());
        } else {
            System.clearProperty(property);
        }
    }

    /** Looked up when first used, not when this class loads: {@link #start} runs before logging is set up. */
    private static Logger log() {
        return LoggerFactory.getLogger(HelkLabFixture.class);
    }

    static void deleteQuietly(Path directory) {
        try {
            Directories.deleteRecursively(directory);
        } catch (IOException | UncheckedIOException partly) {
            log().warn("could not delete all of {}: {}", directory, partly.toString());
        }
    }
}
