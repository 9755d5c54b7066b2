package io.helklab.elasticsearch;

import io.helklab.config.ElasticsearchConfig;
import io.helklab.disk.DiskThresholds;
import io.helklab.service.Service;
import io.helklab.service.ServiceHealth;
import io.helklab.service.ServiceStatus;
import io.helklab.service.StartSignal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.elasticsearch.Version;
import org.elasticsearch.action.admin.cluster.health.ClusterHealthResponse;
import org.elasticsearch.client.Client;
import org.elasticsearch.cluster.health.ClusterHealthStatus;
import org.elasticsearch.common.settings.Settings;
import org.elasticsearch.common.transport.TransportAddress;
import org.elasticsearch.common.unit.TimeValue;
import org.elasticsearch.env.Environment;
import org.elasticsearch.http.HttpServerTransport;
import org.elasticsearch.node.InternalSettingsPreparer;
import org.elasticsearch.node.Node;
import org.elasticsearch.plugins.PluginsService;

/**
 * An Elasticsearch 7.10.2 node inside this JVM, with the stock OSS modules.
 *
 * <p>Single-node discovery, HTTP on loopback, indices under {@code data/elasticsearch} of the home.
 * Ready when cluster health reports at least yellow over the node's own client. The in-process
 * {@link #client()} is the fastest way to index from inside the appliance; everything outside
 * uses the HTTP API at {@link #httpUrl()}.
 */
public final class EmbeddedElasticsearch implements Service {
    private static final String HOST = "127.0.0.1";

    static {
        // Read once by org.elasticsearch.Build. Elasticsearch's own Python and Java clients (7.14+)
        // refuse a 7.x node whose GET / does not report the "default" build flavor; an embedded node
        // would otherwise say "unknown". Set before any Elasticsearch class initialises Build.
        if (System.getProperty("es.distribution.flavor") == null) {
            System.setProperty("es.distribution.flavor", "default");
        }
        if (System.getProperty("es.distribution.type") == null) {
            System.setProperty("es.distribution.type", "tar");
        }
    }

    private final ElasticsearchConfig config;
    private final Path dataDirectory;
    private final Path logDirectory;
    private volatile Node node;
    private volatile String httpAddress;
    private volatile ServiceStatus status = ServiceStatus.STARTING;
    private final StartSignal started = new StartSignal("Elasticsearch");

    public EmbeddedElasticsearch(ElasticsearchConfig config, Path dataDirectory, Path logDirectory) {
        this.config = config;
        this.dataDirectory = dataDirectory;
        this.logDirectory = logDirectory;
    }

    @Override
    public String name() {
        return "elasticsearch";
    }

    @Override
    public void start() throws Exception {
        started.failOn(this::startNode);
        status = ServiceStatus.UP;
        started.started();
    }

    /**
     * Waits until Elasticsearch is up, for a service that starts alongside it (the indexer).
     *
     * @throws IllegalStateException if it failed to start, was stopped, or is still starting after {@code timeout}
     */
    public void awaitStarted(Duration timeout) {
        started.await(timeout);
    }

