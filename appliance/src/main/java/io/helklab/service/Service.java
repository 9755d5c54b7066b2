package io.helklab.service;

/**
 * One embedded service of the appliance (ZooKeeper, Kafka, Elasticsearch, Spark, ...).
 *
 * <p>Lifecycle: {@link #start()} is called at most once, blocks until the service has bound its
 * listeners and passed a real readiness probe, and throws if it could not. {@link #close()} is
 * idempotent, may be called after a failed or partial start, and releases every thread, port and
 * file the service holds. {@link #health()} is cheap, never blocks on the network for long, and may
 * be called from any thread at any time.
 */
public interface Service extends AutoCloseable {

    /** Short lower-case name used in health reports and messages, e.g. {@code "kafka"}. */
    String name();

    /** Starts the service and returns once it answers its readiness probe. */
    void start() throws Exception;

    /** Current state, address and service-specific details. */
    ServiceHealth health();

    /** Stops the service and releases everything it holds; safe to call more than once. */
    @Override
    void close() throws Exception;
}
