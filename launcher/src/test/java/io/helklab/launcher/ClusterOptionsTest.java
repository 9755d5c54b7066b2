package io.helklab.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.helklab.config.Component;
import io.helklab.config.ExternalElasticsearchConfig;
import io.helklab.config.HelkLabConfig;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Pins the mapping of the attach flags into the configuration, and that secrets never come from the command line. */
class ClusterOptionsTest {
    @TempDir
    Path directory;

    private static ApplianceOptions parse(String... args) {
        LauncherCommand command = new LauncherCommand();
        new CommandLine(command).parseArgs(args);
        return command.options;
    }

    private static HelkLabConfig config(ApplianceOptions options, Map<String, String> environment) {
        return options.clusters.applyTo(HelkLabConfig.defaults(), environment);
    }

    @Test
    void withoutAttachFlagsEverythingIsEmbedded() {
        HelkLabConfig config = parse().toConfig();
        assertThat(config.elasticsearch().isExternal()).isFalse();
        assertThat(config.kafka().isExternal()).isFalse();
        assertThat(config.has(Component.ZOOKEEPER)).isTrue();
    }

    @Test
    void everyAttachFlagReachesTheConfiguration() throws Exception {
        Path password = Files.writeString(directory.resolve("es-password"), "s3cret-pass\n");
        Path ca = Files.writeString(directory.resolve("ca.pem"), "not checked until start");
        Path kafkaConfig = Files.writeString(directory.resolve("kafka.properties"),
                "security.protocol=SASL_SSL\nsasl.mechanism=SCRAM-SHA-512\n");
        HelkLabConfig config = config(parse("--elasticsearch", "https://es1:9200,https://es2:9200", "--elasticsearch-user",
                "hunter", "--elasticsearch-password-file", password.toString(), "--elasticsearch-ca", ca.toString(),
                "--kafka", "k1:9093,k2:9093", "--kafka-config", kafkaConfig.toString(), "--kafka-min-partitions", "6"),
                Map.of());

        ExternalElasticsearchConfig elasticsearch = config.elasticsearch().external();
        assertThat(elasticsearch.urls()).containsExactly(URI.create("https://es1:9200"), URI.create("https://es2:9200"));
        assertThat(elasticsearch.user()).isEqualTo("hunter");
        assertThat(elasticsearch.password()).isEqualTo("s3cret-pass");
        assertThat(elasticsearch.certificateAuthority()).isEqualTo(ca);
        assertThat(config.kafka().external().bootstrapServers()).isEqualTo("k1:9093,k2:9093");
        assertThat(config.kafka().external().clientProperties()).containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("sasl.mechanism", "SCRAM-SHA-512");
        assertThat(config.kafka().external().minimumPartitions()).isEqualTo(6);
        assertThat(config.has(Component.ZOOKEEPER)).isFalse();
    }

    @Test
    void thePasswordMayComeFromTheEnvironmentButNeverFromTheCommandLine() {
        HelkLabConfig config = config(parse("--elasticsearch", "http://es1:9200", "--elasticsearch-user", "hunter"),
                Map.of(ExternalElasticsearchConfig.ELASTICSEARCH_PASSWORD_VARIABLE, "from-the-environment"));
        assertThat(config.elasticsearch().external().password()).isEqualTo("from-the-environment");

        assertThatThrownBy(() -> parse("--elasticsearch", "http://es1:9200", "--elasticsearch-password", "visible-in-ps"))
                .isInstanceOf(CommandLine.UnmatchedArgumentException.class);
        assertThatThrownBy(() -> config(parse("--elasticsearch", "http://es1:9200", "--elasticsearch-user", "hunter"), Map.of()))
                .hasMessageContaining("--elasticsearch-password-file");
    }

    @Test
    void anApiKeyComesFromItsFile() throws Exception {
        Path key = Files.writeString(directory.resolve("api-key"), "id:key\n");
        HelkLabConfig config = config(parse("--elasticsearch", "http://es1:9200", "--elasticsearch-api-key-file",
                key.toString()), Map.of());
        assertThat(config.elasticsearch().external().apiKey()).isEqualTo("id:key");
    }

    @Test
    void badAttachInputNamesTheFlag() {
        assertThatThrownBy(() -> config(parse("--elasticsearch-user", "hunter"), Map.of()))
                .hasMessageContaining("go with --elasticsearch URL");
        assertThatThrownBy(() -> config(parse("--kafka-config", "/nowhere"), Map.of()))
                .hasMessageContaining("--kafka-config goes with --kafka");
        assertThatThrownBy(() -> config(parse("--kafka", "k1:9093", "--kafka-config", directory.resolve("missing").toString()),
                Map.of())).hasMessageContaining("--kafka-config").hasMessageContaining("cannot be read");
        assertThatThrownBy(() -> config(parse("--elasticsearch", "es1 9200"), Map.of()))
                .hasMessageContaining("--elasticsearch");
        assertThatThrownBy(() -> config(parse("--elasticsearch", "http://es1:9200", "--elasticsearch-user", "hunter",
                "--elasticsearch-password-file", directory.resolve("missing").toString()), Map.of()))
                .hasMessageContaining("--elasticsearch-password-file").hasMessageContaining("cannot be read");
    }
}
