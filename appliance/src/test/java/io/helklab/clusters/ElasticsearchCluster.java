package io.helklab.clusters;

import io.helklab.elasticsearch.PlainElasticsearchNode;
import io.helklab.elasticsearch.ElasticsearchHttp;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A cluster of stock Elasticsearch 7.10.2 OSS nodes, each its own JVM ({@link PlainElasticsearchNode}), without
 * HELK lab's mapper plugin. Ready once every node answers and the cluster is green. Stops every node it started.
 */
final class ElasticsearchCluster implements AutoCloseable {
    private static final Duration START_TIMEOUT = Duration.ofMinutes(4);

    private final List<JavaProcess> nodes = new ArrayList<>();
    private final List<URI> urls = new ArrayList<>();

    static ElasticsearchCluster start(Path directory, int nodeCount) throws Exception {
        ElasticsearchCluster cluster = new ElasticsearchCluster();
        try {
            cluster.startAll(directory, nodeCount);
            return cluster;
        } catch (Exception | Error failure) {
            cluster.close();
            throw failure;
        }
    }

    private void startAll(Path directory, int nodeCount) throws Exception {
        List<String> transportPorts = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (int i = 1; i <= nodeCount; i++) {
            // Discovery needs every node's transport address before the first node starts.
            transportPorts.add(Integer.toString(KafkaCluster.freePort()));
            names.add("es-" + i);
        }
        List<Path> homes = new ArrayList<>();
        for (int i = 0; i < nodeCount; i++) {
            Path home = directory.resolve(names.get(i));
            Files.createDirectories(home);
            homes.add(home);
            nodes.add(JavaProcess.start(names.get(i), "320m", directory.resolve(names.get(i) + ".log"),
                    PlainElasticsearchNode.class.getName(), names.get(i), home.toString(), transportPorts.get(i),
                    String.join(",", transportPorts), String.join(",", names)));
        }
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        for (Path home : homes) {
            Path url = home.resolve("http.url");
            while (!Files.exists(url)) {
                nodes.forEach(JavaProcess::requireAlive);
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the Elasticsearch nodes did not start within " + START_TIMEOUT + ": " + nodes);
                }
                Thread.sleep(500);
            }
            urls.add(URI.create(Files.readString(url, StandardCharsets.UTF_8).strip()));
        }
        awaitHealth("green", nodeCount, deadline);
    }

    /** Waits until the cluster reports this status with this many nodes. */
    void awaitHealth(String status, int nodeCount, long deadlineNanos) throws IOException, InterruptedException {
        ElasticsearchHttp http = new ElasticsearchHttp(urls.get(0).toString());
        String last = "no answer";
        while (System.nanoTime() < deadlineNanos) {
            ElasticsearchHttp.Response health = http.get("/_cluster/health?wait_for_status=" + status
                    + "&wait_for_nodes=" + nodeCount + "&timeout=5s");
            if (health.ok()) {
                return;
            }
            last = String.valueOf(health.body());
            Thread.sleep(200);
        }
        throw new IllegalStateException("the Elasticsearch cluster did not become " + status + ": " + last + "; " + nodes);
    }

    List<URI> urls() {
        return urls;
    }

    @Override
    public void close() throws InterruptedException {
        for (JavaProcess node : nodes) {
            node.close();
        }
    }
}
