package io.helklab.kafka;

import io.helklab.config.KafkaConfig;
import io.helklab.service.Service;
import io.helklab.service.ServiceHealth;
import io.helklab.service.ServiceStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Supplier;
import kafka.server.KafkaServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.quota.ClientQuotaAlteration;
import org.apache.kafka.common.quota.ClientQuotaEntity;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.network.ListenerName;
import org.apache.kafka.common.utils.Exit;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.Option;

/**
 * A Kafka broker in ZooKeeper mode inside this JVM.
 *
 * <p>Logs live under {@code data/kafka} of the home, so topics, records and consumer offsets survive
 * a restart. At start it creates the HELK topics (one partition each, as HELK did). Ready when an
 * admin client sees the broker in the cluster and the topics exist.
 *
 * <p>A disk that fills up is met in two steps. While the home's disk is nearly full the appliance
 * {@linkplain #throttleProducers throttles every producer} to a trickle with a client quota, so shippers wait
 * instead of filling the disk while the indexer is paused. If the log directory fails anyway, Kafka would halt
 * the whole JVM (Elasticsearch, the hunt UI and the notebooks with it); while this broker runs, that halt is
 * turned into a stop of Kafka alone: its health goes down with the reason and the
 * {@linkplain #onFailure failure listeners} (the console) are told, and everything else keeps serving what it holds.
 */
