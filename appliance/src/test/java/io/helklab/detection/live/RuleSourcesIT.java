package io.helklab.detection.live;

import static org.assertj.core.api.Assertions.assertThat;

import io.helklab.HelkLab;
import io.helklab.detection.RuleStatus;
import io.helklab.junit.HelkLabTest;
import io.helklab.junit.HuntNamespace;
import io.helklab.service.ServiceStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * Rules in the running appliance's {@code <home>/rules}: a rule added takes effect and a rule removed loses it
 * within seconds, without a restart; bad rules get a status with the reason, and neither the appliance nor the
 * ingest stops. Each rule matches only its own test's marker, so the shared appliance's other tests are unaffected.
 */
@HelkLabTest
class RuleSourcesIT {
    private static final Duration RELOAD_WAIT = Duration.ofSeconds(30);

    @Test
    void aRuleAddedTakesEffectAndARuleRemovedLosesIt(HelkLab lab, HuntNamespace hunt) throws Exception {
        String marker = "reload-" + Long.toHexString(System.nanoTime());
        String id = "9a1b2c3d-0000-4000-8000-" + String.format("%012x", System.nanoTime() & 0xffffffffffffL);
        Path rule = lab.config().layout().rules().resolve(marker + ".yml");
        Files.writeString(rule, markerRule(id, marker));
        try {
            awaitRule(lab, entry -> id.equals(entry.id()) && entry.status() == RuleStatus.ACTIVE);
            hunt.awaitDocuments(hunt.send(sysmonProcess(marker, 1)));
            assertThat(hunt.alerts()).singleElement().satisfies(alert -> {
                assertThat(alert.get("rule_id")).isEqualTo(id);
                assertThat(alert.get("rule_file").toString()).endsWith(marker + ".yml");
            });
            assertThat(lab.detection().rules()).filteredOn(entry -> id.equals(entry.id()))
                    .singleElement().satisfies(entry -> {
                        assertThat(entry.hits()).isEqualTo(1);
                        assertThat(entry.lastHit()).isNotNull();
                    });
        } finally {
            Files.deleteIfExists(rule);
        }
        awaitRules(lab, entries -> entries.stream().noneMatch(entry -> id.equals(entry.id())));
        hunt.awaitDocuments(1 + hunt.send(sysmonProcess(marker, 2)));
        assertThat(hunt.alerts()).as("the deleted rule no longer matches").hasSize(1);
    }

