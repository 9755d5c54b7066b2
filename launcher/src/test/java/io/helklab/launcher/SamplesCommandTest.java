package io.helklab.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.helklab.samples.SampleCatalog;
import io.helklab.samples.Scenario;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The {@code samples} commands' answers to bad input; loading itself is covered by the appliance's SamplesIT. */
class SamplesCommandTest {
    @RegisterExtension
    final CapturedOutput output = new CapturedOutput();

    private int run(String... args) {
        return LauncherCommand.commandLine().execute(args);
    }

    @Test
    void listShowsEveryScenarioWithItsTechniques() {
        assertThat(run("samples", "list")).isZero();
        String listing = output.out();
        for (Scenario scenario : SampleCatalog.builtIn()) {
            assertThat(listing).contains(scenario.name(), scenario.attack().get(0).id());
        }
    }

    @Test
    void anUnknownScenarioListsTheValidNames(@TempDir Path home) {
        assertThat(run("samples", "load", "lsass", "--home", home.toString())).isEqualTo(2);
        assertThat(output.err())
                .contains("No sample scenario named 'lsass'", "lsass-credential-dumping", "periodic-beaconing");
    }

    @Test
    void loadWithoutARunningApplianceSaysHowToStartOne(@TempDir Path home) {
        assertThat(run("samples", "load", "all", "--home", home.toString())).isEqualTo(1);
        assertThat(output.err())
                .contains("No HELK lab is running on " + home, "java -jar helk-lab.jar --home " + home);
    }

    @Test
    void verifyWithoutARunningApplianceSaysHowToStartOne(@TempDir Path home) {
        assertThat(run("samples", "verify", "--home", home.toString())).isEqualTo(1);
        assertThat(output.err()).contains("No HELK lab is running on " + home);
    }

    @Test
    void verifyAgainstAReadyFileWhosePidIsAliveButNoApplianceSaysSo(@TempDir Path home) throws Exception {
        // A crashed appliance leaves its ready file behind; its pid may then belong to any process, here this JVM.
        Path run = java.nio.file.Files.createDirectories(home.resolve("run"));
        java.nio.file.Files.writeString(run.resolve("ready.json"), "{\"pid\": " + ProcessHandle.current().pid()
                + ", \"http\": \"http://127.0.0.1:9/\", \"elasticsearch\": \"http://127.0.0.1:9\","
                + " \"kafka\": \"127.0.0.1:9\"}");
        java.nio.file.Files.writeString(run.resolve("helk-lab.lock"), "");

        assertThat(run("samples", "verify", "--home", home.toString())).isEqualTo(1);

        String error = output.err();
        assertThat(error).doesNotContain("null")
                .contains("No HELK lab is running on " + home, "pid " + ProcessHandle.current().pid(),
                        "is not a HELK lab", "java -jar helk-lab.jar --home " + home);
    }
}
