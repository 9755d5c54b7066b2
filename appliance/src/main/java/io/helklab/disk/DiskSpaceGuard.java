package io.helklab.disk;

import io.helklab.service.Service;
import io.helklab.service.ServiceHealth;
import io.helklab.service.ServiceStatus;
import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches the free space of the home's file system and pauses ingest before the disk is full: Kafka keeps the
 * records meanwhile, and ingest resumes by itself once space returns, so nothing is lost. While paused its health
 * is {@linkplain ServiceHealth#DEGRADED degraded} with the reason, and its listeners (the console) are told.
 */
public final class DiskSpaceGuard implements Service {
    private static final Logger LOG = LoggerFactory.getLogger(DiskSpaceGuard.class);
    /** How often free space is measured: a lab ingests well under a gibibyte in this time. */
    static final Duration CHECK_INTERVAL = Duration.ofSeconds(1);

    /** Told when ingest pauses for lack of space and when it resumes. */
    public interface Listener {
        void paused(String reason);

        void resumed(String reason);
    }

    /** What ingest does when told; the indexer. */
    public interface Ingest {
        void pause(String reason);

        void resume();
    }

    private final Path home;
    private final DiskThresholds thresholds;
    private final Ingest ingest;
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();
    private volatile ServiceStatus status = ServiceStatus.STARTING;
    private volatile long usableBytes = -1;
    private volatile String pausedReason;
    private FileStore store;
    private ScheduledExecutorService scheduler;

    public DiskSpaceGuard(Path home, DiskThresholds thresholds, Ingest ingest) {
        this.home = home;
        this.thresholds = thresholds;
        this.ingest = ingest;
    }

    @Override
    public String name() {
        return "disk";
    }

    /** Adds a listener for pauses and resumptions. */
    public void addListener(Listener listener) {
        listeners.add(listener);
    }

    @Override
    public void start() throws IOException {
        store = Files.getFileStore(home);
        check();
        scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "helk-disk-space");
            thread.setDaemon(true);
            return thread;
        });
        scheduler.scheduleWithFixedDelay(this::checkSafely, CHECK_INTERVAL.toMillis(), CHECK_INTERVAL.toMillis(),
                TimeUnit.MILLISECONDS);
        status = ServiceStatus.UP;
    }

    private void checkSafely() {
        try {
            check();
        } catch (IOException | RuntimeException unreadable) {
            LOG.warn("could not measure the free space of {}", home, unreadable);
        }
    }

    private synchronized void check() throws IOException {
        long usable = store.getUsableSpace();
        usableBytes = usable;
        if (pausedReason == null && usable < thresholds.pauseBelowBytes()) {
            String reason = "the disk of " + home + " is nearly full (" + mebibytes(usable) + " free, ingest pauses below "
                    + mebibytes(thresholds.pauseBelowBytes()) + "): ingest is paused and Kafka keeps the records; free "
                    + "space and it resumes by itself above " + mebibytes(thresholds.resumeAboveBytes());
            pausedReason = reason;
            LOG.warn("{}", reason);
            ingest.pause(reason);
            listeners.forEach(listener -> listener.paused(reason));
        } else if (pausedReason != null && usable > thresholds.resumeAboveBytes()) {
            String reason = "the disk of " + home + " has " + mebibytes(usable) + " free again: ingest resumed";
            pausedReason = null;
            LOG.info("{}", reason);
            ingest.resume();
            listeners.forEach(listener -> listener.resumed(reason));
        }
    }

    /** Why ingest is paused now, or {@code null} while it runs. */
    public String pausedReason() {
        return pausedReason;
    }

    private static String mebibytes(long bytes) {
        return bytes / (1024 * 1024) + " MiB";
    }

    @Override
    public ServiceHealth health() {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("path", home.toString());
        details.put("usableBytes", usableBytes);
        details.put("pauseBelowBytes", thresholds.pauseBelowBytes());
        String reason = pausedReason;
        if (reason != null) {
            details.put(ServiceHealth.DEGRADED, reason);
        }
        return new ServiceHealth(status, null, details);
    }

    @Override
    public void close() {
        status = ServiceStatus.DOWN;
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
    }
}