public final class EmbeddedKafka implements Service {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafka.class);
    private static final int MAX_MESSAGE_BYTES = 16 * 1024 * 1024;
    private static final String PRODUCER_BYTE_RATE = "producer_byte_rate";

    private final KafkaConfig config;
    private final Path dataDirectory;
    private final Supplier<String> zookeeperConnect;
    private final KafkaListeners listeners;
    private volatile KafkaServer server;
    private volatile ServiceStatus status = ServiceStatus.STARTING;
    private volatile String internalBootstrap;
    private volatile String externalAddress;
    private volatile Long producerByteRate;
    private volatile String failure;
    private final List<Consumer<String>> failureListeners = new CopyOnWriteArrayList<>();

    /**
     * @param bindAddress      where shippers connect; anything but loopback gets a SASL/PLAIN listener
     * @param password         the SASL/PLAIN password of user {@code helk} for a non-loopback bind
     * @param zookeeperConnect read when the broker starts (ZooKeeper's port may be ephemeral)
     */
    public EmbeddedKafka(KafkaConfig config, String bindAddress, boolean loopbackOnly, String password,
            Path dataDirectory, Supplier<String> zookeeperConnect) {
        this.config = config;
        this.dataDirectory = dataDirectory;
        this.zookeeperConnect = zookeeperConnect;
        if (!loopbackOnly && password == null) {
            throw new IllegalArgumentException("a Kafka listener on " + bindAddress + " needs a password");
        }
        this.listeners = new KafkaListeners(!loopbackOnly, bindAddress, config.port(), config.advertisedHost(), password);
    }

    @Override
    public String name() {
        return "kafka";
    }

    @Override
    public void start() throws Exception {
        Files.createDirectories(dataDirectory);
        Map<String, String> properties = new HashMap<>(listeners.brokerProperties());
        properties.put("broker.id", "0");
        properties.put("zookeeper.connect", zookeeperConnect.get());
        properties.put("zookeeper.connection.timeout.ms", "15000");
        properties.put("log.dirs", dataDirectory.toString());
        properties.put("num.partitions", "1");
        properties.put("default.replication.factor", "1");
        properties.put("offsets.topic.replication.factor", "1");
        properties.put("offsets.topic.num.partitions", "1");
        properties.put("transaction.state.log.replication.factor", "1");
        properties.put("transaction.state.log.min.isr", "1");
        properties.put("transaction.state.log.num.partitions", "1");
        properties.put("group.initial.rebalance.delay.ms", "0");
        // A mistyped topic is created and reported by the indexer, instead of failing silently as in HELK.
        properties.put("auto.create.topics.enable", "true");
        properties.put("controlled.shutdown.enable", "false");
        properties.put("message.max.bytes", Integer.toString(MAX_MESSAGE_BYTES));
        properties.put("replica.fetch.max.bytes", Integer.toString(MAX_MESSAGE_BYTES));
        properties.put("num.network.threads", "2");
        properties.put("num.io.threads", "2");
        properties.put("num.recovery.threads.per.data.dir", "1");
        properties.put("background.threads", "2");
        properties.put("log.cleaner.dedupe.buffer.size", Integer.toString(8 * 1024 * 1024));
        properties.put("log.cleaner.threads", "1");
        KafkaServer broker = new KafkaServer(new kafka.server.KafkaConfig(properties, false), Time.SYSTEM,
                Option.empty(), false);
        server = broker;
        Exit.setHaltProcedure(this::brokerHalted);
        broker.startup();
        internalBootstrap = KafkaListeners.LOOPBACK + ":" + broker.boundPort(ListenerName.normalised(KafkaListeners.INTERNAL));
        externalAddress = listeners.external()
                ? listeners.bindAddress() + ":" + broker.boundPort(ListenerName.normalised(KafkaListeners.EXTERNAL))
                : internalBootstrap;
        createTopics();
        status = ServiceStatus.UP;
    }

    private void createTopics() throws InterruptedException, ExecutionException {
        try (Admin admin = Admin.create(adminProperties())) {
            admin.describeCluster().nodes().get(30, TimeUnit.SECONDS);
            Set<String> existing = admin.listTopics().names().get();
            List<NewTopic> missing = config.topics().stream()
                    .filter(topic -> !existing.contains(topic))
                    .map(topic -> new NewTopic(topic, 1, (short) 1))
                    .toList();
            if (!missing.isEmpty()) {
                try {
                    admin.createTopics(missing).all().get();
                } catch (ExecutionException failure) {
                    if (!(failure.getCause() instanceof TopicExistsException)) {
                        throw failure;
                    }
                }
            }
        } catch (TimeoutException timeout) {
            throw new IllegalStateException("the broker did not answer a metadata request within 30 s at "
                    + internalBootstrap, timeout);
        }
    }

    private Properties adminProperties() {
        Properties properties = new Properties();
        properties.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, internalBootstrap);
        properties.put(AdminClientConfig.CLIENT_ID_CONFIG, "helk-lab-startup");
        return properties;
    }

    /**
     * Limits every producer, on every listener, to {@code bytesPerSecond}: the broker delays its answers, so a
     * producer slows down and keeps its records instead of failing. Consumers are not limited.
     */
    public void throttleProducers(long bytesPerSecond) throws InterruptedException, ExecutionException, TimeoutException {
        alterProducerQuota((double) bytesPerSecond);
        producerByteRate = bytesPerSecond;
        LOG.info("producers throttled to {} bytes/s", bytesPerSecond);
    }

    /** Lifts {@link #throttleProducers}. */
    public void unthrottleProducers() throws InterruptedException, ExecutionException, TimeoutException {
        alterProducerQuota(null);
        producerByteRate = null;
        LOG.info("producers no longer throttled");
    }

    /** The quota of every client id without one of its own (all of ours, and any shipper's). */
    private void alterProducerQuota(Double bytesPerSecond) throws InterruptedException, ExecutionException, TimeoutException {
        ClientQuotaEntity everyClient = new ClientQuotaEntity(Collections.singletonMap(ClientQuotaEntity.CLIENT_ID, null));
        try (Admin admin = Admin.create(adminProperties())) {
            admin.alterClientQuotas(List.of(new ClientQuotaAlteration(everyClient,
                    List.of(new ClientQuotaAlteration.Op(PRODUCER_BYTE_RATE, bytesPerSecond))))).all().get(30, TimeUnit.SECONDS);
        }
    }

    /** Adds a listener told, once, why the broker stopped when it meets a fatal error while running. */
    public void onFailure(Consumer<String> listener) {
        failureListeners.add(listener);
    }

    /** Why the broker stopped while running, or {@code null}. */
    public String failure() {
        return failure;
    }

    /**
     * Kafka's halt, called on a fatal broker error such as a failed log directory. Throwing instead of halting the
     * JVM ends the broker thread that called it (Kafka would throw an assertion error if it returned); the broker
     * then refuses writes, and the appliance says why.
     */
    private synchronized void brokerHalted(int statusCode, String message) {
        if (failure != null) {
            throw new KafkaStoppedException(failure);
        }
        String reason = "Kafka stopped: " + (message != null ? message + "; " : "") + "its log directory " + dataDirectory
                + " failed, " + freeSpace() + ". Shippers are refused; what Elasticsearch holds stays searchable. Free space"
                + " and restart HELK lab: the records Kafka accepted are kept.";
        failure = reason;
        status = ServiceStatus.DOWN;
        LOG.error("{} (Kafka asked to halt the JVM with status {}; only Kafka stopped)", reason, statusCode);
        failureListeners.forEach(listener -> listener.accept(reason));
        throw new KafkaStoppedException(reason);
    }

    /** Ends the broker thread that asked to halt the JVM; its message is the reason Kafka stopped. */
    private static final class KafkaStoppedException extends IllegalStateException {
        KafkaStoppedException(String reason) {
            super("the JVM was not halted, only Kafka stopped: " + reason);
        }
    }

    private String freeSpace() {
        try {
            long usable = Files.getFileStore(dataDirectory).getUsableSpace();
            return usable < 64L * 1024 * 1024 ? "the disk is full (" + usable / 1024 + " KiB free)"
                    : "with " + usable / (1024 * 1024) + " MiB free (see the log for the cause)";
        } catch (IOException unreadable) {
            return "the disk could not be read (" + unreadable.getMessage() + ")";
        }
    }

    /** Bootstrap servers for clients on this machine (plaintext, loopback). */
    public String bootstrapServers() {
        if (internalBootstrap == null) {
            throw new IllegalStateException("Kafka is not started");
        }
        return internalBootstrap;
    }

    /** The host and port shippers are told to connect to (the advertised listener). */
    public String advertisedAddress() {
        if (externalAddress == null) {
            return null;
        }
        String port = externalAddress.substring(externalAddress.lastIndexOf(':') + 1);
        String host = config.advertisedHost() != null ? config.advertisedHost()
                : externalAddress.substring(0, externalAddress.lastIndexOf(':'));
        return host + ":" + port;
    }

    /** Whether shippers must authenticate (SASL/PLAIN as user {@code helk}). */
    public boolean requiresAuthentication() {
        return listeners.external();
    }

    @Override
    public ServiceHealth health() {
        Map<String, Object> details = new HashMap<>();
        details.put("mode", "embedded");
        details.put("topics", config.topics());
        if (externalAddress != null) {
            details.put("shippers", advertisedAddress());
        }
        Long throttle = producerByteRate;
        if (throttle != null) {
            details.put("producerBytesPerSecond", throttle);
        }
        String stopped = failure;
        if (stopped != null) {
            details.put("failure", stopped);
        }
        return new ServiceHealth(status, internalBootstrap, details);
    }

    @Override
    public void close() {
        status = ServiceStatus.DOWN;
        KafkaServer broker = server;
        if (broker != null) {
            broker.shutdown();
            broker.awaitShutdown();
            server = null;
            Exit.resetHaltProcedure();
        }
    }
}
