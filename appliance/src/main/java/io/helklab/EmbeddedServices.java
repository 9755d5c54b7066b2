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
import io.helklab.elasticsearch.ExternalElasticsearch;
import io.helklab.ingest.HttpIndexingClient;
import io.helklab.ingest.IndexingClient;
import io.helklab.ingest.Indexer;
import io.helklab.kafka.EmbeddedKafka;
import io.helklab.kafka.ExternalKafka;
import io.helklab.service.Service;
import io.helklab.service.PortCheck;
import io.helklab.spark.EmbeddedSpark;
import io.helklab.spark.ExternalSparkMaster;
import io.helklab.streams.StreamsService;
import io.helklab.zookeeper.EmbeddedZooKeeper;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import org.apache.spark.SparkConf;

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
 * spark-master ─► spark ─► spark-connect   (spark-master only with an external cluster)
 * </pre>
 *
 * <p>An attached cluster stands in for its embedded service under the same name ({@code kafka},
 * {@code elasticsearch}) and in the same place of the graph; with external Kafka there is no ZooKeeper. Everything
 * above reaches either through {@link #elasticsearchUrl()}, {@link #kafkaBootstrapServers()} and
 * {@link #indexingClient()}.
 */
final class EmbeddedServices implements Contribution {
    private static final Duration SPARK_SESSION_WAIT = Duration.ofMinutes(5);

    private final String password;
    private final Runnable refreshHuntData;
    EmbeddedZooKeeper zookeeper;
    EmbeddedKafka kafka;
    EmbeddedElasticsearch elasticsearch;
    ExternalKafka externalKafka;
    ExternalElasticsearch externalElasticsearch;
    /** The embedded broker or the attached cluster standing in for it. */
    Service kafkaService;
    /** The embedded node or the attached cluster standing in for it. */
    Service elasticsearchService;
    EmbeddedSpark spark;
    ExternalSparkMaster sparkMaster;
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
        if (config.has(Component.KAFKA) && config.kafka().isExternal()) {
            externalKafka = new ExternalKafka(config.kafka().external(), config.kafka().topics(), Indexer.TOPICS);
            kafkaService = externalKafka;
            assembly.add(externalKafka);
        } else if (config.has(Component.KAFKA)) {
            kafka = new EmbeddedKafka(config.kafka(), config.bindAddress(), config.loopbackOnly(), password,
                    layout.data("kafka"), zookeeper::connectString);
            kafkaService = kafka;
            assembly.add(kafka, zookeeper);
        }
        if (config.has(Component.ELASTICSEARCH) && config.elasticsearch().isExternal()) {
            externalElasticsearch = new ExternalElasticsearch(config.elasticsearch().external());
            elasticsearchService = externalElasticsearch;
            assembly.add(externalElasticsearch);
        } else if (config.has(Component.ELASTICSEARCH)) {
            elasticsearch = new EmbeddedElasticsearch(config.elasticsearch(), layout.data("elasticsearch"), layout.logs());
            elasticsearchService = elasticsearch;
            assembly.add(elasticsearch);
        }
        if (config.has(Component.INDEXER)) {
            // Rules load from files only, alongside everything else; the indexer matches every event against them.
            detection = new DetectionService(config.detection(), layout.rules());
            assembly.add(detection);
            // The indexer joins its consumer group while Elasticsearch starts; it waits for it before its templates.
            indexer = new Indexer(this::kafkaBootstrapServers, this::indexingClient, Indexer.TOPICS, detection,
                    groupInstanceId(config));
            assembly.add(indexer, kafkaService, detection);
            // Pauses the indexer before the home's disk fills, and slows shippers so Kafka's log does not fill it
            // instead (an attached Kafka, whose disk is not the home's, is left alone).
            diskSpace = new DiskSpaceGuard(config.home(), DiskThresholds.LAPTOP, new DiskSpaceBrake(indexer, kafka));
            assembly.add(diskSpace, indexer);
        }
        if (config.has(Component.SPARK)) {
            // Spark starts alongside the others and is pointed at Elasticsearch once both are up.
            spark = new EmbeddedSpark(config.spark(), layout.data("spark"));
            if (config.spark().external()) {
                // An external master stands in for local mode; the driver starts only once it answers.
                sparkMaster = new ExternalSparkMaster(config.spark().cluster());
                assembly.add(sparkMaster);
                assembly.add(spark, sparkMaster);
            } else {
                assembly.add(spark);
            }
        }
        if (config.has(Component.STREAMS)) {
            // The streams need Spark's session, not its readiness probe: they start alongside the probe.
            EmbeddedSpark sparkService = spark;
            streams = new StreamsService(() -> sparkService.awaitSession(SPARK_SESSION_WAIT), this::kafkaBootstrapServers,
                    this::elasticsearchUrl, layout.data("spark").resolve("checkpoints").resolve("sysmon-join"),
                    Indexer.TOPICS);
            if (indexer != null) {
                streams.deferringTo(indexer::catchingUp);
            }
            assembly.add(streams, kafkaService);
        }
        if (config.has(Component.SPARK_CONNECT)) {
            // Connect clients get sessions of their own; the hunt tables they query are refreshed per request.
            sparkConnect = new SparkConnectServer(spark::spark, config.spark().connectPort(), refreshHuntData);
            assembly.add(sparkConnect, spark);
        }
    }

    /**
     * The indexer's static identity in its consumer group: a constant with the embedded broker (every home has its
     * own); on an attached cluster, which several appliances may share, one per machine and home, stable across
     * restarts so a restarted indexer takes its own place back at once.
     */
    static String groupInstanceId(HelkLabConfig config) {
        if (!config.kafka().isExternal()) {
            return Indexer.GROUP_ID + "-0";
        }
        String machine;
        try {
            machine = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException unnamed) {
            machine = "localhost";
        }
        String home = Integer.toHexString(config.home().toString().hashCode());
        return Indexer.GROUP_ID + "-" + machine + "-" + home;
    }

    /** Elasticsearch's HTTP URL: the embedded node's, or the attached cluster's that answered first. */
    String elasticsearchUrl() {
        return externalElasticsearch != null ? externalElasticsearch.httpUrl() : elasticsearch.httpUrl();
    }

    /** Kafka's bootstrap servers for clients of the appliance. */
    String kafkaBootstrapServers() {
        return externalKafka != null ? externalKafka.bootstrapServers() : kafka.bootstrapServers();
    }

    /**
     * The indexer's way to Elasticsearch, once it is up: the node's own client, or HTTP to the attached cluster.
     * Waits up to {@link Indexer#ELASTICSEARCH_WAIT}, as the indexer starts alongside Elasticsearch.
     */
    IndexingClient indexingClient() {
        if (externalElasticsearch != null) {
            externalElasticsearch.awaitStarted(Indexer.ELASTICSEARCH_WAIT);
            return new HttpIndexingClient(externalElasticsearch.connection());
        }
        elasticsearch.awaitStarted(Indexer.ELASTICSEARCH_WAIT);
        return IndexingClient.inProcess(elasticsearch.client());
    }

    private static void checkPorts(HelkLabConfig config) {
        if (config.has(Component.ZOOKEEPER)) {
            PortCheck.requireFree("ZooKeeper", "127.0.0.1", config.zookeeper().port(), "--zk-port");
        }
        if (config.has(Component.KAFKA) && !config.kafka().isExternal()) {
            PortCheck.requireFree("Kafka", config.loopbackOnly() ? "127.0.0.1" : config.bindAddress(),
                    config.kafka().port(), "--kafka-port");
        }
        if (config.has(Component.ELASTICSEARCH) && !config.elasticsearch().isExternal()) {
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
        } else if (spark != null && externalElasticsearch != null) {
            URI url = URI.create(externalElasticsearch.httpUrl());
            spark.connectElasticsearch(url.getHost(), url.getPort() < 0 ? 9200 : url.getPort());
            SparkConf conf = spark.spark().sparkContext().conf();
            conf.set("es.net.ssl", Boolean.toString(url.getScheme().equals("https")));
            externalElasticsearch.connection().authorizationHeader()
                    .ifPresent(header -> conf.set("es.net.http.header.Authorization", header));
        }
    }
}
