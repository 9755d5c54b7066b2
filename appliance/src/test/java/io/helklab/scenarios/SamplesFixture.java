package io.helklab.scenarios;

import io.helklab.HelkLab;
import io.helklab.samples.SampleCatalog;
import io.helklab.samples.Scenario;
import java.time.Duration;
import java.util.List;

/** Loads every bundled scenario into an appliance once per test JVM, for the tests that hunt in them. */
public final class SamplesFixture {
    private static boolean loaded;

    private SamplesFixture() {}

    public static synchronized void loadAll(HelkLab lab) throws Exception {
        if (loaded) {
            return;
        }
        List<Scenario> all = SampleCatalog.builtIn();
        ElasticsearchHttp elasticsearch = new ElasticsearchHttp(lab.elasticsearchUrl());
        long sent = new SampleLoader(lab.kafkaBootstrapServers()).load(all, 0, count -> { });
        for (Scenario scenario : all) {
            new LoadedSamples(elasticsearch).record(scenario.name(), 0, scenario.eventCount());
        }
        boolean complete = new SampleVerifier(elasticsearch).awaitSearchable(all, 0, Duration.ofMinutes(10), count -> { });
        if (!complete) {
            throw new AssertionError("not every one of the " + sent + " sample events became searchable within 10 minutes");
        }
        loaded = true;
    }
}
