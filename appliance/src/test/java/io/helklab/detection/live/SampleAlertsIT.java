package io.helklab.detection.live;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.helklab.detection.BuiltInPackExpectations;
import io.helklab.junit.HelkLabTest;
import io.helklab.junit.HuntNamespace;
import io.helklab.samples.SampleCatalog;
import io.helklab.samples.Scenario;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every sample scenario through the real ingest path with the built-in pack loaded: the alerts in the namespace's
 * {@code alerts-*} are exactly the pack's alerts for that scenario, which {@code BuiltInPackTest} pins and checks
 * to lie on the attack's events (so the benign background of every scenario raises none), each once, with the
 * fields SCHEMA.md lists and pointing at its event.
 */
@HelkLabTest
class SampleAlertsIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    static Stream<String> scenarios() {
        return SampleCatalog.builtIn().stream().map(Scenario::name);
    }

    @ParameterizedTest
    @MethodSource("scenarios")
    void theAttackRaisesThePacksAlertsAndTheBackgroundNone(String scenario, HuntNamespace hunt) {
        hunt.awaitDocuments(hunt.sendScenario(scenario));

        List<Map<String, Object>> alerts = hunt.alerts();

        Map<String, Integer> byRule = new TreeMap<>();
        for (Map<String, Object> alert : alerts) {
            String file = Path.of(alert.get("rule_file").toString().replace("builtin:", "")).getFileName().toString();
            byRule.merge(alert.containsKey("correlation_type") ? "correlation:" + file : file, 1, Integer::sum);
        }
        assertThat(byRule).isEqualTo(new TreeMap<>(BuiltInPackExpectations.alerts(scenario)));
        assertThat(alerts.stream().map(alert -> alert.get("_id")).collect(Collectors.toSet())).hasSize(alerts.size());
        Set<String> alertedEvents = alerts.stream().map(alert -> alert.get("event_doc_id").toString())
                .collect(Collectors.toSet());
        assertThat(hunt.searchDsl(JSON.valueToTree(Map.of("ids", Map.of("values", alertedEvents))).toString()))
                .as("every alert points at an event of the namespace").hasSize(alertedEvents.size());
        assertThat(alerts).allSatisfy(alert -> {
            assertThat(alert).containsKeys("rule_id", "rule_title", "rule_level", "rule_status", "rule_author",
                    "rule_tags", "attack_technique_ids", "attack_tactics", "event_doc_index", "event_doc_id",
                    "event_id", "host_name", "@timestamp", "detected_at");
            assertThat(alert.get("rule_author")).isNotNull();
            assertThat(alert.get("_index").toString()).startsWith(hunt.name() + ".alerts-");
            assertThat(alert.get("event_doc_index").toString()).startsWith(hunt.name() + ".logs-endpoint-winevent-");
            assertThat(alert.get("_index").toString()).endsWith(alert.get("@timestamp").toString().substring(0, 10)
                    .replace('-', '.'));
        });
    }
}
