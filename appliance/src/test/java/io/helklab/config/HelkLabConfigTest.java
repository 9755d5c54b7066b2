package io.helklab.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;

class HelkLabConfigTest {

    @Test
    void defaultsAreLoopbackWithTheWellKnownPorts() {
        HelkLabConfig config = HelkLabConfig.defaults();
        assertThat(config.bindAddress()).isEqualTo("127.0.0.1");
        assertThat(config.loopbackOnly()).isTrue();
        assertThat(config.zookeeper().port()).isEqualTo(2181);
        assertThat(config.kafka().port()).isEqualTo(9092);
        assertThat(config.elasticsearch().port()).isEqualTo(9200);
        assertThat(config.spark().connectPort()).isEqualTo(15002);
        assertThat(config.kafka().topics()).containsExactly("winlogbeat", "winevent", "SYSMON_JOIN", "alerts");
        assertThat(config.home()).isEqualTo(Path.of(System.getProperty("user.home"), ".helk-lab"));
    }

    @Test
    void ephemeralSetsEveryPortToZero() {
        HelkLabConfig config = HelkLabConfig.ephemeral(Path.of("/tmp/h"));
        assertThat(config.zookeeper().port()).isZero();
        assertThat(config.kafka().port()).isZero();
        assertThat(config.elasticsearch().port()).isZero();
        assertThat(config.spark().connectPort()).isZero();
    }

    @Test
    void componentsBringWhatTheyNeed() {
        HelkLabConfig config = HelkLabConfig.defaults().withComponents(Set.of(Component.INDEXER));
        assertThat(config.components())
                .containsExactlyInAnyOrder(Component.INDEXER, Component.KAFKA, Component.ZOOKEEPER, Component.ELASTICSEARCH);
    }

    @Test
    void rejectsBadValuesWithAClearMessage() {
        assertThatThrownBy(() -> HelkLabConfig.defaults().withBindAddress("my-laptop"))
                .hasMessageContaining("bind address must be an IP address").hasMessageContaining("'my-laptop'");
        assertThatThrownBy(() -> new KafkaConfig(70000, null, KafkaConfig.DEFAULT_TOPICS))
                .hasMessage("the Kafka port must be between 0 and 65535 (0 picks a free port), got 70000");
        assertThatThrownBy(() -> KafkaConfig.defaults().withTopics(java.util.List.of("win logbeat")))
                .hasMessageContaining("'win logbeat' is not a valid Kafka topic name");
        assertThatThrownBy(() -> HelkLabConfig.defaults().withPassword("short"))
                .hasMessage("the password must have at least 8 characters");
    }

    @Test
    void aNonLoopbackBindIsNotLoopbackOnly() {
        assertThat(HelkLabConfig.defaults().withBindAddress("0.0.0.0").loopbackOnly()).isFalse();
        assertThat(HelkLabConfig.defaults().withBindAddress("::1").loopbackOnly()).isTrue();
    }
}
