package io.helklab.spark;

import io.helklab.config.SparkConfig;
import io.helklab.service.Service;
import io.helklab.service.ServiceHealth;
import io.helklab.service.ServiceStatus;
import io.helklab.service.StartSignal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.util.Utils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Spark's driver inside this JVM: in local mode (the default) its executor too, or with the executors on an
 * external standalone cluster, which get HELK lab's classes through {@code spark.jars} ({@link ExecutorJars}).
 *
 * <p>The driver and its block manager bind to loopback, or to the cluster's driver host (Spark otherwise picks
 * another interface on its own when the host name resolves to loopback); the web UI is off. Scratch space, the SQL
 * warehouse and the checkpoints of iterative graph algorithms live under {@code data/spark} of the home.
 * Ready when a SQL query runs. Spark allows one context per JVM, so a second appliance with Spark in
 * the same JVM is refused.
 *
 * <p>Spark can start before Elasticsearch has bound its port: {@link #connectElasticsearch} then
 * points the ES-Spark connector at it.
 */
public final class EmbeddedSpark implements Service {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedSpark.class);

    private final SparkConfig config;
    private final String host;
    private final Path dataDirectory;
    private volatile SparkSession session;
    private final StartSignal created = new StartSignal("Spark");
    private volatile ServiceStatus status = ServiceStatus.STARTING;
    private volatile String elasticsearchAddress;

    public EmbeddedSpark(SparkConfig config, Path dataDirectory) {
        this.config = config;
        this.dataDirectory = dataDirectory;
        this.host = config.driverHost();
    }

    @Override
    public String name() {
        return "spark";
    }

    @Override
    public void start() throws Exception {
        created.failOn(this::startSession);
        status = ServiceStatus.UP;
    }

    private void startSession() throws Exception {
        if (SparkSession.getDefaultSession().isDefined()) {
            throw new IllegalStateException("another Spark context is already running in this JVM; Spark allows one "
                    + "per JVM, so run one appliance with Spark per JVM (in tests: one fork per appliance)");
        }
        Files.createDirectories(dataDirectory.resolve("tmp"));
        // Spark names its local executor after the machine's first non-loopback address unless a host name was set
        // (SPARK_LOCAL_IP, which a JVM cannot set for itself); the driver lives at the one address chosen for it.
        Utils.setCustomHostname(host);
        SparkConf conf = new SparkConf()
                .setMaster(config.master())
                .setAppName("helk-lab")
                .set("spark.driver.host", host)
                .set("spark.driver.bindAddress", host)
                .set("spark.blockManager.host", host)
                .set("spark.ui.enabled", "false")
                .set("spark.ui.showConsoleProgress", "false")
                .set("spark.local.dir", dataDirectory.resolve("tmp").toString())
                .set("spark.sql.warehouse.dir", dataDirectory.resolve("warehouse").toUri().toString())
                .set("spark.sql.catalogImplementation", "in-memory")
                .set("spark.sql.shuffle.partitions", "4")
                .set("spark.sql.session.timeZone", "UTC")
                .set("spark.sql.adaptive.enabled", "true")
                .set("spark.serializer", "org.apache.spark.serializer.KryoSerializer")
                .set("spark.metrics.staticSources.enabled", "false")
                .set("spark.es.nodes.wan.only", "true")
                // Hadoop's local file system sets permissions itself (checkpoints): owner-only, like the rest of the home.
                .set("spark.hadoop.fs.permissions.umask-mode", "077");
        if (config.external()) {
            List<Path> jars = ExecutorJars.prepare(dataDirectory.resolve("jars"));
            conf.set("spark.jars", jars.stream().map(Path::toString).collect(Collectors.joining(",")));
            LOG.info("Spark runs on the cluster {}; its executors get {}", config.master(), jars);
        }
        SparkSession started = SparkSession.builder().config(conf).getOrCreate();
        // GraphFrames' connected components checkpoint between iterations; without a directory they fail.
        started.sparkContext().setCheckpointDir(graphCheckpoints().toString());
        session = started;
        created.started();
        started.sql("SELECT 1").collect();
    }

    /**
     * The running session as soon as Spark created it, before its readiness probe ran: a service that only needs
     * the session (the streams) can start alongside the probe. Waits while Spark starts.
     *
     * @throws IllegalStateException if Spark failed to start, did not create its session within {@code timeout},
     *                               or was stopped
     */
    public SparkSession awaitSession(Duration timeout) {
        created.await(timeout);
        return spark();
    }

    /**
     * Points the ES-Spark connector at Elasticsearch for every reader and writer of this session.
     *
     * <p>The connector reads its settings from the context's {@link SparkConf}, not from the SQL
     * runtime configuration, and {@code SparkContext.getConf} returns a copy; so the settings go
     * into the context's own configuration object ({@code conf()} is package-private in Scala but
     * public in bytecode).
     */
    public void connectElasticsearch(String host, int port) {
        SparkConf conf = spark().sparkContext().conf();
        conf.set("es.nodes", host);
        conf.set("es.port", Integer.toString(port));
        conf.set("es.nodes.wan.only", "true");
        conf.set("es.index.read.missing.as.empty", "true");
        conf.set("es.read.field.as.array.include", "");
        elasticsearchAddress = host + ":" + port;
    }

    /** Where Spark checkpoints iterative graph algorithms (GraphFrames' connected components): under the home. */
    public Path graphCheckpoints() {
        return dataDirectory.resolve("checkpoints").resolve("graph");
    }

    /** The running session. */
    public SparkSession spark() {
        SparkSession current = session;
        if (current == null) {
            throw new IllegalStateException("Spark is not started");
        }
        return current;
    }

    @Override
    public ServiceHealth health() {
        SparkSession current = session;
        if (current == null || status != ServiceStatus.UP) {
            return ServiceHealth.of(status, null);
        }
        boolean stopped = current.sparkContext().isStopped();
        String address = current.sparkContext().getConf().get("spark.driver.host", host) + ":"
                + current.sparkContext().getConf().get("spark.driver.port", "0");
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("master", current.sparkContext().master());
        details.put("version", current.version());
        details.put("elasticsearch", elasticsearchAddress == null ? "not connected" : elasticsearchAddress);
        if (config.external()) {
            // The driver counts itself among the executors.
            details.put("executors", Math.max(0, current.sparkContext().statusTracker().getExecutorInfos().length - 1));
        }
        return new ServiceHealth(stopped ? ServiceStatus.DOWN : ServiceStatus.UP, address, details);
    }

    @Override
    public void close() {
        status = ServiceStatus.DOWN;
        created.stopped();
        SparkSession current = session;
        if (current != null) {
            current.stop();
            SparkSession.clearActiveSession();
            SparkSession.clearDefaultSession();
            session = null;
        }
    }
}
