package io.helklab.clusters;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.Watcher;
import org.apache.zookeeper.ZooKeeper;

/**
 * ZooKeeper ({@code QuorumPeerMain}) and three Kafka brokers ({@code kafka.Kafka}), each in its own JVM on
 * loopback. Brokers bind ephemeral ports and are found through their ZooKeeper registrations; internal topics
 * are replicated three times. Stops every process it started, brokers first.
 */
final class KafkaCluster implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration START_TIMEOUT = Duration.ofMinutes(3);

    private final List<JavaProcess> brokers = new ArrayList<>();
    private JavaProcess zookeeper;
    private String zookeeperConnect;
    private final List<String> brokerAddresses = new ArrayList<>();

    static KafkaCluster start(Path directory, int brokerCount) throws Exception {
        KafkaCluster cluster = new KafkaCluster();
        try {
            cluster.startAll(directory, brokerCount);
            return cluster;
        } catch (Exception | Error failure) {
            cluster.close();
            throw failure;
        }
    }

    private void startAll(Path directory, int brokerCount) throws Exception {
        Files.createDirectories(directory);
        // ZooKeeper does not say which port it bound; a port that was free a moment ago is the next best thing.
        int zookeeperPort = freePort();
        Path zookeeperConfig = directory.resolve("zookeeper.properties");
        Files.writeString(zookeeperConfig, String.join("\n",
                "dataDir=" + directory.resolve("zookeeper"),
                "clientPort=" + zookeeperPort,
                "clientPortAddress=127.0.0.1",
                "admin.enableServer=false",
                "maxClientCnxns=0",
                "tickTime=2000"), StandardCharsets.UTF_8);
        zookeeper = JavaProcess.start("zookeeper", "64m", directory.resolve("zookeeper.log"),
                "org.apache.zookeeper.server.quorum.QuorumPeerMain", zookeeperConfig.toString());
        zookeeperConnect = "127.0.0.1:" + zookeeperPort;
        for (int id = 1; id <= brokerCount; id++) {
            Path config = directory.resolve("broker-" + id + ".properties");
            Files.writeString(config, String.join("\n",
                    "broker.id=" + id,
                    "zookeeper.connect=" + zookeeperConnect,
                    "zookeeper.connection.timeout.ms=60000",
                    "listeners=PLAINTEXT://127.0.0.1:0",
                    "log.dirs=" + directory.resolve("broker-" + id),
                    "offsets.topic.replication.factor=" + Math.min(3, brokerCount),
                    "offsets.topic.num.partitions=3",
                    "transaction.state.log.replication.factor=" + Math.min(3, brokerCount),
                    "transaction.state.log.min.isr=1",
                    "default.replication.factor=" + Math.min(3, brokerCount),
                    "min.insync.replicas=1",
                    "auto.create.topics.enable=false",
                    "group.initial.rebalance.delay.ms=0",
                    "num.network.threads=1",
                    "num.io.threads=2",
                    "background.threads=2",
                    "log.cleaner.enable=false"), StandardCharsets.UTF_8);
            brokers.add(JavaProcess.start("kafka-" + id, "256m", directory.resolve("broker-" + id + ".log"), "kafka.Kafka",
                    config.toString()));
        }
        awaitBrokers(brokerCount);
    }

    private void awaitBrokers(int brokerCount) throws Exception {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            zookeeper.requireAlive();
            brokers.forEach(JavaProcess::requireAlive);
            List<String> registered = registeredBrokers();
            if (registered.size() == brokerCount) {
                brokerAddresses.addAll(registered);
                return;
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("the Kafka brokers did not all register within " + START_TIMEOUT + ": " + brokers);
    }

    /** The brokers' addresses as they registered in ZooKeeper; empty while ZooKeeper is not up yet. */
    private List<String> registeredBrokers() throws InterruptedException, IOException {
        CountDownLatch connected = new CountDownLatch(1);
        ZooKeeper client = new ZooKeeper(zookeeperConnect, 10_000, event -> {
            if (event.getState() == Watcher.Event.KeeperState.SyncConnected) {
                connected.countDown();
            }
        });
        try {
            if (!connected.await(5, TimeUnit.SECONDS)) {
                return List.of();
            }
            List<String> addresses = new ArrayList<>();
            for (String id : client.getChildren("/brokers/ids", false)) {
                JsonNode registration = JSON.readTree(client.getData("/brokers/ids/" + id, false, null));
                addresses.add(registration.path("endpoints").get(0).asText().replace("PLAINTEXT://", ""));
            }
            return addresses;
        } catch (KeeperException notYet) {
            return List.of();
        } finally {
            client.close();
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    String bootstrapServers() {
        return String.join(",", brokerAddresses);
    }

    List<JavaProcess> brokers() {
        return brokers;
    }

    @Override
    public void close() throws InterruptedException {
        for (JavaProcess broker : brokers) {
            broker.close();
        }
        if (zookeeper != null) {
            zookeeper.close();
        }
    }
}
