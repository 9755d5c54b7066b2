package io.helklab;

import static org.assertj.core.api.Assertions.assertThat;

import io.helklab.config.ExternalKafkaConfig;
import io.helklab.config.HelkLabConfig;
import io.helklab.ingest.Indexer;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The indexer's static group identity: constant with the embedded broker, one per home on a shared cluster. */
class GroupInstanceIdTest {

    private static HelkLabConfig attached(String home) {
        HelkLabConfig config = HelkLabConfig.ephemeral(Path.of(home));
        return config.withKafka(config.kafka().withExternal(ExternalKafkaConfig.at("k1:9092")));
    }

    @Test
    void theEmbeddedBrokerKeepsTheConstantIdentity() {
        assertThat(EmbeddedServices.groupInstanceId(HelkLabConfig.ephemeral(Path.of("/tmp/a"))))
                .isEqualTo(Indexer.GROUP_ID + "-0");
    }

    @Test
    void appliancesSharingAClusterGetOneIdentityPerHomeThatSurvivesARestart() {
        String first = EmbeddedServices.groupInstanceId(attached("/tmp/a"));
        assertThat(first).startsWith(Indexer.GROUP_ID + "-").isNotEqualTo(Indexer.GROUP_ID + "-0");
        assertThat(EmbeddedServices.groupInstanceId(attached("/tmp/a"))).isEqualTo(first);
        assertThat(EmbeddedServices.groupInstanceId(attached("/tmp/b"))).isNotEqualTo(first);
    }
}
