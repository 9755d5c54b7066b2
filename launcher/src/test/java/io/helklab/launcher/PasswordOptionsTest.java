package io.helklab.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Where the appliance password comes from, and that it never travels on the relaunched JVM's command line. */
class PasswordOptionsTest {

    private static ApplianceOptions parse(String... args) {
        LauncherCommand command = new LauncherCommand();
        new CommandLine(command).parseArgs(args);
        return command.options;
    }

    @Test
    void aPasswordFileGivesItsFirstLine(@TempDir Path directory) throws Exception {
        Path file = Files.writeString(directory.resolve("password"), "classroom-secret\nignored\n");

        assertThat(parse("--password-file", file.toString()).password(Map.of())).isEqualTo("classroom-secret");
        assertThat(parse("--password-file", file.toString()).warnings()).isEmpty();
    }

    @Test
    void theEnvironmentGivesItWhenNoFlagDoes() {
        assertThat(parse().password(Map.of("HELK_LAB_PASSWORD", "from-the-environment")))
                .isEqualTo("from-the-environment");
        assertThat(parse().password(Map.of())).isNull();
    }

    @Test
    void thePasswordFlagStillWorksButWarns() {
        ApplianceOptions options = parse("--password", "visible-in-ps");
        assertThat(options.password(Map.of("HELK_LAB_PASSWORD", "other"))).isEqualTo("visible-in-ps");
        assertThat(options.warnings()).singleElement().asString().contains("ps", "--password-file", "HELK_LAB_PASSWORD");
    }

    @Test
    void aMissingOrEmptyFileOrBothFlagsAreClearErrors(@TempDir Path directory) throws Exception {
        Path missing = directory.resolve("missing");
        assertThatThrownBy(() -> parse("--password-file", missing.toString()).password(Map.of()))
                .hasMessageContaining(missing.toString()).hasMessageContaining("first line");
        Path empty = Files.writeString(directory.resolve("empty"), "");
        assertThatThrownBy(() -> parse("--password-file", empty.toString()).password(Map.of()))
                .hasMessageContaining("is empty");
        assertThatThrownBy(() -> parse("--password-file", empty.toString(), "--password", "x").password(Map.of()))
                .hasMessageContaining("not both");
    }

    @Test
    void theRelaunchedJvmGetsThePasswordThroughItsEnvironmentNotItsArguments() {
        RelaunchArguments spaced = RelaunchArguments.of(new String[] {"--home", "/tmp/h", "--password", "s3cret-pass",
                "--bind", "0.0.0.0"});
        assertThat(spaced.arguments()).containsExactly("--home", "/tmp/h", "--bind", "0.0.0.0");
        assertThat(spaced.environment()).containsExactly(Map.entry("HELK_LAB_PASSWORD", "s3cret-pass"));

        RelaunchArguments joined = RelaunchArguments.of(new String[] {"--password=s3cret-pass"});
        assertThat(joined.arguments()).isEmpty();
        assertThat(joined.environment()).containsEntry("HELK_LAB_PASSWORD", "s3cret-pass");

        assertThat(RelaunchArguments.of(new String[] {"--password-file", "/run/secret"}).arguments())
                .isEqualTo(List.of("--password-file", "/run/secret"));
    }
}
