package io.helklab.door;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class LoginBrakeTest {
    /** A clock the test moves by hand. */
    private static final class ManualClock extends Clock {
        private Instant now = Instant.parse("2026-01-01T00:00:00Z");

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }

    private final ManualClock clock = new ManualClock();
    private final LoginBrake brake = new LoginBrake(clock);

    @Test
    void aFewMistakesCostNothing() {
        for (int failure = 1; failure < LoginBrake.FREE_FAILURES; failure++) {
            assertThat(brake.failed("10.0.0.7").count()).isEqualTo(failure);
            assertThat(brake.lockout("10.0.0.7")).isZero();
        }
    }

    @Test
    void repeatedFailuresLockTheAddressOutForDoublingTimesUpToTheLongest() {
        for (int failure = 1; failure < LoginBrake.FREE_FAILURES; failure++) {
            brake.failed("10.0.0.7");
        }
        brake.failed("10.0.0.7");
        assertThat(brake.lockout("10.0.0.7")).isEqualTo(Duration.ofSeconds(1));
        brake.failed("10.0.0.7");
        assertThat(brake.lockout("10.0.0.7")).isEqualTo(Duration.ofSeconds(2));
        brake.failed("10.0.0.7");
        assertThat(brake.lockout("10.0.0.7")).isEqualTo(Duration.ofSeconds(4));
        assertThat(LoginBrake.lockoutAfter(1_000)).isEqualTo(LoginBrake.LONGEST_LOCKOUT);

        clock.advance(Duration.ofSeconds(3));
        assertThat(brake.lockout("10.0.0.7")).isEqualTo(Duration.ofSeconds(1));
        assertThat(brake.lockout("10.0.0.8")).as("another address").isZero();
    }

    @Test
    void aSuccessOrAQuietQuarterOfAnHourForgetsTheFailures() {
        for (int failure = 0; failure < 8; failure++) {
            brake.failed("10.0.0.7");
            brake.failed("10.0.0.9");
        }
        brake.succeeded("10.0.0.7");
        assertThat(brake.lockout("10.0.0.7")).isZero();
        assertThat(brake.failed("10.0.0.7").count()).isEqualTo(1);

        clock.advance(LoginBrake.FORGET_AFTER.plusSeconds(1));
        assertThat(brake.failed("10.0.0.9").count()).isEqualTo(1);
    }
}
