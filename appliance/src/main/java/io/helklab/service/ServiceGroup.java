package io.helklab.service;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
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
 * concurrent {@link #close} cannot interleave with the first: a {@code close()} while starting stops
 * what has started, and {@code start()} then stops whatever comes up later and throws instead of
 * reporting the group as running.
 *
 * <p>Services {@linkplain Builder#addAfterReady added after ready} (Jupyter, Kibana) are not part of
 * {@link #start}: {@link #startAfterReady} starts them once the group runs, in dependency order, and a
 * failure only leaves that service (and what depends on it) down, told to the listener and the log. They
 * stop with the others, in the same reverse order.
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

    private record Node(Service service, List<Service> dependencies, boolean afterReady) {}

    private final List<Node> nodes;
    private final String logHint;
    private final AtomicReference<State> state = new AtomicReference<>(State.NEW);
    private final List<Service> started = Collections.synchronizedList(new ArrayList<>());
    private final Map<String, Duration> startDurations = new ConcurrentHashMap<>();
    private final AtomicBoolean afterReadyStarted = new AtomicBoolean();

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

        /** A service the group cannot run without: {@link #start} fails and unwinds when it fails. */
        public Builder add(Service service, Service... dependsOn) {
            return add(service, List.of(dependsOn), false);
        }

        /**
         * A service started by {@link #startAfterReady}, once the group runs; its failure is not fatal. It may
         * depend on any service added before it; a service of the ready block cannot depend on it.
         */
        public Builder addAfterReady(Service service, Service... dependsOn) {
            return add(service, List.of(dependsOn), true);
        }

        private Builder add(Service service, List<Service> dependsOn, boolean afterReady) {
            Objects.requireNonNull(service, "service");
            if (nodes.stream().anyMatch(node -> node.service().name().equals(service.name()))) {
                throw new IllegalArgumentException("a service named " + service.name() + " was already added");
            }
            for (Service dependency : dependsOn) {
                Node known = nodes.stream().filter(node -> node.service() == dependency).findFirst().orElse(null);
                if (known == null) {
                    throw new IllegalArgumentException(
                            service.name() + " depends on " + dependency.name() + ", which was not added before it");
                }
                if (known.afterReady() && !afterReady) {
                    throw new IllegalArgumentException(service.name() + " starts before the ready block but depends on "
                            + dependency.name() + ", which starts after it");
                }
            }
            nodes.add(new Node(service, dependsOn, afterReady));
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

    /** Starts every service of the ready block; returns once all are up, or throws after unwinding. */
    public void start(StartListener listener) {
        if (!state.compareAndSet(State.NEW, State.STARTING)) {
            throw new IllegalStateException("the service group was already started (state " + state.get() + ")");
        }
        StartOutcome outcome = startAll(readyBlock(), listener, State.STARTING, false);
        if (outcome.failure() == null && state.compareAndSet(State.STARTING, State.RUNNING)) {
            return;
        }
        if (outcome.failure() == null) {
            // close() came while the services were starting: stop what came up after it, and say so.
            stopStarted(new IllegalStateException("services that came up after close()"));
            state.set(State.STOPPED);
            throw new IllegalStateException("the service group was closed while it was starting");
        }
        state.set(State.FAILED);
        Service service = outcome.failedService();
        ServiceStartException exception = new ServiceStartException(
                service.name(),
                displayName(service) + " failed to start: " + describe(outcome.failure()) + ". Everything else was "
                        + "stopped; details are in " + logHint + ".",
                outcome.failure());
        stopStarted(exception);
        state.set(State.STOPPED);
        throw exception;
    }

    /**
     * Starts the services added after ready, in dependency order, and returns when each is up or has failed. A
     * failure is told to the listener and logged; the services that depend on the failed one are not started.
     * Does nothing once the group is stopping.
     *
     * @throws IllegalStateException if the group is not running ({@link #start} did not succeed)
     */
    public void startAfterReady(StartListener listener) {
        if (state.get() != State.RUNNING) {
            throw new IllegalStateException("the services after ready start once the group runs (state " + state.get() + ")");
        }
        List<Node> afterReady = nodes.stream().filter(Node::afterReady).toList();
        if (!afterReadyStarted.compareAndSet(false, true) || afterReady.isEmpty()) {
            return;
        }
        startAll(afterReady, listener, State.RUNNING, true);
    }

    private List<Node> readyBlock() {
        return nodes.stream().filter(node -> !node.afterReady()).toList();
    }

    private record StartOutcome(Throwable failure, Service failedService) {}

    /**
     * Starts {@code toStart} in dependency order while the group stays in {@code whileIn}. With {@code tolerant},
     * a failure skips only the services that depend on it; otherwise it stops every start not yet under way.
     */
    private StartOutcome startAll(List<Node> toStart, StartListener listener, State whileIn, boolean tolerant) {
        AtomicInteger threadNumber = new AtomicInteger();
        ExecutorService executor = Executors.newFixedThreadPool(Math.max(1, toStart.size()), runnable -> {
            Thread thread = new Thread(runnable, "helk-start-" + threadNumber.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        Map<Service, CompletableFuture<Void>> futures = new LinkedHashMap<>();
        AtomicReference<Throwable> firstFailure = new AtomicReference<>();
        AtomicReference<Service> failedService = new AtomicReference<>();
        try {
            for (Node node : toStart) {
                CompletableFuture<?>[] dependencies = node.dependencies().stream().map(futures::get)
                        .filter(Objects::nonNull).toArray(CompletableFuture[]::new);
                CompletableFuture<Void> future = CompletableFuture.allOf(dependencies).thenRunAsync(() -> {
                    if ((!tolerant && firstFailure.get() != null) || state.get() != whileIn) {
                        throw new CancellationOfStart();
                    }
                    startOne(node.service(), listener, firstFailure, failedService, tolerant);
                }, executor);
                futures.put(node.service(), future);
            }
            CompletableFuture.allOf(futures.values().toArray(CompletableFuture[]::new))
                    .handle((ignored, error) -> null)
                    .join();
        } finally {
            executor.shutdownNow();
        }
        return new StartOutcome(firstFailure.get(), failedService.get());
    }

    private void startOne(Service service, StartListener listener, AtomicReference<Throwable> firstFailure,
            AtomicReference<Service> failedService, boolean tolerant) {
        listener.starting(service);
        long begin = System.nanoTime();
        if (tolerant) {
            // Registered before it starts: a close() while it boots (Jupyter may take a minute) stops it too.
            started.add(service);
        }
        try {
            LOG.info("Starting {}", service.name());
            service.start();
            Duration took = Duration.ofNanos(System.nanoTime() - begin);
            if (!tolerant) {
                started.add(service);
            }
            startDurations.put(service.name(), took);
            LOG.info("{} is up at {} after {} ms", service.name(), service.health().address(), took.toMillis());
            listener.started(service, took);
        } catch (Throwable failure) {
            // The service may have half-started: it is closed with the others.
            if (!tolerant) {
                started.add(service);
            }
            if (firstFailure.compareAndSet(null, failure)) {
                failedService.set(service);
            }
            if (tolerant) {
                LOG.warn("{} could not be started; the appliance runs without it: {}", service.name(), failure.toString(),
                        failure);
            } else {
                LOG.error("{} failed to start", service.name(), failure);
            }
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
            case "http" -> "The front door";
            case "kernel" -> "The notebook kernel";
            default -> Character.toUpperCase(name.charAt(0)) + name.substring(1);
        };
    }

    /** The services in the order they were added. */
    public List<Service> services() {
        return nodes.stream().map(Node::service).toList();
    }

    /** The names of the services added after ready: their failure leaves them down, not the group. */
    public Set<String> afterReadyServices() {
        Set<String> names = new LinkedHashSet<>();
        for (Node node : nodes) {
            if (node.afterReady()) {
                names.add(node.service().name());
            }
        }
        return names;
    }

    /** Every service's health, by name, in the order they were added; those after ready included. */
    public Map<String, ServiceHealth> health() {
        Map<String, ServiceHealth> health = new LinkedHashMap<>();
        for (Node node : nodes) {
            health.put(node.service().name(), node.service().health());
        }
        return health;
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

    /**
     * Stops every started service in reverse registration order; failures are logged and rethrown together. While
     * the group is starting, it stops what is up so far; {@link #start} stops the rest as it comes up.
     */
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
        toStop.sort(Comparator.comparingInt(registered::indexOf).reversed());
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
