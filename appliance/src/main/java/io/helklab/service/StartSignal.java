package io.helklab.service;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Lets a service that needs another one only for part of its start (the streams need Spark's session, the
 * indexer needs Elasticsearch only for its templates and writes) begin before that one is ready, and wait for it
 * where it must. The service it waits for signals once, and a failure or a stop reaches every waiter at once, so a
 * failed start is not held up by a waiter's timeout. Thread-safe.
 */
public final class StartSignal {
    private final String service;
    private final CompletableFuture<Void> signal = new CompletableFuture<>();

    /** @param service the service's display name, for messages: "Spark", "Elasticsearch" */
    public StartSignal(String service) {
        this.service = Objects.requireNonNull(service, "service");
    }

    /** A part of a service's start that may fail. */
    @FunctionalInterface
    public interface StartStep {
        void run() throws Exception;
    }

    /**
     * Runs {@code step}; if it throws, waiters get the failure (see {@link #failed}) and it is thrown on. The step
     * itself calls {@link #started()} at the point its waiters need.
     */
    public void failOn(StartStep step) throws Exception {
        try {
            step.run();
        } catch (Exception | Error failure) {
            failed(failure);
            throw failure;
        }
    }

    /** The service got as far as its waiters need. */
    public void started() {
        signal.complete(null);
    }

    /** The service failed to start; waiters get {@code failure}'s message. */
    public void failed(Throwable failure) {
        signal.completeExceptionally(failure);
    }

    /** The service is stopped; waiters that are still waiting give up. */
    public void stopped() {
        signal.cancel(false);
    }

    /**
     * Waits until the service signals.
     *
     * @throws IllegalStateException naming the service, if it failed, was stopped, or had not signalled within
     *                               {@code timeout}
     */
    public void await(Duration timeout) {
        try {
            signal.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException failed) {
            throw new IllegalStateException(service + " failed to start: " + failed.getCause().getMessage(),
                    failed.getCause());
        } catch (CancellationException stopped) {
            throw new IllegalStateException(service + " was stopped while starting", stopped);
        } catch (TimeoutException slow) {
            String waited = timeout.toSeconds() > 0 ? timeout.toSeconds() + " s" : timeout.toMillis() + " ms";
            throw new IllegalStateException(service + " is still starting after " + waited, slow);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for " + service, interrupted);
        }
    }
}
