package io.helklab.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
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

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private PrintStream originalOut;
    private PrintStream originalErr;

    @BeforeEach
    void capture() {
        originalOut = System.out;
        originalErr = System.err;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restore() {
        System.setOut(originalOut);
        System.setErr(originalErr);
    }

    @Test
    void checkCountsByStatusAndReasonAndFailsOnlyOnErrors(@TempDir Path rules) throws Exception {
        Files.writeString(rules.resolve("good.yml"), GOOD);
        Files.writeString(rules.resolve("later.yml"), GOOD.replace("000000000001", "000000000002")
                .replace("process_creation", "file_access"));
        assertThat(LauncherCommand.commandLine().execute("rules", "check", rules.toString())).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("2 rules: 1 active, 0 disabled, 1 unsupported, 0 error");

        Files.writeString(rules.resolve("broken.yml"), "title: [unclosed\n");
        out.reset();
        assertThat(LauncherCommand.commandLine().execute("rules", "check", rules.toString())).isEqualTo(1);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("1 error", "error:", "broken.yml");
    }

    @Test
    void testWithoutARunningApplianceSaysHowToStartOne(@TempDir Path home) throws Exception {
        Path rule = Files.writeString(home.resolve("rule.yml"), GOOD);
        assertThat(LauncherCommand.commandLine().execute("rules", "test", rule.toString(), "--home", home.toString()))
                .isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("No HELK lab is running on", "java -jar helk-lab.jar");
    }
}
