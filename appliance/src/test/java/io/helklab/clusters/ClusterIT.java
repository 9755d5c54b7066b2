package io.helklab.clusters;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.helklab.HelkLab;
import io.helklab.config.Component;
import io.helklab.config.ExternalElasticsearchConfig;
import io.helklab.config.ExternalKafkaConfig;
import io.helklab.config.HelkLabConfig;
import io.helklab.ingest.normalize.IndexTemplates;
import io.helklab.samples.SampleCatalog;
import io.helklab.samples.Scenario;
import io.helklab.elasticsearch.ElasticsearchHttp;
import io.helklab.scenarios.SampleLoader;
import io.helklab.scenarios.SampleVerifier;
import io.helklab.schema.IndexNames;
import io.helklab.schema.TopicNames;
import io.helklab.service.ServiceHealth;
import io.helklab.service.ServiceStartException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * HELK lab attached to real multi-process clusters on loopback: ZooKeeper and three Kafka brokers, three
 * Elasticsearch 7.10.2 nodes without HELK lab's mapper plugin, each its own JVM. Bad input fails the start with
 * the flag to fix and leaves nothing running; the attached appliance loads the samples, verifies them and raises
 * alerts.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterIT {
    private static final int PARTITIONS = 3;
    private static final List<String> TOPICS = List.of(TopicNames.WINLOGBEAT, TopicNames.WINEVENT, TopicNames.SYSMON_JOIN,
            TopicNames.ALERTS);
    private static final Set<String> SCENARIOS = Set.of("lsass-credential-dumping", "run-key-persistence");
    private static Path directory;
    private static KafkaCluster kafka;
    private static ElasticsearchCluster elasticsearch;

    @BeforeAll
    static void startClusters() throws Exception {
        directory = Files.createTempDirectory("helk-lab-clusters");
        CompletableFuture<KafkaCluster> kafkaStarted = CompletableFuture.supplyAsync(() -> {
            try {
                return KafkaCluster.start(directory.resolve("kafka"), 3);
            } catch (Exception failure) {
                throw new IllegalStateException(failure);
            }
        });
        try {
            elasticsearch = ElasticsearchCluster.start(directory.resolve("elasticsearch"), 3);
        } finally {
            kafka = kafkaStarted.join();
        }
        // As an operator prepares a shared cluster: the input topics replicated three times, one partition per indexer.
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
            admin.createTopics(TOPICS.stream().map(topic -> new NewTopic(topic, PARTITIONS, (short) 3)).toList())
                    .all().get(60, TimeUnit.SECONDS);
        }
    }

    @AfterAll
    static void stopClusters() throws Exception {
        if (kafka != null) {
            kafka.close();
        }
        if (elasticsearch != null) {
            elasticsearch.close();
        }
    }

    private static HelkLabConfig attached(String home, ExternalElasticsearchConfig cluster, ExternalKafkaConfig brokers)
            throws Exception {
        HelkLabConfig config = HelkLabConfig.ephemeral(Files.createDirectories(directory.resolve(home)))
                .withComponents(Set.of(Component.INDEXER));
        return config.withElasticsearch(config.elasticsearch().withExternal(cluster))
                .withKafka(config.kafka().withExternal(brokers));
    }

    private static ExternalElasticsearchConfig elasticsearchCluster() {
        return ExternalElasticsearchConfig.at(elasticsearch.urls());
    }

    private static ExternalKafkaConfig kafkaCluster() {
        return ExternalKafkaConfig.at(kafka.bootstrapServers()).withMinimumPartitions(PARTITIONS);
    }

    /** Starts and expects the start to fail; then no indexer thread of it may be left. */
    private static ServiceStartException failedStart(HelkLabConfig config) {
        Throwable thrown = null;
        try (HelkLab lab = HelkLab.create(config)) {
            lab.start();
        } catch (Throwable failure) {
            thrown = failure;
        }
        assertThat(thrown).isInstanceOf(ServiceStartException.class);
        assertThat(Thread.getAllStackTraces().keySet()).noneMatch(thread -> thread.getName().startsWith("helk-indexer"));
        return (ServiceStartException) thrown;
    }

    @Test
    @Order(1)
    void anElasticsearchUrlThatNobodyAnswersNamesTheFlag() throws Exception {
        URI nobody = URI.create("http://127.0.0.1:" + KafkaCluster.freePort());
        ServiceStartException failure = failedStart(attached("wrong-url", ExternalElasticsearchConfig.at(List.of(nobody)),
                kafkaCluster()));
        assertThat(failure.getMessage()).contains("--elasticsearch", nobody.toString(), "Check the URLs");
    }

    @Test
    @Order(2)
    void aWrongPasswordIsRefusedAtStart() throws Exception {
        try (BasicAuthenticationGate gate = new BasicAuthenticationGate(elasticsearch.urls().get(0), "hunter", "right-password")) {
            ServiceStartException failure = failedStart(attached("wrong-password", ExternalElasticsearchConfig
                    .at(List.of(gate.url())).withBasicAuthentication("hunter", "wrong-password"), kafkaCluster()));
            assertThat(failure.getMessage()).contains("refused the credentials", "401", "--elasticsearch-password-file");
        }
    }

    @Test
    @Order(3)
    void aRedClusterIsRefusedAtStart() throws Exception {
        ElasticsearchHttp http = new ElasticsearchHttp(elasticsearch.urls().get(0).toString());
        String index = "nowhere-to-live";
        assertThat(http.put("/" + index + "?wait_for_active_shards=0", Map.of("settings", Map.of(
                "index.number_of_replicas", 0, "index.routing.allocation.require._name", "no-such-node"))).ok()).isTrue();
        try {
            elasticsearch.awaitHealth("red", 3, System.nanoTime() + Duration.ofSeconds(30).toNanos());
            ServiceStartException failure = failedStart(attached("red", elasticsearchCluster(), kafkaCluster()));
            assertThat(failure.getMessage()).contains("--elasticsearch", "is red", "unassigned");
        } finally {
            http.send("DELETE", "/" + index);
            elasticsearch.awaitHealth("green", 3, System.nanoTime() + Duration.ofSeconds(60).toNanos());
        }
    }

    @Test
    @Order(4)
    void anInputTopicWithTooFewPartitionsIsRefusedAtStart() throws Exception {
        ServiceStartException failure = failedStart(attached("partitions", elasticsearchCluster(),
                kafkaCluster().withMinimumPartitions(PARTITIONS * 2)));
        assertThat(failure.getMessage()).contains("--kafka-min-partitions", TopicNames.WINLOGBEAT, "has 3 partitions",
                "--partitions 6");
    }

    @Test
    @Order(5)
    void kafkaBrokersThatNobodyAnswersNameTheFlag() throws Exception {
        String nobody = "127.0.0.1:" + KafkaCluster.freePort();
        ServiceStartException failure = failedStart(attached("wrong-kafka", elasticsearchCluster(),
                ExternalKafkaConfig.at(nobody)));
        assertThat(failure.getMessage()).contains("--kafka " + nobody, "--kafka-config");
    }

    @Test
    @Order(6)
    void attachedToBothClustersTheSamplesLoadVerifyAndRaiseAlerts() throws Exception {
        try (HelkLab lab = HelkLab.create(attached("attached", elasticsearchCluster(), kafkaCluster())).start()) {
            Map<String, ServiceHealth> health = lab.health();
            assertThat(health).doesNotContainKey("zookeeper");
            assertThat(health.get("elasticsearch").details()).containsEntry("mode", "external").containsEntry("nodes", 3)
                    .containsEntry("cluster", "green");
            assertThat(health.get("elasticsearch").address()).isEqualTo(elasticsearch.urls().get(0).toString());
            assertThat(health.get("kafka").details()).containsEntry("mode", "external").containsEntry("brokers", 3);
            assertThat(lab.elasticsearchUrl()).isEqualTo(elasticsearch.urls().get(0).toString());
            assertThat(lab.kafkaBootstrapServers()).isEqualTo(kafka.bootstrapServers());

            ElasticsearchHttp http = new ElasticsearchHttp(lab.elasticsearchUrl());
            JsonNode template = http.get("/_index_template/" + IndexTemplates.WINEVENT).body()
                    .path("index_templates").get(0).path("index_template");
            assertThat(template.toString()).doesNotContain("parent_keyword");
            assertThat(template.path("template").path("mappings").path("properties").path("process_path").path("fields")
                    .path("keyword").path("type").asText()).isEqualTo("keyword");
            assertThat(template.path("template").path("settings").path("index").has("number_of_replicas")).isFalse();

            // Two scenarios keep the suite within CI's budget; the shared appliance's SamplesIT loads all of them.
            List<Scenario> scenarios = SampleCatalog.builtIn().stream()
                    .filter(scenario -> SCENARIOS.contains(scenario.name())).toList();
            assertThat(scenarios).hasSize(SCENARIOS.size());
            SampleLoader.Loaded loaded = new SampleLoader(lab.kafkaBootstrapServers()).loadAndAwait(scenarios, 0, http,
                    Duration.ofMinutes(3), count -> { }, count -> { });
            assertThat(loaded.complete()).as("%s; indexer %s", loaded, lab.health().get("indexer")).isTrue();
            SampleVerifier verifier = new SampleVerifier(http);
            for (Scenario scenario : scenarios) {
                SampleVerifier.Result result = verifier.verify(scenario, 0);
                assertThat(result.checks()).isNotEmpty();
                assertThat(result.checks()).as(scenario.name()).allMatch(SampleVerifier.Check::passed);
            }
            http.post("/" + IndexNames.ALERTS_PATTERN + "/_refresh", Map.of());
            assertThat(http.count(IndexNames.ALERTS_PATTERN, null)).isPositive();
            // HELK's <field>.keyword queries work on standard keyword sub-fields.
            assertThat(http.count(IndexNames.WINEVENT_PATTERN, Map.of("exists", Map.of("field", "process_name.keyword"))))
                    .isPositive();
            // Written with the cluster's replica count: each shard lives on two nodes.
            JsonNode settings = http.get("/logs-endpoint-winevent-sysmon-*/_settings/index.number_of_replicas").body();
            assertThat(settings.elements().next().path("settings").path("index").path("number_of_replicas").asText())
                    .isEqualTo("1");
            try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
                TopicDescription winlogbeat = admin.describeTopics(List.of(TopicNames.WINLOGBEAT)).allTopicNames()
                        .get(30, TimeUnit.SECONDS).get(TopicNames.WINLOGBEAT);
                assertThat(winlogbeat.partitions()).hasSize(PARTITIONS)
                        .allSatisfy(partition -> assertThat(partition.replicas()).hasSize(3));
            }
        }
    }
}
