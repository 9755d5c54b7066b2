package io.helklab.door.hunt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import io.helklab.samples.Challenge;
import io.helklab.samples.SampleCatalog;
import io.helklab.samples.Scenario;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ScenarioChallengesTest {
    private final ScenarioChallenges challenges = new ScenarioChallenges(SampleCatalog.builtIn());
    private final Scenario lsass = SampleCatalog.find("lsass-credential-dumping");

    @Test
    void cardsCarryEveryScenarioAndQuestionButNoAnswer() throws Exception {
        assertThat(challenges.cards()).extracting(ScenarioChallenges.Card::name)
                .containsExactlyElementsOf(SampleCatalog.builtIn().stream().map(Scenario::name).toList());
        String json = new ObjectMapper().registerModule(new SimpleModule().addSerializer(Instant.class, ToStringSerializer.instance))
                .writeValueAsString(challenges.cards());
        assertThat(json).doesNotContain("acceptedAnswers", "answerKey", "minimumHits");
        assertThat(json).contains("What is the ProcessGuid of the dumper?");
        // The GUID is only an answer: neither the narrative nor anything else on the card may give it away.
        assertThat(json).doesNotContain("c4d0719b-facc-6ac4-bc88-00000000f086");
    }

    @Test
    void judgesWithTheChallengesOwnComparison() {
        Challenge guid = lsass.challenges().stream().filter(challenge -> challenge.id().equals("process-guid")).findFirst().orElseThrow();
        String right = guid.acceptedAnswers().get(0);
        assertThat(challenges.judge(lsass.name(), "process-guid", "{" + right.toUpperCase() + "}").correct()).isTrue();
        assertThat(challenges.judge(lsass.name(), "process-guid", "c4d0719b-0000-0000-0000-000000000000").correct()).isFalse();
    }

    @Test
    void unknownNamesAre404AndEmptyOrHugeAnswers400() {
        assertThatThrownBy(() -> challenges.judge("no-such-scenario", "host", "x"))
                .isInstanceOfSatisfying(HuntRequestException.class, refused -> {
                    assertThat(refused.status()).isEqualTo(404);
                    assertThat(refused.getMessage()).contains("lsass-credential-dumping");
                });
        assertThatThrownBy(() -> challenges.judge(lsass.name(), "nope", "x"))
                .isInstanceOfSatisfying(HuntRequestException.class, refused -> assertThat(refused.status()).isEqualTo(404));
        assertThatThrownBy(() -> challenges.judge(lsass.name(), "host", " "))
                .isInstanceOfSatisfying(HuntRequestException.class, refused -> assertThat(refused.status()).isEqualTo(400));
        assertThatThrownBy(() -> challenges.judge(lsass.name(), "host", "x".repeat(5000)))
                .isInstanceOfSatisfying(HuntRequestException.class, refused -> assertThat(refused.parameter()).isEqualTo("answer"));
    }
}
