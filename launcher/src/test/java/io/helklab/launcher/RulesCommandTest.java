package io.helklab.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code helk-lab rules check} offline, and {@code rules test}'s answer when no appliance runs. */
class RulesCommandTest {
    private static final String GOOD = """
            title: Whoami
            id: 7d3b2c1e-0000-4000-8000-000000000001
            logsource: {product: windows, category: process_creation}
            detection:
              selection: {Image|endswith: '\\\\whoami.exe'}
              condition: selection
            level: low
            """;

    @RegisterExtension
    final CapturedOutput output = new CapturedOutput();

    @Test
    void checkCountsByStatusAndReasonAndFailsOnlyOnErrors(@TempDir Path rules) throws Exception {
        Files.writeString(rules.resolve("good.yml"), GOOD);
        Files.writeString(rules.resolve("later.yml"), GOOD.replace("000000000001", "000000000002")
                .replace("process_creation", "file_access"));
        assertThat(LauncherCommand.commandLine().execute("rules", "check", rules.toString())).isZero();
        assertThat(output.out()).contains("2 rules: 1 active, 0 disabled, 1 unsupported, 0 error");

        Files.writeString(rules.resolve("broken.yml"), "title: [unclosed\n");
        output.resetOut();
        assertThat(LauncherCommand.commandLine().execute("rules", "check", rules.toString())).isEqualTo(1);
        assertThat(output.out()).contains("1 error", "error:", "broken.yml");
    }

    @Test
    void testWithoutARunningApplianceSaysHowToStartOne(@TempDir Path home) throws Exception {
        Path rule = Files.writeString(home.resolve("rule.yml"), GOOD);
        assertThat(LauncherCommand.commandLine().execute("rules", "test", rule.toString(), "--home", home.toString()))
                .isEqualTo(1);
        assertThat(output.err()).contains("No HELK lab is running on", "java -jar helk-lab.jar");
    }
}
