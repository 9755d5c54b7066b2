package io.helklab.door.hunt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class TimeRangeTest {
    private static final Instant NOW = Instant.parse("2026-11-22T09:30:15.250Z");

    @Test
    void dateMathIsRelativeToNowAndRoundsOutwards() {
        assertThat(TimeRange.parseEnd("from", "now", NOW, false)).isEqualTo(NOW);
        assertThat(TimeRange.parseEnd("from", "now-15m", NOW, false)).isEqualTo(NOW.minus(Duration.ofMinutes(15)));
        assertThat(TimeRange.parseEnd("from", "now-1d+2h", NOW, false)).isEqualTo(NOW.minus(Duration.ofHours(22)));
        assertThat(TimeRange.parseEnd("from", "now/d", NOW, false)).isEqualTo(Instant.parse("2026-11-22T00:00:00Z"));
        assertThat(TimeRange.parseEnd("to", "now/d", NOW, true)).isEqualTo(Instant.parse("2026-11-23T00:00:00Z"));
        assertThat(TimeRange.parseEnd("from", "now/w", NOW, false)).isEqualTo(Instant.parse("2026-11-16T00:00:00Z"));
        assertThat(TimeRange.parseEnd("from", "now-1M/M", NOW, false)).isEqualTo(Instant.parse("2026-10-01T00:00:00Z"));
    }

    @Test
    void absoluteTimesInEverySpellingTheUiSends() {
        assertThat(TimeRange.parseEnd("from", "2026-10-06T07:00:00Z", NOW, false)).isEqualTo(Instant.parse("2026-10-06T07:00:00Z"));
        assertThat(TimeRange.parseEnd("from", "2026-10-06T09:00:00+02:00", NOW, false)).isEqualTo(Instant.parse("2026-10-06T07:00:00Z"));
        assertThat(TimeRange.parseEnd("from", "2026-10-06T07:00:00.000", NOW, false)).isEqualTo(Instant.parse("2026-10-06T07:00:00Z"));
        assertThat(TimeRange.parseEnd("from", "2026-10-06", NOW, false)).isEqualTo(Instant.parse("2026-10-06T00:00:00Z"));
        assertThat(TimeRange.parseEnd("from", "1791270000000", NOW, false)).isEqualTo(Instant.ofEpochMilli(1791270000000L));
        assertThat(TimeRange.parseEnd("from", " ", NOW, false)).isNull();
    }

    @Test
    void refusesNonsenseWithTheParameterName() {
        assertThatThrownBy(() -> TimeRange.parse(null, "now-", NOW))
                .isInstanceOfSatisfying(HuntRequestException.class, refused -> assertThat(refused.parameter()).isEqualTo("to"));
        assertThatThrownBy(() -> TimeRange.parse("now", "now-1h", NOW)).hasMessageContaining("must be before 'to'");
    }

    @Test
    void histogramIntervalsKeepAboutSixtyBars() {
        assertThat(HistogramInterval.forSpan(Duration.ofMinutes(15)).elasticsearch()).isEqualTo("30s");
        assertThat(HistogramInterval.forSpan(Duration.ofHours(12)).elasticsearch()).isEqualTo("30m");
        assertThat(HistogramInterval.forSpan(Duration.ofDays(9)).elasticsearch()).isEqualTo("6h");
        assertThat(HistogramInterval.forSpan(Duration.ofDays(365 * 200)).width().toDays()).isGreaterThan(365);
        for (long minutes = 1; minutes < 10_000_000; minutes *= 3) {
            HistogramInterval interval = HistogramInterval.forSpan(Duration.ofMinutes(minutes));
            assertThat(Duration.ofMinutes(minutes).toMillis() / interval.width().toMillis()).isLessThan(60);
        }
    }
}
