package io.helklab.analytics;

import io.helklab.HelkLab;
import io.helklab.SharedAppliance;
import io.helklab.samples.AnswerFact;
import io.helklab.samples.SampleCatalog;
import io.helklab.samples.Scenario;

/** The shared appliance with all nine sample scenarios indexed; loaded once per test JVM. */
public final class HuntSamples {
    private HuntSamples() {
    }

    public static synchronized HelkLab appliance() throws Exception {
        HelkLab lab = SharedAppliance.get();
        io.helklab.scenarios.SamplesFixture.loadAll(lab);
        return lab;
    }

    /** The answer-key fact of {@code scenario} whose description contains {@code words}. */
    public static AnswerFact fact(String scenario, String words) {
        Scenario found = SampleCatalog.find(scenario);
        return found.answerKey().stream().filter(fact -> fact.description().contains(words)).findFirst()
                .orElseThrow(() -> new AssertionError("scenario " + scenario + " has no fact about '" + words + "': "
                        + found.answerKey()));
    }

    /** The fact's {@code process_guid}. */
    public static String processGuid(String scenario, String words) {
        return (String) fact(scenario, words).match().get("process_guid");
    }
}
