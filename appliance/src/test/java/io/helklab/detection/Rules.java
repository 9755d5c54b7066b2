package io.helklab.detection;

import static org.assertj.core.api.Assertions.assertThat;

import io.helklab.detection.sigma.Placeholders;
import java.util.List;

/** Test helpers: compile Sigma text and evaluate it on one event. */
public final class Rules {

    private Rules() {
    }

    /** Loads YAML text; the first report must be active. */
    public static RuleSet load(String yaml) {
        return load(yaml, Placeholders.NONE);
    }

    public static RuleSet load(String yaml, Placeholders placeholders) {
        RuleSet rules = new RuleLoader(RuleLoadOptions.defaults()).addText(yaml, "test.yml", placeholders).build();
        assertThat(rules.reports()).as("reports of %s", yaml).isNotEmpty();
        assertThat(rules.reports().get(0).status()).as("%s", rules.reports().get(0)).isEqualTo(RuleStatus.ACTIVE);
        return rules;
    }

    /** The only report of loading the text (which must not be active). */
    public static RuleReport report(String yaml) {
        List<RuleReport> reports = new RuleLoader(RuleLoadOptions.defaults()).addText(yaml, "test.yml",
                Placeholders.NONE).build().reports();
        assertThat(reports).hasSize(1);
        return reports.get(0);
    }

    /** A process-creation rule with the given detection block (indented by four spaces). */
    public static String processCreation(String detection) {
        return """
                title: test rule
                id: 00000000-0000-0000-0000-000000000001
                logsource:
                    category: process_creation
                    product: windows
                detection:
                """ + detection.indent(4) + "level: high\n";
    }

    /** Whether a process-creation rule with this detection matches the event. */
    public static boolean matches(String detection, EventView event) {
        return !load(processCreation(detection)).engine().evaluate(event).isEmpty();
    }

    /** Whether the rule also matches when evaluated directly, without the index (they must agree). */
    public static boolean matchesDirectly(String detection, EventView event) {
        DetectionRule rule = load(processCreation(detection)).activeRules().get(0);
        return rule.condition().matches(new io.helklab.detection.sigma.EventContext().reset(event));
    }
}
