package io.helklab.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;

import io.helklab.HelkLab;
import io.helklab.SharedAppliance;
import io.helklab.TestHttp;
import io.helklab.scenarios.LoadedSamples;
import io.helklab.service.ServiceHealth;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** On one node no index of ours has a replica, and a yellow cluster never hides behind a green health. */
class SingleNodeIndexDefaultsIT {
    private static HelkLab lab;

    @BeforeAll
    static void start() {
        lab = SharedAppliance.get();
    }

    @Test
    void theLoadedSamplesIndexHasNoReplicaAndIsGreen() throws Exception {
        new LoadedSamples(new ElasticsearchHttp(lab.elasticsearchUrl())).record("run-key-persistence", 0, 1);

        TestHttp.Response settings = TestHttp.get(lab.elasticsearchUrl() + "/" + LoadedSamples.INDEX
                + "/_settings/index.number_of_replicas");
        assertThat(settings.body().at("/" + LoadedSamples.INDEX + "/settings/index/number_of_replicas").asText())
                .isEqualTo("0");
        TestHttp.Response health = TestHttp.get(lab.elasticsearchUrl() + "/_cluster/health/" + LoadedSamples.INDEX
                + "?wait_for_status=green&timeout=10s");
        assertThat(health.body().path("status").asText()).isEqualTo("green");
    }

    @Test
    void anyNewIndexGetsNoReplica() {
        String index = "any-" + UUID.randomUUID().toString().substring(0, 8);
        TestHttp.put(lab.elasticsearchUrl() + "/" + index + "/_doc/1?refresh=true", "{\"a\": 1}");
        try {
            assertThat(TestHttp.get(lab.elasticsearchUrl() + "/" + index + "/_settings").body()
                    .at("/" + index + "/settings/index/number_of_replicas").asText()).isEqualTo("0");
        } finally {
            lab.elasticsearch().client().admin().indices().prepareDelete(index).get();
        }
    }

    @Test
    void anIndexAnEarlierVersionCreatedWithAReplicaLosesItAtTheNextStart() {
        String index = "older-" + UUID.randomUUID().toString().substring(0, 8);
        TestHttp.put(lab.elasticsearchUrl() + "/" + index, "{\"settings\": {\"index.number_of_replicas\": 1}}");
        try {
            SingleNodeIndexDefaults.install(lab.elasticsearch().client());

            assertThat(TestHttp.get(lab.elasticsearchUrl() + "/" + index + "/_settings").body()
                    .at("/" + index + "/settings/index/number_of_replicas").asText()).isEqualTo("0");
        } finally {
            lab.elasticsearch().client().admin().indices().prepareDelete(index).get();
        }
    }

    @Test
    void aYellowClusterIsReportedAsDegradedWithTheIndexToBlame() {
        String index = "replicated-" + UUID.randomUUID().toString().substring(0, 8);
        TestHttp.put(lab.elasticsearchUrl() + "/" + index, "{\"settings\": {\"index.number_of_replicas\": 1}}");
        try {
            ServiceHealth health = lab.health().get("elasticsearch");
            assertThat(health.degraded()).as(health.toString()).isTrue();
            assertThat(health.details().get("cluster")).isEqualTo("yellow");
            assertThat((String) health.details().get(ServiceHealth.DEGRADED)).contains(index, "number_of_replicas");
        } finally {
            lab.elasticsearch().client().admin().indices().prepareDelete(index).get();
        }
        ServiceHealth after = lab.health().get("elasticsearch");
        assertThat(after.degraded()).as(after.toString()).isFalse();
        assertThat(after.details().get("cluster")).isEqualTo("green");
    }
}
