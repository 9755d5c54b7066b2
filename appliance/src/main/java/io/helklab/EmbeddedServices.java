package io.helklab;

import io.helklab.config.Component;
import io.helklab.config.HelkLabConfig;
import io.helklab.config.HomeLayout;
import io.helklab.connect.SparkConnectServer;
import io.helklab.detection.live.DetectionService;
import io.helklab.disk.DiskSpaceBrake;
import io.helklab.disk.DiskSpaceGuard;
import io.helklab.disk.DiskThresholds;
import io.helklab.elasticsearch.EmbeddedElasticsearch;
import io.helklab.ingest.Indexer;
import io.helklab.kafka.EmbeddedKafka;
import io.helklab.service.PortCheck;
import io.helklab.spark.EmbeddedSpark;
import io.helklab.streams.StreamsService;
import io.helklab.zookeeper.EmbeddedZooKeeper;
import java.time.Duration;

/**
 * The appliance's own services, as its configuration's components ask: ZooKeeper, Kafka, Elasticsearch, the
 * detection service, the indexer, Spark, the streams and Spark Connect. The first contribution to every {@link Assembly}; the fields
 * are what {@link HelkLab}'s accessors hand out, {@code null} for a component that is switched off.
 *
 * <pre>
 * zookeeper ─► kafka ─► indexer      (waits for Elasticsearch itself, before its templates)
 * detection ──────────► indexer      (Sigma rules and IOC lists, matched on every event)
 *                  └──► streams      (waits for Spark's session itself; reaches Elasticsearch lazily)
 * elasticsearch
 * spark ─► spark-connect
 * </pre>
 */
final class EmbeddedServices implements Contribution {
    private static final Duration SPARK_SESSION_WAIT = Duration.ofMinutes(5);

    private final String password;
    private final Runnable refreshHuntData;
    EmbeddedZooKeeper zookeeper;
    EmbeddedKafka kafka;
    EmbeddedElasticsearch elasticsearch;
    EmbeddedSpark spark;
    DetectionService detection;
    Indexer indexer;
    DiskSpaceGuard diskSpace;
    StreamsService streams;
    SparkConnectServer sparkConnect;

    /**
     * @param password        Kafka's SASL password, {@code null} on loopback
     * @param refreshHuntData run before each Spark Connect request, so clients see new indices and fields
     */
    EmbeddedServices(String password, Runnable refreshHuntData) {
        this.password = password;
        this.refreshHuntData = refreshHuntData;
    }

    @Override
    public void contribute(Assembly assembly) {
        HelkLabConfig config = assembly.config();
        checkPorts(config);
        HomeLayout layout = config.layout();
        if (config.has(Component.ZOOKEEPER)) {
            zookeeper = new EmbeddedZooKeeper(config.zookeeper(), layout.data("zookeeper"));
            assembly.add(zookeeper);
        }
        if (config.has(Component.KAFKA)) {
            kafka = new EmbeddedKafka(config.kafka(), config.bindAddress(), config.loopbackOnly(), password,
                    layout.data("kafka"), zookeeper::connectString);
            assembly.add(kafka, zookeeper);
        }
        if (config.has(Component.ELASTICSEARCH)) {
            elasticsearch = new EmbeddedElasticsearch(config.elasticsearch(), layout.data("elasticsearch"), layout.logs());
            assembly.add(elasticsearch);
        }
        if (config.has(Component.INDEXER)) {
            // Rules load from files only, alongside everything else; the indexer matches every event against them.
            detection = new DetectionService(config.detection(), layout.rules());
            assembly.add(detection);
            // The indexer joins its consumer group while Elasticsearch starts; it waits for it before its templates.
            EmbeddedElasticsearch node = elasticsearch;
            indexer = new Indexer(kafka::bootstrapServers, () -> {
                node.awaitStarted(Indexer.ELASTICSEARCH_WAIT);
                return node.client();
            }, Indexer.TOPICS, detection);
            assembly.add(indexer, kafka, detection);
            // Pauses the indexer before the home's disk fills, and slows shippers so Kafka's log does not fill it instead.
            diskSpace = new DiskSpaceGuard(config.home(), DiskThresholds.LAPTOP, new DiskSpaceBrake(indexer, kafka));
            assembly.add(diskSpace, indexer);
        }
        if (config.has(Component.SPARK)) {
            // Spark starts alongside the others and is pointed at Elasticsearch once both are up.
            spark = new EmbeddedSpark(config.spark(), layout.data("spark"));
            assembly.add(spark);
        }
        if (config.has(Component.STREAMS)) {
            // The streams need Spark's session, not its readiness probe: they start alongside the probe.
            EmbeddedSpark sparkService = spark;
            streams = new StreamsService(() -> sparkService.awaitSession(SPARK_SESSION_WAIT), kafka::bootstrapServers,
                    elasticsearch::httpUrl, layout.data("spark").resolve("checkpoints").resolve("sysmon-join"),
                    Indexer.TOPICS);
            assembly.add(streams, kafka);
        }
        if (config.has(Component.SPARK_CONNECT)) {
            // Connect clients get sessions of their own; the hunt tables they query are refreshed per request.
            sparkConnect = new SparkConnectServer(spark::spark, config.spark().connectPort(), refreshHuntData);
            assembly.add(sparkConnect, spark);
        }
    }

    private static void checkPorts(HelkLabConfig config) {
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

    /** Points the ES-Spark connector at Elasticsearch; idempotent, and a no-op without either. */
    void connectSparkToElasticsearch() {
        if (spark != null && elasticsearch != null) {
            spark.connectElasticsearch("127.0.0.1", elasticsearch.httpPort());
        }
    }
}
