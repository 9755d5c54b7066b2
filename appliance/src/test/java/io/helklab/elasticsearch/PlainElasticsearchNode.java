package io.helklab.elasticsearch;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.elasticsearch.common.settings.Settings;
import org.elasticsearch.common.transport.TransportAddress;
import org.elasticsearch.env.Environment;
import org.elasticsearch.http.HttpServerTransport;
import org.elasticsearch.node.InternalSettingsPreparer;
import org.elasticsearch.node.Node;
import org.elasticsearch.plugins.Plugin;

/**
 * One node of a stock Elasticsearch 7.10.2 OSS cluster, as its own process: the distribution's modules from the
 * classpath and nothing of HELK lab's (no {@code parent_keyword}), so tests see what an existing cluster offers.
 *
 * <p>Arguments: node name, home directory, transport port, the comma-separated transport ports of every
 * master-eligible node. HTTP binds an ephemeral port on loopback; once the node is up its URL is written to
 * {@code <home>/http.url}. Runs until the process is stopped.
 */
public final class PlainElasticsearchNode {
    private PlainElasticsearchNode() {
    }

    public static void main(String[] arguments) throws Exception {
        String name = arguments[0];
        Path home = Path.of(arguments[1]);
        String transportPort = arguments[2];
        List<String> seeds = List.of(arguments[3].split(","));
        List<String> masters = List.of(arguments[4].split(","));
        Files.createDirectories(home.resolve("config"));
        Settings settings = Settings.builder()
                .put("cluster.name", "helk-lab-attach-test")
                .put("node.name", name)
                .put("path.home", home.toString())
                .put("path.data", home.resolve("data").toString())
                .put("path.logs", home.resolve("logs").toString())
                .put("network.host", "127.0.0.1")
                .put("http.port", "0")
                .put("transport.port", transportPort)
                .putList("discovery.seed_hosts", seeds.stream().map(port -> "127.0.0.1:" + port).toList())
                .putList("cluster.initial_master_nodes", masters)
                .put("http.type", "netty4")
                .put("transport.type", "netty4")
                .put("cluster.routing.allocation.disk.threshold_enabled", false)
                .put("indices.breaker.total.use_real_memory", false)
                .build();
        Environment environment = InternalSettingsPreparer.prepareEnvironment(settings, Map.of(), home.resolve("config"),
                () -> name);
        List<Class<? extends Plugin>> modules = ClasspathPluginNode.MODULES.stream()
                .filter(module -> module != HelkMappingPlugin.class).toList();
        Node node = new ClasspathPluginNode(environment, modules);
        node.start();
        TransportAddress http = node.injector().getInstance(HttpServerTransport.class).boundAddress().publishAddress();
        Path temporary = home.resolve("http.url.tmp");
        Files.writeString(temporary, "http://127.0.0.1:" + http.getPort(), StandardCharsets.UTF_8);
        Files.move(temporary, home.resolve("http.url"), StandardCopyOption.ATOMIC_MOVE);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                node.close();
            } catch (Exception ignored) {
                // the process ends anyway
            }
            stopped.countDown();
        }));
        stopped.await();
    }
}
