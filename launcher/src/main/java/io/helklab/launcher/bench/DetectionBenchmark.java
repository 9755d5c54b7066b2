package io.helklab.launcher.bench;

import io.helklab.detection.DetectionEngine;
import io.helklab.detection.EventView;
import io.helklab.detection.RuleLoadOptions;
import io.helklab.detection.RuleLoader;
import io.helklab.detection.RuleSet;
import io.helklab.detection.SyntheticRules;
import io.helklab.detection.sigma.Placeholders;
import io.helklab.ingest.normalize.DetectionEvents;
import io.helklab.ingest.normalize.EventNormalizer;
import io.helklab.samples.SampleCatalog;
import io.helklab.samples.Scenario;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Micro benchmark of the rule engine (no JMH, no services): the sample datasets' events, read once with the
 * normaliser's reader, evaluated against N synthetic rules shaped like a real Windows rule set. Prints the engine's
 * CPU microseconds per event for each N beside the normaliser's own cost per event, and the share of the normalising
 * thread's time the engine would leave to ingest.
 */
@Command(name = "detection", mixinStandardHelpOptions = true,
        description = "The Sigma engine's CPU µs per event over the sample events with N generated rules, beside the normaliser's.")
public final class DetectionBenchmark implements Callable<Integer> {
    private static final long SEED = 20261207L;
    private static final int WARM_UP_PASSES = 3;
    private static final int MEASURED_PASSES = 3;
    /** CPU time of the measuring thread: the machine is shared, and wall-clock time would count other work. */
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    @Option(names = "--rules", split = ",", paramLabel = "N", defaultValue = "0,100,3000",
            description = "Rule counts to measure (default: ${DEFAULT-VALUE}).")
    List<Integer> ruleCounts;

    @Override
    public Integer call() {
        List<byte[]> records = new ArrayList<>();
        for (Scenario scenario : SampleCatalog.builtIn()) {
            try (Stream<byte[]> stream = scenario.records()) {
                stream.forEach(records::add);
            }
        }
        List<EventView> events = new ArrayList<>(records.size());
        for (byte[] record : records) {
            events.add(DetectionEvents.read(record));
        }
        double normalizer = normalizerMicros(records);
        System.out.printf("%,d events from %d sample datasets; normaliser %.2f µs/event%n", events.size(),
                SampleCatalog.builtIn().size(), normalizer);
        System.out.printf("%7s %8s %12s %14s %10s %14s%n", "rules", "active", "prefiltered", "engine µs/ev",
                "matches", "ingest share");
        for (int count : ruleCounts) {
            RuleSet rules = new RuleLoader(RuleLoadOptions.defaults())
                    .addText(SyntheticRules.yaml(count, SEED), "synthetic", Placeholders.NONE).build();
            DetectionEngine engine = rules.engine();
            long matches = 0;
            for (int pass = 0; pass < WARM_UP_PASSES; pass++) {
                matches = evaluate(engine, events);
            }
            long start = THREADS.getCurrentThreadCpuTime();
            for (int pass = 0; pass < MEASURED_PASSES; pass++) {
                evaluate(engine, events);
            }
            double micros = (THREADS.getCurrentThreadCpuTime() - start) / 1_000.0 / MEASURED_PASSES / events.size();
            System.out.printf("%7d %8d %11.0f%% %14.2f %10d %13.1f%%%n", count, rules.activeRules().size(),
                    engine.prefilteredShare() * 100, micros, matches, 100 * normalizer / (normalizer + micros));
        }
        return 0;
    }

    private static long evaluate(DetectionEngine engine, List<EventView> events) {
        long matches = 0;
        for (EventView event : events) {
            matches += engine.evaluate(event).size();
        }
        return matches;
    }

    private static double normalizerMicros(List<byte[]> records) {
        EventNormalizer normalizer = new EventNormalizer(Clock.systemUTC());
        long sink = 0;
        for (int pass = 0; pass < WARM_UP_PASSES; pass++) {
            for (byte[] record : records) {
                sink += normalizer.normalize(record).source().length;
            }
        }
        long start = THREADS.getCurrentThreadCpuTime();
        for (int pass = 0; pass < MEASURED_PASSES; pass++) {
            for (byte[] record : records) {
                sink += normalizer.normalize(record).source().length;
            }
        }
        double micros = (THREADS.getCurrentThreadCpuTime() - start) / 1_000.0 / MEASURED_PASSES / records.size();
        return sink == 0 ? -1 : micros;
    }
}
