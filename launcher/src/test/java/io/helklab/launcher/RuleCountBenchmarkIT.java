package io.helklab.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's {@code benchmark ingest --rules 0,100,3000}, small: the shaded jar runs the whole pipeline with 0 and
 * 100 generated rules and prints each rate, the rule-free baseline of the same run and the engine's µs per event.
 * Asserts what is printed, never a time.
 */
class RuleCountBenchmarkIT {

    @Test
    void printsEachRuleCountAgainstTheRuleFreeRateOfTheSameRun(@TempDir Path work) throws Exception {
        try (JarProcess benchmark = JarProcess.start(JarProcess.currentJava(), work, "benchmark", "ingest",
                "--rules", "0,100", "--events", "2000", "--warmup-rounds", "0")) {
            assertThat(benchmark.awaitExit(Duration.ofMinutes(10))).as(benchmark.output()).isZero();
            assertThat(benchmark.stdout())
                    .contains("Rules benchmark: 2,000 events per pass, rule counts [0, 100]")
                    .containsPattern("100 rules \\(100 active\\): +[\\d,]+ events/s end to end")
                    .contains("summary (rule-free rate: mean of the passes before and after the others)")
                    .containsPattern("\\s0 rules: +[\\d,]+ events/s, 100\\.0 % of N = 0")
                    .containsPattern("100 rules: +[\\d,]+ events/s, +[\\d.]+ % of N = 0, engine [\\d.]+ .{1,2}s per event");
        }
    }
}
