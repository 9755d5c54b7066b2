package io.helklab.detection.correlation;

import static org.assertj.core.api.Assertions.assertThat;

import io.helklab.detection.DetectionRule;
import io.helklab.detection.EventView;
import io.helklab.detection.MapEvent;
import io.helklab.detection.RuleLoadOptions;
import io.helklab.detection.RuleLoader;
import io.helklab.detection.RuleReport;
import io.helklab.detection.RuleSet;
import io.helklab.detection.RuleStatus;
import io.helklab.detection.sigma.Placeholders;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Correlation types from the correlation specification's examples, evaluated on a stream of matches. */
class CorrelationEngineTest {

    private static final String BASE_RULES = """
            title: Failed logon
            id: 5638f7c0-ac70-491d-8465-2a65075e0d86
            name: failed_logon
            logsource:
                product: windows
                service: security
            detection:
                selection:
                    EventID: 4625
                condition: selection
            ---
            title: Successful logon
            name: successful_logon
            logsource:
                product: windows
                service: security
            detection:
                selection:
                    EventID: 4624
                condition: selection
            ---
            title: Recon whoami
            name: recon_cmd_a
            logsource:
                category: process_creation
                product: windows
            detection:
                selection:
                    Image|endswith: '\\whoami.exe'
                condition: selection
            ---
            title: Recon net
            name: recon_cmd_b
            logsource:
                category: process_creation
                product: windows
            detection:
                selection:
                    Image|endswith: '\\net.exe'
                condition: selection
            """;

    private static final Instant START = Instant.parse("2026-10-05T10:00:00Z");

    private final List<CorrelationAlert> alerts = new ArrayList<>();
    private RuleSet rules;
    private CorrelationEngine engine;

    private void load(String correlation) {
        rules = new RuleLoader(RuleLoadOptions.defaults())
                .addText(BASE_RULES + "---\n" + correlation, "rules.yml", Placeholders.NONE).build();
        assertThat(rules.reports()).extracting(RuleReport::status).containsOnly(RuleStatus.ACTIVE);
        assertThat(rules.correlations()).hasSize(1);
        engine = new CorrelationEngine(rules.correlations(), rules.compiledRules());
    }

    private void feed(EventView event, int secondsAfterStart) {
        for (DetectionRule rule : rules.engine().evaluate(event)) {
            alerts.addAll(engine.onMatch(rule, event, START.plusSeconds(secondsAfterStart)));
        }
    }

    private static MapEvent failed(String computer, String user) {
        return MapEvent.of("Security", 4625).with("Computer", computer).with("TargetUserName", user);
    }

    @Test
    void eventCountFiresOncePerWindowAndGroup() {
        load("""
                title: Many failed logons
                correlation:
                    type: event_count
                    rules:
                        - 5638f7c0-ac70-491d-8465-2a65075e0d86
                    group-by:
                        - Computer
                    timespan: 1h
                    condition:
                        gte: 5
                level: high
                """);
        for (int i = 0; i < 4; i++) {
            feed(failed("SRV01", "u" + i), i * 60);
            feed(failed("WKS01", "u" + i), i * 60);
        }
        assertThat(alerts).isEmpty();
        feed(failed("SRV01", "x"), 300);
        assertThat(alerts).singleElement().satisfies(alert -> {
            assertThat(alert.group()).containsEntry("Computer", "SRV01");
            assertThat(alert.count()).isEqualTo(5);
            assertThat(alert.firstEvent()).isEqualTo(START);
        });
        assertThat(engine.alertsOnItsOwn(rules.compiledRules().get(0))).as("referred rule is silent").isFalse();
        assertThat(engine.alertsOnItsOwn(rules.compiledRules().get(1))).isTrue();
    }

    @Test
    void eventsOutsideTheTimespanDoNotCount() {
        load("""
                title: Many failed logons
                correlation:
                    type: event_count
                    rules:
                        - failed_logon
                    group-by:
                        - Computer
                    timespan: 5m
                    condition:
                        gte: 3
                """);
        feed(failed("SRV01", "a"), 0);
        feed(failed("SRV01", "b"), 200);
        feed(failed("SRV01", "c"), 400);
        assertThat(alerts).isEmpty();
        feed(failed("SRV01", "d"), 450);
        assertThat(alerts).hasSize(1);
    }

