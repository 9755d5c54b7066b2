package io.helklab.samples;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TimeRebaserTest {

    @Test
    void shiftsEveryTimeOfEveryFormatAndNothingElse() {
        TimeRebaser rebaser = TimeRebaser.byDays(400);
        for (Scenario scenario : SampleCatalog.builtIn()) {
            String original = firstRecord(scenario);
            String originalDay = scenario.start().toString().substring(0, 10);
            String rebased = rebaser.rebase(original);
            assertThat(rebased).as(scenario.format().id()).doesNotContain(originalDay);
            String newDay = scenario.start().plus(java.time.Duration.ofDays(400)).toString().substring(0, 10);
            assertThat(rebased).contains(newDay);
            assertThat(rebased.replace(newDay, originalDay)).isEqualTo(original);
        }
    }

    @Test
    void shiftsTimesQuotedInsideMessagesAndTaskXml() {
        String record = "{\"TimeCreated\":\"2026-10-09T09:38:05.123\",\"TaskContent\":\"<Date>2026-10-09T09:38:05</Date>\","
                + "\"Message\":\"UtcTime: 2026-10-09 09:38:05.123\",\"Other\":\"2026-10-09 09:38:05\"}";
        String rebased = TimeRebaser.byDays(-9).rebase(record);
        assertThat(rebased).isEqualTo("{\"TimeCreated\":\"2026-09-30T09:38:05.123\",\"TaskContent\":\"<Date>2026-09-30T09:38:05</Date>\","
                + "\"Message\":\"UtcTime: 2026-09-30 09:38:05.123\",\"Other\":\"2026-10-09 09:38:05\"}");
    }

    @Test
    void rebasingIsRepeatableAndZeroDaysIsTheIdentity() {
        String record = firstRecord(SampleCatalog.find("encoded-powershell-cradle"));
        byte[] bytes = record.getBytes(StandardCharsets.UTF_8);
        assertThat(TimeRebaser.byDays(3).rebase(bytes)).isEqualTo(TimeRebaser.byDays(3).rebase(bytes));
        assertThat(TimeRebaser.byDays(0).rebase(record)).isSameAs(record);
    }

    @Test
    void computesTheWholeDayShiftThatMovesTheEndToToday() {
        Scenario scenario = SampleCatalog.find("periodic-beaconing");
        Clock lateThatNight = Clock.fixed(Instant.parse("2026-10-15T23:59:00Z"), ZoneOffset.UTC);
        Clock monthLater = Clock.fixed(Instant.parse("2026-11-14T00:30:00Z"), ZoneOffset.UTC);
        assertThat(TimeRebaser.wholeDaysToToday(scenario.end(), lateThatNight)).isZero();
        assertThat(TimeRebaser.toToday(scenario, monthLater).days()).isEqualTo(30);
    }

    @Test
    void rejectsRecordsThatAreNotJsonObjects() {
        assertThatThrownBy(() -> TimeRebaser.byDays(1).rebase("not json at all"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not json at all");
        assertThatThrownBy(() -> TimeRebaser.byDays(1).rebase("[1,2]")).hasMessageContaining("not a JSON object");
    }

    private static String firstRecord(Scenario scenario) {
        try (Stream<byte[]> records = scenario.records()) {
            return new String(records.findFirst().orElseThrow(), StandardCharsets.UTF_8);
        }
    }
}
