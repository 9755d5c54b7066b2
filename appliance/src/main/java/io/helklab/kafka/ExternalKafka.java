package io.helklab.kafka;

import io.helklab.config.ExternalKafkaConfig;
import io.helklab.service.Service;
import io.helklab.service.ServiceHealth;
import io.helklab.service.ServiceStatus;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An existing Kafka cluster standing in for the embedded broker: the service {@code kafka} of the group. No
 * ZooKeeper starts with it.
 *
 * <p>Start reaches the cluster with the client properties of {@code --kafka-config}, creates the appliance's topics
 * that are missing (with the configured partitions, replicated up to three times) and fails, naming the flag, when
 * no broker answers, the credentials are refused, or an existing input topic has fewer partitions than required.
 * While started, the client properties are {@linkplain KafkaClientSettings registered} for the bootstrap servers, so
 * every Kafka client of the appliance built from them uses them. Health asks for the cluster's brokers with a short
 * timeout. Thread-safe.
 */
public final class ExternalKafka implements Service {
    private static final Logger LOG = LoggerFactory.getLogger(ExternalKafka.class);
    private static final int PROBE_SECONDS = 15;
    private static final short MAXIMUM_REPLICATION = 3;

    private final ExternalKafkaConfig config;
    private final List<String> topics;
    private final List<String> inputTopics;
    private volatile ServiceStatus status = ServiceStatus.STARTING;
    private volatile int brokers;

    /**
     * @param topics      every topic the appliance uses (created when missing)
     * @param inputTopics those the indexer's consumer group splits; they need the configured partitions
     */
    public ExternalKafka(ExternalKafkaConfig config, List<String> topics, List<String> inputTopics) {
        this.config = config;
        this.topics = List.copyOf(topics);
        this.inputTopics = List.copyOf(inputTopics);
    }

    @Override
    public String name() {
        return "kafka";
    }

    @Override
    public void start() throws Exception {
        KafkaClientSettings.register(config.bootstrapServers(), config.clientProperties());
        try (Admin admin = Admin.create(adminProperties())) {
            Collection<Node> nodes = admin.describeCluster().nodes().get(PROBE_SECONDS, TimeUnit.SECONDS);
            brokers = nodes.size();
            createMissingTopics(admin);
            checkPartitions(admin);
        } catch (TimeoutException silent) {
            throw new IllegalArgumentException("no Kafka broker answered at --kafka " + config.bootstrapServers() + " within "
                    + PROBE_SECONDS + " s. Check the host names and ports, and --kafka-config for SASL/TLS settings", silent);
        } catch (ExecutionException failure) {
            Throwable cause = failure.getCause();
            if (cause instanceof SaslAuthenticationException) {
                throw new IllegalArgumentException("Kafka at --kafka " + config.bootstrapServers() + " refused the credentials "
                        + "of --kafka-config: " + cause.getMessage(), cause);
            }
            throw new IllegalArgumentException("Kafka at --kafka " + config.bootstrapServers() + " failed: " + cause
                    + ". Check --kafka and --kafka-config", cause);
        }
        status = ServiceStatus.UP;
        LOG.info("attached to Kafka at {} ({} brokers)", config.bootstrapServers(), brokers);
    }

    private void createMissingTopics(Admin admin) throws InterruptedException, ExecutionException, TimeoutException {
        Set<String> existing = admin.listTopics().names().get(PROBE_SECONDS, TimeUnit.SECONDS);
        short replication = (short) Math.min(MAXIMUM_REPLICATION, Math.max(1, brokers));
        List<NewTopic> missing = new ArrayList<>();
        for (String topic : topics) {
            if (!existing.contains(topic)) {
                missing.add(new NewTopic(topic, config.minimumPartitions(), replication));
            }
        }
        if (missing.isEmpty()) {
            return;
        }
        LOG.info("creating the Kafka topics {} with {} partitions, replication factor {}", missing.stream()
                .map(NewTopic::name).toList(), config.minimumPartitions(), replication);
        try {
            admin.createTopics(missing).all().get(PROBE_SECONDS * 2, TimeUnit.SECONDS);
        } catch (ExecutionException failure) {
            if (!(failure.getCause() instanceof TopicExistsException)) {
                throw failure;
            }
        }
    }

    private void checkPartitions(Admin admin) throws InterruptedException, ExecutionException, TimeoutException {
        Map<String, TopicDescription> described = admin.describeTopics(inputTopics).allTopicNames()
                .get(PROBE_SECONDS, TimeUnit.SECONDS);
        for (String topic : inputTopics) {
            int partitions = described.get(topic).partitions().size();
            if (partitions < config.minimumPartitions()) {
                throw new IllegalArgumentException("the Kafka topic " + topic + " at --kafka " + config.bootstrapServers()
                        + " has " + partitions + " partition" + (partitions == 1 ? "" : "s") + ", fewer than the "
                        + config.minimumPartitions() + " that --kafka-min-partitions asks for. Add partitions with "
                        + "kafka-topics.sh --alter --topic " + topic + " --partitions " + config.minimumPartitions()
                        + ", or lower --kafka-min-partitions");
            }
        }
    }

    private Properties adminProperties() {
        Properties properties = KafkaClientSettings.properties(config.bootstrapServers());
        properties.put(AdminClientConfig.CLIENT_ID_CONFIG, "helk-lab-startup");
        properties.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, Integer.toString(PROBE_SECONDS * 1000));
        properties.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, Integer.toString(PROBE_SECONDS * 1000));
        return properties;
    }

    /** The cluster's bootstrap servers, as {@code --kafka} gave them. */
    public String bootstrapServers() {
        return config.bootstrapServers();
    }

    @Override
    public ServiceHealth health() {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("mode", "external");
        details.put("topics", topics);
        if (status != ServiceStatus.UP) {
            return new ServiceHealth(status, config.bootstrapServers(), details);
        }
        Properties properties = adminProperties();
        properties.put(AdminClientConfig.CLIENT_ID_CONFIG, "helk-lab-health");
        properties.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "2000");
        properties.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "2000");
        try (Admin admin = Admin.create(properties)) {
            details.put("brokers", admin.describeCluster().nodes().get(2, TimeUnit.SECONDS).size());
            return new ServiceHealth(ServiceStatus.UP, config.bootstrapServers(), details);
        } catch (ExecutionException | TimeoutException unavailable) {
            details.put("error", String.valueOf(unavailable.getMessage()));
            return new ServiceHealth(ServiceStatus.DOWN, config.bootstrapServers(), details);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return new ServiceHealth(ServiceStatus.DOWN, config.bootstrapServers(), details);
        }
    }

    @Override
    public void close() {
        status = ServiceStatus.DOWN;
        KafkaClientSettings.unregister(config.bootstrapServers());
    }
}
