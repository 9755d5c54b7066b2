package io.helklab.detection;

import static org.assertj.core.api.Assertions.assertThat;

import io.helklab.detection.sigma.Placeholders;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Loading: documents, rule collections, metadata, statuses, and every kind of bad input the issue lists. */
class RuleLoaderTest {

    @TempDir
    Path directory;

    private static final String RULE = """
            title: Suspicious rundll32
            id: 11111111-1111-1111-1111-111111111111
            name: suspicious_rundll32
            status: test
            author: HELK lab, Someone Else
            tags:
                - attack.defense_evasion
                - attack.t1218.011
                - attack.t9999
                - attack.g0016
            logsource:
                category: process_creation
                product: windows
            detection:
                selection:
                    Image|endswith: '\\rundll32.exe'
                condition: selection
            level: high
            """;

    private static RuleSet load(String yaml) {
        return new RuleLoader(RuleLoadOptions.defaults()).addText(yaml, "rules.yml", Placeholders.NONE).build();
    }

    @Test
    void metadataAndAttackTagsOfARule() {
        RuleSet rules = load(RULE);
        assertThat(rules.reports()).singleElement().satisfies(report -> {
            assertThat(report.status()).isEqualTo(RuleStatus.ACTIVE);
            assertThat(report.line()).isEqualTo(1);
            assertThat(report.file()).isEqualTo("rules.yml");
        });
        DetectionRule rule = rules.activeRules().get(0);
        assertThat(rule.id()).isEqualTo("11111111-1111-1111-1111-111111111111");
        assertThat(rule.name()).isEqualTo("suspicious_rundll32");
        assertThat(rule.title()).isEqualTo("Suspicious rundll32");
        assertThat(rule.level()).isEqualTo(RuleLevel.HIGH);
        assertThat(rule.sigmaStatus()).isEqualTo("test");
        assertThat(rule.author()).isEqualTo("HELK lab, Someone Else");
        assertThat(rule.techniqueIds()).containsExactly("T1218.011", "T9999");
        assertThat(rule.tactics()).containsExactly("defense-evasion");
        assertThat(rule.logsource().channels()).containsExactly("microsoft-windows-sysmon/operational");
        assertThat(rule.logsource().eventIds()).containsExactly(1);
    }

    @Test
    void multiDocumentFileGivesOneRulePerDocumentWithItsLine() {
        String second = RULE.replace("1111-111111111111", "1111-222222222222").replace("rundll32", "regsvr32");
        RuleSet rules = load(RULE + "---\n" + second);
        assertThat(rules.activeRules()).extracting(DetectionRule::line).containsExactly(1, 20);
        assertThat(rules.activeRules()).extracting(DetectionRule::title)
                .containsExactly("Suspicious rundll32", "Suspicious regsvr32");
    }

    @Test
    void ruleCollectionGlobalResetRepeat() {
        String collection = """
                action: global
                title: Whoami
                logsource:
                    category: process_creation
                    product: windows
                detection:
                    condition: selection
                level: medium
                ---
                id: 00000000-0000-0000-0000-00000000000a
                detection:
                    selection:
                        Image|endswith: '\\whoami.exe'
                ---
                action: repeat
                id: 00000000-0000-0000-0000-00000000000b
                level: high
                ---
                action: reset
                ---
                title: Without global
                id: 00000000-0000-0000-0000-00000000000c
                logsource:
                    product: windows
                    service: security
                detection:
                    selection:
                        EventID: 4624
                    condition: selection
                """;
        RuleSet rules = load(collection);
        assertThat(rules.reports()).extracting(RuleReport::status).containsOnly(RuleStatus.ACTIVE);
        assertThat(rules.activeRules()).extracting(DetectionRule::title).containsExactly("Whoami", "Whoami",
                "Without global");
        assertThat(rules.activeRules().get(0).level()).isEqualTo(RuleLevel.MEDIUM);
        assertThat(rules.activeRules().get(1).level()).isEqualTo(RuleLevel.HIGH);
        DetectionEngine engine = rules.engine();
        assertThat(engine.evaluate(MapEvent.sysmon(1).with("Image", "C:\\Windows\\System32\\whoami.exe")))
                .extracting(DetectionRule::id).containsExactly("00000000-0000-0000-0000-00000000000a",
                        "00000000-0000-0000-0000-00000000000b");
        assertThat(engine.evaluate(MapEvent.of("Security", 4624))).extracting(DetectionRule::id)
                .containsExactly("00000000-0000-0000-0000-00000000000c");
        assertThat(rules.activeRules().get(2).level()).isNull();
    }

    @Test
    void deprecatedUnsupportedAndLowLevelRulesLoadDisabled() {
        assertThat(load(RULE.replace("status: test", "status: deprecated")).reports().get(0).status())
                .isEqualTo(RuleStatus.DISABLED);
        assertThat(load(RULE.replace("status: test", "status: unsupported")).reports().get(0).status())
                .isEqualTo(RuleStatus.DISABLED);
        RuleSet minimum = new RuleLoader(RuleLoadOptions.defaults().withMinimumLevel(RuleLevel.CRITICAL))
                .addText(RULE, "rules.yml", Placeholders.NONE).build();
        assertThat(minimum.reports().get(0).status()).isEqualTo(RuleStatus.DISABLED);
        assertThat(minimum.reports().get(0).reason()).contains("below the minimum level critical");
        assertThat(minimum.activeRules()).isEmpty();
    }

