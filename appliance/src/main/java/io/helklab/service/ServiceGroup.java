package io.helklab.service;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts services in dependency order, independent ones in parallel, and stops them in reverse.
 *
 * <p>A service starts once every service it depends on is up. If any service fails to start, the
 * group lets the starts already under way finish, starts nothing new, closes every service that
 * did start (in reverse order, each failure kept as a suppressed exception) and throws a
 * {@link ServiceStartException} naming the service that failed. The state moves by compare-and-set
 * ({@code NEW → STARTING → RUNNING → STOPPING → STOPPED}), so a second {@link #start} or a
 * concurrent {@link #close} cannot interleave with the first.
 */
public final class ServiceGroup implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ServiceGroup.class);

    /** Where the group is in its lifecycle. */
    public enum State { NEW, STARTING, RUNNING, FAILED, STOPPING, STOPPED }

    /** Told about each service as it starts; called from the starting threads. */
    public interface StartListener {
        StartListener NONE = new StartListener() {};

        default void starting(Service service) {}

        default void started(Service service, Duration took) {}

        default void failed(Service service, Throwable cause) {}
    }

    private record Node(Service service, List<Service> dependencies) {}

    private final List<Node> nodes;
    private final String logHint;
    private final AtomicReference<State> state = new AtomicReference<>(State.NEW);
    private final List<Service> started = Collections.synchronizedList(new ArrayList<>());
    private final Map<String, Duration> startDurations = new ConcurrentHashMap<>();

    private ServiceGroup(List<Node> nodes, String logHint) {
        this.nodes = List.copyOf(nodes);
        this.logHint = logHint;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Builds a group; a service must be added after the services it depends on. */
    public static final class Builder {
        private final List<Node> nodes = new ArrayList<>();
        private String logHint = "the appliance log";

        public Builder add(Service service, Service... dependsOn) {
            Objects.requireNonNull(service, "service");
            for (Service dependency : dependsOn) {
                boolean known = nodes.stream().anyMatch(node -> node.service() == dependency);
                if (!known) {
                    throw new IllegalArgumentException(
                            service.name() + " depends on " + dependency.name() + ", which was not added before it");
                }
            }
            nodes.add(new Node(service, List.of(dependsOn)));
            return this;
        }

        /** Where a user finds the logs, quoted in start failure messages. */
        public Builder logHint(String hint) {
            this.logHint = Objects.requireNonNull(hint);
            return this;
        }

        public ServiceGroup build() {
            return new ServiceGroup(nodes, logHint);
        }
    }

    /** Starts every service; returns once all are up, or throws after unwinding. */
    public void start(StartListener listener) {
        if (!state.compareAndSet(State.NEW, State.STARTING)) {
            throw new IllegalStateException("the service group was already started (state " + state.get() + ")");
        }
        AtomicInteger threadNumber = new AtomicInteger();
        ExecutorService executor = Executors.newFixedThreadPool(Math.max(1, nodes.size()), runnable -> {
            Thread thread = new Thread(runnable, "helk-start-" + threadNumber.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        Map<Service, CompletableFuture<Void>> futures = new LinkedHashMap<>();
        AtomicReference<Throwable> firstFailure = new AtomicReference<>();
        AtomicReference<Service> failedService = new AtomicReference<>();
        try {
            for (Node node : nodes) {
                CompletableFuture<?>[] dependencies =
                        node.dependencies().stream().map(futures::get).toArray(CompletableFuture[]::new);
                CompletableFuture<Void> future = CompletableFuture.allOf(dependencies).thenRunAsync(() -> {
                    if (firstFailure.get() != null) {
                        throw new CancellationOfStart();
                    }
                    startOne(node.service(), listener, firstFailure, failedService);
                }, executor);
                futures.put(node.service(), future);
            }
            CompletableFuture.allOf(futures.values().toArray(CompletableFuture[]::new))
                    .handle((ignored, error) -> null)
                    .join();
        } finally {
            executor.shutdownNow();
        }
        Throwable failure = firstFailure.get();
        if (failure == null) {
            state.set(State.RUNNING);
            return;
        }
        state.set(State.FAILED);
        Service service = failedService.get();
        ServiceStartException exception = new ServiceStartException(
                service.name(),
                displayName(service) + " failed to start: " + describe(failure) + ". Everything else was stopped; "
                        + "details are in " + logHint + ".",
                failure);
        stopStarted(exception);
        state.set(State.STOPPED);
        throw exception;
    }

    private void startOne(Service service, StartListener listener, AtomicReference<Throwable> firstFailure,
            AtomicReference<Service> failedService) {
        listener.starting(service);
        long begin = System.nanoTime();
        try {
            LOG.info("Starting {}", service.name());
            service.start();
            Duration took = Duration.ofNanos(System.nanoTime() - begin);
            started.add(service);
            startDurations.put(service.name(), took);
            LOG.info("{} is up at {} after {} ms", service.name(), service.health().address(), took.toMillis());
            listener.started(service, took);
        } catch (Throwable failure) {
            // The service may have half-started: it is closed with the others.
            started.add(service);
            if (firstFailure.compareAndSet(null, failure)) {
                failedService.set(service);
            }
            LOG.error("{} failed to start", service.name(), failure);
            listener.failed(service, failure);
            throw new CompletionException(failure);
        }
    }

    /** Thrown inside a start task that was skipped because another service had already failed. */
    private static final class CancellationOfStart extends RuntimeException {
        private static final long serialVersionUID = 1L;

        CancellationOfStart() {
            super("not started because another service failed", null, false, false);
        }
    }

    private static String describe(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root && root.getMessage() == null) {
            root = root.getCause();
        }
        String message = root.getMessage();
        return message == null ? root.getClass().getSimpleName() : message;
    }

    private static String displayName(Service service) {
        String name = service.name();
        return switch (name) {
            case "zookeeper" -> "ZooKeeper";
            case "kafka" -> "Kafka";
            case "elasticsearch" -> "Elasticsearch";
            case "spark" -> "Spark";
            default -> Character.toUpperCase(name.charAt(0)) + name.substring(1);
        };
    }

    /** The services in the order they were added. */
    public List<Service> services() {
        return nodes.stream().map(Node::service).toList();
    }

    /** How long each service took to become ready, by name, in start order. */
    public Map<String, Duration> startDurations() {
        Map<String, Duration> ordered = new LinkedHashMap<>();
        for (Node node : nodes) {
            Duration took = startDurations.get(node.service().name());
            if (took != null) {
                ordered.put(node.service().name(), took);
            }
        }
        return ordered;
    }

    public State state() {
        return state.get();
    }

    /** Stops every started service in reverse registration order; failures are logged and rethrown together. */
    @Override
    public void close() {
        State current = state.get();
        if (current == State.STOPPED || current == State.STOPPING) {
            return;
        }
        if (!state.compareAndSet(current, State.STOPPING)) {
            return;
        }
        RuntimeException failures = new IllegalStateException("some services did not stop cleanly");
        stopStarted(failures);
        state.set(State.STOPPED);
        if (failures.getSuppressed().length > 0) {
            throw failures;
        }
    }

    private void stopStarted(RuntimeException collector) {
        List<Service> toStop;
        synchronized (started) {
            toStop = new ArrayList<>(started);
            started.clear();
        }
        // Reverse registration order: every service is registered after what it depends on, and a service
        // that does not wait for another at start (the streams wait for Elasticsearch lazily) still stops first.
        List<Service> registered = nodes.stream().map(Node::service).toList();
        toStop.sort(java.util.Comparator.comparingInt(registered::indexOf).reversed());
        for (Service service : toStop) {
            try {
                LOG.info("Stopping {}", service.name());
                service.close();
            } catch (Throwable failure) {
                LOG.warn("{} did not stop cleanly", service.name(), failure);
                collector.addSuppressed(failure);
            }
        }
    }
}
