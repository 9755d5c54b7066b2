package io.helklab.door.process;

import java.time.Duration;
import java.util.Objects;

/**
 * How a {@link Supervisor} restarts a child that exited or never became ready.
 *
 * @param initialBackoff the wait before the first restart; it doubles with each consecutive failure
 * @param maximumBackoff the longest wait between restarts
 * @param downAfter      consecutive failures after which the child is reported {@code down} (it is still retried);
 *                       a child that ran for longer than {@code maximumBackoff} starts a new series
 */
public record RestartPolicy(Duration initialBackoff, Duration maximumBackoff, int downAfter) {

    public RestartPolicy {
        Objects.requireNonNull(initialBackoff, "initialBackoff");
        Objects.requireNonNull(maximumBackoff, "maximumBackoff");
        if (initialBackoff.isNegative() || maximumBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException("the restart backoff must satisfy 0 <= initial <= maximum, got "
                    + initialBackoff + " and " + maximumBackoff);
        }
        if (downAfter < 1) {
            throw new IllegalArgumentException("downAfter must be at least 1, got " + downAfter);
        }
    }

    /** One second, doubling up to one minute; {@code down} after three failures in a row. */
    public static RestartPolicy defaults() {
        return new RestartPolicy(Duration.ofSeconds(1), Duration.ofMinutes(1), 3);
    }

    /** The wait before restart number {@code consecutiveFailures} (1 for the first). */
    public Duration backoff(int consecutiveFailures) {
        int doublings = Math.min(Math.max(consecutiveFailures - 1, 0), 20);
        Duration wait = initialBackoff.multipliedBy(1L << doublings);
        return wait.compareTo(maximumBackoff) > 0 ? maximumBackoff : wait;
    }
}
