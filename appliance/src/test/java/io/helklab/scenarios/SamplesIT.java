package io.helklab.scenarios;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.helklab.HelkLab;
import io.helklab.SharedAppliance;
import io.helklab.elasticsearch.ElasticsearchHttp;
import io.helklab.samples.SampleCatalog;
import io.helklab.samples.Scenario;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/** Every scenario through Kafka into a running appliance; its self-test passes and counts match. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SamplesIT {
    private static HelkLab lab;
    private static ElasticsearchHttp elasticsearch;
    private static final List<Scenario> ALL = SampleCatalog.builtIn();

    @BeforeAll
    static void start() {
        lab = SharedAppliance.get();
        elasticsearch = new ElasticsearchHttp(lab.elasticsearchUrl());
    }

    @Test
    @Order(1)
    void everyScenarioLoadsAndItsAnswerKeyAndCountsVerify() throws Exception {
        SharedAppliance.withAllSamples();
        SampleVerifier verifier = new SampleVerifier(elasticsearch);
        for (Scenario scenario : ALL) {
            SampleVerifier.Result result = verifier.verify(scenario, 0);
            assertThat(result.checks()).isNotEmpty();
            assertThat(result.checks().stream().filter(check -> !check.passed())
                    .map(check -> check.description() + ": " + check.detail()).collect(Collectors.toList()))
                    .as(scenario.name()).isEmpty();
        }
        assertThat(new LoadedSamples(elasticsearch).all()).extracting(LoadedSamples.Entry::scenario)
                .containsExactlyInAnyOrderElementsOf(ALL.stream().map(Scenario::name).toList());
    }

    @Test
    @Order(2)
    void loadingTwiceDoesNotDuplicateAnything() throws Exception {
        long consumedBefore = lab.indexer().statistics().consumed();
        long total = ALL.stream().mapToLong(Scenario::eventCount).sum();
        new SampleLoader(lab.kafkaBootstrapServers()).load(ALL, 0, count -> { });
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        while ((lab.indexer().statistics().consumed() < consumedBefore + total || lab.indexer().statistics().lag() > 0)
                && System.nanoTime() < deadline) {
            Thread.sleep(250);
        }
        assertThat(lab.indexer().statistics().consumed()).isGreaterThanOrEqualTo(consumedBefore + total);
        SampleVerifier verifier = new SampleVerifier(elasticsearch);
        for (Scenario scenario : ALL) {
            Thread.sleep(0);
            assertThat(verifier.searchable(scenario, 0)).as(scenario.name()).isEqualTo(scenario.eventCount());
        }
    }

    @Test
    void anUnknownScenarioNameListsTheValidOnes() {
        assertThatThrownBy(() -> SampleCatalog.find("lsass-dump"))
                .hasMessageContaining("lsass-dump")
                .hasMessageContaining("lsass-credential-dumping")
                .hasMessageContaining("periodic-beaconing");
    }
}