    @Test
    void invalidYamlIsAnErrorWithItsLineAndTheOtherRulesLoad() throws IOException {
        Files.writeString(directory.resolve("a_good.yml"), RULE);
        Files.writeString(directory.resolve("b_bad.yml"), "title: broken\ndetection:\n  selection: [unclosed\n");
        RuleSet rules = new RuleLoader(RuleLoadOptions.defaults()).addPath(directory).build();
        assertThat(rules.activeRules()).hasSize(1);
        RuleReport bad = rules.reports().stream().filter(report -> report.file().endsWith("b_bad.yml")).findFirst()
                .orElseThrow();
        assertThat(bad.status()).isEqualTo(RuleStatus.ERROR);
        assertThat(bad.category()).isEqualTo("invalid YAML");
        assertThat(bad.reason()).contains("line 4");
    }

    @Test
    void duplicateIdKeepsTheFirstRule() {
        RuleSet rules = load(RULE + "---\n" + RULE.replace("Suspicious rundll32", "Copy"));
        assertThat(rules.activeRules()).extracting(DetectionRule::title).containsExactly("Suspicious rundll32");
        RuleReport duplicate = rules.reports().get(1);
        assertThat(duplicate.status()).isEqualTo(RuleStatus.ERROR);
        assertThat(duplicate.reason()).contains("already used by the rule at rules.yml:1");
    }

    @Test
    void fiftyMegabyteFileIsRefusedWithAClearReason() throws IOException {
        Path huge = directory.resolve("huge.yml");
        byte[] line = "# padding padding padding padding padding padding padding padding\n"
                .getBytes(StandardCharsets.UTF_8);
        try (var out = Files.newOutputStream(huge)) {
            for (long written = 0; written < 50L * 1024 * 1024; written += line.length) {
                out.write(line);
            }
        }
        Files.writeString(directory.resolve("ok.yml"), RULE);
        RuleSet rules = new RuleLoader(RuleLoadOptions.defaults()).addPath(directory).build();
        assertThat(rules.activeRules()).hasSize(1);
        RuleReport report = rules.reports().stream().filter(r -> r.file().endsWith("huge.yml")).findFirst().orElseThrow();
        assertThat(report.status()).isEqualTo(RuleStatus.ERROR);
        assertThat(report.category()).isEqualTo("file too large");
        assertThat(report.reason()).contains("limit");
    }

    @Test
    void missingDirectoryAndUnreadableFileAreReported() throws IOException {
        Path dangling = directory.resolve("dangling.yml");
        Files.createSymbolicLink(dangling, directory.resolve("no-such-target.yml"));
        Files.writeString(directory.resolve("ok.yml"), RULE);
        RuleSet rules = new RuleLoader(RuleLoadOptions.defaults())
                .addPaths(List.of(directory.resolve("missing"), directory)).build();
        assertThat(rules.activeRules()).hasSize(1);
        assertThat(rules.reports()).filteredOn(report -> report.status() == RuleStatus.ERROR)
                .extracting(RuleReport::category).containsExactlyInAnyOrder("rules path missing", "unreadable path");
    }

    @Test
    void unknownLogsourceIsUnsupportedNeverMatchEverything() {
        RuleReport report = Rules.report(RULE.replace("category: process_creation", "category: file_access"));
        assertThat(report.status()).isEqualTo(RuleStatus.UNSUPPORTED);
        assertThat(report.reason()).contains("file_access").contains("line 12");
        assertThat(Rules.report(RULE.replace("product: windows", "product: linux")).category())
                .isEqualTo("logsource product linux");
    }

    @Test
    void structuralProblemsAreErrors() {
        assertThat(Rules.report(RULE.replace("title: Suspicious rundll32\n", "")).category()).isEqualTo("no title");
        assertThat(Rules.report(RULE.replace("    condition: selection\n", "")).category())
                .isEqualTo("no condition");
        assertThat(Rules.report(RULE.replace("level: high", "level: severe")).category()).isEqualTo("unknown level");
        assertThat(Rules.report(RULE.replace("    selection:\n", "    selection:\n        Image|endswith: x\n")).category())
                .isEqualTo("duplicate key");
        assertThat(Rules.report("- just\n- a list\n").category()).isEqualTo("document is not a map");
    }

    @Test
    void yamlAliasBombIsRefused() {
        StringBuilder bomb = new StringBuilder("a: &a [x, x, x, x, x, x, x, x, x]\n");
        for (char c = 'b'; c <= 'k'; c++) {
            bomb.append(c).append(": &").append(c).append(" [").append("*").append((char) (c - 1));
            bomb.append(", *").append((char) (c - 1)).append(", *").append((char) (c - 1)).append("]\n");
        }
        RuleReport report = Rules.report(bomb.toString());
        assertThat(report.status()).isEqualTo(RuleStatus.ERROR);
    }

    @Test
    void placeholdersFileBesideTheRules() throws IOException {
        Path sub = Files.createDirectories(directory.resolve("windows/process_creation"));
        Files.writeString(directory.resolve("placeholders.yml"), "Administrators:\n  - 'HELK\\admin'\n");
        Files.writeString(sub.resolve("admin.yml"), RULE.replace("Image|endswith: '\\rundll32.exe'",
                "User|expand: '%Administrators%'"));
        RuleSet rules = new RuleLoader(RuleLoadOptions.defaults()).addPath(directory).build();
        assertThat(rules.reports()).extracting(RuleReport::status).containsExactly(RuleStatus.ACTIVE);
        assertThat(rules.engine().evaluate(MapEvent.sysmon(1).with("User", "helk\\ADMIN"))).hasSize(1);
    }

    @Test
    void builtInPackLoadsActive() {
        RuleSet rules = new RuleLoader(RuleLoadOptions.defaults()).addBuiltIn().build();
        assertThat(rules.reports()).isNotEmpty();
        assertThat(rules.reports()).allSatisfy(report ->
                assertThat(report.status()).as("%s", report).isEqualTo(RuleStatus.ACTIVE));
    }
}