    private void startNode() throws Exception {
        // Spark and Kafka also use Netty; Elasticsearch must not try to set Netty's processor count a second time.
        System.setProperty("es.set.netty.runtime.available.processors", "false");
        Files.createDirectories(dataDirectory);
        Files.createDirectories(logDirectory);
        Settings settings = Settings.builder()
                .put("cluster.name", config.clusterName())
                .put("node.name", "helk-lab")
                .put("path.home", dataDirectory.toString())
                .put("path.data", dataDirectory.resolve("data").toString())
                .put("path.logs", logDirectory.toString())
                .put("discovery.type", "single-node")
                .put("network.host", HOST)
                .put("http.port", Integer.toString(config.port()))
                .put("transport.port", "0")
                .put("http.type", "netty4")
                .put("transport.type", "netty4")
                .put("cluster.routing.allocation.disk.threshold_enabled", true)
                .put("cluster.routing.allocation.disk.watermark.low", DiskThresholds.LAPTOP.elasticsearchLowWatermark())
                .put("cluster.routing.allocation.disk.watermark.high", DiskThresholds.LAPTOP.elasticsearchHighWatermark())
                .put("cluster.routing.allocation.disk.watermark.flood_stage", DiskThresholds.LAPTOP.elasticsearchFloodStage())
                // Spark shares the heap: the real-memory breaker would trip on Spark's allocations.
                .put("indices.breaker.total.use_real_memory", false)
                .put("action.auto_create_index", true)
                .build();
        Environment environment = InternalSettingsPreparer.prepareEnvironment(
                settings, Map.of(), dataDirectory.resolve("config"), () -> "helk-lab");
        Node started = new ClasspathPluginNode(environment, ClasspathPluginNode.MODULES);
        node = started;
        started.start();
        TransportAddress bound = started.injector().getInstance(HttpServerTransport.class).boundAddress().publishAddress();
        httpAddress = HOST + ":" + bound.getPort();
        ClusterHealthResponse health = client().admin().cluster().prepareHealth()
                .setWaitForYellowStatus()
                .setTimeout(TimeValue.timeValueSeconds(60))
                .get(TimeValue.timeValueSeconds(70));
        if (health.isTimedOut() || health.getStatus() == ClusterHealthStatus.RED) {
            throw new IllegalStateException("cluster health stayed " + health.getStatus() + " for 60 s");
        }
        SingleNodeIndexDefaults.install(client());
    }

    /**
     * Builds the Painless script engine in the background (see {@link DeferredPainlessPlugin}); call it once
     * the appliance is ready, so the first script does not wait and the start does not pay for it.
     */
    public void warmUpScripting() {
        Node current = node;
        if (current == null) {
            return;
        }
        Thread warmUp = new Thread(() -> {
            try {
                current.injector().getInstance(PluginsService.class)
                        .filterPlugins(DeferredPainlessPlugin.class).forEach(DeferredPainlessPlugin::warmUp);
            } catch (RuntimeException stopped) {
                // the node stopped meanwhile; the engine is built on first use, if ever
            }
        }, "helk-painless-warm-up");
        warmUp.setDaemon(true);
        warmUp.setPriority(Thread.MIN_PRIORITY);
        warmUp.start();
    }

    /** The node's own client: no HTTP, no serialisation. */
    public Client client() {
        Node current = node;
        if (current == null) {
            throw new IllegalStateException("Elasticsearch is not started");
        }
        return current.client();
    }

    /** {@code http://127.0.0.1:port} once started. */
    public String httpUrl() {
        if (httpAddress == null) {
            throw new IllegalStateException("Elasticsearch is not started");
        }
        return "http://" + httpAddress;
    }

    /** The HTTP port actually bound. */
    public int httpPort() {
        return Integer.parseInt(httpAddress.substring(httpAddress.lastIndexOf(':') + 1));
    }

    @Override
    public ServiceHealth health() {
        if (status != ServiceStatus.UP) {
            return ServiceHealth.of(status, httpAddress);
        }
        try {
            ClusterHealthResponse health = client().admin().cluster().prepareHealth().get(TimeValue.timeValueSeconds(2));
            Map<String, Object> details = new LinkedHashMap<>(Map.of(
                    "cluster", health.getStatus().name().toLowerCase(Locale.ROOT),
                    "indices", health.getIndices().size(),
                    "version", Version.CURRENT.toString(),
                    "mode", "embedded"));
            SingleNodeIndexDefaults.yellowReason(health).ifPresent(reason -> details.put(ServiceHealth.DEGRADED, reason));
            ServiceStatus reported = health.getStatus() == ClusterHealthStatus.RED ? ServiceStatus.DOWN : ServiceStatus.UP;
            return new ServiceHealth(reported, httpAddress, details);
        } catch (RuntimeException unavailable) {
            return new ServiceHealth(ServiceStatus.DOWN, httpAddress, Map.of("error", String.valueOf(unavailable.getMessage())));
        }
    }

    @Override
    public void close() throws Exception {
        status = ServiceStatus.DOWN;
        started.stopped();
        Node current = node;
        if (current != null) {
            current.close();
            if (!current.awaitClose(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("Elasticsearch did not stop within 30 s");
            }
            node = null;
        }
    }
}
