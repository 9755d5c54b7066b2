package io.helklab.door.kibana;

import static org.assertj.core.api.Assertions.assertThat;

import io.helklab.config.HomeLayout;
import io.helklab.service.ServiceStatus;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KibanaSettingsTest {
    @TempDir
    Path home;

    private KibanaSettings settings() {
        return new KibanaSettings(home.resolve("kibana-7.10.2"), new HomeLayout(home), "http://127.0.0.1:9201");
    }

    /** Reads the flat {@code key: value} lines Kibana sees. */
    private static Map<String, String> parse(String yaml) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String line : yaml.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int colon = line.indexOf(": ");
            assertThat(colon).as("a key: value line: %s", line).isPositive();
            assertThat(values.put(line.substring(0, colon), line.substring(colon + 2))).as("duplicate key in %s", line).isNull();
        }
        return values;
    }

    @Test
    void servesUnderTheDoorsBasePathOnLoopback() {
        Map<String, String> yaml = parse(settings().kibanaYaml(5602));

        assertThat(yaml).containsEntry("server.basePath", "\"/kibana\"")
                .containsEntry("server.rewriteBasePath", "true")
                .containsEntry("server.host", "\"127.0.0.1\"")
                .containsEntry("server.port", "5602")
                .containsEntry("elasticsearch.hosts", "[\"http://127.0.0.1:9201\"]");
    }

    @Test
    void turnsOffTelemetryAndTheNewsfeed() {
        Map<String, String> yaml = parse(settings().kibanaYaml(5602));

        assertThat(yaml).containsEntry("telemetry.enabled", "false")
                .containsEntry("telemetry.optIn", "false")
                .containsEntry("newsfeed.enabled", "false");
    }

    @Test
    void keepsItsDataInTheHomeAndQuotesPathsSafely() {
        KibanaSettings odd = new KibanaSettings(home.resolve("k"), new HomeLayout(home.resolve("a \"quoted\": dir")),
                "http://127.0.0.1:9200");

        Map<String, String> yaml = parse(odd.kibanaYaml(1));

        assertThat(yaml.get("path.data")).isEqualTo("\"" + odd.dataDirectory().toString().replace("\"", "\\\"") + "\"");
        assertThat(odd.dataDirectory().startsWith(home)).isTrue();
        assertThat(odd.configFile()).isEqualTo(home.resolve("a \"quoted\": dir").resolve("kibana").resolve("kibana.yml"));
    }

    @Test
    void onlyKeysKibanaOss710Knows() {
        assertThat(parse(settings().kibanaYaml(5602)).keySet()).allSatisfy(key -> assertThat(key).matches(
                "server\\.(host|port|name|basePath|rewriteBasePath)|elasticsearch\\.hosts|path\\.data"
                        + "|telemetry\\.(enabled|optIn|allowChangingOptInStatus)|newsfeed\\.enabled|logging\\.dest"));
    }

    @Test
    void withoutAnInstallationKibanaIsNotInstalledAndSaysHowToGetIt() throws Exception {
        Kibana none = Kibana.create(null);
        Kibana empty = Kibana.create(settings());

        none.start();
        assertThat(none.health().status()).isEqualTo(ServiceStatus.NOT_INSTALLED);
        assertThat(none.health().details().get("install").toString()).contains("Kibana OSS 7.10.2").contains("--kibana-home");
        assertThat(empty.health().status()).isEqualTo(ServiceStatus.NOT_INSTALLED);
        assertThat(empty.health().details().get("install").toString()).contains("holds no bin/kibana");
        assertThat(none.target()).isEmpty();
    }

    @Test
    void readinessNeedsAGreenOverallStatus() {
        assertThat(Kibana.green("{\"status\":{\"overall\":{\"state\":\"green\"}}}")).isTrue();
        assertThat(Kibana.green("{\"status\":{\"overall\":{\"state\":\"yellow\"}}}")).isFalse();
        assertThat(Kibana.green("Kibana server is not ready yet")).isFalse();
    }
}
