package io.helklab.spark;

import static io.helklab.analytics.HuntSamples.processGuid;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.helklab.HelkLab;
import io.helklab.analytics.HuntSamples;
import io.helklab.config.Component;
import io.helklab.config.HelkLabConfig;
import io.helklab.config.SparkClusterConfig;
import io.helklab.home.HomeLock;
import io.helklab.samples.SampleCatalog;
import io.helklab.samples.Scenario;
import io.helklab.elasticsearch.ElasticsearchHttp;
import io.helklab.scenarios.SampleLoader;
import io.helklab.service.ServiceHealth;
import io.helklab.service.ServiceStartException;
import io.helklab.service.ServiceStatus;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.spark.SparkEnv;
import org.apache.spark.SparkExecutorInfo;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.sql.Row;
import org.graphframes.GraphFrame;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * HELK lab on a Spark standalone cluster of a master and two workers in JVMs of their own: its hunts and graph motifs
 * run on the workers' executors, which get HELK lab's classes, the ES-Spark connector and GraphFrames from the
 * appliance, not from the cluster. Elasticsearch and Kafka stay embedded; one sample scenario is loaded. Runs in the failsafe execution
 * {@code spark-cluster}: one Spark context per JVM.
 */
class SparkClusterIT {
    private static final String DRIVER = "driver";

    private static final Scenario SCENARIO = SampleCatalog.find("lsass-credential-dumping");

    private static StandaloneSparkCluster cluster;
    private static HelkLab lab;
    private static final ConcurrentLinkedQueue<String> taskExecutors = new ConcurrentLinkedQueue<>();

    @BeforeAll
    static void startClusterAndAppliance() throws Exception {
        Assumptions.assumeTrue(Boolean.getBoolean("helklab.spark.cluster"),
                "runs in the failsafe execution spark-cluster, in a JVM without another Spark context");
        cluster = StandaloneSparkCluster.start(Files.createTempDirectory("helk-lab-spark-cluster-"), 2);
        Path home = Files.createTempDirectory("helk-lab-on-cluster-");
        // Without the streaming join, whose first batch over the loaded topic would hold both executors' cores.
        HelkLabConfig config = HelkLabConfig.ephemeral(home).withComponents(Set.of(Component.INDEXER, Component.SPARK));
        lab = HelkLab.create(config.withSpark(config.spark().withCluster(
                SparkClusterConfig.of(cluster.masterUrl()).withWebUi(cluster.webUi())))).start();
        lab.spark().sparkContext().addSparkListener(new SparkListener() {
            @Override
            public void onTaskEnd(SparkListenerTaskEnd taskEnd) {
                taskExecutors.add(taskEnd.taskInfo().executorId());
            }
        });
        // One scenario keeps the suite short; what is checked is where the work runs, not how much there is.
        SampleLoader.Loaded loaded = new SampleLoader(lab.kafkaBootstrapServers()).loadAndAwait(List.of(SCENARIO), 0,
                new ElasticsearchHttp(lab.elasticsearchUrl()), Duration.ofMinutes(5), count -> { }, count -> { });
        assertThat(loaded.complete()).as("%s of %s events searchable", loaded.searchable(), loaded.expected()).isTrue();
    }

    @AfterAll
    static void stop() throws Exception {
        try {
            if (lab != null) {
                lab.close();
            }
        } finally {
            if (cluster != null) {
                cluster.close();
            }
        }
    }

    @Test
    void theClustersDistributionLacksWhatTheApplianceShips() throws Exception {
        List<String> names = cluster.distributionJars().stream().map(path -> path.getFileName().toString()).toList();
        assertThat(names).as("the cluster's Spark").anyMatch(name -> name.startsWith("spark-core_2.12"));
        assertThat(names).noneMatch(name -> name.startsWith("elasticsearch-spark") || name.startsWith("graphframes")
                || name.startsWith("helk-lab") || name.startsWith("spark-sql-kafka") || name.startsWith("kafka-clients"));
        assertThat(lab.spark().sparkContext().listJars().toSeq().size()).as("jars shipped to the executors").isPositive();
    }

    @Test
    void healthShowsTheExternalMasterWithItsWorkers() {
        ServiceHealth master = lab.health().get("spark-master");
        assertThat(master.status()).isEqualTo(ServiceStatus.UP);
        assertThat(master.details()).containsEntry("mode", "external").containsEntry("master", cluster.masterUrl())
                .containsEntry("state", "ALIVE").containsEntry("alive workers", 2);
        assertThat(master.degraded()).isFalse();
        ServiceHealth spark = lab.health().get("spark");
        assertThat(spark.details()).containsEntry("master", cluster.masterUrl()).containsEntry("executors", 2);
    }

