package io.helklab.detection;

import static org.assertj.core.api.Assertions.assertThat;

import io.helklab.detection.sigma.EventContext;
import io.helklab.detection.sigma.Placeholders;
import io.helklab.ingest.normalize.DetectionEvents;
import io.helklab.samples.SampleCatalog;
import io.helklab.samples.Scenario;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The benchmark's rule generator, and the rule index held to evaluating every rule on every event. */
class SyntheticRulesTest {

    @Test
    void generatedRulesAllLoadActiveAndAreDeterministic() {
        String yaml = SyntheticRules.yaml(500, 42);
        assertThat(SyntheticRules.yaml(500, 42)).isEqualTo(yaml);
        RuleSet rules = new RuleLoader(RuleLoadOptions.defaults()).addText(yaml, "synthetic", Placeholders.NONE).build();
        assertThat(rules.reports()).allSatisfy(report ->
                assertThat(report.status()).as("%s", report).isEqualTo(RuleStatus.ACTIVE));
        assertThat(rules.activeRules()).hasSize(500);
    }

    @Test
    void indexedEvaluationEqualsEvaluatingEveryRule() {
        RuleSet synthetic = new RuleLoader(RuleLoadOptions.defaults())
                .addText(SyntheticRules.yaml(2000, 7), "synthetic", Placeholders.NONE).addBuiltIn().build();
        DetectionEngine engine = synthetic.engine();
        EventContext context = new EventContext();
        long matches = 0;
        for (Scenario scenario : SampleCatalog.builtIn()) {
            try (Stream<byte[]> records = scenario.records()) {
                int[] index = {0};
                for (byte[] record : (Iterable<byte[]>) records::iterator) {
                    if (index[0]++ % 7 != 0) {
                        continue;
                    }
                    EventView event = DetectionEvents.read(record);
                    List<DetectionRule> expected = new ArrayList<>();
                    for (DetectionRule rule : synthetic.activeRules()) {
                        String channel = event.channel() == null ? "" : event.channel().strip().toLowerCase();
                        Long id = io.helklab.detection.sigma.Text.parseInteger(event.eventId());
                        if (rule.logsource().covers(channel, id == null ? -1 : id.intValue())
                                && rule.condition().matches(context.reset(event))) {
                            expected.add(rule);
                        }
                    }
                    assertThat(engine.evaluate(event)).as("%s record %d", scenario.name(), index[0])
                            .containsExactlyElementsOf(expected);
                    matches += expected.size();
                }
            }
        }
        assertThat(matches).as("the comparison covers matching events").isGreaterThan(100);
    }
}