    @Test
    void valueCountCountsDistinctValues() {
        load("""
                title: Password spraying
                correlation:
                    type: value_count
                    rules:
                        - failed_logon
                    group-by:
                        - Computer
                    timespan: 1d
                    condition:
                        field: TargetUserName
                        gte: 3
                """);
        feed(failed("DC01", "alice"), 0);
        feed(failed("DC01", "alice"), 10);
        feed(failed("DC01", "bob"), 20);
        assertThat(alerts).isEmpty();
        feed(failed("DC01", "carol"), 30);
        assertThat(alerts).singleElement().extracting(CorrelationAlert::count).isEqualTo(3L);
    }

    @Test
    void temporalNeedsEveryRuleInAnyOrderWithinTheTimespan() {
        load("""
                title: Recon commands
                correlation:
                    type: temporal
                    rules:
                        - recon_cmd_a
                        - recon_cmd_b
                    group-by:
                        - Computer
                    timespan: 5m
                """);
        feed(MapEvent.sysmon(1).with("Image", "C:\\Windows\\System32\\net.exe").with("Computer", "WKS01"), 0);
        feed(MapEvent.sysmon(1).with("Image", "C:\\Windows\\System32\\whoami.exe").with("Computer", "WKS02"), 10);
        assertThat(alerts).as("different hosts are different groups").isEmpty();
        feed(MapEvent.sysmon(1).with("Image", "C:\\Windows\\System32\\whoami.exe").with("Computer", "WKS01"), 20);
        assertThat(alerts).hasSize(1);
    }

    @Test
    void temporalOrderedNeedsTheOrder() {
        load("""
                title: Failed then successful logon
                correlation:
                    type: temporal_ordered
                    rules:
                        - failed_logon
                        - successful_logon
                    group-by:
                        - TargetUserName
                    timespan: 1h
                """);
        feed(MapEvent.of("Security", 4624).with("TargetUserName", "eve"), 0);
        feed(failed("DC01", "eve"), 10);
        assertThat(alerts).as("success before failure is not the sequence").isEmpty();
        feed(MapEvent.of("Security", 4624).with("TargetUserName", "eve"), 20);
        assertThat(alerts).singleElement().extracting(alert -> alert.group().get("TargetUserName")).isEqualTo("eve");
    }

    @Test
    void generateTrueKeepsTheReferredRulesAlerting() {
        load("""
                title: Many failed logons
                correlation:
                    type: event_count
                    rules:
                        - failed_logon
                    group-by:
                        - Computer
                    timespan: 1h
                    condition:
                        gte: 5
                    generate: true
                """);
        assertThat(engine.alertsOnItsOwn(rules.compiledRules().get(0))).isTrue();
    }

    @Test
    void invalidCorrelationsAreReported() {
        RuleSet unknown = new RuleLoader(RuleLoadOptions.defaults()).addText(BASE_RULES + """
                ---
                title: Refers to nothing
                correlation:
                    type: event_count
                    rules:
                        - no_such_rule
                    group-by:
                        - Computer
                    timespan: 1h
                    condition:
                        gte: 5
                """, "rules.yml", Placeholders.NONE).build();
        assertThat(unknown.correlations()).isEmpty();
        assertThat(unknown.reports().get(4).status()).isEqualTo(RuleStatus.ERROR);
        assertThat(unknown.reports().get(4).reason()).contains("no_such_rule");
        RuleSet sum = new RuleLoader(RuleLoadOptions.defaults()).addText("""
                title: Sum
                correlation:
                    type: value_sum
                    rules: [x]
                    group-by: [Computer]
                    timespan: 1h
                    condition:
                        field: bytes
                        gt: 100
                """, "rules.yml", Placeholders.NONE).build();
        assertThat(sum.reports().get(0).status()).isEqualTo(RuleStatus.UNSUPPORTED);
        RuleSet timespan = new RuleLoader(RuleLoadOptions.defaults()).addText(BASE_RULES + """
                ---
                title: Bad timespan
                correlation:
                    type: event_count
                    rules: [failed_logon]
                    group-by: [Computer]
                    timespan: soon
                    condition:
                        gte: 5
                """, "rules.yml", Placeholders.NONE).build();
        assertThat(timespan.reports().get(4).category()).isEqualTo("invalid timespan");
    }
}
