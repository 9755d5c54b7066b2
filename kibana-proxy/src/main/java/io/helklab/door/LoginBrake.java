package io.helklab.door;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Slows down password guessing, per client address: after {@value #FREE_FAILURES} failed sign-ins in a row, the
 * address is locked out for one second, and every further failure doubles the lockout, up to
 * {@link #LONGEST_LOCKOUT}. While locked, the door answers at once with 429 and does not check the password at all,
 * so no worker thread waits and guessing gains nothing; a success or {@link #FORGET_AFTER} of quiet clears the count.
 * A classroom shares one password, so the brake is per address and a mistyping student slows only themselves.
 *
 * <p>Thread-safe. Memory stays bounded: quiet addresses are forgotten when the table grows.
 */
final class LoginBrake {
    static final int FREE_FAILURES = 5;
    static final Duration FIRST_LOCKOUT = Duration.ofSeconds(1);
    static final Duration LONGEST_LOCKOUT = Duration.ofMinutes(5);
    static final Duration FORGET_AFTER = Duration.ofMinutes(15);
    private static final int PRUNE_ABOVE = 10_000;

    /** Failures in a row from one address, when the last one was, and until when it is locked out. */
    record Failures(int count, Instant last, Instant lockedUntil) {}

    private final Clock clock;
    private final Map<String, Failures> failures = new ConcurrentHashMap<>();

    LoginBrake(Clock clock) {
        this.clock = clock;
    }

    /** How long {@code client} must still wait before its credentials are checked again; zero when it need not. */
    Duration lockout(String client) {
        Failures current = failures.get(client);
        if (current == null) {
            return Duration.ZERO;
        }
        Duration remaining = Duration.between(clock.instant(), current.lockedUntil());
        return remaining.isNegative() ? Duration.ZERO : remaining;
    }

    /** Counts a failed sign-in and returns the failures in a row, this one included. */
    Failures failed(String client) {
        Instant now = clock.instant();
        if (failures.size() > PRUNE_ABOVE) {
            failures.values().removeIf(entry -> entry.last().plus(FORGET_AFTER).isBefore(now));
        }
        return failures.compute(client, (address, previous) -> {
            int count = previous == null || previous.last().plus(FORGET_AFTER).isBefore(now) ? 1 : previous.count() + 1;
            return new Failures(count, now, now.plus(lockoutAfter(count)));
        });
    }

    /** Clears the count of {@code client} after a successful sign-in. */
    void succeeded(String client) {
        failures.remove(client);
    }

    /** The lockout after {@code count} failures in a row. */
    static Duration lockoutAfter(int count) {
        if (count < FREE_FAILURES) {
            return Duration.ZERO;
        }
        int doublings = Math.min(count - FREE_FAILURES, 20);
        Duration lockout = FIRST_LOCKOUT.multipliedBy(1L << doublings);
        return lockout.compareTo(LONGEST_LOCKOUT) > 0 ? LONGEST_LOCKOUT : lockout;
    }
}
