package io.helklab.launcher.bench;

import io.helklab.HelkLab;
import io.helklab.config.Component;
import io.helklab.config.HelkLabConfig;
import io.helklab.elasticsearch.ElasticsearchHttp;
import io.helklab.hunting.HuntingMethod;
import io.helklab.hunting.ScenarioRanks;
import io.helklab.samples.SampleCatalog;
import io.helklab.samples.Scenario;
import io.helklab.scenarios.SampleLoader;
import io.helklab.scenarios.SampleVerifier;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Times the analytics over the full sample set (all nine scenarios, about 107,000 events): the lineage motif
 * over the whole process tree, a selective SQL hunt that Elasticsearch answers through push-down, and an
 * aggregating SQL hunt that reads every network connection. Prints the median, fastest and slowest of
 * {@value #RUNS} runs after one warm-up, with the result sizes, so runs on different machines compare. Then the
 * machine-learning hunts: their run time over all samples and the rank of each scenario's attack in each.
 *
 * <p>{@link #main} starts its own appliance (without the streams, which would compete for the cores) in a
 * temporary home; {@link #run} uses a running one and replays the samples into it if they are missing.
 */
public final class AnalyticsBenchmark {
    static final int RUNS = 5;
    static final int HUNTING_RUNS = 3;

    private AnalyticsBenchmark() {
    }

    public static void main(String[] arguments) throws Exception {
        Path home = Files.createTempDirectory("helk-lab-analytics-benchmark-");
        EnumSet<Component> components = EnumSet.allOf(Component.class);
        components.remove(Component.STREAMS);
        try (HelkLab lab = HelkLab.create(HelkLabConfig.ephemeral(home).withComponents(components)).start()) {
            run(lab, System.out);
        }
    }

    /** Replays the samples if needed, then times the workloads and prints the figures to {@code out}. */
    public static void run(HelkLab lab, PrintStream out) throws Exception {
        long loadStart = System.nanoTime();
        List<Scenario> all = SampleCatalog.builtIn();
        ElasticsearchHttp elasticsearch = new ElasticsearchHttp(lab.elasticsearchUrl());
        long documents = all.stream().mapToLong(Scenario::eventCount).sum();
        boolean present = new SampleVerifier(elasticsearch)
                .awaitSearchable(all, 0, Duration.ZERO, count -> { });
        if (!present && !new SampleLoader(lab.kafkaBootstrapServers())
                .loadAndAwait(all, 0, elasticsearch, Duration.ofMinutes(20), count -> { }, count -> { }).complete()) {
            throw new IllegalStateException("not every sample event became searchable within 20 minutes; indexer: "
                    + lab.health().get("indexer"));
        }
        out.printf("Sample set: %,d events indexed (ready after %.1f s)%n", documents,
                (System.nanoTime() - loadStart) / 1e9);
        lab.huntData().refresh();

        Map<String, LongSupplier> workloads = new LinkedHashMap<>();
        workloads.put("lineage motif (a)-[]->(b); (b)-[]->(c), all chains",
                () -> lab.huntData().processTree().find("(a)-[]->(b); (b)-[]->(c)").count());
        workloads.put("lineage motif, chains ending in one process",
                () -> lab.huntData().processTree().find("(a)-[]->(b); (b)-[]->(c)")
                        .where("c.process_name = 'werfault.exe'").count());
        workloads.put("SQL hunt: LSASS opened for read (push-down)",
                () -> lab.huntData().sql("SELECT process_guid, process_path FROM sysmon WHERE event_id = 10"
                        + " AND target_process_name = 'lsass.exe' AND process_granted_access IN (4112, 2097151)").count());
        workloads.put("SQL hunt: beaconing by interval jitter (all connections)",
                () -> lab.huntData().sql("WITH c AS (SELECT process_guid, dst_ip_addr, unix_timestamp(`@timestamp`)"
                        + " - unix_timestamp(lag(`@timestamp`) OVER (PARTITION BY process_guid, dst_ip_addr"
                        + " ORDER BY `@timestamp`)) AS gap FROM sysmon WHERE event_id = 3)"
                        + " SELECT process_guid, dst_ip_addr, count(*) AS n, stddev(gap) / avg(gap) AS jitter FROM c"
                        + " GROUP BY process_guid, dst_ip_addr HAVING count(*) >= 50 ORDER BY jitter LIMIT 5").count());

        out.printf("%-58s %10s %10s %10s %10s%n", "workload", "median ms", "min ms", "max ms", "rows");
        Map<String, Double> medians = new LinkedHashMap<>();
        for (Map.Entry<String, LongSupplier> workload : workloads.entrySet()) {
            long rows = workload.getValue().getAsLong();
            List<Double> millis = new ArrayList<>();
            for (int run = 0; run < RUNS; run++) {
                long start = System.nanoTime();
                rows = workload.getValue().getAsLong();
                millis.add((System.nanoTime() - start) / 1e6);
            }
            Collections.sort(millis);
            double median = millis.get(millis.size() / 2);
            medians.put(workload.getKey(), median);
            out.printf("%-58s %10.0f %10.0f %10.0f %,10d%n", workload.getKey(), median, millis.get(0),
                    millis.get(millis.size() - 1), rows);
        }
        List<Double> values = new ArrayList<>(medians.values());
        out.printf("Ratio all-chains motif / push-down hunt: %.1fx; aggregating hunt / push-down hunt: %.1fx%n",
                values.get(0) / values.get(2), values.get(3) / values.get(2));
        huntingMethods(lab, all, out);
    }

    /**
     * The machine-learning hunts: run time over all samples (median of {@value #HUNTING_RUNS} after a warm-up), and
     * the rank of each scenario's attack when the method hunts that scenario's day.
     */
    static void huntingMethods(HelkLab lab, List<Scenario> scenarios, PrintStream out) {
        Dataset<Row> sysmon = lab.huntData().events("sysmon");
        out.printf("%n%-28s %10s %10s %10s %10s%n", "hunting method, all samples", "median ms", "min ms", "max ms",
                "rows");
        for (HuntingMethod method : HuntingMethod.values()) {
            long rows = method.rank(sysmon).count();
            List<Double> millis = new ArrayList<>();
            for (int run = 0; run < HUNTING_RUNS; run++) {
                long start = System.nanoTime();
                rows = method.rank(sysmon).count();
                millis.add((System.nanoTime() - start) / 1e6);
            }
            Collections.sort(millis);
            out.printf("%-28s %10.0f %10.0f %10.0f %,10d%n", method.title(), millis.get(millis.size() / 2),
                    millis.get(0), millis.get(millis.size() - 1), rows);
        }
        Dataset<Row> cached = sysmon.where("event_id IN (1, 3)").cache();
        try {
            out.printf("%nRank of each scenario's attack when hunting its day (- = not in the table)%n%-28s",
                    "scenario");
            for (HuntingMethod method : HuntingMethod.values()) {
                out.printf(" %24s", method.title());
            }
            out.printf(" %8s%n", "best");
            long start = System.nanoTime();
            for (Scenario scenario : scenarios) {
                out.printf("%-28s", scenario.name());
                int best = Integer.MAX_VALUE;
                for (HuntingMethod method : HuntingMethod.values()) {
                    int rank = ScenarioRanks.attackRank(method, scenario, cached);
                    out.printf(" %24s", rank < 0 ? "-" : Integer.toString(rank));
                    best = rank < 0 ? best : Math.min(best, rank);
                }
                out.printf(" %8s%n", best == Integer.MAX_VALUE ? "-" : Integer.toString(best));
            }
            out.printf("Ranked %d scenarios x %d methods in %.1f s%n", scenarios.size(), HuntingMethod.values().length,
                    (System.nanoTime() - start) / 1e9);
        } finally {
            cached.unpersist();
        }
    }
}