    @Test
    void badRulesGetAStatusAndNothingStops(HelkLab lab, HuntNamespace hunt) throws Exception {
        String marker = "bad-" + Long.toHexString(System.nanoTime());
        String id = "9a1b2c3d-1111-4000-8000-" + String.format("%012x", System.nanoTime() & 0xffffffffffffL);
        Path directory = Files.createDirectories(lab.config().layout().rules().resolve(marker));
        Files.writeString(directory.resolve("a-good.yml"), markerRule(id, marker));
        Files.writeString(directory.resolve("invalid-yaml.yml"), "title: [unclosed\n  detection: {\n");
        Files.writeString(directory.resolve("bad-regex.yml"), markerRule(id.replace("-1111-", "-2222-"), marker)
                .replace("CommandLine|contains: '" + marker + "'", "CommandLine|re: '(unclosed'"));
        Files.writeString(directory.resolve("backtracking-regex.yml"), markerRule(id.replace("-1111-", "-3333-"), marker)
                .replace("CommandLine|contains: '" + marker + "'", "CommandLine|re: '^(a+)+$'"));
        Files.writeString(directory.resolve("duplicate-id.yml"), markerRule(id, marker));
        Files.writeString(directory.resolve("deep-condition.yml"), markerRule(id.replace("-1111-", "-4444-"), marker)
                .replace("condition: selection", "condition: " + "(".repeat(10_000) + "selection" + ")".repeat(10_000)));
        Files.writeString(directory.resolve("unknown-modifier.yml"), markerRule(id.replace("-1111-", "-5555-"), marker)
                .replace("|contains", "|sounds_like"));
        try {
            List<RuleEntry> entries = awaitRule(lab, entry -> id.equals(entry.id()) && entry.status() == RuleStatus.ACTIVE);
            Map<String, RuleEntry> byFile = new HashMap<>();
            entries.stream().filter(entry -> entry.file().contains(marker))
                    .forEach(entry -> byFile.put(Path.of(entry.file()).getFileName().toString(), entry));
            assertThat(byFile.get("invalid-yaml.yml").status()).isEqualTo(RuleStatus.ERROR);
            assertThat(byFile.get("bad-regex.yml").status()).isEqualTo(RuleStatus.ERROR);
            assertThat(byFile.get("duplicate-id.yml").status()).isEqualTo(RuleStatus.ERROR);
            assertThat(byFile.get("duplicate-id.yml").reason()).contains("already used");
            assertThat(byFile.get("deep-condition.yml").status()).isEqualTo(RuleStatus.ERROR);
            assertThat(byFile.get("unknown-modifier.yml").status()).isEqualTo(RuleStatus.ERROR);
            assertThat(byFile.get("unknown-modifier.yml").reason()).contains("sounds_like");
            assertThat(byFile.get("backtracking-regex.yml").status()).isEqualTo(RuleStatus.ACTIVE);
            assertThat(byFile.values()).allSatisfy(entry -> {
                if (entry.status() != RuleStatus.ACTIVE) {
                    assertThat(entry.reason()).isNotBlank();
                }
            });

            String longLine = "a".repeat(50_000) + "!";
            hunt.awaitDocuments(hunt.send(sysmonProcess(marker + " " + longLine, 1)));
            assertThat(hunt.alerts()).singleElement().satisfies(alert -> assertThat(alert.get("rule_id")).isEqualTo(id));
            assertThat(lab.health().get("indexer").status()).isEqualTo(ServiceStatus.UP);
            assertThat(lab.health().get("detection").status()).isEqualTo(ServiceStatus.UP);
        } finally {
            try (var files = Files.list(directory)) {
                for (Path file : files.toList()) {
                    Files.delete(file);
                }
            }
            Files.delete(directory);
        }
    }

    static String markerRule(String id, String marker) {
        return """
                title: Test marker %s
                id: %s
                author: HELK lab tests
                tags: [attack.execution, attack.t1059.003]
                logsource: {product: windows, category: process_creation}
                detection:
                  selection:
                    CommandLine|contains: '%s'
                  condition: selection
                level: medium
                """.formatted(marker, id, marker);
    }

    static String sysmonProcess(String commandLineMarker, int sequence) {
        return "{\"@timestamp\":\"2024-03-01T12:00:00.123Z\",\"winlog\":{\"channel\":\"Microsoft-Windows-Sysmon/Operational\","
                + "\"event_id\":1,\"computer_name\":\"WKST01.helk.lab\",\"provider_name\":\"Microsoft-Windows-Sysmon\","
                + "\"record_id\":" + (1000 + sequence) + ",\"event_data\":{\"UtcTime\":\"2024-03-01 12:00:0" + sequence
                + ".123\",\"ProcessGuid\":\"{A98268C1-9C31-5CDA-0000-00000000000" + sequence + "}\",\"ProcessId\":\"4242\","
                + "\"Image\":\"C:\\\\Windows\\\\System32\\\\cmd.exe\",\"CommandLine\":\"cmd.exe /c echo " + commandLineMarker
                + " " + sequence + "\",\"User\":\"HELK\\\\alice\",\"ParentImage\":\"C:\\\\Windows\\\\explorer.exe\"}}}";
    }

    private static List<RuleEntry> awaitRule(HelkLab lab, Predicate<RuleEntry> wanted) throws InterruptedException {
        return awaitRules(lab, entries -> entries.stream().anyMatch(wanted));
    }

    private static List<RuleEntry> awaitRules(HelkLab lab, Predicate<List<RuleEntry>> done) throws InterruptedException {
        long deadline = System.nanoTime() + RELOAD_WAIT.toNanos();
        List<RuleEntry> entries = lab.detection().rules();
        while (!done.test(entries)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the rules did not change as expected within " + RELOAD_WAIT + " ("
                        + entries.size() + " rules loaded); see the appliance log");
            }
            Thread.sleep(200);
            entries = lab.detection().rules();
        }
        return entries;
    }
}
