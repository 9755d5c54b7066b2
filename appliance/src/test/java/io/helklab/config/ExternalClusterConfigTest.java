package io.helklab.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What an attached cluster's configuration accepts, and that external Kafka brings no ZooKeeper. */
class ExternalClusterConfigTest {

    @Test
    void externalKafkaStartsNoZooKeeper() {
        HelkLabConfig config = HelkLabConfig.ephemeral(Path.of("/tmp/lab"));
        assertThat(config.has(Component.ZOOKEEPER)).isTrue();

        HelkLabConfig attached = config.withKafka(config.kafka().withExternal(ExternalKafkaConfig.at("k1:9092,k2:9092")));

        assertThat(attached.has(Component.ZOOKEEPER)).isFalse();
        assertThat(attached.has(Component.KAFKA)).isTrue();
        assertThat(attached.kafka().isExternal()).isTrue();
        assertThat(attached.withKafka(attached.kafka().withExternal(null)).has(Component.ZOOKEEPER)).isTrue();
    }

    @Test
    void elasticsearchUrlsMustBeHttpAndCarryNoCredentials() {
        assertThatThrownBy(() -> ExternalElasticsearchConfig.at(List.of(URI.create("es1:9200"))))
                .hasMessageContaining("--elasticsearch").hasMessageContaining("http://es1:9200");
        assertThatThrownBy(() -> ExternalElasticsearchConfig.at(List.of(URI.create("https://elastic:secret@es1:9200"))))
                .hasMessageContaining("no credentials in the URL").hasMessageNotContaining("secret");
        assertThatThrownBy(() -> ExternalElasticsearchConfig.at(List.of()))
                .hasMessageContaining("at least one URL");
    }

    @Test
    void oneWayToAuthenticateAndNoSecretInToString() {
        ExternalElasticsearchConfig cluster = ExternalElasticsearchConfig.at(List.of(URI.create("https://es1:9200")));
        assertThatThrownBy(() -> cluster.withBasicAuthentication("hunter", null))
                .hasMessageContaining("--elasticsearch-password-file")
                .hasMessageContaining(ExternalElasticsearchConfig.ELASTICSEARCH_PASSWORD_VARIABLE);
        assertThatThrownBy(() -> cluster.withApiKey("id:key").withBasicAuthentication("hunter", "pass-word"))
                .hasMessageContaining("not both");

        String shown = cluster.withBasicAuthentication("hunter", "pass-word").toString()
                + cluster.withApiKey("id:api-key-secret");
        assertThat(shown).contains("hunter").doesNotContain("pass-word", "api-key-secret");
    }

    @Test
    void kafkaBootstrapServersAndPropertiesAreChecked() {
        assertThatThrownBy(() -> ExternalKafkaConfig.at("k1")).hasMessageContaining("--kafka takes HOST:PORT");
        assertThatThrownBy(() -> ExternalKafkaConfig.at("k1:9092").withClientProperties(Map.of("bootstrap.servers", "x:1")))
                .hasMessageContaining("--kafka-config must not set bootstrap.servers");
        assertThatThrownBy(() -> ExternalKafkaConfig.at("k1:9092").withMinimumPartitions(0))
                .hasMessageContaining("--kafka-min-partitions");
        ExternalKafkaConfig secured = ExternalKafkaConfig.at("k1:9093")
                .withClientProperties(Map.of("sasl.jaas.config", "... password=\"kafka-secret\";"));
        assertThat(secured.toString()).contains("sasl.jaas.config").doesNotContain("kafka-secret");
    }
}
