package io.helklab.door.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RestartPolicyTest {
    @Test
    void backoffDoublesUpToTheMaximum() {
        RestartPolicy policy = new RestartPolicy(Duration.ofSeconds(1), Duration.ofSeconds(10), 3);

        assertThat(policy.backoff(1)).isEqualTo(Duration.ofSeconds(1));
        assertThat(policy.backoff(2)).isEqualTo(Duration.ofSeconds(2));
        assertThat(policy.backoff(4)).isEqualTo(Duration.ofSeconds(8));
        assertThat(policy.backoff(5)).isEqualTo(Duration.ofSeconds(10));
        assertThat(policy.backoff(500)).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void rejectsNonsense() {
        assertThatThrownBy(() -> new RestartPolicy(Duration.ofSeconds(5), Duration.ofSeconds(1), 3)).hasMessageContaining("backoff");
        assertThatThrownBy(() -> new RestartPolicy(Duration.ofSeconds(1), Duration.ofSeconds(5), 0)).hasMessageContaining("downAfter");
    }

    @Test
    void specNamesBecomeLogFileNamesSoTheyAreChecked() {
        assertThatThrownBy(() -> ChildProcessSpec.of("../evil", java.util.List.of("true"), java.nio.file.Path.of("."),
                java.nio.file.Path.of("x.log"))).hasMessageContaining("../evil");
        assertThatThrownBy(() -> ChildProcessSpec.of("ok", java.util.List.of(), java.nio.file.Path.of("."),
                java.nio.file.Path.of("x.log"))).hasMessageContaining("empty");
    }
}
