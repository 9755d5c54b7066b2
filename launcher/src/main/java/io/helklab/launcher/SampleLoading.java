package io.helklab.launcher;

import io.helklab.elasticsearch.ElasticsearchHttp;
import io.helklab.samples.SampleCatalog;
import io.helklab.samples.Scenario;
import io.helklab.scenarios.SampleLoader;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/** Replays scenarios into an appliance and waits until they are searchable, with progress on the console. */
final class SampleLoading {
    private SampleLoading() {}

    /** The scenarios a {@code <name|all>} argument selects; an unknown name lists the valid ones. */
    static List<Scenario> select(String nameOrAll) {
        if (nameOrAll.equalsIgnoreCase("all")) {
            return SampleCatalog.builtIn();
        }
        return List.of(SampleCatalog.find(nameOrAll));
    }

    /** Loads, records and waits; returns the number of events sent. */
    static long load(List<Scenario> scenarios, long shiftDays, String kafka, String elasticsearchUrl, Console console)
            throws Exception {
        long total = scenarios.stream().mapToLong(Scenario::eventCount).sum();
        long begin = System.nanoTime();
        ProgressBar sent = new ProgressBar(console, "sent to Kafka", total);
        ProgressBar searchable = new ProgressBar(console, "searchable", total);
        SampleLoader.Loaded loaded = new SampleLoader(kafka).loadAndAwait(scenarios, shiftDays,
                new ElasticsearchHttp(elasticsearchUrl), Duration.ofMinutes(15), sent::update, searchable::update);
        long count = loaded.sent();
        boolean complete = loaded.complete();
        double seconds = (System.nanoTime() - begin) / 1e9;
        if (!complete) {
            throw new IllegalStateException("not every sample event became searchable within 15 minutes; the indexer's "
                    + "progress is in /api/health");
        }
        console.line(String.format(Locale.ROOT, "  %d scenario%s, %,d events searchable in %.1f s (%,.0f events/s)",
                scenarios.size(), scenarios.size() == 1 ? "" : "s", count, seconds, count / seconds));
        return count;
    }
}
