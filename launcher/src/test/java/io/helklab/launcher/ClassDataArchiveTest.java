package io.helklab.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ClassDataArchiveTest {

    @Test
    void theRelaunchedJvmGetsTheStartUpJitThresholds() {
        assertThat(ClassDataArchive.jitFlags(List.of("-Xmx2g", "-Dfoo=bar"))).isEqualTo(ClassDataArchive.JIT_FLAGS)
                .anyMatch(flag -> flag.startsWith("-XX:Tier4InvocationThreshold="));
    }

    @Test
    void jitFlagsTheUserChoseWin() {
        for (String own : List.of("-XX:TieredStopAtLevel=1", "-XX:Tier4InvocationThreshold=1000", "-XX:-TieredCompilation",
                "-XX:CompileThresholdScaling=0.5", "-Xint")) {
            assertThat(ClassDataArchive.jitFlags(List.of("-Xmx2g", own))).as(own).isEmpty();
        }
    }
}