    @Test
    void aSqlHuntRunsOnTheWorkersExecutors() throws Exception {
        Set<String> executors = clusterExecutors();
        taskExecutors.clear();
        List<Row> rows = lab.huntData().sql("SELECT process_guid, process_path FROM sysmon"
                + " WHERE event_id = 10 AND process_granted_access = 4112 AND host_name = 'wks02.helk.lab'").collectAsList();
        assertThat(rows).extracting(row -> row.getString(0))
                .containsExactly(processGuid("lsass-credential-dumping", "query and read"));
        assertThat(tasksSinceCleared()).isNotEmpty().allMatch(executors::contains);

        // The executor each row was read on, from the data itself: this lambda is a test class the cluster never had.
        List<String> readOn = lab.huntData().sql("SELECT process_guid FROM sysmon WHERE event_id = 10").toJavaRDD()
                .map(row -> SparkEnv.get().executorId()).distinct().collect();
        assertThat(readOn).isNotEmpty().doesNotContain(DRIVER).allMatch(executors::contains);
    }

    @Test
    void theLineageMotifRunsOnTheWorkersExecutors() throws Exception {
        Set<String> executors = clusterExecutors();
        taskExecutors.clear();
        String dumper = processGuid("lsass-credential-dumping", "masquerading");
        List<Row> chains = lab.huntData().processTree().find("(a)-[]->(b); (b)-[]->(c)")
                .where("c.id = '" + dumper + "'")
                .select("a.id", "b.id", "b.process_name", "c.process_name")
                .collectAsList();
        var cmd = HuntSamples.fact("lsass-credential-dumping", "elevated command prompt").match();
        assertThat(chains).hasSize(1);
        assertThat(chains.get(0).getString(0)).isEqualTo(cmd.get("process_parent_guid"));
        assertThat(chains.get(0).getString(1)).isEqualTo(cmd.get("process_guid"));
        assertThat(chains.get(0).getString(3)).isEqualTo("werfault.exe");
        Set<String> ran = tasksSinceCleared();
        assertThat(ran).isNotEmpty().allMatch(executors::contains);
    }

    @Test
    void graphFramesAlgorithmsRunOnTheExecutorsWithTheShippedLibrary() throws Exception {
        Set<String> executors = clusterExecutors();
        GraphFrame tree = lab.huntData().processTree();
        long vertices = tree.vertices().count();
        taskExecutors.clear();
        // PageRank runs GraphFrames' own GraphX code in the tasks, which the cluster's distribution does not have.
        GraphFrame ranked = tree.pageRank().resetProbability(0.15).maxIter(2).run();
        assertThat(ranked.vertices().where("pagerank > 0").count()).isEqualTo(vertices);
        assertThat(tasksSinceCleared()).isNotEmpty().allMatch(executors::contains);
    }

    @Test
    void anUnreachableMasterFailsTheStartNamingTheFlagAndLeavesNothingRunning() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        Path home = Files.createTempDirectory("helk-lab-no-master-");
        HelkLabConfig config = HelkLabConfig.ephemeral(home);
        HelkLab unreachable = HelkLab.create(config.withSpark(config.spark().withCluster(
                SparkClusterConfig.of("spark://127.0.0.1:" + closedPort))));
        assertThatThrownBy(unreachable::start)
                .isInstanceOf(ServiceStartException.class)
                .hasMessageContaining("spark://127.0.0.1:" + closedPort)
                .hasMessageContaining("unreachable")
                .hasMessageContaining("--spark-master");
        Map<String, ServiceHealth> after = unreachable.health();
        assertThat(after).containsKeys("spark-master", "spark", "elasticsearch", "kafka", "zookeeper");
        assertThat(after.values()).noneMatch(health -> health.status() == ServiceStatus.UP);
        // The home is free again and the running appliance's Spark context is the only one.
        try (HomeLock lock = HomeLock.acquire(home)) {
            assertThat(lock).isNotNull();
        }
        assertThat(lab.spark().sparkContext().isStopped()).isFalse();
    }

    /** The executors of the workers, each on loopback; fails unless there is one per worker. */
    private static Set<String> clusterExecutors() throws Exception {
        SparkExecutorInfo[] infos = lab.spark().sparkContext().statusTracker().getExecutorInfos();
        JsonNode master = cluster.masterState();
        assertThat(master.path("activeapps").get(0).path("name").asText()).isEqualTo("helk-lab");
        Set<String> hosts = Stream.of(infos).map(SparkExecutorInfo::host).collect(Collectors.toSet());
        assertThat(hosts).containsOnly("127.0.0.1");
        Set<String> ids = executorIds();
        assertThat(ids).hasSize(2).doesNotContain(DRIVER);
        return ids;
    }

    private static Set<String> executorIds() {
        return scala.collection.JavaConverters.seqAsJavaList(lab.spark().sparkContext().getExecutorIds()).stream()
                .collect(Collectors.toSet());
    }

    private static Set<String> tasksSinceCleared() throws Exception {
        lab.spark().sparkContext().listenerBus().waitUntilEmpty();
        return Set.copyOf(taskExecutors);
    }
}
