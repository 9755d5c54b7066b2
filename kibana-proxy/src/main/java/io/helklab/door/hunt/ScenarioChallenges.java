package io.helklab.door.hunt;

import io.helklab.samples.AttackTechnique;
import io.helklab.samples.Challenge;
import io.helklab.samples.Scenario;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The classroom side of the sample scenarios: what a student may see of each (title, narrative,
 * techniques, hosts, time window, questions) and a judge for answers. Accepted answers and the
 * answer key stay on the server: no method here returns them. Thread-safe; immutable after construction.
 */
public final class ScenarioChallenges {
    static final int MAXIMUM_ANSWER_LENGTH = 4096;

    /** A question without its answers. */
    public record Question(String id, String question) {}

    /** A scenario as the browser may see it. */
    public record Card(String name, String title, List<AttackTechnique> attack, String format, List<String> hosts,
                       Instant start, Instant end, String narrative, long eventCount, List<Question> challenges) {}

    /** The verdict on one answer. */
    public record Verdict(String scenario, String challenge, boolean correct) {}

    private final Map<String, Scenario> scenarios;

    public ScenarioChallenges(List<Scenario> scenarios) {
        Map<String, Scenario> byName = new LinkedHashMap<>();
        scenarios.forEach(scenario -> byName.put(scenario.name(), scenario));
        this.scenarios = Collections.unmodifiableMap(byName);
    }

    /** Every scenario, in teaching order. */
    public List<Card> cards() {
        return scenarios.values().stream().map(ScenarioChallenges::card).toList();
    }

    private static Card card(Scenario scenario) {
        List<Question> questions = scenario.challenges().stream()
                .map(challenge -> new Question(challenge.id(), challenge.question())).toList();
        return new Card(scenario.name(), scenario.title(), scenario.attack(), scenario.format().id(), scenario.hosts(),
                scenario.start(), scenario.end(), scenario.narrative(), scenario.eventCount(), questions);
    }

    /** Judges an answer with {@link Challenge#accepts}; unknown names are a 404, a missing or huge answer a 400. */
    public Verdict judge(String scenarioName, String challengeId, String answer) {
        Scenario scenario = scenarios.get(scenarioName);
        if (scenario == null) {
            throw HuntRequestException.notFound("No scenario named '" + scenarioName + "'. Known: "
                    + String.join(", ", scenarios.keySet()) + ".");
        }
        Challenge challenge = scenario.challenges().stream().filter(candidate -> candidate.id().equals(challengeId))
                .findFirst().orElseThrow(() -> HuntRequestException.notFound("Scenario '" + scenarioName
                        + "' has no challenge '" + challengeId + "'. Its challenges: " + String.join(", ",
                        scenario.challenges().stream().map(Challenge::id).toList()) + "."));
        if (answer == null || answer.isBlank()) {
            throw HuntRequestException.badParameter("answer", "Give an answer: a JSON body {\"answer\": \"...\"}.");
        }
        if (answer.length() > MAXIMUM_ANSWER_LENGTH) {
            throw HuntRequestException.badParameter("answer", "The answer is " + answer.length() + " characters long; at most "
                    + MAXIMUM_ANSWER_LENGTH + " are accepted.");
        }
        return new Verdict(scenarioName, challengeId, challenge.accepts(answer));
    }
}
