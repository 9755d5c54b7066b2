package io.helklab.analytics;

import io.helklab.samples.AnswerFact;
import io.helklab.samples.SampleCatalog;
import io.helklab.samples.Scenario;

/** The bundled scenarios' answer keys, for the tests that hunt in the samples {@code SharedAppliance.withAllSamples()} loads. */
public final class HuntSamples {
    private HuntSamples() {
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
