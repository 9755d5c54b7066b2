package io.helklab.launcher.bench;

import io.helklab.junit.FixtureStartProbe;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * How long the JUnit fixture takes to become ready, for Elasticsearch alone, the default set
 * (Elasticsearch + Kafka + indexer) and everything (+ Spark). Each start runs in a fresh JVM
 * ({@link FixtureStartProbe}), so class loading and JIT warm-up are paid every time, as in a test run.
 * Each configuration runs with the fixture's class preloading and, alternately, without it (the
 * baseline). Prints the median, minimum and maximum of both, and their ratio; asserts nothing.
 */
@Command(name = "fixture", mixinStandardHelpOptions = true,
        description = "JUnit fixture start time in fresh JVMs: Elasticsearch only, the default set, everything; each with and without class preloading.")
public final class FixtureStartBenchmark implements Callable<Integer> {

    @Option(names = "--runs", defaultValue = "5", description = "Fresh JVMs per configuration (default: ${DEFAULT-VALUE}).")
    int runs;

    @Parameters(arity = "0..*", paramLabel = "CONFIGURATION",
            description = "elasticsearch, default or everything (default: all three).")
    List<String> chosen = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        System.out.println(Statistics.format("Fixture start benchmark: %d fresh JVMs per configuration, Java %s, %d cores",
                runs, Runtime.version(), Runtime.getRuntime().availableProcessors()));
        List<String> configurations = chosen.isEmpty() ? List.copyOf(FixtureStartProbe.configurations().keySet()) : chosen;
        for (String configuration : configurations) {
            // The baseline, without class preloading, alternates with the measured runs so that both see the same machine.
            Runs preloading = new Runs();
            Runs baseline = new Runs();
            for (int run = 1; run <= runs; run++) {
                preloading.add(FixtureStartProbe.run(configuration, List.of()));
                baseline.add(FixtureStartProbe.run(configuration, List.of(FixtureStartProbe.NO_PRELOAD)));
            }
            preloading.print(configuration);
            baseline.print("  no preload");
            System.out.println(Statistics.format("  %-14s preloading / no preload: %.2f", "",
                    preloading.median() / baseline.median()));
        }
        return 0;
    }

    /** The figures of one configuration's runs. */
    private static final class Runs {
        private final List<Long> ready = new ArrayList<>();
        private final List<Long> fromLaunch = new ArrayList<>();
        private final List<Long> cpu = new ArrayList<>();
        private String services = "";

        void add(FixtureStartProbe.Result result) {
            ready.add(result.readyMillis());
            fromLaunch.add(result.sinceLaunchMillis());
            cpu.add(result.cpuMillis());
            services = result.perService();
        }

        double median() {
            return Statistics.median(ready);
        }

        void print(String label) {
            System.out.println(Statistics.format("  %-14s fixture ready in %5.2f s median (min %.2f, max %.2f; target 4 s: "
                    + "ratio %.2f); JVM launch to ready %5.2f s; CPU used %5.2f s; last run per service %s", label,
                    median() / 1000.0, Statistics.min(ready) / 1000.0, Statistics.max(ready) / 1000.0,
                    median() / 4000.0, Statistics.median(fromLaunch) / 1000.0, Statistics.median(cpu) / 1000.0, services));
        }
    }
}
