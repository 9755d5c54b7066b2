package io.helklab.scenarios;

import io.helklab.HelkLab;
import io.helklab.elasticsearch.ElasticsearchHttp;
import io.helklab.samples.SampleCatalog;
import java.time.Duration;

/** Loads every bundled scenario into the shared appliance once per test JVM, for the tests that hunt in them. */
public final class SamplesFixture {
    private static boolean loaded;

    private SamplesFixture() {}

    public static synchronized void loadAll(HelkLab lab) throws Exception {
        if (loaded) {
            return;
        }
        SampleLoader.Loaded result = new SampleLoader(lab.kafkaBootstrapServers()).loadAndAwait(SampleCatalog.builtIn(), 0,
                new ElasticsearchHttp(lab.elasticsearchUrl()), Duration.ofMinutes(10), count -> { }, count -> { });
        if (!result.complete()) {
            throw new AssertionError("only " + result.searchable() + " of the " + result.expected()
                    + " sample events became searchable within 10 minutes; indexer: " + lab.health().get("indexer"));
        }
        loaded = true;
    }
}
