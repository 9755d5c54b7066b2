package io.helklab.launcher.bench;

import io.helklab.HelkLab;
import io.helklab.config.Component;
import io.helklab.config.DetectionConfig;
import io.helklab.config.HelkLabConfig;
import io.helklab.detection.DetectionEngine;
import io.helklab.detection.EventView;
import io.helklab.detection.RuleStatus;
import io.helklab.detection.SyntheticRules;
import io.helklab.elasticsearch.ElasticsearchHttp;
import io.helklab.home.Directories;
import io.helklab.ingest.TopicNamespace;
import io.helklab.ingest.normalize.DetectionEvents;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code benchmark ingest --rules 0,100,3000}: end-to-end events/s with each number of generated Sigma rules
 * loaded into the running appliance's detection service, in one run on one appliance, against the rule-free rate
 * (measured before and after the others, so drift does not favour either), and the engine's own CPU microseconds
 * per event on this thread.
 */
final class RuleCountBenchmark {
    private static final long SEED = 17;

    private final IngestBenchmark options;
    private final List<byte[]> records;

    RuleCountBenchmark(IngestBenchmark options, List<byte[]> records) {
        this.options = options;
        this.records = records;
    }

    int run(List<Integer> counts) throws Exception {
        Path home = Files.createTempDirectory("helk-lab-rules-bench-");
        Path rules = Files.createDirectories(home.resolve("bench-rules"));
        DetectionConfig detection = DetectionConfig.defaults().withBuiltInRules(false)
                .withRuleDirectories(List.of(rules)).withReloadInterval(Duration.ofHours(1));
        HelkLabConfig config = HelkLabConfig.ephemeral(home).withComponents(Set.of(Component.INDEXER))
                .withDetection(detection);
        System.out.println(Statistics.format("Rules benchmark: %,d events per pass, rule counts %s, %d warm-up passes",
                records.size(), counts, options.warmupRounds));
        try (HelkLab lab = HelkLab.create(config).start()) {
            ElasticsearchHttp elasticsearch = new ElasticsearchHttp(lab.elasticsearchUrl());
            int largest = counts.stream().mapToInt(Integer::intValue).max().orElse(0);
            load(lab, rules, largest);
            List<byte[]> warmup = records.subList(0, Math.min(Math.max(options.warmup, 1), records.size()));
            for (int round = 1; round <= options.warmupRounds; round++) {
                double rate = warmup.size() / pass(lab, "bench-rules-warmup-" + round, warmup, elasticsearch);
                System.out.println(Statistics.format("  warm-up %d of %d with %,d rules: %,7.0f events/s (not measured)",
                        round, options.warmupRounds, largest, rate));
            }
            Map<String, double[]> results = new LinkedHashMap<>();
            List<Integer> order = new ArrayList<>(counts);
            if (counts.contains(0)) {
                order.add(0);
            }
            int pass = 0;
            for (int count : order) {
                int active = load(lab, rules, count);
                double rate = records.size() / pass(lab, "bench-rules-" + (++pass), records, elasticsearch);
                double micros = engineMicrosPerEvent(lab.detection().ruleSet().engine());
                results.computeIfAbsent(count + "", unused -> new double[3]);
                double[] figures = results.get(count + "");
                figures[0] += rate;
                figures[1] += 1;
                figures[2] = micros;
                System.out.println(Statistics.format("  %,6d rules (%,d active): %,9.0f events/s end to end", count,
                        active, rate));
            }
            double baseline = results.containsKey("0") ? results.get("0")[0] / results.get("0")[1] : Double.NaN;
            System.out.println("  summary (rule-free rate: mean of the passes before and after the others):");
            for (Map.Entry<String, double[]> result : results.entrySet()) {
                double rate = result.getValue()[0] / result.getValue()[1];
                System.out.println(Statistics.format("  %,6d rules: %,9.0f events/s, %5.1f %% of N = 0, engine %.2f µs per event",
                        Integer.parseInt(result.getKey()), rate, 100 * rate / baseline, result.getValue()[2]));
            }
            System.out.println("  target: with 3,000 rules at least 85 % of the rule-free rate");
        } finally {
            Directories.deleteRecursively(home);
        }
        return 0;
    }

    /** Replaces the rules with {@code count} generated ones and reloads; returns how many are active. */
    private static int load(HelkLab lab, Path rules, int count) throws Exception {
        Path file = rules.resolve("synthetic.yml");
        if (count == 0) {
            Files.deleteIfExists(file);
        } else {
            Files.writeString(file, SyntheticRules.yaml(count, SEED));
        }
        lab.detection().reload();
        return (int) lab.detection().ruleSet().count(RuleStatus.ACTIVE);
    }

    private double pass(HelkLab lab, String namespace, List<byte[]> batch, ElasticsearchHttp elasticsearch)
            throws Exception {
        double seconds = options.endToEnd(lab, namespace, batch, elasticsearch);
        elasticsearch.send("DELETE", "/" + TopicNamespace.indexPattern(namespace));
        return seconds;
    }

    /** The engine's CPU time per event on this thread: reading every record's view, with and without evaluating. */
    private double engineMicrosPerEvent(DetectionEngine engine) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        List<byte[]> sample = records.subList(0, Math.min(50_000, records.size()));
        double best = Double.MAX_VALUE;
        for (int round = 0; round < 3; round++) {
            long begin = threads.getCurrentThreadCpuTime();
            long matches = 0;
            for (byte[] record : sample) {
                EventView view = DetectionEvents.read(record);
                matches += view == null ? 0 : view.eventId().length();
            }
            long readOnly = threads.getCurrentThreadCpuTime() - begin;
            begin = threads.getCurrentThreadCpuTime();
            for (byte[] record : sample) {
                EventView view = DetectionEvents.read(record);
                matches += engine.evaluate(view).size();
            }
            long withRules = threads.getCurrentThreadCpuTime() - begin;
            // The results are used, so the JIT cannot drop either loop.
            best = Math.min(best, Math.max(0, withRules - readOnly) / 1e3 / sample.size() + (matches < 0 ? 1 : 0));
        }
        return best;
    }
}
