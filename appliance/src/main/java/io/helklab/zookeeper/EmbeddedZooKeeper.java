package io.helklab.zookeeper;

import io.helklab.config.ZooKeeperConfig;
import io.helklab.service.Service;
import io.helklab.service.ServiceHealth;
import io.helklab.service.ServiceStatus;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.zookeeper.Watcher;
import org.apache.zookeeper.ZooKeeper;
import org.apache.zookeeper.server.ServerCnxnFactory;
import org.apache.zookeeper.server.ZooKeeperServer;

/**
 * A standalone ZooKeeper server inside this JVM, for the Kafka broker.
 *
 * <p>Listens on loopback only. Its snapshots and transaction log live under {@code data/zookeeper}
 * of the home, so the broker's metadata survives a restart. Ready when a real client session can
 * read the root node.
 */
public final class EmbeddedZooKeeper implements Service {
    private static final String HOST = "127.0.0.1";
    private static final int TICK_MILLIS = 500;

    private final ZooKeeperConfig config;
    private final Path dataDirectory;
    private volatile ZooKeeperServer server;
    private volatile ServerCnxnFactory connections;
    private volatile ServiceStatus status = ServiceStatus.STARTING;

    public EmbeddedZooKeeper(ZooKeeperConfig config, Path dataDirectory) {
        this.config = config;
        this.dataDirectory = dataDirectory;
    }

    @Override
    public String name() {
        return "zookeeper";
    }

    @Override
    public void start() throws Exception {
        Files.createDirectories(dataDirectory);
        // ZooKeeper's admin server (Jetty on 8080) is only started by ZooKeeperServerMain; keep it off regardless.
        System.setProperty("zookeeper.admin.enableServer", "false");
        server = new ZooKeeperServer(dataDirectory.resolve("snapshots").toFile(),
                dataDirectory.resolve("log").toFile(), TICK_MILLIS);
        connections = ServerCnxnFactory.createFactory(new InetSocketAddress(HOST, config.port()), 64);
        connections.startup(server);
        expireSessionsOfEarlierRuns();
        probe();
        status = ServiceStatus.UP;
    }

    /**
     * Closes every session restored from disk. This ZooKeeper serves only this process's broker, so a
     * restored session belongs to a run that was killed; left alone, its ephemeral
     * {@code /brokers/ids/0} outlives the crash by the session timeout and the restarted broker
     * refuses to register ("node already exists").
     */
    private void expireSessionsOfEarlierRuns() throws InterruptedException {
        List<Long> restored = List.copyOf(server.getZKDatabase().getSessions());
        for (long session : restored) {
            server.expire(session);
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (restored.stream().anyMatch(session -> !server.getZKDatabase().getEphemerals(session).isEmpty())
                && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
    }

    private void probe() throws Exception {
        CountDownLatch connected = new CountDownLatch(1);
        ZooKeeper client = new ZooKeeper(connectString(), 10_000, event -> {
            if (event.getState() == Watcher.Event.KeeperState.SyncConnected) {
                connected.countDown();
            }
        });
        try {
            if (!connected.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("no ZooKeeper session within 10 s at " + connectString());
            }
            client.exists("/", false);
        } finally {
            client.close();
        }
    }

    /** The connect string ({@code 127.0.0.1:port}) once started. */
    public String connectString() {
        ServerCnxnFactory factory = connections;
        if (factory == null) {
            throw new IllegalStateException("ZooKeeper is not started");
        }
        return HOST + ":" + factory.getLocalPort();
    }

    @Override
    public ServiceHealth health() {
        ServerCnxnFactory factory = connections;
        String address = factory == null ? null : HOST + ":" + factory.getLocalPort();
        ZooKeeperServer current = server;
        boolean running = current != null && current.isRunning();
        return ServiceHealth.of(status == ServiceStatus.UP && !running ? ServiceStatus.DOWN : status, address);
    }

    @Override
    public void close() {
        status = ServiceStatus.DOWN;
        ServerCnxnFactory factory = connections;
        if (factory != null) {
            factory.shutdown();
        }
        ZooKeeperServer current = server;
        if (current != null) {
            current.shutdown(true);
            try {
                current.getZKDatabase().close();
            } catch (Exception ignored) {
                // already closed by shutdown
            }
        }
    }
}
