package io.helklab.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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

    @Test
    void aJvmThatCanCreatesItsOwnArchiveInTheHome(@TempDir Path home) {
        Path archive = ClassDataArchive.automaticArchive(home, Path.of("/opt/helk-lab.jar"));
        assertThat(archive.getParent()).isEqualTo(home.resolve("cache"));
        assertThat(ClassDataArchive.createdFlags(25, archive))
                .containsExactly("-XX:+AutoCreateSharedArchive", "-XX:SharedArchiveFile=" + archive);
        assertThat(home.resolve("cache")).isDirectory();
        assertThat(ClassDataArchive.createdFlags(17, archive)).as("JDK 17 cannot").isEmpty();
    }
}
